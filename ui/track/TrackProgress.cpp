#include "TrackProgress.h"

#include <QSettings>

namespace qonsul::ui {

namespace {

const char *const doneKey = "track/done";
const char *const currentKey = "track/current";
const char *const shownKey = "track/shown";

} // namespace

TrackProgress::TrackProgress(QObject *parent) : QObject(parent)
{
    const QSettings settings;
    const QStringList done = settings.value(QLatin1String(doneKey)).toStringList();
    m_done = QSet<QString>(done.cbegin(), done.cend());
    m_current = settings.value(QLatin1String(currentKey)).toString();
}

void TrackProgress::setDone(const QString &stepId, bool done)
{
    if (m_done.contains(stepId) == done)
        return;
    if (done)
        m_done.insert(stepId);
    else
        m_done.remove(stepId);
    save();
    Q_EMIT changed();
}

void TrackProgress::setCurrentStep(const QString &stepId)
{
    if (m_current == stepId)
        return;
    m_current = stepId;
    save();
}

void TrackProgress::resetAll()
{
    m_done.clear();
    save();
    Q_EMIT changed();
}

void TrackProgress::save() const
{
    QSettings settings;
    QStringList done(m_done.cbegin(), m_done.cend());
    done.sort();
    settings.setValue(QLatin1String(doneKey), done);
    settings.setValue(QLatin1String(currentKey), m_current);
}

bool TrackProgress::wasShown()
{
    return QSettings().value(QLatin1String(shownKey), false).toBool();
}

void TrackProgress::markShown()
{
    QSettings().setValue(QLatin1String(shownKey), true);
}

} // namespace qonsul::ui

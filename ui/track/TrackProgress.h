#pragma once
// How far a learner got through the track, kept in QSettings ("track/…"): which steps passed
// their check, the step open last, and whether the track was shown once (the first run opens
// it).

#include <QObject>
#include <QSet>
#include <QString>

namespace qonsul::ui {

class TrackProgress : public QObject
{
    Q_OBJECT
public:
    explicit TrackProgress(QObject *parent = nullptr);

    bool isDone(const QString &stepId) const { return m_done.contains(stepId); }
    int doneCount() const { return int(m_done.size()); }
    void setDone(const QString &stepId, bool done);
    QString currentStep() const { return m_current; }
    void setCurrentStep(const QString &stepId);
    // Forgets every step's result (the steps' agents keep running).
    void resetAll();

    // False until the window has shown the track once: the first run starts there.
    static bool wasShown();
    static void markShown();

Q_SIGNALS:
    void changed();

private:
    void save() const;

    QSet<QString> m_done;
    QString m_current;
};

} // namespace qonsul::ui

#include "services/FirstServiceHint.h"

#include <QDir>
#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace qonsul::ui {

FirstServiceHint::FirstServiceHint(QWidget *parent)
    : TintedPanel(Tint::Info, parent), m_text(new QLabel(this)),
      m_write(new QPushButton(tr("Write the Tutorial's web.json"), this))
{
    setObjectName(QStringLiteral("firstServiceHint"));
    m_text->setObjectName(QStringLiteral("firstServiceHintText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_write->setObjectName(QStringLiteral("writeTutorialService"));
    connect(m_write, &QPushButton::clicked, this, &FirstServiceHint::writeTutorialService);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_write, 0, Qt::AlignVCenter);
    setConfigDir(QString(), {});
    hide();
}

QByteArray FirstServiceHint::tutorialWebJson()
{
    return QByteArrayLiteral(R"({"service": {"name": "web", "tags": ["rails"], "port": 80}})"
                             "\n");
}

void FirstServiceHint::setConfigDir(const QString &configDir, std::function<void()> reload)
{
    m_configDir = configDir;
    m_reload = std::move(reload);
    m_write->setVisible(!configDir.isEmpty());
    m_write->setToolTip(configDir.isEmpty()
                            ? QString()
                            : tr("Writes %1 and reloads the agent")
                                  .arg(QDir(configDir).filePath(QStringLiteral("web.json"))));
    if (configDir.isEmpty())
        m_text->setText(tr("<b>Next step: a service of your own.</b> Register one from a "
                           "terminal: <code>qonsul services register -name web -port 80</code>; "
                           "it shows up here at once."));
    else
        m_text->setText(tr("<b>Next step: a service of your own.</b> Drop a service definition "
                           "into <code>%1</code> and press <b>Reload</b> on the Agent page, as "
                           "the tutorial's step 3 does with <code>web.json</code>.")
                            .arg(configDir.toHtmlEscaped()));
}

void FirstServiceHint::followServices(const QStringList &serviceNames)
{
    bool onlyConsul = true;
    for (const QString &name : serviceNames)
        onlyConsul = onlyConsul && name == QLatin1String("consul");
    setVisible(onlyConsul);
}

QString FirstServiceHint::text() const
{
    return m_text->text();
}

void FirstServiceHint::writeTutorialService()
{
    if (m_configDir.isEmpty())
        return;
    QDir().mkpath(m_configDir);
    QFile file(QDir(m_configDir).filePath(QStringLiteral("web.json")));
    // A web.json of the learner's own is theirs: it is read as it is.
    if (!file.exists()) {
        const QByteArray content = tutorialWebJson();
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
            Q_EMIT writeFailed(
                tr("Could not write %1: %2").arg(file.fileName(), file.errorString()));
            return;
        }
        file.close();
    }
    if (m_reload)
        m_reload();
}

} // namespace qonsul::ui

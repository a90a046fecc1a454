#pragma once
// What a learner does next on an agent with no service of their own yet (a dev agent lists only
// "consul"): drop a service definition into the embedded agent's config dir and reload, as the
// tutorial's step 3 does, with a button that writes the tutorial's web.json there and reloads.
// Attached to another agent, it gives the CLI command instead.

#include "common/TintedPanel.h"

#include <functional>

class QLabel;
class QPushButton;

namespace qonsul::ui {

class FirstServiceHint : public TintedPanel
{
    Q_OBJECT
public:
    explicit FirstServiceHint(QWidget *parent = nullptr);

    // `configDir` empty: the app does not run the agent (no files to write); `reload` asks
    // the agent to read its files again.
    void setConfigDir(const QString &configDir, std::function<void()> reload);
    // Shown while `serviceNames` holds nothing but Consul's own service.
    void followServices(const QStringList &serviceNames);
    QString text() const;

    // Step 3's definition, as the tutorial writes it.
    static QByteArray tutorialWebJson();

Q_SIGNALS:
    // Writing the file failed: `error` says why.
    void writeFailed(const QString &error);

private:
    void writeTutorialService();

    QLabel *m_text;
    QPushButton *m_write;
    QString m_configDir;
    std::function<void()> m_reload;
};

} // namespace qonsul::ui

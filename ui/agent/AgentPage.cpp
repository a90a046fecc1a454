#include "agent/AgentPage.h"

#include "agent/LogFilterProxy.h"
#include "agent/LogModel.h"
#include "agent/MemberModel.h"
#include "agent/MonitorFeed.h"
#include "api/AgentApi.h"
#include "api/ApiClient.h"
#include "common/Advice.h"
#include "common/Confirmation.h"
#include "common/ErrorBanner.h"
#include "common/OpenExternally.h"
#include "common/PageHeader.h"
#include "common/QuietLabel.h"
#include "common/TableViews.h"
#include "connection/AgentConnection.h"
#include "connection/EmbeddedAgent.h"

#include <QComboBox>
#include <QDir>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

namespace qonsul::ui {

AgentPage::AgentPage(AgentConnection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_embedded(connection->embeddedAgent()),
      m_usingEmbedded(connection->mode() == AgentConnection::Mode::Embedded),
      m_client(new ApiClient(connection->apiConfig(), this)), m_members(new MemberModel(this)),
      m_log(new LogModel(this)), m_logFilter(new LogFilterProxy(this)),
      m_error(new ErrorBanner(this)), m_reload(new QPushButton(tr("Reload"), this)),
      m_reloadStatus(new QLabel(this)), m_reloadError(new ErrorBanner(this)),
      m_level(new QComboBox(this)), m_logSearch(new QLineEdit(this)), m_logStatus(new QLabel(this)),
      m_logView(new QListView(this))
{
    setObjectName(QStringLiteral("agentPage"));
    m_reload->setObjectName(QStringLiteral("agentReload"));
    m_reload->setToolTip(tr("Re-read the agent's configuration files (qonsul reload)"));
    m_reloadStatus->setObjectName(QStringLiteral("agentReloadStatus"));
    // A reload or start error can name a file and quote a line: it wraps in a banner of its
    // own, where a one-line label beside Reload would widen the window past the screen.
    m_reloadError->setObjectName(QStringLiteral("agentReloadError"));

    QTableView *memberView =
        sortedTable(m_members, QStringLiteral("memberTable"), MemberModel::Node, this);
    memberView->horizontalHeader()->setDefaultSectionSize(120);

    m_level->setObjectName(QStringLiteral("logLevel"));
    for (LogLevel level :
         {LogLevel::Trace, LogLevel::Debug, LogLevel::Info, LogLevel::Warn, LogLevel::Error})
        m_level->addItem(QString::fromLatin1(logLevelName(level)), int(level));
    m_level->setCurrentIndex(1);
    m_logSearch->setObjectName(QStringLiteral("logSearch"));
    m_logSearch->setPlaceholderText(tr("Filter log lines"));
    m_logSearch->setClearButtonEnabled(true);
    m_logStatus->setObjectName(QStringLiteral("logStatus"));
    m_logStatus->setWordWrap(true);
    m_logStatus->hide();

    m_logFilter->setSourceModel(m_log);
    m_logFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_logFilter->setMinimumLevel(LogLevel::Debug);
    m_logView->setObjectName(QStringLiteral("logView"));
    m_logView->setModel(m_logFilter);
    m_logView->setUniformItemSizes(true);
    m_logView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    connect(m_level, &QComboBox::currentIndexChanged, this, [this] {
        const LogLevel level = LogLevel(m_level->currentData().toInt());
        m_logFilter->setMinimumLevel(level);
        if (m_monitor)
            m_monitor->setLevel(level); // the agent sends only what is asked for
    });
    connect(m_logSearch, &QLineEdit::textChanged, m_logFilter,
            &QSortFilterProxyModel::setFilterFixedString);

    auto *top = new QHBoxLayout;
    top->addWidget(new PageHeader(tr("Agent"), this));
    top->addStretch(1);
    top->addWidget(m_reloadStatus);
    top->addWidget(m_reload);

    auto *membersBox = new QWidget(this);
    auto *membersLayout = new QVBoxLayout(membersBox);
    membersLayout->setContentsMargins(0, 0, 0, 0);
    membersLayout->addWidget(new QLabel(tr("<b>Members</b>"), this));
    membersLayout->addWidget(memberView);

    auto *logBox = new QWidget(this);
    auto *logLayout = new QVBoxLayout(logBox);
    logLayout->setContentsMargins(0, 0, 0, 0);
    auto *logBar = new QHBoxLayout;
    logBar->addWidget(new QLabel(tr("<b>Log</b>"), this));
    logBar->addStretch(1);
    logBar->addWidget(new QLabel(tr("Level"), this));
    logBar->addWidget(m_level);
    logBar->addWidget(m_logSearch, 1);
    logLayout->addLayout(logBar);
    logLayout->addWidget(m_logStatus);
    logLayout->addWidget(m_logView, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(membersBox);
    splitter->addWidget(logBox);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_error);
    layout->addWidget(m_reloadError);
    if (m_embedded) {
        m_restartNotice = new ErrorBanner(this);
        m_restartNotice->setObjectName(QStringLiteral("agentRestartNotice"));
        layout->addWidget(m_restartNotice);
        layout->addWidget(createEmbeddedBox());
    }
    layout->addWidget(splitter, 1);

    connect(m_reload, &QPushButton::clicked, this, &AgentPage::reload);

    if (m_usingEmbedded && m_embedded)
        followEmbeddedLog(m_embedded);
    else
        followMonitor(connection->apiConfig());
    refreshMembers();
}

QWidget *AgentPage::createEmbeddedBox()
{
    auto *box = new QGroupBox(tr("Embedded dev agent"), this);
    box->setObjectName(QStringLiteral("embeddedAgentBox"));
    m_embeddedBox = box;
    m_embeddedState = new QLabel(box);
    m_embeddedState->setObjectName(QStringLiteral("embeddedState"));
    m_embeddedState->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_embeddedState->setWordWrap(true);
    m_start = new QPushButton(tr("Start"), box);
    m_start->setObjectName(QStringLiteral("embeddedStart"));
    m_stop = new QPushButton(tr("Stop"), box);
    m_stop->setObjectName(QStringLiteral("embeddedStop"));
    m_stop->setToolTip(tr("A dev agent keeps its data in memory: Stop asks whether to keep "
                          "the keys, services and checks registered through the API"));
    m_restart = new QPushButton(tr("Restart"), box);
    m_restart->setObjectName(QStringLiteral("embeddedRestart"));
    auto *open = new QPushButton(tr("Open in File Manager"), box);
    open->setObjectName(QStringLiteral("openConfigDir"));
    open->setToolTip(tr("Put service definitions (JSON or HCL) there, then press Reload"));
    open->setEnabled(!configDir().isEmpty());
    connect(open, &QPushButton::clicked, this, [this] {
        QDir().mkpath(configDir());
        openExternally(this, QUrl::fromLocalFile(configDir()));
    });
    connect(m_start, &QPushButton::clicked, this, &AgentPage::startEmbedded);
    connect(m_stop, &QPushButton::clicked, this, &AgentPage::stopEmbedded);
    connect(m_restart, &QPushButton::clicked, this, &AgentPage::restartEmbedded);
    connect(m_embedded, &EmbeddedAgent::started, this, &AgentPage::updateEmbeddedControls);
    connect(m_embedded, &EmbeddedAgent::stopped, this, &AgentPage::updateEmbeddedControls);
    // A stopped agent is no member any more: asking again clears the list (the read fails).
    connect(m_embedded, &EmbeddedAgent::stopped, this, [this] {
        if (m_usingEmbedded)
            refreshMembers();
    });
    connect(m_embedded, &EmbeddedAgent::restartOnlyChangesChanged, this,
            &AgentPage::updateEmbeddedControls);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_embeddedState, 1);
    controls->addWidget(open);
    controls->addWidget(m_start);
    controls->addWidget(m_stop);
    controls->addWidget(m_restart);
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(controls);
    layout->addLayout(createScriptChecksSetting(box));
    updateEmbeddedControls();
    return box;
}

QLayout *AgentPage::createScriptChecksSetting(QWidget *box)
{
    using ScriptChecks = EmbeddedAgent::ScriptChecks;
    m_scriptChecks = new QComboBox(box);
    m_scriptChecks->setObjectName(QStringLiteral("scriptChecksSetting"));
    m_scriptChecks->addItem(tr("Refused (Consul's default)"), int(ScriptChecks::Refused));
    m_scriptChecks->addItem(tr("Allowed in config files (enable_local_script_checks)"),
                            int(ScriptChecks::ConfigFilesOnly));
    m_scriptChecks->addItem(tr("Allowed in config files and the HTTP API (enable_script_checks)"),
                            int(ScriptChecks::ConfigFilesAndApi));
    auto *label = new QLabel(tr("&Script checks:"), box);
    label->setBuddy(m_scriptChecks);
    m_scriptChecksRisk = new QuietLabel(QString(), box);
    m_scriptChecksRisk->setObjectName(QStringLiteral("scriptChecksRisk"));
    m_scriptChecksRisk->setWordWrap(true);
    connect(m_scriptChecks, &QComboBox::activated, this, [this] {
        const auto allowed = ScriptChecks(m_scriptChecks->currentData().toInt());
        QSettings().setValue(QLatin1String(scriptChecksSettingKey), int(allowed));
        m_embedded->setScriptChecksAtLeast(allowed); // the restart notice follows
        updateEmbeddedControls();
    });
    auto *row = new QHBoxLayout;
    row->addWidget(label);
    row->addWidget(m_scriptChecks);
    row->addWidget(m_scriptChecksRisk, 1);
    return row;
}

QString AgentPage::configDir() const
{
    return m_embedded ? m_embedded->configDir() : QString();
}

void AgentPage::updateEmbeddedControls()
{
    if (!m_embedded || !m_embeddedState)
        return;
    // Attached to another agent, the embedded one's controls and config dir do not apply to
    // what this page shows (File ▸ Use Embedded Agent comes back to it).
    m_embeddedBox->setVisible(m_usingEmbedded);
    const bool running = m_embedded->isRunning();
    const QString dir = configDir();
    QString state = running ? tr("Running: a dev agent, which keeps its data in memory (Stop "
                                 "and Restart offer to keep it)")
                            : tr("Stopped");
    if (!running && !m_embedded->keptData().isEmpty())
        state += tr(" — kept for the next Start: %1").arg(m_embedded->keptData().describe());
    if (!m_usingEmbedded)
        state += tr(" — the app is attached to %1; its controls are for the embedded agent "
                    "only (File ▸ Use Embedded Agent).")
                     .arg(m_connection->apiConfig().address.toHtmlEscaped());
    state += QStringLiteral("<br>") +
             (dir.isEmpty() ? tr("No config dir.")
                            : tr("Config dir: <code>%1</code>").arg(dir.toHtmlEscaped()));
    m_embeddedState->setText(state);
    // The setting, or more when a flag or file allows more.
    const auto allowed = std::max(m_embedded->scriptChecks(), m_embedded->scriptChecksAtLeast());
    m_scriptChecks->setCurrentIndex(m_scriptChecks->findData(int(allowed)));
    QString risk = tr("A script check runs a command on this machine. Consul refuses them "
                      "unless told otherwise: with the HTTP API allowed, anyone who can reach "
                      "the agent's port can run any program here (remote code execution). The "
                      "tutorial's ping.json and web.json need config files only.");
    if (m_embedded->scriptChecks() > m_embedded->scriptChecksAtLeast())
        risk += tr(" A flag or config file of this agent allows as much as shown.");
    m_scriptChecksRisk->setText(risk);
    m_start->setEnabled(m_usingEmbedded && !running);
    m_stop->setEnabled(m_usingEmbedded && running);
    m_restart->setEnabled(m_usingEmbedded && running);
    const QStringList pending = m_embedded->restartOnlyChanges();
    if (m_usingEmbedded && running && !pending.isEmpty())
        m_restartNotice->showError(
            (pending.size() == 1 ? tr("%1 only takes effect when the agent starts")
                                 : tr("%1 only take effect when the agent starts"))
                .arg(pending.join(QStringLiteral(", "))),
            tr("Press <b>Restart</b> to apply %1. A dev agent keeps its data in memory: "
               "Restart offers to keep the keys, services and checks registered through the "
               "API.")
                .arg(pending.size() == 1 ? tr("it") : tr("them")));
    else
        m_restartNotice->clear();
}

void AgentPage::startEmbedded()
{
    if (!m_embedded || !m_usingEmbedded)
        return;
    m_reloadStatus->setText(tr("Starting…"));
    m_reloadError->clear();
    const Expected<quint16> started = m_embedded->start();
    // On success the window rebuilds its pages against the fresh agent (this one included).
    m_reloadStatus->setText(started ? QString() : tr("Start failed"));
    if (!started)
        m_reloadError->showError(tr("The embedded agent did not start: %1").arg(started.error()),
                                 tr("Fix what it names in the config dir, then press Start."));
}

void AgentPage::stopEmbedded()
{
    if (!m_embedded || !m_usingEmbedded || !m_embedded->isRunning())
        return;
    const HeldData held = m_embedded->heldData();
    if (held.isEmpty())
        return stopEmbeddedNow(EmbeddedAgent::OnStop::ForgetData);
    askToKeepOrForget(
        this, QStringLiteral("embeddedStopConfirm"), tr("Stop the embedded agent"),
        tr("The embedded agent is a dev agent: it keeps its data in memory, and stopping it "
           "forgets %1 registered since it started.<br><br>Keep them, to be registered again "
           "when you press Start? (They stay in this app's memory until then; quitting forgets "
           "them.)")
            .arg(held.describe()),
        tr("Keep for Next Start"), tr("Stop and Forget"),
        [this] { stopEmbeddedNow(EmbeddedAgent::OnStop::KeepForNextStart); },
        [this] { stopEmbeddedNow(EmbeddedAgent::OnStop::ForgetData); });
}

void AgentPage::stopEmbeddedNow(EmbeddedAgent::OnStop data)
{
    if (!m_embedded || !m_embedded->isRunning())
        return;
    m_embedded->stop(data);
    m_reloadStatus->setText(tr("Stopped"));
}

void AgentPage::restartEmbedded()
{
    if (!m_embedded || !m_usingEmbedded || !m_embedded->isRunning())
        return;
    const HeldData held = m_embedded->heldData();
    const auto restart = [this](EmbeddedAgent::OnStop data) {
        stopEmbeddedNow(data);
        startEmbedded();
    };
    if (held.isEmpty())
        return restart(EmbeddedAgent::OnStop::ForgetData);
    askToKeepOrForget(
        this, QStringLiteral("embeddedRestartConfirm"), tr("Restart the embedded agent"),
        tr("The embedded agent is a dev agent: it keeps its data in memory, and a "
           "restart would forget %1 registered since it started.<br><br>Keep "
           "them? The new agent registers them again (locks are released and "
           "checks start over).")
            .arg(held.describe()),
        tr("Keep Them"), tr("Restart and Forget"),
        [restart] { restart(EmbeddedAgent::OnStop::KeepForNextStart); },
        [restart] { restart(EmbeddedAgent::OnStop::ForgetData); });
}

void AgentPage::focusFilter()
{
    m_logSearch->setFocus(Qt::ShortcutFocusReason);
    m_logSearch->selectAll();
}

void AgentPage::followEmbeddedLog(EmbeddedAgent *embedded)
{
    for (const LogLine &line : embedded->backlog())
        m_log->append(line.level, line.text);
    connect(embedded, &EmbeddedAgent::lineLogged, this, &AgentPage::appendLine);
    m_logView->scrollToBottom();
}

void AgentPage::followMonitor(const ApiConfig &config)
{
    m_monitor = new MonitorFeed(config, this);
    m_monitor->setLevel(LogLevel(m_level->currentData().toInt()));
    connect(m_monitor, &MonitorFeed::restarted, m_log, &LogModel::clear);
    connect(m_monitor, &MonitorFeed::lineReceived, this, &AgentPage::appendLine);
    connect(m_monitor, &MonitorFeed::opened, this, [this, config] {
        m_logStatus->setText(tr("Streaming the log of %1 (GET /v1/agent/monitor).")
                                 .arg(config.address.toHtmlEscaped()));
        m_logStatus->show();
    });
    connect(m_monitor, &MonitorFeed::interrupted, this, [this](const QString &error, int retryMs) {
        m_logStatus->setText(tr("The log stream stopped: %1. Trying again in %2 s.")
                                 .arg(error.toHtmlEscaped())
                                 .arg(retryMs / 1000.0));
        m_logStatus->show();
    });
    m_monitor->start();
}

void AgentPage::appendLine(LogLevel level, const QString &line)
{
    QScrollBar *bar = m_logView->verticalScrollBar();
    const bool atBottom = bar->value() == bar->maximum();
    m_log->append(level, line);
    if (atBottom)
        m_logView->scrollToBottom();
}

void AgentPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refreshMembers(); // /v1/agent/members does not block: read it whenever the page shows
}

void AgentPage::refreshMembers()
{
    m_client->start(AgentApi::members(), this, [this](const Expected<QList<AgentMember>> &members) {
        if (!members) {
            m_members->setRows({}); // what it said before may no longer be true
            m_error->showError(tr("Could not read the members: %1").arg(members.error()),
                               retryAdvice());
            return;
        }
        m_error->clear();
        m_members->setRows(*members);
    });
}

void AgentPage::reload()
{
    m_reload->setEnabled(false);
    m_reloadStatus->setText(tr("Reloading…"));
    m_client->start(AgentApi::reload(), this, [this](const Expected<Empty> &done) {
        m_reload->setEnabled(true);
        if (done) {
            m_reloadStatus->setText(tr("Configuration reload triggered"));
            m_reloadError->clear();
            refreshMembers();
        } else {
            m_reloadStatus->setText(tr("Reload failed"));
            m_reloadError->showError(
                tr("Reload failed: %1").arg(done.error()),
                tr("The agent keeps its previous configuration. Fix the file it names, then "
                   "press Reload again."));
        }
        Q_EMIT reloadFinished(done.hasValue());
    });
}

} // namespace qonsul::ui

#include "TrackPage.h"

#include "TrackHints.h"
#include "TrackProbeRunner.h"
#include "TrackProcesses.h"
#include "TrackProgress.h"
#include "TrackRunPane.h"
#include "TrackStepView.h"
#include "TrackTerminal.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace qonsul::ui {

namespace {

// How often a step not yet done is checked again while the page shows.
constexpr int recheckMs = 5000;

// "localhost:8500" and "127.0.0.1:8500" are one address.
QString normalAddress(QString address)
{
    address.remove(QStringLiteral("http://"));
    if (address.startsWith(QLatin1String("localhost:")))
        address.replace(0, 9, QStringLiteral("127.0.0.1"));
    return address;
}

} // namespace

TrackPage::TrackPage(TrackEnvironment environment, QWidget *parent)
    : QWidget(parent), m_steps(trackSteps()),
      m_processes(new TrackProcesses(std::move(environment), this)),
      m_probes(new TrackProbeRunner(this)), m_progress(new TrackProgress(this)),
      m_list(new QListWidget(this)), m_resetProgress(new QPushButton(tr("Reset Progress"), this)),
      m_view(new TrackStepView(this)), m_runPane(new TrackRunPane(this)),
      m_resultAndOutput(new QSplitter(Qt::Vertical, this)), m_checkTimer(new QTimer(this)),
      m_line(new QLineEdit(this))
{
    setObjectName(QStringLiteral("trackPage"));
    m_list->setObjectName(QStringLiteral("trackStepList"));
    m_list->setAccessibleName(tr("Steps of the track"));
    m_resetProgress->setObjectName(QStringLiteral("trackResetProgress"));
    m_resetProgress->setToolTip(tr("Forget which steps are done (the agents keep running)"));
    m_checkTimer->setSingleShot(true);
    connect(m_checkTimer, &QTimer::timeout, this, &TrackPage::check);

    auto *heading = new QLabel(tr("<b>Getting Started</b><br>Consul's tutorial, step by step, "
                                  "on this machine"),
                               this);
    heading->setWordWrap(true);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(6, 6, 0, 6);
    leftLayout->addWidget(heading);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(m_resetProgress);
    left->setMinimumWidth(170);
    left->setMaximumWidth(260);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_view);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // A line for commands of one's own (the tutorial's own addresses, a typo): they run like
    // the step's, and get the same hints.
    m_line->setObjectName(QStringLiteral("trackCommandLine"));
    m_line->setPlaceholderText(
        tr("Type a command of your own and press Enter, e.g. consul members"));
    m_line->setAccessibleName(tr("Run a command"));
    connect(m_line, &QLineEdit::returnPressed, this, [this] {
        if (m_line->text().trimmed().isEmpty())
            return;
        runLine(m_line->text());
        m_line->clear();
    });
    // The result takes the room it needs, up to a share of it (fitResult), and the output
    // the rest: a command prints dozens of lines (dig). A drag of the handle is kept.
    m_resultAndOutput->setObjectName(QStringLiteral("trackResultOutputSplitter"));
    m_resultAndOutput->addWidget(m_view->footer());
    m_resultAndOutput->addWidget(m_runPane);
    m_resultAndOutput->setStretchFactor(1, 1);
    m_resultAndOutput->setChildrenCollapsible(false);
    connect(m_resultAndOutput, &QSplitter::splitterMoved, this,
            [this] { m_resultSizedByHand = true; });
    connect(m_view, &TrackStepView::resultChanged, this, &TrackPage::fitResult);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_resultAndOutput, 1);
    bottomLayout->addWidget(m_line);
    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(scroll);
    right->addWidget(bottom);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    right->setSizes({330, 390});
    right->setChildrenCollapsible(false);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    for (int i = 0; i < m_steps.size(); ++i)
        new QListWidgetItem(m_list);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0 || row >= m_steps.size() || row == m_current)
            return;
        m_current = row;
        m_progress->setCurrentStep(m_steps.at(row).id);
        m_view->setStep(row + 1, m_steps.at(row), m_processes->environment());
        // What is in place already, and what is missing, as soon as the step shows.
        scheduleCheck(0);
        Q_EMIT routeChanged(QStringLiteral("track/") + m_steps.at(row).id);
    });
    connect(m_progress, &TrackProgress::changed, this, &TrackPage::refreshList);
    connect(m_resetProgress, &QPushButton::clicked, this, &TrackPage::resetProgress);

    connect(m_view, &TrackStepView::runRequested, this, &TrackPage::runCommand);
    connect(m_view, &TrackStepView::checkRequested, this, &TrackPage::check);
    connect(m_view, &TrackStepView::resetRequested, this, &TrackPage::resetStep);
    connect(m_view, &TrackStepView::terminalRequested, this, &TrackPage::openTerminal);
    connect(m_view, &TrackStepView::showRequested, this, &TrackPage::showPlace);
    connect(m_view, &TrackStepView::stopEmbeddedAgentRequested, this,
            &TrackPage::stopEmbeddedAgentRequested);

    connect(m_processes, &TrackProcesses::started, this,
            [this](int run, const QString &commandLine) {
                m_runPane->follow(run, commandLine, QString());
                fitResult();
            });
    connect(m_processes, &TrackProcesses::printed, m_runPane, &TrackRunPane::append);
    connect(m_processes, &TrackProcesses::finished, this, &TrackPage::onRunFinished);
    connect(m_processes, &TrackProcesses::runningChanged, this,
            [this] { m_runPane->setRunning(m_processes->running()); });
    connect(m_runPane, &TrackRunPane::stopRequested, m_processes, &TrackProcesses::stopRole);
    connect(m_runPane, &TrackRunPane::showRequested, this, [this](const QString &role) {
        const int run = m_processes->runOfRole(role);
        if (run > 0) {
            m_runPane->follow(run, m_processes->commandLine(run), m_processes->output(run));
            fitResult();
        }
    });
    connect(m_probes, &TrackProbeRunner::finished, this, [this](TrackFacts facts) {
        const QString stepId = m_checkingStep;
        // What only the page knows: the track's second window, and where this window is.
        facts.insert(QStringLiteral("window-role"),
                     {m_processes->isRoleRunning(QStringLiteral("window")), 0, {}, {}});
        facts.insert(QStringLiteral("window-attached"),
                     {!m_windowAddress.isEmpty() &&
                          normalAddress(m_windowAddress) ==
                              normalAddress(m_processes->environment().devHttpAddress()),
                      0,
                      {},
                      {}});
        m_lastVerdict = judgeTrackStep(stepId, facts, m_processes->environment());
        ++m_checksDone;
        if (m_lastVerdict.passed()) {
            m_progress->setDone(stepId, true);
            Q_EMIT stepPassed(stepId);
        }
        if (stepId == currentStepId())
            m_view->setVerdict(m_lastVerdict);
        // Until the step is done, look again now and then: what takes a few seconds (a
        // sidecar's check, a join) or happens in a terminal then shows without a click.
        if (!m_lastVerdict.passed() && stepId == currentStepId() && isVisible() &&
            !m_checkTimer->isActive())
            scheduleCheck(recheckMs);
    });

    // The step open last, else the first one not done.
    int start = 0;
    for (int i = 0; i < m_steps.size(); ++i)
        if (m_steps.at(i).id == m_progress->currentStep())
            start = i;
    if (m_progress->currentStep().isEmpty())
        while (start < m_steps.size() - 1 && m_progress->isDone(m_steps.at(start).id))
            ++start;
    m_current = -1;
    refreshList();
    m_list->setCurrentRow(start);
}

TrackPage::~TrackPage() = default;

const TrackStep &TrackPage::current() const
{
    return m_steps.at(std::max(m_current, 0));
}

QString TrackPage::currentStepId() const
{
    return current().id;
}

bool TrackPage::showStep(const QString &stepId)
{
    for (int i = 0; i < m_steps.size(); ++i)
        if (m_steps.at(i).id == stepId) {
            m_list->setCurrentRow(i);
            return true;
        }
    return false;
}

void TrackPage::refreshList()
{
    for (int i = 0; i < m_steps.size(); ++i) {
        const TrackStep &step = m_steps.at(i);
        const bool done = m_progress->isDone(step.id);
        QListWidgetItem *item = m_list->item(i);
        item->setText(QStringLiteral("%1 %2. %3")
                          .arg(done ? QStringLiteral("✓") : QStringLiteral("  "))
                          .arg(i + 1)
                          .arg(step.title));
        // A screen reader says "done" rather than reading out a check mark.
        item->setData(Qt::AccessibleTextRole,
                      done ? tr("Step %1, %2: done").arg(i + 1).arg(step.title)
                           : tr("Step %1, %2").arg(i + 1).arg(step.title));
    }
}

void TrackPage::setEmbeddedAgentAddress(const QString &address)
{
    const bool changed = address != m_embeddedAddress;
    m_embeddedAddress = address;
    m_processes->environment().embeddedAgentOnDevAddress =
        !address.isEmpty() &&
        normalAddress(address) == normalAddress(m_processes->environment().devHttpAddress());
    // Its hints were about the agent that was there.
    if (address.isEmpty())
        m_view->clearCommandHints();
    // A check made while the app's agent was still starting said nothing answers.
    if (changed)
        scheduleCheck(0);
}

int TrackPage::runCommand(int index)
{
    const TrackStep &step = current();
    if (index < 0 || index >= step.commands.size())
        return 0;
    const TrackCommand &command = step.commands.at(index);
    m_view->clearCommandHints();
    const int run = m_processes->start(command);
    m_runStep.insert(run, step.id);
    // A process that keeps running is checked once it had time to start; one that ends is
    // checked when it ends.
    if (command.longRunning())
        scheduleCheck(2500);
    return run;
}

int TrackPage::runLine(const QString &line)
{
    // Under Running while it runs, with its Stop button: it may be an agent.
    TrackCommand command;
    command.text = line;
    command.role = QStringLiteral("typed%1").arg(++m_typed);
    m_view->clearCommandHints();
    const int run = m_processes->start(command);
    m_runStep.insert(run, currentStepId());
    // Checked when it ends, and, as it may be an agent that keeps running, once it had time
    // to start.
    scheduleCheck(2500);
    return run;
}

void TrackPage::setWindowAddress(const QString &address)
{
    m_windowAddress = address;
}

void TrackPage::onRunFinished(int run, int exitCode)
{
    m_runPane->showFinished(run, exitCode);
    const QString stepId = m_runStep.take(run);
    if (stepId.isEmpty())
        return;
    if (const std::optional<TrackHint> hint =
            hintForCommand(m_processes->commandLine(run), exitCode, m_processes->output(run),
                           m_processes->environment());
        hint && stepId == currentStepId())
        m_view->addCommandHint(*hint);
    if (stepId == currentStepId())
        scheduleCheck(300);
}

void TrackPage::scheduleCheck(int delayMs)
{
    m_checkTimer->start(delayMs);
}

void TrackPage::check()
{
    m_checkTimer->stop();
    m_checkingStep = currentStepId();
    m_view->setChecking();
    m_probes->run(trackProbes(m_checkingStep, m_processes->environment()));
}

void TrackPage::resetStep()
{
    const TrackStep step = current();
    for (const QString &role : step.reset.stopRoles)
        m_processes->stopRole(role);
    m_progress->setDone(step.id, false);
    m_view->clearResult();
    auto ensure = [this, step] {
        for (const TrackCommand &command : step.reset.ensure) {
            if (command.longRunning() && m_processes->isRoleRunning(command.role))
                continue;
            m_processes->start(command);
        }
        scheduleCheck(3000);
    };
    if (step.reset.script.isEmpty()) {
        ensure();
        return;
    }
    const int script = m_processes->startScript(step.reset.script);
    auto *connection = new QMetaObject::Connection;
    *connection = connect(m_processes, &TrackProcesses::finished, this,
                          [this, script, ensure, connection](int run, int) {
                              if (run != script)
                                  return;
                              disconnect(*connection);
                              delete connection;
                              ensure();
                          });
}

void TrackPage::resetProgress()
{
    m_progress->resetAll();
    m_view->clearResult();
}

void TrackPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Other pages, or a terminal, may have changed what the step's check finds.
    scheduleCheck(0);
    fitResult();
}

void TrackPage::fitResult()
{
    const QList<int> sizes = m_resultAndOutput->sizes();
    const int total = sizes.value(0) + sizes.value(1);
    if (m_resultSizedByHand || total <= 0)
        return;
    // Before any command the result may have most of the room; after one, the output's lines
    // matter as much.
    const int share = m_runPane->followed() ? total * 2 / 5 : total * 3 / 5;
    QWidget *result = m_view->footer();
    const int least = result->minimumSizeHint().height();
    const int wanted = std::clamp(m_view->footerHeightWanted(), least, std::max(least, share));
    m_resultAndOutput->setSizes({wanted, total - wanted});
}

void TrackPage::openTerminal()
{
    const Expected<qint64> terminal = openTrackTerminal(m_processes->environment());
    if (!terminal)
        m_view->addCommandHint({TrackHint::Kind::NoTerminal, terminal.error().toHtmlEscaped()});
}

void TrackPage::showPlace()
{
    const TrackPlace &place = current().place;
    const TrackEnvironment &environment = m_processes->environment();
    QString address;
    if (place.agent == TrackPlace::Agent::Dev)
        address = environment.devHttpAddress();
    else if (place.agent == TrackPlace::Agent::AgentOne)
        address = environment.n1HttpAddress();
    Q_EMIT showRequested(place.route, address);
}

} // namespace qonsul::ui

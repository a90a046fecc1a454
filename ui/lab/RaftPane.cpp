#include "lab/RaftPane.h"

#include "common/QuietLabel.h"
#include "lab/LabCommandRunner.h"
#include "lab/LabObserver.h"
#include "lab/Playback.h"
#include "lab/RaftScene.h"
#include "lab/RaftView.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QSlider>
#include <QVBoxLayout>

namespace qonsul::ui {

namespace {

// How long a message takes to cross the picture at 1×: long enough to follow by eye.
constexpr int64_t travelMs = 400;
constexpr int scrubSteps = 1000;
// How much of the past the timeline keeps.
constexpr int64_t keptMs = 30 * 60'000;

QPushButton *scenarioButton(const QString &text, const QString &key, const QString &objectName,
                            const QString &tip, QWidget *parent)
{
    auto *b = new QPushButton(QStringLiteral("%1  (%2)").arg(text, key), parent);
    b->setObjectName(objectName);
    b->setToolTip(tip);
    return b;
}

} // namespace

RaftPane::RaftPane(LabObserver *observer, LabCommandRunner *runner, QWidget *parent)
    : QWidget(parent), m_observer(observer), m_runner(runner),
      m_playback(new Playback(m_record.timeline(), this)), m_view(new RaftView(this)),
      m_live(new QPushButton(tr("Live"), this)), m_playPause(new QPushButton(this)),
      m_step(new QPushButton(tr("Step"), this)), m_replay(new QPushButton(tr("Replay"), this)),
      m_speed(new QComboBox(this)), m_scrub(new QSlider(Qt::Horizontal, this)),
      m_time(new QLabel(this)), m_hint(new QuietLabel(QString(), this))
{
    setObjectName(QStringLiteral("raftPane"));
    m_live->setObjectName(QStringLiteral("raftLive"));
    m_live->setToolTip(tr("Follow what happens now"));
    m_playPause->setObjectName(QStringLiteral("raftPlayPause"));
    m_step->setObjectName(QStringLiteral("raftStep"));
    m_step->setToolTip(tr("Pause, then go to the next recorded event"));
    m_replay->setObjectName(QStringLiteral("raftReplay"));
    m_replay->setToolTip(tr("Play again from the first recorded event"));
    m_speed->setObjectName(QStringLiteral("raftSpeed"));
    m_speed->setAccessibleName(tr("Playback speed"));
    for (double speed : {0.1, 0.25, 0.5, 1.0, 2.0})
        m_speed->addItem(QStringLiteral("%1×").arg(speed), speed);
    m_speed->setCurrentIndex(3);
    m_scrub->setObjectName(QStringLiteral("raftScrub"));
    m_scrub->setAccessibleName(tr("Timeline"));
    m_scrub->setRange(0, scrubSteps);
    m_time->setObjectName(QStringLiteral("raftTime"));
    m_time->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("−000.0 s  ")));
    m_hint->setObjectName(QStringLiteral("raftHint"));
    m_hint->setWordWrap(true);

    auto *kill =
        scenarioButton(tr("Kill the Leader"), QStringLiteral("K"), QStringLiteral("raftKillLeader"),
                       tr("SIGKILL the leader: the others elect a new one"), this);
    auto *split =
        scenarioButton(tr("Split the Vote"), QStringLiteral("S"), QStringLiteral("raftSplitVote"),
                       tr("Pause the leader, slow the others, and make them all "
                          "campaign at one moment: nobody wins that term"),
                       this);
    auto *cut = scenarioButton(tr("Cut the Leader Away"), QStringLiteral("C"),
                               QStringLiteral("raftCutLeader"),
                               tr("Partition the leader from every other node"), this);
    auto *write = scenarioButton(tr("Write with a Minority Cut Off"), QStringLiteral("W"),
                                 QStringLiteral("raftMinorityWrite"),
                                 tr("Cut one follower off, then write three keys: the "
                                    "majority commits them, the cut-off log falls behind"),
                                 this);
    const std::pair<QPushButton *, QString (RaftPane::*)()> scenarios[] = {
        {kill, &RaftPane::killLeader},
        {split, &RaftPane::forceSplitVote},
        {cut, &RaftPane::cutLeaderAway},
        {write, &RaftPane::writeWithMinorityCut}};
    const char *keys[] = {"K", "S", "C", "W"};
    int k = 0;
    for (const auto &[b, scenario] : scenarios) {
        const auto run = [this, scenario = scenario] { (this->*scenario)(); };
        connect(b, &QPushButton::clicked, this, run);
        auto *shortcut = new QShortcut(QKeySequence(QLatin1String(keys[k++])), this);
        // While the Raft tab shows (a hidden widget's shortcuts are off), whichever widget
        // has the focus: the tab bar after a click on "Raft", say.
        shortcut->setContext(Qt::WindowShortcut);
        connect(shortcut, &QShortcut::activated, this, run);
    }

    auto *controls = new QHBoxLayout;
    for (QWidget *w : {static_cast<QWidget *>(m_live), static_cast<QWidget *>(m_playPause),
                       static_cast<QWidget *>(m_step), static_cast<QWidget *>(m_replay),
                       static_cast<QWidget *>(m_speed)})
        controls->addWidget(w);
    controls->addWidget(m_scrub, 1);
    controls->addWidget(m_time);
    auto *scenarioRow = new QHBoxLayout;
    scenarioRow->addWidget(new QuietLabel(tr("Scenarios:"), this));
    for (QPushButton *b : {kill, split, cut, write})
        scenarioRow->addWidget(b);
    scenarioRow->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addLayout(controls);
    layout->addLayout(scenarioRow);
    layout->addWidget(m_hint);

    connect(m_live, &QPushButton::clicked, m_playback, &Playback::goLive);
    connect(m_playPause, &QPushButton::clicked, this,
            [this] { m_playback->isPlaying() ? m_playback->pause() : m_playback->play(); });
    connect(m_step, &QPushButton::clicked, m_playback, &Playback::step);
    connect(m_replay, &QPushButton::clicked, m_playback, &Playback::replay);
    connect(m_speed, &QComboBox::currentIndexChanged, this,
            [this] { m_playback->setSpeed(m_speed->currentData().toDouble()); });
    connect(m_scrub, &QSlider::valueChanged, this, [this](int value) {
        if (!m_scrub->isSliderDown() && !m_scrub->hasFocus())
            return; // moved by redraw(), not by the learner
        const int64_t first = m_record.firstTimeMs();
        const int64_t last = m_playback->liveMs();
        if (first <= 0 || last <= first)
            return;
        m_playback->seek(first + (last - first) * value / scrubSteps);
    });
    connect(m_playback, &Playback::moved, this, &RaftPane::redraw);
    connect(m_observer, &LabObserver::raftAnswered, this, &RaftPane::onAnswered);
    connect(m_observer, &LabObserver::changed, this, &RaftPane::onLabChanged);
    redraw();
}

void RaftPane::onAnswered(const QString &node, qint64 pid, const QJsonObject &answer)
{
    const int64_t now = QDateTime::currentMSecsSinceEpoch();
    m_record.ingest(node, pid, answer, now);
    // Half an hour of a busy lab is some 15 MiB; older moments go.
    if (now - m_record.firstTimeMs() > keptMs + 60'000)
        m_record.dropBefore(now - keptMs);
}

void RaftPane::onLabChanged()
{
    const int64_t now = QDateTime::currentMSecsSinceEpoch();
    for (const LabNodeStatus &n : m_observer->nodes())
        if (n.node.server)
            m_record.noteProcess(n.node.name, n.process, now);
}

void RaftPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    redraw();
}

void RaftPane::redraw()
{
    // The clock ticks 30 times a second; a hidden tab draws nothing.
    if (!isVisible())
        return;
    const int64_t cursor = m_playback->cursorMs();
    RaftScene scene = raftSceneAt(m_record, cursor, travelMs);
    const int64_t behind = m_playback->liveMs() - cursor;
    const QString when =
        m_playback->isLive() ? tr("live") : tr("%1 s ago").arg(double(behind) / 1000.0, 0, 'f', 1);
    QString leader;
    uint64_t term = 0;
    for (const RaftSceneNode &n : scene.nodes)
        if (n.known && n.role == RaftRole::Leader && n.process == ProcessState::Running &&
            n.term >= term) {
            leader = n.name;
            term = n.term;
        }
    const QString caption =
        scene.nodes.empty()
            ? tr("No servers recorded yet: start a lab.")
            : tr("%1 · %2 · %3 messages in flight")
                  .arg(when, leader.isEmpty() ? tr("no leader")
                                              : tr("leader %1, term %2").arg(leader).arg(term))
                  .arg(scene.messages.size());
    m_view->setScene(std::move(scene), caption);
    m_time->setText(m_playback->isLive() ? tr("live") : when);
    m_playPause->setText(m_playback->isPlaying() ? tr("Pause") : tr("Play"));
    m_live->setEnabled(!m_playback->isLive());
    if (!m_scrub->isSliderDown() && !m_scrub->hasFocus()) {
        const int64_t first = m_record.firstTimeMs();
        const int64_t last = m_playback->liveMs();
        const QSignalBlocker quiet(m_scrub);
        m_scrub->setValue(first > 0 && last > first
                              ? int((cursor - first) * scrubSteps / (last - first))
                              : scrubSteps);
    }
}

QStringList RaftPane::followers() const
{
    const QString leader = m_observer->leaderName();
    QStringList names;
    for (const LabNodeStatus &n : m_observer->nodes())
        if (n.node.server && n.node.name != leader && n.process == ProcessState::Running)
            names << n.node.name;
    return names;
}

void RaftPane::scenarioDone(const QString &error, const QString &watch)
{
    if (error.isEmpty())
        m_playback->goLive();
    m_hint->setText(error.isEmpty() ? watch : error);
}

QString RaftPane::killLeader()
{
    const QString leader = m_observer->leaderName();
    const QString error =
        leader.isEmpty() ? tr("There is no leader to kill right now.") : QString();
    if (error.isEmpty())
        m_runner->run(QStringLiteral("kill"), {}, {leader});
    scenarioDone(error, tr("Watch: heartbeats from %1 stop; after an election timeout a "
                           "follower asks for votes (orange) and leads in a higher term. "
                           "Restart %1 on the Cluster tab: it comes back as a follower.")
                            .arg(leader));
    return error;
}

QString RaftPane::forceSplitVote()
{
    const QString leader = m_observer->leaderName();
    const QStringList others = followers();
    QString error;
    if (leader.isEmpty())
        error = tr("A split vote needs a leader to pause first; there is none right now.");
    else if (others.size() < 2)
        error = tr("A split vote needs at least two followers: start a lab with 3 servers.");
    if (!error.isEmpty()) {
        scenarioDone(error, QString());
        return error;
    }
    m_runner->run(QStringLiteral("pause"), {}, {leader});
    // 100 ms on every vote request: each candidate has voted for itself before another's
    // request arrives.
    for (const QString &n : others)
        m_runner->run(QStringLiteral("latency"), {}, {n, QStringLiteral("100")});
    m_runner->run(QStringLiteral("campaign"), {}, {others.join(QLatin1Char(','))});
    scenarioDone(QString(),
                 tr("Watch: %1 become candidates in the same term and each votes for itself "
                    "(red replies): nobody has a majority. Randomized timeouts then let one "
                    "win a later term. Press Heal to resume %2 and remove the latency.")
                     .arg(others.join(QStringLiteral(", ")), leader));
    return QString();
}

QString RaftPane::cutLeaderAway()
{
    const QString leader = m_observer->leaderName();
    QStringList rest;
    for (const LabNodeStatus &n : m_observer->nodes())
        if (n.node.name != leader)
            rest << n.node.name;
    QString error;
    if (leader.isEmpty())
        error = tr("There is no leader to cut away right now.");
    else if (rest.isEmpty())
        error = tr("The leader is alone in this lab: there is nobody to cut it from.");
    if (!error.isEmpty()) {
        scenarioDone(error, QString());
        return error;
    }
    m_runner->run(QStringLiteral("partition"), {}, {leader, rest.join(QLatin1Char(','))});
    scenarioDone(QString(),
                 tr("Watch: %1's messages stop half-way (red crosses); the others elect a new "
                    "leader in a higher term, and %1, hearing from no quorum, steps down. "
                    "Press Heal: it rejoins as a follower and its log is brought up to date.")
                     .arg(leader));
    return QString();
}

QString RaftPane::writeWithMinorityCut()
{
    const QString leader = m_observer->leaderName();
    const QStringList others = followers();
    const LabNodeStatus *l = m_observer->node(leader);
    QString error;
    if (!l)
        error = tr("Writing needs a leader; there is none right now.");
    else if (others.size() < 2)
        error = tr("This needs a minority to cut off and a majority left: start a lab with "
                   "3 servers.");
    if (!error.isEmpty()) {
        scenarioDone(error, QString());
        return error;
    }
    const QString cutOff = others.back();
    QStringList rest;
    for (const LabNodeStatus &n : m_observer->nodes())
        if (n.node.name != cutOff)
            rest << n.node.name;
    m_runner->run(QStringLiteral("partition"), {}, {cutOff, rest.join(QLatin1Char(','))});
    const QString http = QStringLiteral("-http-addr=%1").arg(l->node.httpAddress());
    for (int i = 1; i <= 3; ++i)
        m_runner->runQonsul({QStringLiteral("kv"), QStringLiteral("put"), http,
                             QStringLiteral("lab/minority-write-%1").arg(i), QString::number(i)});
    scenarioDone(QString(),
                 tr("Watch: the leader's appends (blue, with their entries) reach the majority "
                    "and commit, while those to %1 stop half-way; its log falls behind. Press "
                    "Heal: %1 catches up.")
                     .arg(cutOff));
    return QString();
}

} // namespace qonsul::ui

#include "lab/GossipPane.h"

#include "common/QuietLabel.h"
#include "lab/GossipView.h"
#include "lab/LabCommandRunner.h"
#include "lab/LabObserver.h"
#include "lab/Playback.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

namespace qonsul::ui {

namespace {

// The lab's agents run dev-mode gossip timings (`qonsul lab up` writes them).
const GossipSceneOptions labTimings{500, 1000, 100, 3};
// How much of the past each record keeps.
constexpr int64_t labKeptMs = 30 * 60'000;
constexpr int64_t simulationKeptMs = 3 * 60'000;
// The news list shows the newest so many.
constexpr int listedNews = 150;

QString clockTime(int64_t unixMs)
{
    return QDateTime::fromMSecsSinceEpoch(unixMs).toString(QStringLiteral("HH:mm:ss.zzz"));
}

QString simulatedTime(int64_t ms)
{
    return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'f', 2);
}

} // namespace

GossipPane::GossipPane(LabObserver *observer, LabCommandRunner *runner,
                       GossipSimulatorFactory simulatorFactory, QWidget *parent)
    : QWidget(parent), m_observer(observer), m_runner(runner),
      m_simulatorFactory(std::move(simulatorFactory)),
      m_labPlayback(new Playback(m_labRecord.timeline({}, 1000), this)),
      m_simPlayback(new Playback(
          m_simRecord.timeline([this] { return m_simulator ? m_simulator->nowMs() : 0; }, 0),
          this)),
      m_view(new GossipView(this)), m_sourceBox(new QComboBox(this)), m_size(new QSpinBox(this)),
      m_seed(new QSpinBox(this)), m_start(new QPushButton(tr("Start Simulation"), this)),
      m_pace(new QuietLabel({}, this)), m_kill(new QPushButton(tr("Kill"), this)),
      m_restart(new QPushButton(tr("Restart"), this)),
      m_split(new QPushButton(tr("Split in Two"), this)), m_heal(new QPushButton(tr("Heal"), this)),
      m_loss(new QSpinBox(this)), m_live(new QPushButton(tr("Live"), this)),
      m_playPause(new QPushButton(this)), m_speed(new QComboBox(this)), m_news(new QComboBox(this)),
      m_hint(new QuietLabel(QString(), this))
{
    setObjectName(QStringLiteral("gossipPane"));
    m_sourceBox->setObjectName(QStringLiteral("gossipSource"));
    m_sourceBox->setAccessibleName(tr("What to show"));
    m_sourceBox->addItem(tr("This lab's agents"));
    m_sourceBox->addItem(tr("A simulated pool"));
    if (!canSimulate())
        m_sourceBox->setEnabled(false);
    m_size->setObjectName(QStringLiteral("gossipPoolSize"));
    m_size->setAccessibleName(tr("Members"));
    m_size->setRange(3, 2000);
    m_size->setValue(1000);
    m_size->setSuffix(tr(" members"));
    m_seed->setObjectName(QStringLiteral("gossipSeed"));
    m_seed->setAccessibleName(tr("Seed"));
    m_seed->setRange(1, 1'000'000);
    m_seed->setValue(1);
    m_seed->setPrefix(tr("seed "));
    m_seed->setToolTip(tr("The same seed runs the same pool: the same probes, the same news"));
    m_start->setObjectName(QStringLiteral("gossipStartSimulation"));
    m_start->setToolTip(tr("Run a pool of simulated members here, each a full SWIM member of "
                           "Qonsul's gossip core, at LAN timings"));
    m_pace->setObjectName(QStringLiteral("gossipPace"));
    m_kill->setObjectName(QStringLiteral("gossipKill"));
    m_kill->setToolTip(tr("Kill the selected member (click one in the picture): watch the "
                          "others probe it, suspect it and declare it failed"));
    m_restart->setObjectName(QStringLiteral("gossipRestart"));
    m_restart->setToolTip(tr("Start the selected member again: it joins, and the news spreads"));
    m_split->setObjectName(QStringLiteral("gossipSplit"));
    m_split->setToolTip(tr("Cut the members in two halves that cannot reach each other"));
    m_heal->setObjectName(QStringLiteral("gossipHeal"));
    m_heal->setToolTip(tr("Remove the cut (and in a lab, latency and loss)"));
    m_loss->setObjectName(QStringLiteral("gossipLoss"));
    m_loss->setAccessibleName(tr("Packet loss"));
    m_loss->setRange(0, 90);
    m_loss->setSuffix(tr(" % loss"));
    m_loss->setToolTip(tr("The share of UDP packets the simulated network drops"));
    m_live->setObjectName(QStringLiteral("gossipLive"));
    m_live->setToolTip(tr("Follow what happens now"));
    m_playPause->setObjectName(QStringLiteral("gossipPlayPause"));
    m_speed->setObjectName(QStringLiteral("gossipSpeed"));
    m_speed->setAccessibleName(tr("Playback speed"));
    for (double speed : {0.05, 0.1, 0.25, 0.5, 1.0})
        m_speed->addItem(QStringLiteral("%1×").arg(speed), speed);
    m_speed->setCurrentIndex(4);
    m_news->setObjectName(QStringLiteral("gossipNews"));
    m_news->setAccessibleName(tr("News to follow"));
    m_news->setToolTip(tr("Pick a piece of news to replay it spreading from its start"));
    m_news->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_news->setMinimumContentsLength(28);
    m_hint->setObjectName(QStringLiteral("gossipHint"));
    m_hint->setWordWrap(true);

    auto *sourceRow = new QHBoxLayout;
    sourceRow->addWidget(new QuietLabel(tr("Show:"), this));
    sourceRow->addWidget(m_sourceBox);
    sourceRow->addWidget(m_size);
    sourceRow->addWidget(m_seed);
    sourceRow->addWidget(m_start);
    sourceRow->addWidget(m_pace);
    sourceRow->addStretch(1);
    auto *actionRow = new QHBoxLayout;
    actionRow->addWidget(new QuietLabel(tr("Break it:"), this));
    for (QWidget *w : {static_cast<QWidget *>(m_kill), static_cast<QWidget *>(m_restart),
                       static_cast<QWidget *>(m_split), static_cast<QWidget *>(m_heal),
                       static_cast<QWidget *>(m_loss)})
        actionRow->addWidget(w);
    actionRow->addStretch(1);
    auto *playRow = new QHBoxLayout;
    for (QWidget *w : {static_cast<QWidget *>(m_live), static_cast<QWidget *>(m_playPause),
                       static_cast<QWidget *>(m_speed)})
        playRow->addWidget(w);
    playRow->addWidget(new QuietLabel(tr("News:"), this));
    playRow->addWidget(m_news, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(sourceRow);
    layout->addWidget(m_view, 1);
    layout->addLayout(playRow);
    layout->addLayout(actionRow);
    layout->addWidget(m_hint);

    connect(m_sourceBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { setSource(index == 1 ? Source::Simulation : Source::Lab); });
    connect(m_start, &QPushButton::clicked, this,
            [this] { simulate(m_size->value(), uint64_t(m_seed->value())); });
    connect(m_kill, &QPushButton::clicked, this, &GossipPane::killSelected);
    connect(m_restart, &QPushButton::clicked, this, &GossipPane::restartSelected);
    connect(m_split, &QPushButton::clicked, this, &GossipPane::splitInTwo);
    connect(m_heal, &QPushButton::clicked, this, &GossipPane::heal);
    connect(m_loss, &QSpinBox::valueChanged, this, [this](int percent) {
        if (m_simulator)
            m_simulator->setLoss(percent / 100.0);
    });
    connect(m_live, &QPushButton::clicked, this, [this] { replayNews(std::nullopt); });
    connect(m_playPause, &QPushButton::clicked, this, [this] {
        Playback *p = playback();
        p->isPlaying() ? p->pause() : p->play();
    });
    connect(m_speed, &QComboBox::currentIndexChanged, this,
            [this] { playback()->setSpeed(m_speed->currentData().toDouble()); });
    connect(m_news, &QComboBox::activated, this, [this](int index) {
        const QVariant number = m_news->itemData(index);
        replayNews(number.isValid() ? std::optional<uint64_t>(number.toULongLong()) : std::nullopt);
    });
    connect(m_view, &GossipView::nodeClicked, this, &GossipPane::updateControls);
    for (Playback *p : {m_labPlayback, m_simPlayback})
        connect(p, &Playback::moved, this, [this, p] {
            if (p == playback())
                redraw();
        });
    connect(m_observer, &LabObserver::gossipAnswered, this, &GossipPane::onAnswered);
    connect(m_observer, &LabObserver::changed, this, &GossipPane::updateControls);
    updateControls();
}

GossipPane::~GossipPane() = default;

const GossipRecord &GossipPane::record() const
{
    return m_source == Source::Simulation ? m_simRecord : m_labRecord;
}

Playback *GossipPane::playback() const
{
    return m_source == Source::Simulation ? m_simPlayback : m_labPlayback;
}

void GossipPane::setSource(Source source)
{
    if (source == Source::Simulation && !canSimulate())
        return;
    m_source = source;
    {
        const QSignalBlocker quiet(m_sourceBox);
        m_sourceBox->setCurrentIndex(source == Source::Simulation ? 1 : 0);
    }
    m_chosenNews.reset();
    m_listedNews = ~uint64_t(0);
    m_view->setSelected(-1);
    m_speed->setCurrentIndex(m_speed->findData(playback()->speed()));
    updateControls();
    redraw();
}

void GossipPane::simulate(int members, uint64_t seed)
{
    if (!canSimulate())
        return;
    if (!m_simulator)
        m_simulator = m_simulatorFactory();
    m_simRecord.clear();
    m_simUp.clear();
    m_simulator->start(members, seed);
    m_simulator->setLoss(m_loss->value() / 100.0);
    m_simPlayback->goLive();
    setSource(Source::Simulation);
    m_hint->setText(tr("%1 members start one after another, each joining through n0: watch the "
                       "news of each join spread. Then click a member and Kill it.")
                        .arg(members));
}

void GossipPane::onAnswered(const QString &node, qint64 pid, const QList<GossipEventEntry> &events)
{
    m_labRecord.ingest(node, pid, events);
    const int64_t now = QDateTime::currentMSecsSinceEpoch();
    if (m_labRecord.firstTimeMs() > 0 && now - m_labRecord.firstTimeMs() > labKeptMs + 60'000)
        m_labRecord.dropBefore(now - labKeptMs);
}

void GossipPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_observer->setFollowGossip(true);
    redraw();
}

void GossipPane::hideEvent(QHideEvent *event)
{
    // A hidden tab asks nothing of the lab's agents; a simulated pool waits (SimulatedGossip).
    m_observer->setFollowGossip(false);
    QWidget::hideEvent(event);
}

std::vector<bool> GossipPane::labUp() const
{
    std::vector<bool> up(size_t(m_labRecord.nodes().size()), true);
    for (const LabNodeStatus &n : m_observer->nodes()) {
        const int i = m_labRecord.nodeIndex(n.node.name);
        if (i >= 0)
            up[size_t(i)] = n.process == ProcessState::Running;
    }
    return up;
}

QString GossipPane::selectedName() const
{
    const int i = m_view->selected();
    return i >= 0 && i < int(record().nodes().size()) ? record().nodes()[i] : QString();
}

void GossipPane::replayNews(std::optional<uint64_t> news)
{
    m_chosenNews = news;
    Playback *p = playback();
    const auto &all = record().news();
    if (news && *news >= record().newsDropped() && *news - record().newsDropped() < all.size()) {
        const int64_t start = all[size_t(*news - record().newsDropped())].firstMs;
        // A moment before it, at a speed to follow it by eye: a simulated pool spreads news
        // in well under a second.
        p->seek(start - (m_source == Source::Simulation ? 200 : 500));
        p->setSpeed(m_source == Source::Simulation ? 0.1 : 0.25);
        p->play();
    } else {
        p->goLive();
    }
    const QSignalBlocker quiet(m_speed);
    m_speed->setCurrentIndex(std::max(0, m_speed->findData(p->speed())));
    redraw();
}

void GossipPane::updateNewsList()
{
    const GossipRecord &r = record();
    const uint64_t total = r.newsDropped() + r.news().size();
    // Not while the learner looks through it, and at most twice a second: a pool that forms
    // brings news every frame.
    const int64_t now = QDateTime::currentMSecsSinceEpoch();
    if (total == m_listedNews || m_news->view()->isVisible() ||
        (m_listedNews != ~uint64_t(0) && now - m_listedAt < 500))
        return;
    m_listedNews = total;
    m_listedAt = now;
    const QSignalBlocker quiet(m_news);
    m_news->clear();
    m_news->addItem(tr("The newest, live"));
    const bool simulated = m_source == Source::Simulation;
    // Newest first by when it began (a lab's nodes answer out of time order).
    const auto &all = r.news();
    std::vector<size_t> order(all.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(),
              [&all](size_t a, size_t b) { return all[a].firstMs > all[b].firstMs; });
    order.resize(std::min(order.size(), size_t(listedNews)));
    for (const size_t i : order) {
        const GossipNews &n = all[i];
        const QString member = r.nodes()[n.member];
        const QString when = simulated ? simulatedTime(n.firstMs) : clockTime(n.firstMs);
        m_news->addItem(tr("%1  %2 %3").arg(when, member, QLatin1String(gossipKindName(n.kind))),
                        QVariant::fromValue<qulonglong>(r.newsDropped() + i));
    }
    int current = 0;
    if (m_chosenNews)
        current = std::max(0, m_news->findData(QVariant::fromValue<qulonglong>(*m_chosenNews)));
    m_news->setCurrentIndex(current);
}

void GossipPane::updateControls()
{
    const bool simulated = m_source == Source::Simulation;
    m_size->setVisible(simulated);
    m_seed->setVisible(simulated);
    m_start->setVisible(simulated);
    m_pace->setVisible(simulated);
    m_loss->setVisible(simulated);
    const QString selected = selectedName();
    const bool running =
        simulated ? m_simulator && m_simulator->isRunning() : !m_observer->nodes().isEmpty();
    m_kill->setEnabled(running && !selected.isEmpty());
    m_restart->setEnabled(running && !selected.isEmpty());
    m_split->setEnabled(running);
    m_heal->setEnabled(running);
    m_kill->setText(selected.isEmpty() ? tr("Kill") : tr("Kill %1").arg(selected));
    m_restart->setText(selected.isEmpty() ? tr("Restart") : tr("Restart %1").arg(selected));
}

QString GossipPane::simulationMissing() const
{
    return m_simulator && m_simulator->isRunning() ? QString() : tr("Start the simulation first.");
}

QString GossipPane::report(const QString &error, const QString &watch)
{
    if (error.isEmpty())
        replayNews(std::nullopt);
    m_hint->setText(error.isEmpty() ? watch : error);
    return error;
}

QString GossipPane::actOnSelected(const QString &labCommand,
                                  void (GossipSimulator::*simulated)(int), const QString &watch)
{
    const QString name = selectedName();
    const QString error = name.isEmpty() ? tr("Click a member in the picture first.")
                          : m_source == Source::Simulation ? simulationMissing()
                                                           : QString();
    if (error.isEmpty() && m_source == Source::Simulation)
        (m_simulator.get()->*simulated)(m_view->selected());
    else if (error.isEmpty())
        m_runner->run(labCommand, {}, {name});
    return report(error, watch.arg(name));
}

QString GossipPane::killSelected()
{
    return actOnSelected(
        QStringLiteral("kill"), &GossipSimulator::crash,
        tr("Watch: probes to %1 go unanswered (red), the prober asks others to try (amber), "
           "then suspects it; the suspicion spreads, and when nobody hears from %1 in time it "
           "is declared failed, and that news spreads."));
}

QString GossipPane::restartSelected()
{
    return actOnSelected(QStringLiteral("restart"), &GossipSimulator::restart,
                         tr("Watch: %1 joins again and the news of it spreads; had it only been "
                            "slow, it would refute the suspicion with a higher incarnation (a "
                            "green flash)."));
}

QString GossipPane::splitInTwo()
{
    QString error;
    if (m_source == Source::Simulation) {
        error = simulationMissing();
        if (error.isEmpty())
            m_simulator->splitInTwo();
    } else {
        QStringList names;
        for (const LabNodeStatus &n : m_observer->nodes())
            names << n.node.name;
        const qsizetype half = names.size() / 2;
        if (names.size() < 2)
            error = tr("A split needs two nodes at least.");
        else
            m_runner->run(QStringLiteral("partition"), {},
                          {names.mid(0, half).join(QLatin1Char(',')),
                           names.mid(half).join(QLatin1Char(','))});
    }
    return report(error,
                  tr("Watch: each half suspects the other and declares it failed. After Heal, "
                     "the halves find each other when a member retries a failed one (serf "
                     "does every 30 s, so allow up to half a minute)."));
}

QString GossipPane::heal()
{
    QString error;
    if (m_source == Source::Simulation) {
        error = simulationMissing();
        if (error.isEmpty()) {
            m_simulator->heal();
            m_simulator->setLoss(0);
            const QSignalBlocker quiet(m_loss);
            m_loss->setValue(0);
        }
    } else {
        m_runner->run(QStringLiteral("heal"));
    }
    return report(error, tr("Healed: every member can reach every other again."));
}

void GossipPane::redraw()
{
    if (!isVisible())
        return;
    const bool simulated = m_source == Source::Simulation;
    if (simulated && m_simulator) {
        m_simulator->take(m_simRecord, m_simUp);
        const int64_t now = m_simulator->nowMs();
        if (now - std::max<int64_t>(0, m_simRecord.firstTimeMs()) > simulationKeptMs + 30'000)
            m_simRecord.dropBefore(now - simulationKeptMs);
        m_pace->setText(m_simulator->isRunning() ? tr("%1 simulated · pace %2×")
                                                       .arg(simulatedTime(now))
                                                       .arg(m_simulator->pace(), 0, 'f', 2)
                                                 : QString());
    }
    if (m_viewsOf != m_source) {
        m_views = GossipViews();
        m_viewsOf = m_source;
    }
    Playback *p = playback();
    const int64_t cursor = p->cursorMs();
    const GossipRecord &r = record();
    const GossipSceneOptions options =
        simulated && m_simulator ? m_simulator->options() : labTimings;
    GossipScene scene =
        buildGossipScene(r, m_views, cursor, simulated ? m_simUp : labUp(), m_chosenNews, options);
    QString caption;
    if (scene.nodes.empty()) {
        caption = simulated ? tr("Start a simulated pool: pick its size and press Start.")
                            : tr("No gossip recorded yet: start a lab, or show a simulated pool.");
    } else {
        int up = 0;
        for (const GossipNodePicture &n : scene.nodes)
            up += n.up ? 1 : 0;
        const QString when = p->isLive() ? tr("live")
                             : simulated
                                 ? tr("at %1, %2×").arg(simulatedTime(cursor)).arg(p->speed())
                                 : tr("%1 s ago, %2×")
                                       .arg(double(p->liveMs() - cursor) / 1000.0, 0, 'f', 1)
                                       .arg(p->speed());
        caption = tr("%1 · %2 members, %3 up").arg(when).arg(scene.nodes.size()).arg(up);
    }
    m_view->setScene(std::move(scene), caption);
    m_playPause->setText(p->isPlaying() ? tr("Pause") : tr("Play"));
    m_live->setEnabled(!p->isLive());
    updateNewsList();
}

} // namespace qonsul::ui

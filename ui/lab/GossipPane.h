#pragma once
// The Lab page's Gossip tab: the gossip view over what the lab's agents recorded (their
// /v1/agent/gossip/events, through the LabObserver), or over a simulated pool of up to
// thousands of members that the app runs in-process (GossipSimulator). Live, paused or
// replayed from a chosen piece of news, at a speed down to 0.05×; members are killed,
// restarted, split in two and healed from here (in the lab through `qonsul lab` commands).

#include "lab/GossipRecord.h"
#include "lab/GossipScene.h"
#include "lab/GossipSimulator.h"

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace qonsul::ui {

class GossipView;
class LabCommandRunner;
class LabObserver;
class Playback;

class GossipPane : public QWidget
{
    Q_OBJECT
public:
    GossipPane(LabObserver *observer, LabCommandRunner *runner,
               GossipSimulatorFactory simulatorFactory, QWidget *parent = nullptr);
    ~GossipPane() override;

    enum class Source { Lab, Simulation };
    Source source() const { return m_source; }
    void setSource(Source source);
    bool canSimulate() const { return bool(m_simulatorFactory); }
    // Starts a simulated pool (and shows it).
    void simulate(int members, uint64_t seed);
    GossipSimulator *simulator() const { return m_simulator.get(); }

    const GossipRecord &record() const;
    Playback *playback() const;
    GossipView *view() const { return m_view; }
    // Shows a piece of news from its start (nullopt: follow the newest, live).
    void replayNews(std::optional<uint64_t> news);

    // The buttons' actions on the selected member; each returns what it could not do.
    QString killSelected();
    QString restartSelected();
    QString splitInTwo();
    QString heal();

    // Draws the picture now (the frame timer does so 30 times a second while shown).
    void redraw();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void onAnswered(const QString &node, qint64 pid, const QList<GossipEventEntry> &events);
    void updateControls();
    void updateNewsList();
    QString selectedName() const;
    // Why the simulated pool cannot be acted on ("" when it can).
    QString simulationMissing() const;
    // Shows what went wrong, or else what to watch (and goes live to see it); returns the
    // error.
    QString report(const QString &error, const QString &watch);
    QString actOnSelected(const QString &labCommand, void (GossipSimulator::*simulated)(int),
                          const QString &watch);
    std::vector<bool> labUp() const;

    LabObserver *m_observer;
    LabCommandRunner *m_runner;
    GossipSimulatorFactory m_simulatorFactory;
    std::unique_ptr<GossipSimulator> m_simulator;
    Source m_source = Source::Lab;
    GossipRecord m_labRecord;
    GossipRecord m_simRecord;
    std::vector<bool> m_simUp;
    GossipViews m_views;
    Source m_viewsOf = Source::Lab;
    std::optional<uint64_t> m_chosenNews;
    uint64_t m_listedNews = ~uint64_t(0); // the news count the list shows
    int64_t m_listedAt = 0;               // when it was filled (wall clock, ms)

    Playback *m_labPlayback;
    Playback *m_simPlayback;
    GossipView *m_view;
    QComboBox *m_sourceBox;
    QSpinBox *m_size;
    QSpinBox *m_seed;
    QPushButton *m_start;
    QLabel *m_pace;
    QPushButton *m_kill;
    QPushButton *m_restart;
    QPushButton *m_split;
    QPushButton *m_heal;
    QSpinBox *m_loss;
    QPushButton *m_live;
    QPushButton *m_playPause;
    QComboBox *m_speed;
    QComboBox *m_news;
    QLabel *m_hint;
};

} // namespace qonsul::ui

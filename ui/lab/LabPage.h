#pragma once
// The Lab page: a cluster of real agent processes on this machine, started, broken and
// mended through `qonsul lab` (LabCommandRunner), and watched live (LabObserver): each node's
// address, role, member status, the leader, its Raft term, commit index, log and last
// contact. Per node: kill, pause, resume, restart, latency and loss; across nodes: a
// partition drawn as two groups, and heal. Every action shows its CLI with a Copy button.
// "Open Pages on It" attaches the window to a node, for its Services, Nodes, KV and DNS. The
// Raft tab (RaftPane) draws what the servers' Raft does, live or replayed; the Gossip tab
// (GossipPane) what their gossip pools do, or a simulated pool of a thousand members.

#include "api/ApiConfig.h"
#include "lab/LabSetup.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QPushButton;
class QSlider;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace qonsul::ui {

class EmptyState;
class GossipPane;
class LabCommandPane;
class LabCommandRunner;
class LabNodeModel;
class LabObserver;
class PageHeader;
class PartitionEditor;
class RaftPane;

class LabPage : public QWidget
{
    Q_OBJECT
public:
    explicit LabPage(LabSetup setup, QWidget *parent = nullptr);
    ~LabPage() override;

    LabObserver *observer() const { return m_observer; }
    LabCommandRunner *runner() const { return m_runner; }
    LabNodeModel *model() const { return m_model; }
    LabCommandPane *commandPane() const { return m_commands; }
    PartitionEditor *partitionEditor() const { return m_partition; }
    QTableView *table() const { return m_table; }
    QTabWidget *tabs() const { return m_tabs; }
    RaftPane *raftPane() const { return m_raft; }
    GossipPane *gossipPane() const { return m_gossip; }

    // What the buttons do; each runs one `qonsul lab` command and returns its command line.
    QString startPreset();
    QString startLab(int servers, int clients);
    QString stopLab();
    QString heal();
    // "kill", "pause", "resume" or "restart".
    QString nodeAction(const QString &action, const QString &node);
    QString setLatency(const QString &node, int ms);
    QString setLoss(const QString &node, int percent);
    // `lab partition` between the partition editor's two groups.
    QString cutPartition();
    // The "cluster", "raft" or "gossip" tab (routes lab/cluster, lab/raft, lab/gossip; the
    // Gossip tab shows even with no lab, for a simulated pool), or "gossip/simulate", which
    // also starts a simulated pool of 1,000; false for another name.
    bool showTab(const QString &name);
    // Lab ▸ New Lab…
    void showNewLabDialog();

    QString selectedNode() const;
    void selectNode(const QString &name);
    // Attaches the window to the node (emits attachRequested).
    void openPagesOn(const QString &node);

Q_SIGNALS:
    void attachRequested(const qonsul::ApiConfig &api);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onLabChanged();
    void updateNodeControls();
    void applyFaultSliders();

    LabSetup m_setup;
    LabObserver *m_observer;
    LabCommandRunner *m_runner;
    LabNodeModel *m_model;
    PageHeader *m_header;
    QLabel *m_summary;
    QPushButton *m_stop;
    QPushButton *m_heal;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
    QTableView *m_table;
    QLabel *m_nodeTitle;
    QPushButton *m_kill;
    QPushButton *m_pause;
    QPushButton *m_resume;
    QPushButton *m_restart;
    QPushButton *m_open;
    QSlider *m_latency;
    QLabel *m_latencyValue;
    QSlider *m_loss;
    QLabel *m_lossValue;
    QTimer m_faultDelay;  // a slider applies once it has rested
    QString m_sliderNode; // whose faults the sliders show
    PartitionEditor *m_partition;
    QPushButton *m_cut;
    LabCommandPane *m_commands;
    QTabWidget *m_tabs; // Cluster, Raft
    RaftPane *m_raft;
    GossipPane *m_gossip;
};

} // namespace qonsul::ui

#include "lab/LabPage.h"

#include "common/EmptyState.h"
#include "common/PageHeader.h"
#include "common/QuietLabel.h"
#include "common/TableViews.h"
#include "lab/GossipPane.h"
#include "lab/LabCommandPane.h"
#include "lab/LabCommandRunner.h"
#include "lab/LabNodeModel.h"
#include "lab/LabObserver.h"
#include "lab/NewLabDialog.h"
#include "lab/PartitionEditor.h"
#include "lab/RaftPane.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace qonsul::ui {

namespace {

QPushButton *button(const QString &text, const QString &objectName, const QString &tip,
                    QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(objectName);
    b->setToolTip(tip);
    return b;
}

QSlider *faultSlider(const QString &objectName, int maximum, int step, QWidget *parent)
{
    auto *s = new QSlider(Qt::Horizontal, parent);
    s->setObjectName(objectName);
    s->setRange(0, maximum);
    s->setSingleStep(step);
    s->setPageStep(step * 10);
    s->setMinimumWidth(160);
    return s;
}

} // namespace

LabPage::LabPage(LabSetup setup, QWidget *parent)
    : QWidget(parent), m_setup(std::move(setup)), m_observer(new LabObserver(m_setup.dir, this)),
      m_runner(new LabCommandRunner(m_setup, this)), m_model(new LabNodeModel(this)),
      m_header(new PageHeader(tr("Lab"), this)), m_summary(new QuietLabel(QString(), this)),
      m_stop(button(tr("Stop Lab"), QStringLiteral("labStop"),
                    tr("Stop every node (clients leave first); data and logs stay"), this)),
      m_heal(button(tr("Heal"), QStringLiteral("labHeal"),
                    tr("Remove every partition, latency and loss; resume paused nodes"), this)),
      m_stack(new QStackedWidget(this)), m_empty(new EmptyState(this)),
      m_table(new QTableView(this)), m_nodeTitle(new QLabel(this)),
      m_kill(button(tr("Kill"), QStringLiteral("labKill"),
                    tr("SIGKILL: a crash, no leave; its data stays"), this)),
      m_pause(button(tr("Pause"), QStringLiteral("labPause"),
                     tr("SIGSTOP: it holds its sockets and answers nothing"), this)),
      m_resume(button(tr("Resume"), QStringLiteral("labResume"), tr("SIGCONT"), this)),
      m_restart(button(tr("Restart"), QStringLiteral("labRestart"),
                       tr("Start it again with its data and faults"), this)),
      m_open(button(tr("Open Pages on It"), QStringLiteral("labOpenPages"),
                    tr("Attach the window to this node: its Services, Nodes, Key/Value and "
                       "DNS"),
                    this)),
      m_latency(faultSlider(QStringLiteral("labLatency"), 1000, 10, this)),
      m_latencyValue(new QLabel(this)),
      m_loss(faultSlider(QStringLiteral("labLoss"), 100, 1, this)), m_lossValue(new QLabel(this)),
      m_partition(new PartitionEditor(this)),
      m_cut(button(tr("Cut Between Groups"), QStringLiteral("labCut"),
                   tr("Nodes of group A stop reaching nodes of group B, both ways"), this)),
      m_commands(new LabCommandPane(this)), m_tabs(new QTabWidget(this)),
      m_raft(new RaftPane(m_observer, m_runner, this)),
      m_gossip(new GossipPane(m_observer, m_runner, m_setup.gossipSimulator, this))
{
    setObjectName(QStringLiteral("labPage"));
    m_tabs->setObjectName(QStringLiteral("labTabs"));
    auto *preset = button(tr("Start Tutorial Lab"), QStringLiteral("labStartPreset"),
                          tr("n1, a server, and n2, a client, as in the tutorial"), this);
    auto *newLab = button(tr("New Lab…"), QStringLiteral("labNew"),
                          tr("Choose how many servers and clients"), this);
    m_summary->setObjectName(QStringLiteral("labSummary"));

    m_empty->setTitle(tr("No lab running"));
    m_empty->setHint(tr("A lab is a cluster of real agents on this machine, each on its own "
                        "loopback address (n1 on %1, n2 on the next, …). Start the tutorial's "
                        "pair, or as many servers as you like, then break them: kill the "
                        "leader, pause a node, cut the network.<br><br>The same from a "
                        "terminal: <code>qonsul lab up</code>")
                         .arg(m_setup.firstAddress));
    auto *emptyPreset = button(tr("Start Tutorial Lab"), QStringLiteral("labEmptyStartPreset"),
                               preset->toolTip(), m_empty);
    auto *emptyNew =
        button(tr("New Lab…"), QStringLiteral("labEmptyNew"), newLab->toolTip(), m_empty);
    m_empty->addAction(emptyPreset);
    m_empty->addAction(emptyNew);
    if (m_gossip->canSimulate()) {
        auto *simulate = button(tr("Simulate 1,000 Members"), QStringLiteral("labEmptySimulate"),
                                tr("Gossip at scale: a pool of 1,000 simulated members, in "
                                   "this app"),
                                m_empty);
        m_empty->addAction(simulate);
        connect(simulate, &QPushButton::clicked, this, [this] {
            showTab(QStringLiteral("gossip"));
            m_gossip->simulate(1000, 1);
        });
    }

    m_table->setObjectName(QStringLiteral("labNodes"));
    m_table->setModel(m_model);
    setUpTable(m_table);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAccessibleName(tr("Lab nodes"));
    m_table->setSortingEnabled(false); // the lab's order, n1 first
    QHeaderView *header = m_table->horizontalHeader();
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    const std::pair<int, int> widths[] = {
        {LabNodeModel::Node, 5},       {LabNodeModel::Address, 10}, {LabNodeModel::Role, 5},
        {LabNodeModel::Status, 7},     {LabNodeModel::Leader, 5},   {LabNodeModel::Raft, 7},
        {LabNodeModel::Term, 4},       {LabNodeModel::Commit, 5},   {LabNodeModel::Log, 4},
        {LabNodeModel::LastContact, 9}};
    for (const auto &[column, ems] : widths)
        header->resizeSection(column, ems * em);
    header->setSectionResizeMode(LabNodeModel::Faults, QHeaderView::Stretch);

    m_nodeTitle->setObjectName(QStringLiteral("labNodeTitle"));
    m_latencyValue->setMinimumWidth(
        QFontMetrics(font()).horizontalAdvance(QStringLiteral("0000 ms")));
    m_lossValue->setMinimumWidth(m_latencyValue->minimumWidth());
    m_latency->setAccessibleName(tr("Latency of what the node sends, in milliseconds"));
    m_loss->setAccessibleName(tr("Share of the node's packets lost, in percent"));

    auto *nodeBox = new QGroupBox(tr("Node"), this);
    auto *nodeButtons = new QHBoxLayout;
    for (QPushButton *b : {m_kill, m_pause, m_resume, m_restart})
        nodeButtons->addWidget(b);
    nodeButtons->addStretch(1);
    nodeButtons->addWidget(m_open);
    auto *sliders = new QHBoxLayout;
    sliders->addWidget(new QLabel(tr("Latency"), this));
    sliders->addWidget(m_latency, 1);
    sliders->addWidget(m_latencyValue);
    sliders->addSpacing(16);
    sliders->addWidget(new QLabel(tr("Loss"), this));
    sliders->addWidget(m_loss, 1);
    sliders->addWidget(m_lossValue);
    auto *nodeLayout = new QVBoxLayout(nodeBox);
    nodeLayout->addWidget(m_nodeTitle);
    nodeLayout->addLayout(nodeButtons);
    nodeLayout->addLayout(sliders);

    auto *partitionBox = new QGroupBox(tr("Partition"), this);
    auto *partitionLayout = new QVBoxLayout(partitionBox);
    partitionLayout->addWidget(new QuietLabel(
        tr("Drag nodes into group B, then cut: the two groups lose each other."), this));
    auto *partitionRow = new QHBoxLayout;
    partitionRow->addWidget(m_partition, 1);
    partitionRow->addWidget(m_cut, 0, Qt::AlignBottom);
    partitionLayout->addLayout(partitionRow);

    auto *cluster = new QWidget(this);
    auto *clusterLayout = new QVBoxLayout(cluster);
    clusterLayout->addWidget(m_table, 1);
    clusterLayout->addWidget(nodeBox);
    clusterLayout->addWidget(partitionBox);
    m_tabs->addTab(cluster, tr("&Cluster"));
    m_tabs->addTab(m_raft, tr("&Raft"));
    m_tabs->addTab(m_gossip, tr("&Gossip"));
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_tabs);

    auto *top = new QHBoxLayout;
    top->addWidget(m_header);
    top->addWidget(m_summary, 1);
    top->addWidget(preset);
    top->addWidget(newLab);
    top->addWidget(m_heal);
    top->addWidget(m_stop);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_commands);

    connect(preset, &QPushButton::clicked, this, &LabPage::startPreset);
    connect(emptyPreset, &QPushButton::clicked, this, &LabPage::startPreset);
    connect(newLab, &QPushButton::clicked, this, &LabPage::showNewLabDialog);
    connect(emptyNew, &QPushButton::clicked, this, &LabPage::showNewLabDialog);
    connect(m_stop, &QPushButton::clicked, this, &LabPage::stopLab);
    connect(m_heal, &QPushButton::clicked, this, &LabPage::heal);
    connect(m_cut, &QPushButton::clicked, this, &LabPage::cutPartition);
    const std::pair<QPushButton *, QString> actions[] = {{m_kill, QStringLiteral("kill")},
                                                         {m_pause, QStringLiteral("pause")},
                                                         {m_resume, QStringLiteral("resume")},
                                                         {m_restart, QStringLiteral("restart")}};
    for (const auto &[b, action] : actions)
        connect(b, &QPushButton::clicked, this,
                [this, action] { nodeAction(action, selectedNode()); });
    connect(m_open, &QPushButton::clicked, this, [this] { openPagesOn(selectedNode()); });
    connect(m_table, &QTableView::doubleClicked, this, [this] { openPagesOn(selectedNode()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &LabPage::updateNodeControls);
    m_faultDelay.setSingleShot(true);
    m_faultDelay.setInterval(400);
    connect(&m_faultDelay, &QTimer::timeout, this, &LabPage::applyFaultSliders);
    for (QSlider *s : {m_latency, m_loss})
        connect(s, &QSlider::valueChanged, this, [this] {
            m_latencyValue->setText(tr("%1 ms").arg(m_latency->value()));
            m_lossValue->setText(tr("%1 %").arg(m_loss->value()));
            if (!m_sliderNode.isEmpty())
                m_faultDelay.start();
        });
    m_latencyValue->setText(tr("%1 ms").arg(0));
    m_lossValue->setText(tr("%1 %").arg(0));
    connect(m_partition, &PartitionEditor::groupsChanged, this,
            [this] { m_cut->setEnabled(m_partition->canCut()); });
    connect(m_observer, &LabObserver::changed, this, &LabPage::onLabChanged);
    connect(m_tabs, &QTabWidget::currentChanged, this, &LabPage::onLabChanged);
    connect(m_runner, &LabCommandRunner::started, m_commands, &LabCommandPane::showStarted);
    connect(m_runner, &LabCommandRunner::finished, m_commands, &LabCommandPane::showFinished);
    onLabChanged();
}

LabPage::~LabPage() = default;

void LabPage::showEvent(QShowEvent *event)
{
    m_observer->start();
    QWidget::showEvent(event);
}

QString LabPage::startPreset()
{
    m_observer->start();
    return m_runner->run(QStringLiteral("up"));
}

QString LabPage::startLab(int servers, int clients)
{
    m_observer->start();
    return m_runner->run(QStringLiteral("up"), {QStringLiteral("-servers=%1").arg(servers),
                                                QStringLiteral("-clients=%1").arg(clients)});
}

bool LabPage::showTab(const QString &name)
{
    if (name == QLatin1String("cluster"))
        m_tabs->setCurrentIndex(0);
    else if (name == QLatin1String("raft"))
        m_tabs->setCurrentWidget(m_raft);
    else if (name == QLatin1String("gossip"))
        m_tabs->setCurrentWidget(m_gossip);
    else if (name == QLatin1String("gossip/simulate") && m_gossip->canSimulate()) {
        m_tabs->setCurrentWidget(m_gossip);
        m_gossip->simulate(1000, 1);
    } else
        return false;
    onLabChanged();
    return true;
}

void LabPage::showNewLabDialog()
{
    auto *dialog = new NewLabDialog(m_setup, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { startLab(dialog->servers(), dialog->clients()); });
    dialog->open();
}

QString LabPage::stopLab()
{
    return m_runner->run(QStringLiteral("down"));
}

QString LabPage::heal()
{
    return m_runner->run(QStringLiteral("heal"));
}

QString LabPage::nodeAction(const QString &action, const QString &node)
{
    if (node.isEmpty())
        return QString();
    return m_runner->run(action, {}, {node});
}

QString LabPage::setLatency(const QString &node, int ms)
{
    return m_runner->run(QStringLiteral("latency"), {}, {node, QString::number(ms)});
}

QString LabPage::setLoss(const QString &node, int percent)
{
    return m_runner->run(QStringLiteral("loss"), {}, {node, QString::number(percent)});
}

QString LabPage::cutPartition()
{
    if (!m_partition->canCut())
        return QString();
    return m_runner->run(QStringLiteral("partition"), {},
                         {m_partition->groupA().join(QLatin1Char(',')),
                          m_partition->groupB().join(QLatin1Char(','))});
}

QString LabPage::selectedNode() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->rowAt(rows.front().row()).node.name;
}

void LabPage::selectNode(const QString &name)
{
    for (int row = 0; row < m_model->rowCount(); ++row)
        if (m_model->rowAt(row).node.name == name) {
            m_table->selectRow(row);
            return;
        }
}

void LabPage::openPagesOn(const QString &node)
{
    const LabNodeStatus *status = m_observer->node(node);
    if (!status)
        return;
    ApiConfig api;
    api.address = status->node.httpAddress();
    Q_EMIT attachRequested(api);
}

void LabPage::onLabChanged()
{
    const QList<LabNodeStatus> &nodes = m_observer->nodes();
    m_model->setRows(nodes);
    // The Gossip tab can show a simulated pool with no lab running.
    m_stack->setCurrentIndex(nodes.isEmpty() && m_tabs->currentWidget() != m_gossip ? 0 : 1);
    m_header->setCount(nodes.isEmpty() ? -1 : int(nodes.size()));
    m_stop->setEnabled(!nodes.isEmpty());
    m_heal->setEnabled(!nodes.isEmpty());
    int servers = 0;
    QStringList names;
    for (const LabNodeStatus &n : nodes) {
        servers += n.node.server ? 1 : 0;
        names << n.node.name;
    }
    m_partition->setNodes(names);
    m_cut->setEnabled(m_partition->canCut());
    if (nodes.isEmpty()) {
        m_summary->clear();
    } else {
        const QString leader = m_observer->leaderName();
        const LabNodeStatus *l = m_observer->node(leader);
        const int clients = int(nodes.size()) - servers;
        m_summary->setText(
            tr("%1 · %2 · in %3")
                .arg((servers == 1 ? tr("1 server") : tr("%1 servers").arg(servers)) +
                         QStringLiteral(", ") +
                         (clients == 1 ? tr("1 client") : tr("%1 clients").arg(clients)),
                     l ? tr("leader %1, term %2").arg(leader).arg(l->term) : tr("no leader"),
                     m_setup.dir));
    }
    if (selectedNode().isEmpty() && !nodes.isEmpty())
        m_table->selectRow(0);
    updateNodeControls();
}

void LabPage::updateNodeControls()
{
    const QString name = selectedNode();
    const LabNodeStatus *node = m_observer->node(name);
    const ProcessState process = node ? node->process : ProcessState::Exited;
    m_nodeTitle->setText(node ? tr("<b>%1</b> · %2 on %3 · %4")
                                    .arg(name, node->node.server ? tr("server") : tr("client"),
                                         node->node.address, LabNodeModel::statusText(*node))
                              : tr("Select a node above."));
    m_kill->setEnabled(node && process != ProcessState::Exited);
    m_pause->setEnabled(node && process == ProcessState::Running);
    m_resume->setEnabled(node && process == ProcessState::Paused);
    m_restart->setEnabled(node != nullptr);
    m_open->setEnabled(node && process == ProcessState::Running);
    m_latency->setEnabled(node != nullptr);
    m_loss->setEnabled(node != nullptr);
    // Follow the record unless the learner is moving a slider for this node, or its command
    // has not yet written the record.
    if (name != m_sliderNode || (!m_faultDelay.isActive() && !m_latency->isSliderDown() &&
                                 !m_loss->isSliderDown() && !m_runner->isBusy())) {
        m_faultDelay.stop();
        m_sliderNode.clear(); // no command for this move
        m_latency->setValue(node ? node->node.faults.latencyMs : 0);
        m_loss->setValue(node ? node->node.faults.lossPercent : 0);
        m_sliderNode = node ? name : QString();
    }
}

void LabPage::applyFaultSliders()
{
    const LabNodeStatus *node = m_observer->node(m_sliderNode);
    if (!node)
        return;
    if (node->node.faults.latencyMs != m_latency->value())
        setLatency(m_sliderNode, m_latency->value());
    if (node->node.faults.lossPercent != m_loss->value())
        setLoss(m_sliderNode, m_loss->value());
}

} // namespace qonsul::ui

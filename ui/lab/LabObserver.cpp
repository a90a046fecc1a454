#include "lab/LabObserver.h"

#include "api/AgentApi.h"
#include "api/ApiClient.h"
#include "api/BlockingWatch.h"

#include <QJsonDocument>

namespace qonsul::ui {

namespace {

using namespace std::chrono_literals;

constexpr auto tickInterval = 500ms;
// A paused node holds its connections and answers nothing: give up on it quickly.
constexpr auto transferTimeout = 3s;
constexpr auto raftWait = 1s;

std::unique_ptr<ApiClient> clientFor(const LabNode &node)
{
    ApiConfig config;
    config.address = node.httpAddress();
    auto client = std::make_unique<ApiClient>(config);
    client->setTransferTimeout(transferTimeout);
    return client;
}

} // namespace

LabObserver::LabObserver(QString dir, QObject *parent) : QObject(parent), m_dir(std::move(dir))
{
    m_timer.setInterval(tickInterval);
    connect(&m_timer, &QTimer::timeout, this, &LabObserver::tick);
}

LabObserver::~LabObserver()
{
    stop();
}

void LabObserver::start()
{
    if (m_timer.isActive())
        return;
    m_timer.start();
    tick();
}

void LabObserver::stop()
{
    m_timer.stop();
    if (m_membersCall)
        m_membersCall->kill();
    for (auto &[name, follow] : m_follows)
        follow.unwatch();
    m_follows.clear();
}

void LabObserver::Follow::unwatch()
{
    // The watches go before their client.
    delete raft;
    raft = nullptr;
    delete gossip;
    gossip = nullptr;
}

ProcessState LabObserver::processOf(const QString &name) const
{
    return m_processes.value(name, ProcessState::Exited);
}

QString LabObserver::leaderName() const
{
    for (const LabNodeStatus &n : m_nodes)
        if (n.leader)
            return n.node.name;
    return QString();
}

const LabNodeStatus *LabObserver::node(const QString &name) const
{
    for (const LabNodeStatus &n : m_nodes)
        if (n.node.name == name)
            return &n;
    return nullptr;
}

void LabObserver::tick()
{
    m_record = readLab(m_dir);
    m_processes.clear();
    for (const LabNode &n : m_record)
        m_processes.insert(n.name, processState(n.pid));
    // Follow each node that has a process, anew when its process is another one (a restart
    // numbers its events from 1 again).
    std::map<QString, qint64> running;
    for (const LabNode &n : m_record)
        if (processOf(n.name) != ProcessState::Exited)
            running.emplace(n.name, n.pid);
    for (auto it = m_follows.begin(); it != m_follows.end();) {
        const auto wanted = running.find(it->first);
        if (wanted == running.end() || wanted->second != it->second.pid) {
            it->second.unwatch();
            it = m_follows.erase(it);
        } else {
            ++it;
        }
    }
    for (const LabNode &n : m_record)
        if (running.count(n.name) && !m_follows.count(n.name))
            follow(n);
    askMembers();
    publish();
}

void LabObserver::follow(const LabNode &node)
{
    Follow &f = m_follows[node.name];
    f.pid = node.pid;
    f.client = clientFor(node);
    const QString name = node.name;
    const qint64 pid = node.pid;
    if (m_followGossip)
        followGossip(name, f);
    if (!node.server)
        return;
    f.raft = new BlockingWatch(f.client.get(),
                               ApiRequest::get(QStringLiteral("/v1/agent/raft/events")), this);
    f.raft->setWaitTime(raftWait);
    f.raft->setBackoff(250ms, 1s);
    connect(f.raft, &BlockingWatch::answered, this,
            [this, name, pid](quint64, const ApiResponse &response) {
                const auto it = m_follows.find(name);
                if (it == m_follows.end())
                    return;
                const QJsonObject answer = QJsonDocument::fromJson(response.body).object();
                it->second.now = answer.value(QStringLiteral("Raft")).toObject();
                Q_EMIT raftAnswered(name, pid, answer);
                publish();
            });
    f.raft->start();
}

void LabObserver::setFollowGossip(bool on)
{
    if (on == m_followGossip)
        return;
    m_followGossip = on;
    for (auto &[name, f] : m_follows) {
        if (on) {
            followGossip(name, f);
        } else {
            delete f.gossip;
            f.gossip = nullptr;
        }
    }
}

void LabObserver::followGossip(const QString &name, Follow &f)
{
    if (f.gossip)
        return;
    f.gossip = new BlockingWatch(f.client.get(),
                                 ApiRequest::get(QStringLiteral("/v1/agent/gossip/events")), this);
    f.gossip->setWaitTime(raftWait);
    f.gossip->setBackoff(250ms, 1s);
    const qint64 pid = f.pid;
    connect(f.gossip, &BlockingWatch::answered, this,
            [this, name, pid](quint64, const ApiResponse &response) {
                const QJsonObject answer = QJsonDocument::fromJson(response.body).object();
                Q_EMIT gossipAnswered(name, pid,
                                      gossipEventsFromJson(answer.value(QLatin1String("Events"))));
            });
    f.gossip->start();
}

void LabObserver::askMembers()
{
    if (m_membersCall)
        return;
    // The leader's view: a node cut off from it is what a partition shows.
    const QString leader = leaderName();
    const LabNode *observer = nullptr;
    for (const LabNode &n : m_record) {
        if (!n.server || processOf(n.name) != ProcessState::Running)
            continue;
        if (!observer || n.name == leader)
            observer = &n;
    }
    if (!observer) {
        m_members.clear();
        return;
    }
    if (observer->name != m_membersFrom || !m_membersClient) {
        m_membersClient = clientFor(*observer);
        m_membersFrom = observer->name;
    }
    m_membersCall = m_membersClient->start(
        AgentApi::members(), this, [this](const Expected<QList<AgentMember>> &members) {
            m_members.clear();
            if (members)
                for (const AgentMember &m : *members)
                    m_members.insert(m.name, AgentMember::statusName(m.status));
            publish();
        });
}

void LabObserver::publish()
{
    QList<LabNodeStatus> nodes;
    quint64 leaderTerm = 0;
    QString leader;
    for (const LabNode &n : m_record) {
        LabNodeStatus s;
        s.node = n;
        s.process = processOf(n.name);
        s.member = m_members.value(n.name);
        s.faults = describeLabFaults(n, m_record);
        const auto follow = m_follows.find(n.name);
        if (follow != m_follows.end() && s.process != ProcessState::Exited) {
            const QJsonObject &now = follow->second.now;
            s.raftId = now.value(QStringLiteral("ID")).toString();
            s.raftRole = now.value(QStringLiteral("Role")).toString();
            s.term = quint64(now.value(QStringLiteral("Term")).toDouble());
            s.commitIndex = quint64(now.value(QStringLiteral("CommitIndex")).toDouble());
            s.lastIndex = quint64(now.value(QStringLiteral("LastIndex")).toDouble());
            s.lastContactMs = now.contains(QStringLiteral("LastContactMs"))
                                  ? qint64(now.value(QStringLiteral("LastContactMs")).toDouble())
                                  : -1;
            // A frozen leader still thinks it leads: only a running one counts.
            if (s.process == ProcessState::Running && s.raftRole == QLatin1String("Leader") &&
                s.term >= leaderTerm) {
                leaderTerm = s.term;
                leader = n.name;
            }
        }
        nodes.append(s);
    }
    for (LabNodeStatus &s : nodes)
        s.leader = !leader.isEmpty() && s.node.name == leader;
    if (nodes == m_nodes)
        return;
    m_nodes = std::move(nodes);
    Q_EMIT changed();
}

} // namespace qonsul::ui

#pragma once
// Watches a lab as the Lab page shows it: the nodes its record (lab.json) lists, whether each
// process runs, is paused or is gone, each server's Raft (role, term, commit index, log, last
// contact) followed on its /v1/agent/raft/events, what each node's gossip pool saw followed on
// its /v1/agent/gossip/events (while asked to), and the members as the leader sees them (a node cut
// off from the leader shows "failed" there). Reads the record twice a second, so that `qonsul lab`
// commands typed in a terminal show too.

#include "api/AgentApi.h"
#include "api/LabRecord.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <memory>

namespace qonsul {
class ApiCall;
class ApiClient;
class BlockingWatch;
} // namespace qonsul

namespace qonsul::ui {

struct LabNodeStatus
{
    LabNode node;
    ProcessState process = ProcessState::Exited;
    QString member;   // "alive", "failed", "left", … as the observing server sees it; "" unknown
    QString raftId;   // a server's Raft ID, once it answered
    QString raftRole; // "Leader", "Follower", "Candidate"; "" for a client or no answer yet
    quint64 term = 0;
    quint64 commitIndex = 0;
    quint64 lastIndex = 0;
    qint64 lastContactMs = -1; // a follower's; -1 unknown
    bool leader = false;       // the leader the running servers agree on
    QString faults;            // describeLabFaults

    bool operator==(const LabNodeStatus &) const = default;
};

class LabObserver : public QObject
{
    Q_OBJECT
public:
    explicit LabObserver(QString dir, QObject *parent = nullptr);
    ~LabObserver() override;

    const QString &dir() const { return m_dir; }
    void start();
    void stop();

    // Whether to follow every node's gossip events too: some seventy answers a second from a
    // lab of seven at dev timings, so only while someone looks at them. Each agent keeps its
    // newest 2,000, which the first answer brings.
    void setFollowGossip(bool on);
    bool followsGossip() const { return m_followGossip; }

    const QList<LabNodeStatus> &nodes() const { return m_nodes; }
    // The agreed leader's node name, or "" (no servers, an election under way).
    QString leaderName() const;
    // The node named so, or nullptr.
    const LabNodeStatus *node(const QString &name) const;

Q_SIGNALS:
    void changed();
    // One answer of a server's /v1/agent/raft/events (its "Raft" and newest "Events") from its
    // process `pid`, for the views that record what Raft did.
    void raftAnswered(const QString &node, qint64 pid, const QJsonObject &answer);
    // The new events of a node's /v1/agent/gossip/events, from its process `pid`.
    void gossipAnswered(const QString &node, qint64 pid, const QList<GossipEventEntry> &events);

private:
    struct Follow
    {
        qint64 pid = 0;
        std::unique_ptr<ApiClient> client;
        BlockingWatch *raft = nullptr; // servers only
        BlockingWatch *gossip = nullptr;
        QJsonObject now; // the last answer's "Raft"
        void unwatch();
    };
    void tick();
    void follow(const LabNode &node);
    void followGossip(const QString &name, Follow &f);
    void askMembers();
    void publish();
    ProcessState processOf(const QString &name) const;

    QString m_dir;
    QTimer m_timer;
    std::vector<LabNode> m_record;
    std::map<QString, Follow> m_follows;      // nodes with a process, by name
    QHash<QString, ProcessState> m_processes; // as the last tick found them
    bool m_followGossip = false;
    std::unique_ptr<ApiClient> m_membersClient;
    QString m_membersFrom; // node whose members were asked last
    QPointer<ApiCall> m_membersCall;
    QHash<QString, QString> m_members;
    QList<LabNodeStatus> m_nodes;
};

} // namespace qonsul::ui

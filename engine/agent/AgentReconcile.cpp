// The leader's reconciliation of gossip members into the catalog (Consul's leader.go): a
// member that joins becomes a node with the serfHealth check passing (and, for a server, the
// consul service); one that fails keeps its node with serfHealth critical; one that leaves or
// is reaped is deregistered. Nodes with a serfHealth check that are no members any more go too.
// It runs on every membership event and in full when the agent starts leading and every
// minute.

#include "agent/Agent.h"
#include "agent/RaftMembership.h"
#include "agent/ServerPool.h"
#include "server/Server.h"
#include "state/StateStore.h"
#include "transport/GossipPool.h"

namespace qonsul {

namespace {

const QString consulLog = QStringLiteral("consul");
const std::string serfHealth = "serfHealth";

std::string tag(const gossip::Member &member, const char *name)
{
    auto it = member.info.tags.find(name);
    return it == member.info.tags.end() ? std::string() : it->second;
}

} // namespace

void Agent::onMemberEvent(const gossip::MemberEvent &event)
{
    if (m_serverPool)
        m_serverPool->memberChanged(event);
    if (m_raftMembership)
        m_raftMembership->poke();
    if (event.kind == gossip::MemberEvent::Kind::Suspect)
        return;
    if (m_server && m_server->isLeader() && !m_leaving)
        reconcileMember(event.member, event.kind == gossip::MemberEvent::Kind::Reaped);
}

void Agent::reconcileMembers(bool deregisterStrangers)
{
    if (!m_server || !m_server->isLeader() || m_leaving || !m_lanPool)
        return;
    std::set<std::string> members;
    for (const auto &[name, member] : m_lanPool->swimMembers()) {
        members.insert(name);
        reconcileMember(member, false);
    }
    if (!deregisterStrangers)
        return;
    // Nodes that gossip no longer knows (reaped while another server led, or before a restart).
    for (const state::Node *node : m_server->store().nodes()) {
        if (members.count(node->name))
            continue;
        bool gossiped = false;
        for (const state::Check *check : m_server->store().nodeChecks(node->name))
            gossiped = gossiped || check->checkId == serfHealth;
        if (!gossiped)
            continue;
        m_logger.info(consulLog, QStringLiteral("member '%1' reaped, deregistering")
                                     .arg(QString::fromStdString(node->name)));
        fsm::Command c;
        c.body = fsm::DeregisterCommand{node->name, {}, {}};
        proposeToCatalog(std::move(c));
    }
}

void Agent::reconcileMember(const gossip::Member &member, bool reaped)
{
    const std::string &name = member.info.name;
    if (name == m_config.nodeName.toStdString())
        return; // this agent registers itself
    if (tag(member, "dc") != m_config.datacenter.toStdString())
        return;
    const QString quoted = QString::fromStdString(name);
    const state::StateStore &store = m_server->store();
    const state::Node *existing = store.node(name);

    if (reaped || member.state == gossip::MemberState::Left) {
        if (!existing)
            return;
        m_logger.info(consulLog,
                      QStringLiteral("member '%1' %2, deregistering")
                          .arg(quoted, reaped ? QStringLiteral("reaped") : QStringLiteral("left")));
        fsm::Command c;
        c.body = fsm::DeregisterCommand{name, {}, {}};
        proposeToCatalog(std::move(c));
        return;
    }

    const bool alive =
        member.state == gossip::MemberState::Alive || member.state == gossip::MemberState::Suspect;
    QHostAddress ip;
    quint16 port = 0;
    transport::parseGossipAddress(member.info.address, &ip, &port);
    const std::string address = ip.toString().toStdString();
    const bool server = tag(member, "role") == "consul";
    const char *status = alive ? state::health::passing : state::health::critical;

    // In sync already: same address, serfHealth in the right state, consul service if a server.
    if (existing && existing->address == address) {
        bool checkOk = false;
        for (const state::Check *check : store.nodeChecks(name))
            if (check->checkId == serfHealth)
                checkOk = check->status == status;
        bool serviceOk = !server;
        for (const state::Service *service : store.nodeServices(name))
            serviceOk = serviceOk || service->id == "consul";
        if (checkOk && serviceOk)
            return;
    }
    m_logger.info(consulLog,
                  alive
                      ? QStringLiteral("member '%1' joined, marking health alive").arg(quoted)
                      : QStringLiteral("member '%1' failed, marking health critical").arg(quoted));
    fsm::RegisterCommand reg;
    if (existing && existing->address == address) {
        reg.node = *existing;
        reg.skipNodeUpdate = true;
    } else {
        reg.node.id = tag(member, "id");
        reg.node.name = name;
        reg.node.address = address;
        reg.node.datacenter = m_config.datacenter.toStdString();
        reg.node.taggedAddresses = {{"lan", address}, {"wan", address}};
        if (existing)
            reg.node.meta = existing->meta;
        else
            reg.node.meta["consul-network-segment"] = "";
    }
    if (server) {
        state::Service consul;
        consul.id = consul.name = "consul";
        const std::string rpcPort = tag(member, "port");
        consul.port = rpcPort.empty() ? 8300 : std::stoi(rpcPort);
        reg.service = consul;
    }
    state::Check check;
    check.node = name;
    check.checkId = serfHealth;
    check.name = "Serf Health Status";
    check.status = status;
    check.output = alive ? "Agent alive and reachable" : "Agent not live or unreachable";
    reg.checks.push_back(check);
    fsm::Command c;
    c.body = std::move(reg);
    proposeToCatalog(std::move(c));
}

} // namespace qonsul

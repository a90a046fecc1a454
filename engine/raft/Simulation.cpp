#include "raft/Simulation.h"

#include <algorithm>
#include <limits>

namespace qonsul::raft {

void SimulatedFsm::apply(const Entry &entry)
{
    // FNV-1a over the entry's term, type and data, chained: equal hashes at an index mean the
    // same entries were applied in the same order.
    const auto mix = [this](unsigned char byte) {
        hash ^= byte;
        hash *= 1099511628211ull;
    };
    for (int shift = 0; shift < 64; shift += 8)
        mix(static_cast<unsigned char>(entry.term >> shift));
    mix(static_cast<unsigned char>(entry.type));
    for (char c : entry.data)
        mix(static_cast<unsigned char>(c));
    applied = entry.index;
}

namespace {

std::string fsmSnapshot(const SimulatedFsm &fsm)
{
    return std::to_string(fsm.hash);
}

SimulatedFsm fsmFromSnapshot(const Snapshot &snapshot)
{
    SimulatedFsm fsm;
    fsm.applied = snapshot.meta.index;
    fsm.hash = snapshot.data ? std::stoull(*snapshot.data) : fsm.hash;
    return fsm;
}

} // namespace

Simulation::Simulation(Options options, uint64_t seed)
    : m_options(options), m_seed(seed), m_random(seed)
{
}

void Simulation::bootstrap(int count)
{
    Configuration configuration;
    for (int i = 1; i <= count; ++i) {
        const std::string id = "s" + std::to_string(i);
        configuration.servers.push_back({id, id + ":8300", Suffrage::Voter});
    }
    for (const ServerInfo &server : configuration.servers) {
        start(server.id);
        m_servers.at(server.id).raft->bootstrap(configuration, m_now);
        drive(server.id);
    }
}

void Simulation::startEmpty(const std::string &id)
{
    start(id);
    drive(id);
}

void Simulation::start(const std::string &id)
{
    Server &server = m_servers[id];
    RestoredState restored;
    restored.hardState = server.disk.hardState;
    restored.snapshot = server.disk.snapshot;
    for (const auto &[index, entry] : server.disk.log)
        restored.entries.push_back(entry);
    server.fsm = server.disk.snapshot ? fsmFromSnapshot(*server.disk.snapshot) : SimulatedFsm{};
    server.lastSnapshot = server.fsm.applied;
    server.raft = std::make_unique<Raft>(m_options.raft, id, id + ":8300", m_random(),
                                         std::move(restored), m_now);
    if (m_hooks.started)
        m_hooks.started(id);
}

void Simulation::crash(const std::string &id)
{
    m_servers.at(id).raft.reset();
    m_paused.erase(id);
}

void Simulation::pause(const std::string &id)
{
    if (isUp(id))
        m_paused.insert(id);
}

void Simulation::resume(const std::string &id)
{
    if (!m_paused.erase(id))
        return;
    std::vector<Message> still;
    for (Message &message : m_held) {
        if (message.to == id)
            m_inFlight.push({m_now, ++m_order, std::move(message)});
        else
            still.push_back(std::move(message));
    }
    m_held = std::move(still);
}

void Simulation::restart(const std::string &id)
{
    if (isUp(id))
        return;
    start(id);
    drive(id);
}

void Simulation::partition(std::vector<std::set<std::string>> groups)
{
    m_groups = std::move(groups);
}

void Simulation::cutLink(const std::string &from, const std::string &to)
{
    m_cut.insert({from, to});
}

void Simulation::heal()
{
    m_groups.clear();
    m_cut.clear();
}

bool Simulation::withServer(const std::string &id, const std::function<void(Raft &)> &call)
{
    const auto it = m_servers.find(id);
    if (it == m_servers.end() || !it->second.raft)
        return false;
    call(*it->second.raft);
    drive(id);
    return true;
}

std::vector<std::string> Simulation::servers() const
{
    std::vector<std::string> ids;
    for (const auto &[id, _] : m_servers)
        ids.push_back(id);
    return ids;
}

bool Simulation::isUp(const std::string &id) const
{
    const auto it = m_servers.find(id);
    return it != m_servers.end() && it->second.raft;
}

const Raft *Simulation::server(const std::string &id) const
{
    const auto it = m_servers.find(id);
    return it == m_servers.end() ? nullptr : it->second.raft.get();
}

std::string Simulation::leader() const
{
    std::string best;
    uint64_t bestTerm = 0;
    for (const auto &[id, server] : m_servers) {
        if (server.raft && server.raft->role() == Role::Leader &&
            (best.empty() || server.raft->term() > bestTerm)) {
            best = id;
            bestTerm = server.raft->term();
        }
    }
    return best;
}

bool Simulation::linked(const std::string &from, const std::string &to) const
{
    if (m_cut.contains({from, to}))
        return false;
    if (m_groups.empty())
        return true;
    for (const auto &group : m_groups)
        if (group.contains(from))
            return group.contains(to);
    return false;
}

void Simulation::persist(Server &server, const Ready &ready)
{
    SimulatedDisk &disk = server.disk;
    if (ready.hardState)
        disk.hardState = *ready.hardState;
    if (ready.snapshot) {
        disk.snapshot = ready.snapshot;
        disk.log.clear();
        server.fsm = fsmFromSnapshot(*ready.snapshot);
        server.lastSnapshot = server.fsm.applied;
    }
    if (!ready.entries.empty()) {
        disk.log.erase(disk.log.lower_bound(ready.entries.front().index), disk.log.end());
        for (const Entry &entry : ready.entries)
            disk.log[entry.index] = entry;
    }
}

void Simulation::transmit(Message message)
{
    ++m_sent;
    const SimulatedNetwork &network = m_options.network;
    std::uniform_real_distribution<double> chance(0, 1);
    if (network.loss > 0 && chance(m_random) < network.loss) {
        ++m_dropped;
        return;
    }
    std::uniform_int_distribution<Ms> delay(network.minDelay, network.maxDelay);
    if (network.duplicate > 0 && chance(m_random) < network.duplicate)
        m_inFlight.push({m_now + delay(m_random), ++m_order, message});
    m_inFlight.push({m_now + delay(m_random), ++m_order, std::move(message)});
}

void Simulation::drive(const std::string &id)
{
    Server &server = m_servers.at(id);
    while (server.raft && server.raft->hasReady()) {
        Ready ready = server.raft->ready();
        if (m_hooks.ready)
            m_hooks.ready(id, *server.raft, ready);
        persist(server, ready);
        for (Message &message : ready.messages)
            transmit(std::move(message));
        for (const Entry &entry : ready.committed) {
            if (entry.index <= server.fsm.applied)
                continue; // in the snapshot just installed
            server.fsm.apply(entry);
            if (m_hooks.applied)
                m_hooks.applied(id, entry);
        }
        for (const ReadState &read : ready.reads)
            if (m_hooks.read)
                m_hooks.read(id, read);
        server.raft->advance();

        const uint64_t every = m_options.snapshotEvery;
        if (every && server.fsm.applied >= server.lastSnapshot + every) {
            auto data = std::make_shared<const std::string>(fsmSnapshot(server.fsm));
            server.raft->compact(server.fsm.applied, data);
            if (server.raft->snapshotMeta().index == server.fsm.applied) {
                server.disk.snapshot = Snapshot{server.raft->snapshotMeta(), data};
                server.disk.log.erase(server.disk.log.begin(),
                                      server.disk.log.lower_bound(server.raft->firstIndex()));
                server.lastSnapshot = server.fsm.applied;
            }
        }
    }
}

Ms Simulation::nextDeadline() const
{
    Ms next = std::numeric_limits<Ms>::max();
    for (const auto &[id, server] : m_servers)
        if (server.raft && !m_paused.contains(id))
            next = std::min(next, server.raft->nextDeadline());
    return next;
}

void Simulation::runUntil(Ms until)
{
    while (true) {
        Ms next = nextDeadline();
        if (!m_inFlight.empty())
            next = std::min(next, m_inFlight.top().at);
        if (next > until)
            break;
        m_now = std::max(m_now, next);
        while (!m_inFlight.empty() && m_inFlight.top().at <= m_now) {
            InFlight in = m_inFlight.top();
            m_inFlight.pop();
            const std::string to = in.message.to;
            if (!isUp(to) || !linked(in.message.from, to)) {
                ++m_dropped;
                continue;
            }
            if (m_paused.contains(to)) {
                m_held.push_back(std::move(in.message));
                continue;
            }
            m_servers.at(to).raft->step(in.message, m_now);
            drive(to);
            if (m_hooks.step)
                m_hooks.step();
        }
        for (auto &[id, server] : m_servers) {
            if (!server.raft || m_paused.contains(id) || server.raft->nextDeadline() > m_now)
                continue;
            server.raft->tick(m_now);
            drive(id);
            if (m_hooks.step)
                m_hooks.step();
        }
    }
    m_now = std::max(m_now, until);
}

} // namespace qonsul::raft

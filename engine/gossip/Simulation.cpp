#include "gossip/Simulation.h"

#include <algorithm>
#include <limits>

namespace qonsul::gossip {

Simulation::Simulation(GossipConfig config, uint64_t seed, NetworkConditions network)
    : m_config(config), m_seed(seed), m_network(network), m_random(seed)
{
}

void Simulation::addMembers(int count, const std::string &joinVia)
{
    for (int i = 0; i < count; ++i) {
        const std::string name = "n" + std::to_string(m_nextIndex++);
        auto member =
            std::make_unique<Swim>(m_config, MemberInfo{name, name, 0, m_tags}, m_random(), m_now);
        if (!joinVia.empty())
            member->join({joinVia}, m_now, m_joinsIgnoreOldEvents);
        m_members[name] = std::move(member);
        collect(name);
    }
}

void Simulation::crash(const std::string &name)
{
    m_down.insert(name);
    m_deadline.erase(name);
}

void Simulation::restart(const std::string &name, const std::string &joinVia)
{
    m_down.erase(name);
    m_members[name] =
        std::make_unique<Swim>(m_config, MemberInfo{name, name, 0, m_tags}, m_random(), m_now);
    if (!joinVia.empty())
        m_members[name]->join({joinVia}, m_now, m_joinsIgnoreOldEvents);
    collect(name);
}

void Simulation::leave(const std::string &name)
{
    m_members.at(name)->leave(m_now);
    collect(name);
}

std::string Simulation::fireUserEvent(const std::string &member, std::string name,
                                      std::string payload)
{
    std::string error =
        m_members.at(member)->fireUserEvent(std::move(name), std::move(payload), m_now);
    collect(member);
    return error;
}

void Simulation::partition(std::vector<std::set<std::string>> groups)
{
    m_groups = std::move(groups);
}

void Simulation::heal()
{
    m_groups.clear();
}

bool Simulation::isUp(const std::string &name) const
{
    return m_members.contains(name) && !m_down.contains(name);
}

std::vector<std::string> Simulation::upMembers() const
{
    std::vector<std::string> up;
    for (const auto &[name, _] : m_members)
        if (!m_down.contains(name))
            up.push_back(name);
    return up;
}

const Member *Simulation::view(const std::string &observer, const std::string &subject) const
{
    const auto &members = m_members.at(observer)->members();
    auto it = members.find(subject);
    return it == members.end() ? nullptr : &it->second;
}

bool Simulation::connected(const std::string &a, const std::string &b) const
{
    if (m_groups.empty())
        return true;
    for (const auto &group : m_groups)
        if (group.contains(a))
            return group.contains(b);
    return false;
}

void Simulation::collect(const std::string &name)
{
    Swim &member = *m_members.at(name);
    for (Outgoing &out : member.takeOutgoing()) {
        ++m_packetsSent;
        if (m_observer)
            m_observer(name, out);
        if (!out.reliable && m_network.loss > 0 &&
            std::uniform_real_distribution<double>(0, 1)(m_random) < m_network.loss) {
            ++m_packetsLost;
            continue;
        }
        const Ms delay =
            std::uniform_int_distribution<Ms>(m_network.minDelay, m_network.maxDelay)(m_random);
        m_inFlight.push(
            {m_now + delay, ++m_order, name, out.to, std::move(out.packet), out.reliable});
    }
    if (!m_down.contains(name)) {
        const Ms deadline = member.nextDeadline();
        auto [it, added] = m_deadline.try_emplace(name, deadline);
        if (added || it->second != deadline) {
            it->second = deadline;
            m_schedule.emplace(deadline, name);
        }
    }
    // Drained either way, so that they do not pile up.
    for (const MemberEvent &event : member.takeEvents())
        if (m_eventObserver)
            m_eventObserver(name, event);
    for (const ProbeOutcome &probe : member.takeProbeOutcomes())
        if (m_probeObserver)
            m_probeObserver(name, probe);
    for (const UserEvent &event : member.takeUserEvents())
        if (m_userEventObserver)
            m_userEventObserver(name, event);
}

Ms Simulation::nextMemberDeadline()
{
    while (!m_schedule.empty()) {
        const auto &[at, name] = m_schedule.top();
        const auto it = m_deadline.find(name);
        if (it != m_deadline.end() && it->second == at)
            return at;
        m_schedule.pop(); // stale: moved since, or the member is down
    }
    return std::numeric_limits<Ms>::max();
}

std::set<std::string> Simulation::takeDue(Ms now)
{
    std::set<std::string> due;
    while (!m_schedule.empty() && m_schedule.top().first <= now) {
        const auto [at, name] = m_schedule.top();
        m_schedule.pop();
        const auto it = m_deadline.find(name);
        if (it != m_deadline.end() && it->second == at) {
            due.insert(name);
            m_deadline.erase(it); // collect() after its tick schedules it again
        }
    }
    return due;
}

void Simulation::runUntil(Ms until, const std::function<void()> &afterStep)
{
    while (true) {
        Ms next = nextMemberDeadline();
        if (!m_inFlight.empty())
            next = std::min(next, m_inFlight.top().at);
        if (next > until)
            break;
        m_now = std::max(m_now, next);
        while (!m_inFlight.empty() && m_inFlight.top().at <= m_now) {
            InFlight packet = m_inFlight.top();
            m_inFlight.pop();
            // A crashed member hears nothing; a partition drops what crosses it (TCP too).
            if (!isUp(packet.to) || !isUp(packet.from) || !connected(packet.from, packet.to))
                continue;
            m_members.at(packet.to)->receive(packet.from, packet.packet, packet.reliable, m_now);
            collect(packet.to);
        }
        for (const std::string &name : takeDue(m_now)) {
            m_members.at(name)->tick(m_now);
            collect(name);
        }
        if (afterStep)
            afterStep();
    }
    m_now = std::max(m_now, until);
}

} // namespace qonsul::gossip

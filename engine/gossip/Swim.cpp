#include "gossip/Swim.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qonsul::gossip {

const char *memberStateName(MemberState state)
{
    switch (state) {
    case MemberState::Alive:
        return "alive";
    case MemberState::Suspect:
        return "suspect";
    case MemberState::Dead:
        return "dead";
    case MemberState::Left:
        return "left";
    }
    return "alive";
}

const char *probeResultName(ProbeOutcome::Result result)
{
    switch (result) {
    case ProbeOutcome::Result::Acked:
        return "acked";
    case ProbeOutcome::Result::AckedIndirectly:
        return "acked-indirectly";
    case ProbeOutcome::Result::Failed:
        return "failed";
    }
    return "failed";
}

void Swim::recordProbe(const Probe &probe, ProbeOutcome::Result result, Ms now,
                       std::string ackPayload)
{
    // Bounded for drivers that never ask (the simulator): the oldest go first.
    if (m_probeOutcomes.size() >= maxProbeOutcomes)
        m_probeOutcomes.erase(m_probeOutcomes.begin());
    m_probeOutcomes.push_back(
        {probe.target, result, now - probe.started, probe.seq, std::move(ackPayload)});
}

const char *memberEventName(MemberEvent::Kind kind)
{
    switch (kind) {
    case MemberEvent::Kind::Join:
        return "join";
    case MemberEvent::Kind::Update:
        return "update";
    case MemberEvent::Kind::Suspect:
        return "suspect";
    case MemberEvent::Kind::Refuted:
        return "refuted";
    case MemberEvent::Kind::Failed:
        return "failed";
    case MemberEvent::Kind::Left:
        return "left";
    case MemberEvent::Kind::Reaped:
        return "reaped";
    }
    return "join";
}

Swim::Swim(GossipConfig config, MemberInfo self, uint64_t seed, Ms now)
    : m_config(config), m_selfName(self.name), m_random(seed)
{
    Member me{std::move(self), MemberState::Alive, now};
    m_inNameOrder.push_back(&m_members.emplace(m_selfName, me).first->second);
    m_liveCount = 1;
    m_eventSlots.resize(size_t(std::max(1, m_config.eventBuffer)));
    // Members start their cycles at random offsets, as memberlist's tickers do.
    std::uniform_int_distribution<Ms> offset(0, m_config.probeInterval);
    m_nextProbe = now + offset(m_random);
    m_nextGossip = now + std::uniform_int_distribution<Ms>(0, m_config.gossipInterval)(m_random);
    m_nextPushPull = now + m_config.pushPullInterval;
    m_nextReconnect = now + m_config.reconnectInterval;
    m_nextReap = now + m_config.reapInterval;
}

std::map<std::string, Ms> Swim::suspicionDeadlines() const
{
    std::map<std::string, Ms> deadlines;
    for (const auto &[name, suspicion] : m_suspicions)
        deadlines[name] = suspicion.deadline;
    return deadlines;
}

namespace {

// Events are told apart by all they carry; membership broadcasts are keyed by member name, so
// this one's start cannot be a name's.
std::string eventKey(const UserEvent &event)
{
    return std::string("\0event ", 7) + std::to_string(event.ltime) + '\0' + event.name + '\0' +
           event.payload;
}

bool isLive(MemberState state)
{
    return state == MemberState::Alive || state == MemberState::Suspect;
}

} // namespace

size_t Swim::liveCount() const
{
    return m_liveCount;
}

// --- sending ------------------------------------------------------------------------------

void Swim::send(const std::string &address, Message message)
{
    Outgoing out{address, {}, false};
    out.packet.messages.push_back(std::move(message));
    for (Message &piggyback : takeBroadcasts(m_config.maxPiggyback))
        out.packet.messages.push_back(std::move(piggyback));
    m_outgoing.push_back(std::move(out));
}

std::vector<Message> Swim::takeBroadcasts(int limit)
{
    // Membership first, then events in what room is left, as serf hands memberlist its
    // queues in that order.
    const int transmits = BroadcastQueue::retransmitLimit(m_config.retransmitMult, liveCount());
    std::vector<Message> messages = m_broadcasts.take(limit, transmits);
    for (Message &event : m_eventBroadcasts.take(limit - int(messages.size()), transmits))
        messages.push_back(std::move(event));
    return messages;
}

void Swim::sendReliable(const std::string &address, Message message)
{
    Outgoing out{address, {}, true};
    out.packet.messages.push_back(std::move(message));
    m_outgoing.push_back(std::move(out));
}

void Swim::broadcast(const std::string &about, Message message)
{
    m_broadcasts.add(about, std::move(message));
}

void Swim::emit(MemberEvent::Kind kind, const Member &member)
{
    m_events.push_back({kind, member});
}

void Swim::setState(Member &member, MemberState state, Ms now)
{
    m_liveCount += size_t(isLive(state)) - size_t(isLive(member.state));
    member.state = state;
    member.stateChange = now;
}

void Swim::applyAwareness(int delta)
{
    m_awareness = std::clamp(m_awareness + delta, 0, m_config.awarenessMaxMultiplier - 1);
}

// --- the driver's side --------------------------------------------------------------------

void Swim::join(const std::vector<std::string> &addresses, Ms, bool ignoreOldEvents)
{
    m_joinsIgnoringEvents.clear();
    for (const std::string &address : addresses) {
        if (ignoreOldEvents)
            m_joinsIgnoringEvents.insert(address);
        sendReliable(address, fullState(true, false));
    }
}

std::string Swim::fireUserEvent(std::string name, std::string payload, Ms)
{
    if (name.size() + payload.size() > m_config.userEventSizeLimit)
        return "user event exceeds configured limit of " +
               std::to_string(m_config.userEventSizeLimit) + " bytes before encoding";
    UserEvent event{m_eventClock, std::move(name), std::move(payload)};
    ++m_eventClock;
    onUserEvent(event);
    const std::string key = eventKey(event);
    m_eventBroadcasts.add(key, std::move(event));
    m_eventBroadcasts.prune(m_config.maxEventQueueDepth);
    return {};
}

bool Swim::onUserEvent(const UserEvent &event)
{
    witnessEventTime(event.ltime);
    if (event.ltime < m_eventMinTime)
        return false;
    // Too old to tell from a repeat: its slot may have been reused since.
    const uint64_t window = m_eventSlots.size();
    if (m_eventClock > window && event.ltime < m_eventClock - window)
        return false;
    EventSlot &slot = m_eventSlots[event.ltime % window];
    if (slot.ltime != event.ltime || slot.seen.empty()) {
        slot.ltime = event.ltime;
        slot.seen.clear();
    }
    const std::pair<std::string, std::string> key{event.name, event.payload};
    if (std::find(slot.seen.begin(), slot.seen.end(), key) != slot.seen.end())
        return false;
    slot.seen.push_back(key);
    m_userEvents.push_back(event);
    return true;
}

bool Swim::forceLeave(const std::string &name, Ms now)
{
    auto it = m_members.find(name);
    if (it == m_members.end() || it->second.state != MemberState::Dead)
        return false;
    onDead(Dead{it->second.info.incarnation, name, name}, now);
    return true;
}

void Swim::leave(Ms now)
{
    if (m_leaving)
        return;
    m_leaving = true;
    Member &me = m_members.at(m_selfName);
    const Dead dead{me.info.incarnation, m_selfName, m_selfName};
    setState(me, MemberState::Left, now);
    broadcast(m_selfName, dead);
    // Make sure it goes out now, not only on the next gossip round.
    for (const Member *peer : randomMembers(m_config.gossipNodes, m_selfName, false, now))
        send(peer->info.address, dead);
}

void Swim::setTags(std::map<std::string, std::string> tags, Ms)
{
    Member &me = m_members.at(m_selfName);
    me.info.tags = std::move(tags);
    ++me.info.incarnation;
    broadcast(m_selfName, Alive{me.info});
}

Ms Swim::nextDeadline() const
{
    Ms next = std::min({m_nextProbe, m_nextGossip, m_nextPushPull, m_nextReconnect, m_nextReap});
    if (m_probe)
        next =
            std::min(next, m_probe->indirectSent ? m_probe->probeDeadline : m_probe->ackDeadline);
    for (const auto &[_, relay] : m_relays)
        next = std::min(next, relay.deadline);
    for (const auto &[_, suspicion] : m_suspicions)
        next = std::min(next, suspicion.deadline);
    return next;
}

void Swim::tick(Ms now)
{
    if (m_probe && !m_probe->indirectSent && now >= m_probe->ackDeadline)
        probeTimedOut(now); // indirect pings (and the verdict too, if that is also due)
    if (m_probe && m_probe->indirectSent && now >= m_probe->probeDeadline)
        probeTimedOut(now);
    finishRelays(now);
    expireSuspicions(now);
    if (now >= m_nextProbe) {
        m_nextProbe = now + m_config.probeInterval;
        if (!m_probe && !m_leaving)
            startProbe(now);
    }
    if (now >= m_nextGossip) {
        m_nextGossip = now + m_config.gossipInterval;
        gossip(now);
    }
    if (now >= m_nextPushPull) {
        // Push/pull slows down in large clusters, as memberlist's pushPullScale: one more
        // interval for each doubling past 32 members.
        const size_t n = liveCount();
        const double extra = n > 32 ? std::ceil(std::log2(double(n)) - std::log2(32.0)) : 0;
        m_nextPushPull = now + Ms(double(m_config.pushPullInterval) * (1 + extra));
        if (!m_leaving)
            pushPull(now);
    }
    if (now >= m_nextReconnect) {
        m_nextReconnect = now + m_config.reconnectInterval;
        if (!m_leaving)
            reconnect(now);
    }
    if (now >= m_nextReap) {
        m_nextReap = now + m_config.reapInterval;
        reap(now);
    }
}

void Swim::reap(Ms now)
{
    for (auto it = m_members.begin(); it != m_members.end();) {
        const Member &member = it->second;
        const Ms age = now - member.stateChange;
        const bool expired =
            (member.state == MemberState::Dead && age > m_config.reconnectTimeout) ||
            (member.state == MemberState::Left && age > m_config.tombstoneTimeout);
        if (!expired || it->first == m_selfName) {
            ++it;
            continue;
        }
        emit(MemberEvent::Kind::Reaped, member);
        m_liveCount -= size_t(isLive(member.state));
        std::erase(m_inNameOrder, &it->second);
        it = m_members.erase(it);
    }
}

void Swim::receive(const std::string &fromAddress, const Packet &packet, bool reliable, Ms now)
{
    for (const Message &message : packet.messages)
        handle(fromAddress, message, reliable, now);
}

// --- probing ------------------------------------------------------------------------------

void Swim::startProbe(Ms now)
{
    // Round robin over a shuffled list; reshuffled (and refreshed) once it is used up.
    for (size_t tried = 0; tried <= m_members.size(); ++tried) {
        if (m_probeIndex >= m_probeOrder.size()) {
            m_probeOrder.clear();
            for (const auto &[name, _] : m_members)
                if (name != m_selfName)
                    m_probeOrder.push_back(name);
            std::shuffle(m_probeOrder.begin(), m_probeOrder.end(), m_random);
            m_probeIndex = 0;
            if (m_probeOrder.empty())
                return;
        }
        const std::string &name = m_probeOrder[m_probeIndex++];
        auto it = m_members.find(name);
        if (it == m_members.end() || it->second.state == MemberState::Dead ||
            it->second.state == MemberState::Left)
            continue;
        Probe probe;
        probe.target = name;
        probe.seq = ++m_seq;
        probe.started = now;
        probe.ackDeadline = now + scaled(m_config.probeTimeout);
        probe.probeDeadline = now + scaled(m_config.probeInterval);
        m_probe = probe;
        send(it->second.info.address, Ping{probe.seq, name, m_selfName});
        return;
    }
}

void Swim::probeTimedOut(Ms now)
{
    Probe &probe = *m_probe;
    auto target = m_members.find(probe.target);
    if (target == m_members.end()) {
        m_probe.reset();
        return;
    }
    if (!probe.indirectSent) {
        probe.indirectSent = true;
        for (const Member *peer :
             randomMembers(m_config.indirectChecks, probe.target, false, now)) {
            send(peer->info.address, IndirectPing{probe.seq, probe.target,
                                                  target->second.info.address, true, m_selfName});
            ++probe.expectedNacks;
        }
        // And over TCP, as memberlist does: a lossy UDP path alone does not make it suspect.
        sendReliable(target->second.info.address, Ping{probe.seq, probe.target, m_selfName});
        if (probe.probeDeadline > now)
            return;
    }
    // No ack at all. Lifeguard: each missing nack (or no helper at all) says this member may
    // be the slow one, and stretches its timeouts.
    const int missingNacks = probe.expectedNacks > 0 ? probe.expectedNacks - probe.nacks : 1;
    applyAwareness(std::max(missingNacks, 0));
    const Suspect suspect{target->second.info.incarnation, probe.target, m_selfName};
    recordProbe(probe, ProbeOutcome::Result::Failed, now);
    m_probe.reset();
    onSuspect(suspect, now);
}

void Swim::finishRelays(Ms now)
{
    for (auto it = m_relays.begin(); it != m_relays.end();) {
        if (now < it->second.deadline) {
            ++it;
            continue;
        }
        if (it->second.wantNack)
            send(it->second.originAddress, Nack{it->second.originSeq});
        it = m_relays.erase(it);
    }
}

// --- suspicion ----------------------------------------------------------------------------

Ms Swim::suspicionTimeout(const Suspicion &s) const
{
    if (s.k < 1)
        return s.min;
    // max with no confirmation, min after k of them, logarithmic in between (memberlist).
    const int confirmations = std::max(0, int(s.confirmedBy.size()) - 1); // not the first
    const double fraction = std::log(confirmations + 1.0) / std::log(s.k + 1.0);
    return std::max(s.min, s.max - Ms(fraction * double(s.max - s.min)));
}

void Swim::expireSuspicions(Ms now)
{
    std::vector<std::string> expired;
    for (const auto &[name, suspicion] : m_suspicions)
        if (now >= suspicion.deadline)
            expired.push_back(name);
    for (const std::string &name : expired) {
        m_suspicions.erase(name);
        auto it = m_members.find(name);
        if (it != m_members.end() && it->second.state == MemberState::Suspect)
            onDead(Dead{it->second.info.incarnation, name, m_selfName}, now);
    }
}

// --- messages -----------------------------------------------------------------------------

void Swim::handle(const std::string &fromAddress, const Message &message, bool reliable, Ms now)
{
    if (const auto *ping = std::get_if<Ping>(&message)) {
        if (!ping->target.empty() && ping->target != m_selfName)
            return; // meant for a member that was here before
        if (reliable)
            sendReliable(fromAddress, Ack{ping->seq, m_ackPayload});
        else
            send(fromAddress, Ack{ping->seq, m_ackPayload});
    } else if (const auto *indirect = std::get_if<IndirectPing>(&message)) {
        const uint32_t seq = ++m_seq;
        m_relays[seq] =
            Relay{fromAddress, indirect->seq, indirect->wantNack, now + m_config.probeTimeout};
        send(indirect->targetAddress, Ping{seq, indirect->target, m_selfName});
    } else if (const auto *ack = std::get_if<Ack>(&message)) {
        if (m_probe && ack->seq == m_probe->seq) {
            applyAwareness(-1);
            // Only a direct ack times the path to the target (and carries its payload).
            const bool direct = !m_probe->indirectSent;
            recordProbe(*m_probe,
                        direct ? ProbeOutcome::Result::Acked
                               : ProbeOutcome::Result::AckedIndirectly,
                        now, direct ? ack->payload : std::string());
            m_probe.reset();
        } else if (auto relay = m_relays.find(ack->seq); relay != m_relays.end()) {
            send(relay->second.originAddress, Ack{relay->second.originSeq, {}});
            m_relays.erase(relay);
        }
    } else if (const auto *nack = std::get_if<Nack>(&message)) {
        if (m_probe && nack->seq == m_probe->seq)
            ++m_probe->nacks;
    } else if (const auto *alive = std::get_if<Alive>(&message)) {
        onAlive(alive->member, now);
    } else if (const auto *suspect = std::get_if<Suspect>(&message)) {
        onSuspect(*suspect, now);
    } else if (const auto *dead = std::get_if<Dead>(&message)) {
        onDead(*dead, now);
    } else if (const auto *pushPull = std::get_if<PushPull>(&message)) {
        onPushPull(fromAddress, *pushPull, now);
    } else if (const auto *event = std::get_if<UserEvent>(&message)) {
        if (onUserEvent(*event)) {
            m_eventBroadcasts.add(eventKey(*event), *event);
            // Serf's bound on what waits to be gossiped: past it, the oldest go unsent.
            m_eventBroadcasts.prune(m_config.maxEventQueueDepth);
        }
    }
}

void Swim::refute(uint32_t accused, Ms now)
{
    Member &me = m_members.at(m_selfName);
    me.info.incarnation = std::max(me.info.incarnation, accused) + 1;
    broadcast(m_selfName, Alive{me.info});
    // Being accused means others found this member slow: trust its own probes a bit less.
    applyAwareness(1);
    emit(MemberEvent::Kind::Refuted, me);
    (void)now;
}

void Swim::onAlive(const MemberInfo &info, Ms now)
{
    if (info.name == m_selfName) {
        const Member &me = m_members.at(m_selfName);
        // Someone gossips a newer version of us (we restarted, or another took our name).
        if (!m_leaving && info.incarnation > me.info.incarnation)
            refute(info.incarnation, now);
        return;
    }
    auto it = m_members.find(info.name);
    if (it == m_members.end()) {
        Member member{info, MemberState::Alive, now};
        it = m_members.emplace(info.name, member).first;
        m_inNameOrder.insert(std::lower_bound(m_inNameOrder.begin(), m_inNameOrder.end(), info.name,
                                              [](const Member *m, const std::string &name) {
                                                  return m->info.name < name;
                                              }),
                             &it->second);
        ++m_liveCount;
        broadcast(info.name, Alive{info});
        emit(MemberEvent::Kind::Join, it->second);
        return;
    }
    Member &member = it->second;
    if (info.incarnation <= member.info.incarnation)
        return;
    const MemberState was = member.state;
    const bool changed = info.tags != member.info.tags || info.address != member.info.address;
    member.info = info;
    m_suspicions.erase(info.name);
    if (was != MemberState::Alive)
        setState(member, MemberState::Alive, now);
    broadcast(info.name, Alive{info});
    if (was == MemberState::Dead || was == MemberState::Left)
        emit(MemberEvent::Kind::Join, member);
    else if (was == MemberState::Suspect)
        emit(MemberEvent::Kind::Refuted, member);
    else if (changed)
        emit(MemberEvent::Kind::Update, member);
}

void Swim::onSuspect(const Suspect &suspect, Ms now)
{
    auto it = m_members.find(suspect.name);
    if (it == m_members.end())
        return;
    Member &member = it->second;
    if (suspect.incarnation < member.info.incarnation)
        return;
    if (auto s = m_suspicions.find(suspect.name); s != m_suspicions.end()) {
        // Another member agrees: the timeout shrinks, and the news travels on.
        if (s->second.confirmedBy.insert(suspect.from).second &&
            int(s->second.confirmedBy.size()) - 1 <= s->second.k) {
            s->second.deadline = s->second.start + suspicionTimeout(s->second);
            broadcast(suspect.name, suspect);
        }
        return;
    }
    if (member.state != MemberState::Alive)
        return;
    if (suspect.name == m_selfName) {
        if (!m_leaving)
            refute(suspect.incarnation, now);
        return;
    }
    member.info.incarnation = suspect.incarnation;
    setState(member, MemberState::Suspect, now);
    broadcast(suspect.name, suspect);
    emit(MemberEvent::Kind::Suspect, member);

    const size_t n = liveCount();
    Suspicion s;
    s.start = now;
    s.k = m_config.suspicionMult - 2;
    if (int(n) - 2 < s.k)
        s.k = 0; // too few members to expect confirmations
    const double scale = std::max(1.0, std::log10(std::max(1.0, double(n))));
    s.min = Ms(double(m_config.suspicionMult) * scale * double(m_config.probeInterval));
    s.max = s.min * m_config.suspicionMaxTimeoutMult;
    s.confirmedBy.insert(suspect.from);
    s.deadline = now + suspicionTimeout(s);
    m_suspicions[suspect.name] = s;
}

void Swim::onDead(const Dead &dead, Ms now)
{
    auto it = m_members.find(dead.name);
    if (it == m_members.end())
        return;
    Member &member = it->second;
    if (dead.incarnation < member.info.incarnation)
        return;
    m_suspicions.erase(dead.name);
    const bool left = dead.from == dead.name;
    // A failed member can still be said to have left (`force-leave`, or a push/pull from one
    // that heard the leave); nothing else changes a verdict but the member's own refutation.
    if (member.state == MemberState::Left || (member.state == MemberState::Dead && !left))
        return;
    if (dead.name == m_selfName) {
        if (!m_leaving)
            refute(dead.incarnation, now);
        return;
    }
    member.info.incarnation = dead.incarnation;
    setState(member, left ? MemberState::Left : MemberState::Dead, now);
    broadcast(dead.name, dead);
    emit(left ? MemberEvent::Kind::Left : MemberEvent::Kind::Failed, member);
}

void Swim::onPushPull(const std::string &fromAddress, const PushPull &pushPull, Ms now)
{
    if (!pushPull.reply)
        sendReliable(fromAddress, fullState(pushPull.join, true));
    for (const PushPullState &remote : pushPull.states) {
        switch (remote.state) {
        case MemberState::Alive:
            onAlive(remote.member, now);
            break;
        case MemberState::Left:
            onDead(Dead{remote.member.incarnation, remote.member.name, remote.member.name}, now);
            break;
        case MemberState::Dead:
        case MemberState::Suspect:
            // A remote verdict of dead is only a suspicion here, as memberlist merges it (and,
            // as there, a member not known yet is not learnt from a verdict against it).
            onSuspect(Suspect{remote.member.incarnation, remote.member.name, m_selfName}, now);
            break;
        }
    }
    // The answer to a join that ignores old events: what that member fired before (its clock
    // is the time of its next event) is old.
    if (pushPull.join && pushPull.reply && m_joinsIgnoringEvents.erase(fromAddress))
        m_eventMinTime = std::max(m_eventMinTime, pushPull.eventLTime);
    if (pushPull.eventLTime > 0)
        witnessEventTime(pushPull.eventLTime - 1);
    // Delivered, not gossiped on: the member that sent them gossiped them when they were new.
    for (const UserEvent &event : pushPull.events)
        onUserEvent(event);
}

PushPull Swim::fullState(bool join, bool reply) const
{
    PushPull state;
    state.join = join;
    state.reply = reply;
    state.states.reserve(m_members.size());
    for (const auto &[_, member] : m_members)
        state.states.push_back({member.info, member.state});
    state.eventLTime = m_eventClock;
    for (const EventSlot &slot : m_eventSlots)
        for (const auto &[name, payload] : slot.seen)
            state.events.push_back({slot.ltime, name, payload});
    return state;
}

void Swim::pushPull(Ms now)
{
    const auto peers = randomMembers(1, m_selfName, false, now);
    if (!peers.empty())
        sendReliable(peers.front()->info.address, fullState(false, false));
}

void Swim::reconnect(Ms)
{
    std::vector<const Member *> failed;
    for (const auto &[name, member] : m_members)
        if (member.state == MemberState::Dead)
            failed.push_back(&member);
    if (failed.empty())
        return;
    std::uniform_int_distribution<size_t> pick(0, failed.size() - 1);
    sendReliable(failed[pick(m_random)]->info.address, fullState(true, false));
}

void Swim::gossip(Ms now)
{
    if (pendingBroadcasts() == 0)
        return;
    for (const Member *peer : randomMembers(m_config.gossipNodes, m_selfName, true, now)) {
        std::vector<Message> messages = takeBroadcasts(m_config.maxPiggyback);
        if (messages.empty())
            return;
        Outgoing out{peer->info.address, {}, false};
        out.packet.messages = std::move(messages);
        m_outgoing.push_back(std::move(out));
    }
}

std::vector<const Member *> Swim::randomMembers(int count, const std::string &exclude,
                                                bool includeRecentlyDead, Ms now)
{
    // Compared by address: asked every gossip interval while broadcasts wait, of every member.
    const Member *self = &m_members.at(m_selfName);
    const auto excluded = exclude.empty() ? m_members.end() : m_members.find(exclude);
    const Member *skip = excluded == m_members.end() ? nullptr : &excluded->second;
    std::vector<const Member *> candidates;
    candidates.reserve(m_liveCount);
    for (const Member *entry : m_inNameOrder) {
        const Member &member = *entry;
        if (&member == self || &member == skip)
            continue;
        const bool live = isLive(member.state);
        const bool recentlyDead = member.state == MemberState::Dead &&
                                  now - member.stateChange < m_config.gossipToTheDead;
        if (live || (includeRecentlyDead && recentlyDead))
            candidates.push_back(&member);
    }
    // A partial Fisher-Yates: the first `count` are a uniform sample.
    const size_t take = std::min(candidates.size(), size_t(std::max(count, 0)));
    for (size_t i = 0; i < take; ++i) {
        std::uniform_int_distribution<size_t> pick(i, candidates.size() - 1);
        std::swap(candidates[i], candidates[pick(m_random)]);
    }
    candidates.resize(take);
    return candidates;
}

} // namespace qonsul::gossip

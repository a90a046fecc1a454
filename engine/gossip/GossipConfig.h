#pragma once
// The timings of the gossip core, memberlist's names and defaults (Consul 1.6.1 uses
// memberlist v0.1.5; reference §17.2a): LAN for real agents, dev for `agent -dev` and the lab.

#include <cstddef>
#include <cstdint>

namespace qonsul::gossip {

using Ms = int64_t; // milliseconds on the driver's clock

struct GossipConfig
{
    Ms probeInterval = 1000;
    Ms probeTimeout = 500;
    int indirectChecks = 3;
    Ms gossipInterval = 200;
    int gossipNodes = 3;
    Ms gossipToTheDead = 30'000; // dead members still get gossip this long (to learn it)
    Ms pushPullInterval = 30'000;
    Ms reconnectInterval = 30'000;            // serf: try a failed member again
    Ms reapInterval = 15'000;                 // serf: how often failed and left members are reaped
    Ms reconnectTimeout = 72LL * 3600 * 1000; // a failed member is forgotten after 72 h
    Ms tombstoneTimeout = 24LL * 3600 * 1000; // a left one after 24 h
    int retransmitMult = 4;
    int suspicionMult = 4;
    int suspicionMaxTimeoutMult = 6;
    int awarenessMaxMultiplier = 8; // Lifeguard: timeouts stretch up to 8x on a slow node
    int maxPiggyback = 8;           // broadcasts carried by one packet (a UDP datagram)
    // Serf's user events: the recent ones each member remembers (to drop repeats and to hand
    // on in push/pull), the largest name + payload one may carry, and how many may wait to be
    // gossiped (the oldest are dropped past it).
    int eventBuffer = 512;
    size_t userEventSizeLimit = 512;
    size_t maxEventQueueDepth = 4096;

    static GossipConfig lan() { return {}; }
    // Consul's dev mode: 100 ms probes and gossip, 100 ms probe timeout, suspicion mult 3.
    static GossipConfig dev()
    {
        GossipConfig c;
        c.probeInterval = 100;
        c.probeTimeout = 100;
        c.gossipInterval = 100;
        c.suspicionMult = 3;
        return c;
    }
};

} // namespace qonsul::gossip

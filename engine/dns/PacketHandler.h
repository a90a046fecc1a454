#pragma once
// One DNS packet in, what to do about it out: bytes to send back, the query to forward to the
// recursors (with the answer to give if they all fail), or nothing (junk is dropped). The whole
// server minus its sockets, so that tests and the fuzzer drive it with bytes alone.

#include "dns/Resolver.h"
#include "dns/WireCodec.h"

#include <cstdint>
#include <string>

namespace qonsul::state {
class StateStore;
}

namespace qonsul::dns {

struct PacketOutcome
{
    enum class Action { Drop, Reply, Forward };
    Action action = Action::Drop;
    // Reply: the response. Forward: the response to send if no recursor answers.
    Bytes response;
    // For the log: "name web.service.consul. type A class IN", or why the packet was refused.
    std::string summary;
    // A reply the same query bytes may get again while the catalog is unchanged: it did not
    // depend on chance, or only on the numbered order (`permutation` of `shuffledCount`
    // instances, see Permutation.h) it put the instances in. With `clockDependent` (it holds
    // the SOA, whose serial is the time) only within the same second.
    bool reusable = false;
    size_t shuffledCount = 0;
    uint64_t permutation = 0;
    bool clockDependent = false;
};

struct PacketOptions
{
    ResolveOptions resolve;
    bool withSummary = true; // without: the summary stays empty (nothing will log it)
};

PacketOutcome handlePacket(const uint8_t *data, size_t size, const state::StateStore &store,
                           const DnsConfig &config, Transport transport, uint32_t unixTime,
                           Random &random, const PacketOptions &options = {});

// "name web.service.consul. type A class IN", as the log line names a question.
std::string questionSummary(const Question &question);

// "A", "SRV", "TYPE65", as dig names types; and "IN", "CH", "CLASS3" for classes.
std::string typeName(uint16_t type);
std::string className(uint16_t questionClass);

} // namespace qonsul::dns

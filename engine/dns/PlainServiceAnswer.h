#pragma once
// The question nearly every service lookup asks, `<service>.service.<domain>` for A or SRV over
// UDP without EDNS, answered straight into wire bytes. The general path builds a Message of
// records (a name copied into each), trims it and encodes it: for a six-instance service that
// was two thirds of the agent's time per query outside the kernel. This path allocates only
// the reply.
//
// It answers only when the general path's answer is plain too: every healthy instance has an
// IPv4 address (for SRV, the node's), no node meta goes into the answer, names are distinct,
// and the cut answer fits in 512 bytes uncompressed. Otherwise it declines before drawing
// any random number, and the resolver answers. When it answers, the bytes, the order drawn
// and the random source's state are those of the general path (held to that by
// dns_plain_service_answer_test over random catalogs, configurations and questions).

#include "dns/Resolver.h"
#include "dns/WireCodec.h"

#include <optional>

namespace qonsul::state {
class StateStore;
}

namespace qonsul::dns {

struct PlainServiceAnswer
{
    Bytes wire;
    // As Resolution's: how the instances were ordered.
    size_t shuffledCount = 0;
    uint64_t permutation = 0;
};

std::optional<PlainServiceAnswer> answerPlainServiceQuery(const Message &query,
                                                          const state::StateStore &store,
                                                          const DnsConfig &config,
                                                          Transport transport, Random &random,
                                                          const ResolveOptions &options = {});

} // namespace qonsul::dns

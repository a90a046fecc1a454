// libFuzzer target: any bytes as a gossip packet, as a member's socket would hand them over.
// Decoding must not crash, hang or leak; a packet it accepts must encode to bytes that decode
// to the same packet; and the SWIM core, given the packet from a stranger, must not crash and
// must keep itself alive in its own member list. Inputs that once crashed go to
// tests/fuzz/corpus/gossip_packet, which the unit tests replay in every build.

#include "gossip/Swim.h"
#include "transport/GossipCodec.h"

#include <cstdlib>

using namespace qonsul;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const Expected<gossip::Packet> packet = transport::decodeGossipPacket(bytes);
    if (!packet)
        return 0;
    const QByteArray again = transport::encodeGossipPacket(*packet);
    const Expected<gossip::Packet> decodedAgain = transport::decodeGossipPacket(again);
    if (!decodedAgain || transport::encodeGossipPacket(*decodedAgain) != again)
        std::abort();

    gossip::Swim swim(gossip::GossipConfig::dev(), {"self", "127.0.0.1:8301", 0, {}}, 1, 0);
    swim.receive("127.0.0.2:8301", *packet, false, 10);
    swim.receive("127.0.0.2:8301", *packet, true, 20);
    for (gossip::Ms t = 100; t <= 2000; t += 100)
        swim.tick(t);
    if (swim.self().state != gossip::MemberState::Alive)
        std::abort();
    return 0;
}

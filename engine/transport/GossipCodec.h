#pragma once
// The wire form of gossip packets: CBOR, [1, [message, ...]], each message an array led by its
// type number. Decoding takes untrusted bytes: every type, range, string length and count is
// checked, and anything else is refused with a reason, never half-applied.

#include "gossip/Coordinate.h"
#include "gossip/Message.h"
#include "util/Expected.h"

#include <QByteArray>

namespace qonsul::transport {

struct GossipCodecLimits
{
    qsizetype maxBytes = 16 * 1024 * 1024; // a push/pull of a very large cluster
    int maxMessages = 1024;                // per packet
    int maxMembers = 100'000;              // per push/pull
    int maxTags = 64;
    qsizetype maxText = 512;          // a name, an address, a tag's key or value
    qsizetype maxEventPayload = 4096; // a user event's payload (senders keep to 512 with its name)
    int maxEvents = 4096;             // the user events of one push/pull
};

QByteArray encodeGossipPacket(const gossip::Packet &packet);
// A network coordinate, as an ack's payload carries it: [1, [vec...], error, adjustment, height].
QByteArray encodeCoordinate(const gossip::Coordinate &coordinate);
Expected<gossip::Coordinate> decodeCoordinate(const QByteArray &bytes);
Expected<gossip::Packet> decodeGossipPacket(const QByteArray &bytes,
                                            const GossipCodecLimits &limits = {});

} // namespace qonsul::transport

#pragma once
// Cutting service answers to fit, as Consul 1.6 does (reference §16.5). UDP without EDNS: at
// most min(udp_answer_limit, 8) answers, then fewer until the message is at most 512 bytes
// uncompressed; UDP with EDNS: fewer until it fits the client's size; TCP: at most 4096 answers
// (1024 SRV) and 64 KiB. At least one answer is always kept. When answers go, the additional
// section is rebuilt to cover only the remaining SRV targets.

#include "dns/DnsMessage.h"

#include <optional>

namespace qonsul::dns {

// Returns whether answers were removed (the caller sets TC if enable_truncate is on).
bool trimUdpResponse(Message &response, const std::optional<Edns> &requestEdns, int udpAnswerLimit);
bool trimTcpResponse(Message &response, uint16_t questionType);

// The additional records that cover the SRV targets of the answer (following CNAMEs), taken
// from the first record of each name in `additional` (Consul's syncExtra).
void keepAdditionalForSrvTargets(Message &response, const std::vector<Record> &additional);

} // namespace qonsul::dns

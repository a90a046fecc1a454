#pragma once
// Which transport a DNS message came over or goes over: it decides how long an answer may be
// (UDP is cut at 512 bytes or the EDNS size; TCP is not) and whether a client retries.

namespace qonsul::dns {

enum class Transport { Udp, Tcp };

} // namespace qonsul::dns

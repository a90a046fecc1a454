#pragma once
// Times as Go's encoding/json writes a time.Time (RFC 3339 with up to nine fractional digits,
// trailing zeros dropped, "Z" for UTC), which Consul's JSON shows for certificate validity and
// intention timestamps.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qonsul::util {

// The wall clock in Unix nanoseconds, as Consul stamps certificates and intentions.
int64_t unixNowNs();

// Unix nanoseconds → "2019-10-07T10:00:00.123456789Z"; 0 → Go's zero time
// "0001-01-01T00:00:00Z".
std::string formatRfc3339Nano(int64_t unixNs);

// The inverse, for any offset ("Z", "+09:00"); nullopt for anything else.
std::optional<int64_t> parseRfc3339(std::string_view text);

} // namespace qonsul::util

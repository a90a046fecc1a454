#pragma once
// Go's time.ParseDuration and Duration.String, which Consul's flags, config files, API bodies
// (TTL, Interval, LockDelay) and messages all use: "1.5s", "1m30s", "500ms", "-2h", "12µs".
// One implementation for the agent, the CLI and the client, with Go's rules: a unit on every
// number (except a bare "0"), µs spelt with either micro sign, and anything beyond int64
// nanoseconds refused rather than wrapped.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qonsul::util {

// Nanoseconds, or nullopt where Go reports an invalid duration.
std::optional<int64_t> parseGoDuration(std::string_view text);

// "0s", "1ns", "1.1µs", "2.2ms", "3.3s", "4m5s", "5h6m7.001s": Go's shortest exact form.
std::string formatGoDuration(int64_t nanoseconds);

} // namespace qonsul::util

#pragma once
// Versions Qonsul reports: its own, and the Consul release whose behaviour it follows (what
// clients read as the agent's version).

namespace qonsul {

inline constexpr const char *qonsulVersion = QONSUL_VERSION;
inline constexpr const char *consulCompatibleVersion = "1.6.1";

} // namespace qonsul

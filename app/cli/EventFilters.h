#pragma once
// The node, service and tag filters of `event` and `exec` (regular expressions the agents
// match against themselves), checked as Consul's CLI checks them before anything is sent.

#include <QString>
#include <optional>

namespace qonsul::cli {

// Consul's words for the first problem ("Failed to compile node filter regexp: …", "Cannot
// provide tag filter without service filter."), or nothing.
std::optional<QString> eventFilterError(const QString &node, const QString &service,
                                        const QString &tag);

} // namespace qonsul::cli

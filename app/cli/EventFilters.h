#pragma once
// The -node, -service and -tag flags of `event` and `exec`: regular expressions the agents
// match against themselves, checked as Consul's CLI checks them before anything is sent.

#include "FlagSet.h"

#include <QString>
#include <optional>

namespace qonsul::cli {

struct EventFilterFlags
{
    QString node;
    QString service;
    QString tag;

    void addTo(FlagSet &flags);
    // Consul's words for the first problem ("Failed to compile node filter regexp: …", "Cannot
    // provide tag filter without service filter."), or nothing.
    std::optional<QString> error() const;
};

} // namespace qonsul::cli

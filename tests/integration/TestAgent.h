#pragma once
// The in-process agent the integration and widget tests start: a dev server on loopback with
// any free HTTP and DNS port, since several run side by side on one machine.

#include "agent/Agent.h"

namespace qonsul::testing {

inline AgentConfig devAgentConfig(const QString &node = QStringLiteral("machine"))
{
    AgentConfig c;
    c.dev = true;
    c.server = true;
    c.nodeName = node;
    c.bindAddr = QStringLiteral("127.0.0.1");
    c.ports.http = 0;
    c.ports.dns = 0;
    return c;
}

} // namespace qonsul::testing

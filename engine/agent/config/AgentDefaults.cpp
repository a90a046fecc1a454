#include "agent/config/AgentDefaults.h"

namespace qonsul {

AgentConfig defaultAgentConfig(bool dev, const QString &hostName)
{
    AgentConfig config;
    config.dev = dev;
    config.nodeName = hostName.trimmed();
    if (!dev)
        return config;

    // What `-dev` changes (reference §1.3) that this config carries.
    config.bindAddr = QStringLiteral("127.0.0.1");
    config.server = true;
    config.ui = true;
    config.connectEnabled = true;
    config.logLevel = QStringLiteral("DEBUG");
    config.ports.grpc = 8502;
    config.gossipLan.gossipIntervalMs = 100;
    config.gossipLan.probeIntervalMs = 100;
    config.gossipLan.probeTimeoutMs = 100;
    config.gossipLan.suspicionMult = 3;
    return config;
}

} // namespace qonsul

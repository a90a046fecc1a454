#pragma once
// The `qonsul desktop` command line: the app's own flags (-http-addr, -attach, -page, -h), and
// every `qonsul agent` flag, which applies to the embedded dev agent (-enable-script-checks,
// -node, -config-dir, …), so that the tutorial's agent command line works here too. Parsed
// before any window exists: `qonsul desktop -h` needs no display.

#include "agent/config/AgentFlags.h"
#include "util/Expected.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace qonsul::desktop {

struct DesktopFlags
{
    bool help = false;
    std::optional<QString> httpAddress; // -http-addr
    bool attachOnly = false;            // -attach
    QString route;                      // -page
    AgentFlags agent;                   // -dev is implied
};

Expected<DesktopFlags> parseDesktopFlags(const QStringList &args);

// The node name of the embedded agent unless a flag or config file names one: the tutorial
// runs `consul agent -dev -node machine`, and its DNS steps ask for machine.node.consul.
inline constexpr const char *embeddedNodeName = "machine";

const char *desktopUsage();

} // namespace qonsul::desktop

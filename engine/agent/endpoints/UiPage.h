#pragma once
// What an agent started with -ui serves at /ui/: Consul's web UI is a JavaScript app, Qonsul's
// is the desktop app, so the page says how to open that app attached to this agent (the exact
// command), and shows the agent's node, datacenter and leader.

#include <QByteArray>
#include <QString>

namespace qonsul {

struct UiPageFacts
{
    QString nodeName;
    QString datacenter;
    QString leader;      // empty: no known leader
    QString httpAddress; // host:port a client on this machine reaches the API at
};

QByteArray uiPageHtml(const UiPageFacts &facts);

// The command that opens the desktop app attached to the agent at `httpAddress`.
QString desktopAttachCommand(const QString &httpAddress);

} // namespace qonsul

#pragma once
// Where the guided track's commands run and what they talk to. The steps' commands are written
// once, as a learner types them (`consul agent -dev -node machine`, `curl localhost:8500/…`);
// a few words in them are placeholders that this environment fills in, so that the same steps
// run on Consul's default ports for a learner and on free ports and addresses in a test.
//
// Placeholders: {http} the dev agent's HTTP address as curl takes it ("localhost:8500"),
// {httpaddr} the same as an IP ("127.0.0.1:8500"), {dns} dig's server and port
// ("@127.0.0.1 -p 8600"), {ports} extra flags for a dev agent's ports (none by default),
// {echo} and {upstream} the echo service's port and web's upstream port (8181, 9191), {n1}
// and {n2} the cluster's two loopback addresses, {lab} the flags every `qonsul lab` command
// needs and {labup} those `lab up` needs (none by default), {qonsul} the qonsul program.

#include <QHash>
#include <QProcessEnvironment>
#include <QString>

namespace qonsul::ui {

struct TrackEnvironment
{
    QString workDir;    // the commands' working directory: consul.d and data dirs go there
    QString program;    // the qonsul executable the commands run (as `qonsul` and `consul`)
    QString home;       // $HOME of the commands (step 1 links qonsul into ~/.local/bin)
    QString searchPath; // $PATH of the commands, before the track puts qonsul on it
    QString devAddress = QStringLiteral("127.0.0.1");
    int httpPort = 8500;
    int dnsPort = 8600;
    QString devPortFlags; // e.g. " -http-port=18500 -dns-port=18600 …" in a test
    int echoPort = 8181;
    int upstreamPort = 9191;
    QString n1 = QStringLiteral("127.0.0.10");
    QString n2 = QStringLiteral("127.0.0.11");
    QString labDir; // `qonsul lab`'s -dir; empty: its default, as the Lab page's
    QString labFirstAddress = QStringLiteral("127.0.0.10"); // n1 of the lab
    // Set by the page: the app's own embedded agent answers on the dev agent's address, so
    // what answers there is not the agent the track started.
    bool embeddedAgentOnDevAddress = false;

    // The learner's: this program, ~/.local/share/qonsul/track, Consul's default ports.
    static TrackEnvironment forThisProgram();

    // `text` with its placeholders filled in.
    QString expand(const QString &text) const;
    // The dev agent's HTTP API and the cluster's, as host:port.
    QString devHttpAddress() const;
    QString n1HttpAddress() const { return n1 + QStringLiteral(":8500"); }
    QString n2HttpAddress() const { return n2 + QStringLiteral(":8500"); }
    // The lab's n<index> (1-based) as an address.
    QString labAddress(int index) const;
    // What the commands run with: qonsul's directory first on PATH, CONSUL_HTTP_ADDR when the
    // dev agent is not on Consul's default address.
    QProcessEnvironment processEnvironment() const;
    // The lines a bash script starts with so that `consul` means qonsul in it, as
    // `alias consul=qonsul` does in a terminal.
    static QString aliasPrelude();
};

} // namespace qonsul::ui

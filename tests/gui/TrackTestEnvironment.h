#pragma once
// A track environment of a test's own: the built qonsul ($QONSUL), a fresh working directory
// and $HOME, the dev agent on free ports, the cluster and the lab on loopback addresses drawn
// at random (127.A.B.x), so that two runs, or a learner's track on the default ports, never
// meet.

#include "track/TrackEnvironment.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTemporaryDir>

namespace qonsul::ui::testing {

inline quint16 freeTrackPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

// Two consecutive free ports: the sidecars' range.
inline quint16 freePortPair()
{
    for (int attempt = 0; attempt < 200; ++attempt) {
        const auto base = quint16(QRandomGenerator::global()->bounded(20000, 30000));
        QTcpServer a;
        QTcpServer b;
        if (a.listen(QHostAddress::Any, base) && b.listen(QHostAddress::Any, base + 1))
            return base;
    }
    return 0;
}

inline QString randomLoopbackPrefix()
{
    QRandomGenerator *random = QRandomGenerator::global();
    return QStringLiteral("127.%1.%2.").arg(random->bounded(30, 230)).arg(random->bounded(2, 250));
}

inline TrackEnvironment trackTestEnvironment(const QTemporaryDir &dir)
{
    TrackEnvironment environment;
    environment.program = qEnvironmentVariable("QONSUL");
    environment.workDir = dir.path() + QStringLiteral("/track");
    environment.home = dir.path() + QStringLiteral("/home");
    QDir().mkpath(environment.home);
    environment.searchPath = QStringLiteral("/usr/bin:/bin");
    environment.httpPort = freeTrackPort();
    environment.dnsPort = freeTrackPort();
    environment.devPortFlags =
        QStringLiteral(" -http-port=%1 -dns-port=%2 -serf-lan-port=%3 -server-port=%4")
            .arg(environment.httpPort)
            .arg(environment.dnsPort)
            .arg(freeTrackPort())
            .arg(freeTrackPort());
    environment.echoPort = freeTrackPort();
    environment.upstreamPort = freeTrackPort();
    const QString cluster = randomLoopbackPrefix();
    environment.n1 = cluster + QStringLiteral("10");
    environment.n2 = cluster + QStringLiteral("11");
    environment.labFirstAddress = randomLoopbackPrefix() + QStringLiteral("10");
    environment.labDir = dir.path() + QStringLiteral("/lab");
    // The sidecars take ports of their own, not Consul's 21000 that another run may hold.
    QDir().mkpath(environment.workDir + QStringLiteral("/consul.d"));
    QFile ports(environment.workDir + QStringLiteral("/consul.d/ports.json"));
    if (ports.open(QIODevice::WriteOnly)) {
        const quint16 sidecar = freePortPair();
        ports.write(QStringLiteral(R"({"ports": {"sidecar_min_port": %1, "sidecar_max_port": %2}})")
                        .arg(sidecar)
                        .arg(sidecar + 1)
                        .toUtf8());
    }
    return environment;
}

} // namespace qonsul::ui::testing

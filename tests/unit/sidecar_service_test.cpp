// Sidecar registration's defaults, port allocation and Connect validation (reference §14.2).
#include "agent/SidecarService.h"

#include <QtTest>

using namespace qonsul;

namespace {

state::Service serviceNamed(const std::string &name, int port)
{
    state::Service s;
    s.id = s.name = name;
    s.port = port;
    return s;
}

} // namespace

class SidecarServiceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anEmptySidecarGetsConsulsDefaults()
    {
        state::Service socat = serviceNamed("socat", 8181);
        socat.tags = {"echo"};
        socat.meta = {{"team", "a"}};
        auto sidecar = sidecarFor(socat, SidecarRequest{}, {});
        QVERIFY(sidecar);
        const state::Service &s = sidecar->service;
        QCOMPARE(s.id, std::string("socat-sidecar-proxy"));
        QCOMPARE(s.name, std::string("socat-sidecar-proxy"));
        QCOMPARE(s.kind, std::string("connect-proxy"));
        QCOMPARE(s.port, 21000);
        QCOMPARE(s.tags, socat.tags);
        QCOMPARE(s.meta, socat.meta);
        QCOMPARE(s.proxy.destinationServiceName, std::string("socat"));
        QCOMPARE(s.proxy.destinationServiceId, std::string("socat"));
        QCOMPARE(s.proxy.localServiceAddress, std::string("127.0.0.1"));
        QCOMPARE(s.proxy.localServicePort, 8181);
        QCOMPARE(sidecar->checks.size(), size_t(2));
        QCOMPARE(sidecar->checks[0].name, QStringLiteral("Connect Sidecar Listening"));
        QCOMPARE(sidecar->checks[0].tcp, QStringLiteral("127.0.0.1:21000"));
        QCOMPARE(sidecar->checks[0].intervalNs, int64_t(10'000'000'000));
        QCOMPARE(sidecar->checks[1].name, QStringLiteral("Connect Sidecar Aliasing socat"));
        QCOMPARE(sidecar->checks[1].aliasService, QStringLiteral("socat"));
    }

    void whatTheRequestGivesWins()
    {
        SidecarRequest request;
        request.service.name = "my-proxy";
        request.service.port = 30000;
        request.service.tags = {"own"};
        request.service.proxy.upstreams.push_back(
            state::Upstream{"service", "", "socat", "", "", 9191, ""});
        checks::CheckDefinition check;
        check.name = QStringLiteral("mine");
        check.ttlNs = 1'000'000'000;
        request.checks = {check};
        auto sidecar = sidecarFor(serviceNamed("web", 8080), request, {});
        QCOMPARE(sidecar->service.name, std::string("my-proxy"));
        QCOMPARE(sidecar->service.port, 30000);
        QCOMPARE(sidecar->service.tags, (std::vector<std::string>{"own"}));
        QCOMPARE(sidecar->service.proxy.upstreams.size(), size_t(1));
        QCOMPARE(sidecar->checks.size(), size_t(1));
        QCOMPARE(sidecar->checks[0].name, QStringLiteral("mine"));
    }

    void portsAreTheLowestFreeAndStable()
    {
        std::map<std::string, state::Service> local;
        local["socat-sidecar-proxy"] = serviceNamed("socat-sidecar-proxy", 21000);
        local["other"] = serviceNamed("other", 21001);
        auto web = sidecarFor(serviceNamed("web", 8080), SidecarRequest{}, local);
        QCOMPARE(web->service.port, 21002);
        // Registering again keeps the port it has, even when a lower one is free.
        local.erase("socat-sidecar-proxy");
        local["web-sidecar-proxy"] = web->service;
        QCOMPARE(sidecarFor(serviceNamed("web", 8080), SidecarRequest{}, local)->service.port,
                 21002);
    }

    void aFullRangeIsConsulsError()
    {
        std::map<std::string, state::Service> local;
        for (int port = 21000; port <= 21002; ++port)
            local["s" + std::to_string(port)] = serviceNamed("s", port);
        auto sidecar =
            sidecarFor(serviceNamed("web", 8080), SidecarRequest{}, local, {21000, 21002});
        QVERIFY(!sidecar);
        QCOMPARE(sidecar.error(),
                 QStringLiteral("no port provided for sidecar_service and none left in the "
                                "configured range [21000, 21002]"));
    }

    void proxiesAreValidated()
    {
        state::Service proxy;
        proxy.name = "p";
        proxy.kind = "connect-proxy";
        proxy.connectNative = true;
        proxy.proxy.upstreams = {state::Upstream{"service", "", "db", "", "", 9191, ""},
                                 state::Upstream{"service", "", "cache", "", "127.0.0.1", 9191, ""},
                                 state::Upstream{"service", "", "", "", "", 1, ""},
                                 state::Upstream{"nope", "", "x", "", "", 2, ""}};
        QCOMPARE(validateConnect(proxy, nullptr),
                 (std::vector<std::string>{
                     "Proxy.DestinationServiceName must be non-empty for Connect proxy services",
                     "Port must be set for a Connect proxy",
                     "A Proxy cannot also be Connect Native, only typical services",
                     "Upstreams cannot contain duplicates by local bind address and port; "
                     "\"127.0.0.1:9191\" is specified twice",
                     "upstream destination name cannot be empty",
                     "upstream destination type is not valid: \"nope\""}));
        SidecarRequest withId;
        withId.hasId = true;
        QCOMPARE(validateConnect(serviceNamed("web", 80), &withId),
                 (std::vector<std::string>{"A SidecarService cannot specify an ID as this is "
                                           "managed by the agent"}));
        QVERIFY(validateConnect(serviceNamed("web", 80), nullptr).empty());
    }
};

QTEST_GUILESS_MAIN(SidecarServiceTest)
#include "sidecar_service_test.moc"

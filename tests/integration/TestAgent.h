#pragma once
// The in-process agent the integration and widget tests start: a dev server on loopback with
// any free HTTP and DNS port, since several run side by side on one machine.

#include "TestHttp.h"
#include "agent/Agent.h"
#include "server/Server.h"

#include <QtTest>
#include <functional>
#include <memory>

namespace qonsul::testing {

inline AgentConfig devAgentConfig(const QString &node = QStringLiteral("machine"))
{
    AgentConfig c;
    c.dev = true;
    c.server = true;
    c.connectEnabled = true; // as -dev sets it
    c.nodeName = node;
    c.bindAddr = QStringLiteral("127.0.0.1");
    c.ports.http = 0;
    c.ports.dns = 0;
    c.ports.serfLan = 0;
    c.ports.server = 0;
    return c;
}

// The tutorial's agent: web.json's service `web`, tag rails, port 80.
inline AgentConfig seedAgentConfig()
{
    AgentConfig c = devAgentConfig();
    ServiceDefinition web;
    web.name = QStringLiteral("web");
    web.tags = {QStringLiteral("rails")};
    web.port = 80;
    c.services = {web};
    return c;
}

// Waits until the agent's node and the services of its configuration are in the catalog:
// writes are committed after the call that proposed them, so start() returns before they are.
// Returns false when they are not there within 5 s.
inline bool waitUntilInCatalog(Agent &agent, const AgentConfig &config)
{
    return QTest::qWaitFor([&] {
        const auto &store = agent.server().store();
        const std::string node = config.nodeName.toStdString();
        if (!store.node(node))
            return false;
        for (const ServiceDefinition &def : config.services) {
            bool found = false;
            for (const state::Service *service : store.nodeServices(node))
                found = found || service->name == def.name.toStdString();
            if (!found)
                return false;
        }
        return true;
    });
}

// An agent started from `config` and an HTTP client for it, once its services are in the
// catalog.
struct RunningAgent
{
    std::unique_ptr<Agent> agent;
    std::unique_ptr<TestHttp> http;

    // Reloads read `reload`, or the same config when there is none; `beforeStart` can hook
    // the agent (its logger, its check timings) first. The QTest macros make the calling test
    // fail when the agent does not start.
    void start(const AgentConfig &config = devAgentConfig(), Agent::ConfigSource reload = {},
               const std::function<void(Agent &)> &beforeStart = {})
    {
        if (!reload)
            reload = [config] { return Expected<AgentConfig>(config); };
        agent = std::make_unique<Agent>(config, std::move(reload));
        if (beforeStart)
            beforeStart(*agent);
        const auto started = agent->start();
        QVERIFY2(started.hasValue(), started.hasValue() ? "" : qPrintable(started.error()));
        QVERIFY(waitUntilInCatalog(*agent, config));
        http = std::make_unique<TestHttp>(agent->httpPort());
    }

    void stop()
    {
        http.reset();
        agent.reset();
    }
};

} // namespace qonsul::testing

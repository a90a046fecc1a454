#pragma once
// What every desktop-app widget test starts from: a real dev agent in this process on free
// ports, and a MainWindow attached to it over HTTP, shown on the offscreen platform.

#include "../integration/TestAgent.h"
#include "../integration/TestHttp.h"
#include "InProcessAgent.h"
#include "MainWindow.h"
#include "agent/Agent.h"
#include "connection/AgentConnection.h"

#include <QTcpServer>
#include <QtTest>
#include <memory>

namespace qonsul::ui::testing {

using qonsul::testing::devAgentConfig;

inline quint16 freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

// The text of one cell of a keyed model, by row key.
template <typename Model> QString cellText(Model *model, const QString &key, int column)
{
    const int row = model->rowOfKey(key);
    return row < 0 ? QString() : model->index(row, column).data().toString();
}

// The agent (RunningAgent's `agent` and `http`) and a window attached to it.
struct AttachedWindow : qonsul::testing::RunningAgent
{
    std::unique_ptr<AgentConnection> connection;
    std::unique_ptr<MainWindow> window;

    // Starts the agent and the window; the QTest macros make the calling test fail.
    void start(const AgentConfig &config = devAgentConfig())
    {
        RunningAgent::start(config);
        if (QTest::currentTestFailed())
            return;
        ApiConfig api;
        api.address = QStringLiteral("127.0.0.1:%1").arg(agent->httpPort());
        connection =
            std::make_unique<AgentConnection>(api, desktop::InProcessAgent::factory(config));
        connection->setAttachOnly(true);
        window = std::make_unique<MainWindow>(connection.get());
        window->show();
        connection->start();
        QTRY_VERIFY(window->hasPages());
        QCOMPARE(connection->mode(), AgentConnection::Mode::Attached);
    }

    // Window first: its pages hold API calls to the agent.
    void stop()
    {
        window.reset();
        connection.reset();
        RunningAgent::stop();
    }
};

} // namespace qonsul::ui::testing

// `qonsul monitor [-log-level=info]`: follows GET /v1/agent/monitor, printing each line as the
// agent logs it. Ctrl+C (SIGINT) or SIGTERM ends it with 0; the agent going away ends it with
// Consul's "Remote side ended the monitor!" and 1.

#include "Commands.h"
#include "UnixSignals.h"
#include "api/AgentApi.h"
#include "api/ApiStream.h"

#include <QEventLoop>

namespace qonsul::cli {

namespace {

class MonitorCommand : public ClientCommand
{
public:
    explicit MonitorCommand(Ui &ui) : ClientCommand(ui)
    {
        addHttpFlags(false);
        m_flags.addString("log-level", &m_logLevel, "Log level of the agent.");
    }

    QString synopsis() const override { return QStringLiteral("Stream logs from a Consul agent"); }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul monitor [options]

  Shows recent log messages of an agent, then follows its log as it is written. The
  monitor can ask for a level the agent itself does not log at: an agent logging at
  INFO still shows its DEBUG lines to "qonsul monitor -log-level=debug".
)"));
    }

    int run(const QStringList &args) override
    {
        if (!parseFlagsOnly(args))
            return 1;
        auto client = makeClient();
        if (!client)
            return 1;
        UnixSignals signals;
        QEventLoop loop;
        int code = 0;
        bool opened = false;
        ApiStream *stream = client->startStream(AgentApi::monitor(m_logLevel));
        QObject::connect(stream, &ApiStream::opened, &loop, [&] { opened = true; });
        QObject::connect(stream, &ApiStream::lineReceived, &loop,
                         [this](const QString &line) { ui().output(line); });
        QObject::connect(stream, &ApiStream::finished, &loop, [&](const QString &error) {
            stream = nullptr;
            if (!opened) {
                ui().error(QStringLiteral("Error starting monitor: ") + error);
            } else {
                ui().output(QString());
                ui().output(QStringLiteral("Remote side ended the monitor! This usually means "
                                           "that the\nremote side has exited or crashed."));
            }
            code = 1;
            loop.quit();
        });
        auto quit = [&] {
            if (stream)
                stream->kill();
            stream = nullptr;
            loop.quit();
        };
        QObject::connect(&signals, &UnixSignals::interrupt, &loop, quit);
        QObject::connect(&signals, &UnixSignals::terminate, &loop, quit);
        loop.exec();
        return code;
    }

private:
    QString m_logLevel = QStringLiteral("INFO");
};

} // namespace

std::unique_ptr<Command> makeMonitorCommand(Ui &ui)
{
    return std::make_unique<MonitorCommand>(ui);
}

} // namespace qonsul::cli

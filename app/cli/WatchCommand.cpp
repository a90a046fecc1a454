// `qonsul watch -type=<type> [options] [handler...]`: follows one view of the cluster with
// blocking queries (key, keyprefix, services, nodes, service, checks). Without a handler it
// prints the current value as the agent answered it, indented, and exits. With one, it runs
// the handler (through $SHELL -c, or /bin/sh; argv as is with -shell=false) once for the
// current value and again on each change, the value's JSON on its stdin and CONSUL_INDEX in
// its environment: not for a blocking query that ends without a change (same index, or the
// same value). A handler that fails is reported and the watch goes on (Consul 1.6's command
// stops there with 1; its agent's watches go on, and so do ours, both ways).

#include "Commands.h"
#include "UnixSignals.h"
#include "WatchPlan.h"
#include "api/AgentApi.h"
#include "api/SyncCall.h"
#include "util/JsonText.h"

#include <QEventLoop>
#include <optional>

namespace qonsul::cli {

namespace {

class WatchCommand : public ClientCommand
{
public:
    explicit WatchCommand(Ui &ui) : ClientCommand(ui)
    {
        addHttpFlags(true);
        m_flags.addString("type", &m_type,
                          "Specifies the watch type. One of key, keyprefix, services, nodes, "
                          "service, checks, or event.");
        m_flags.addString("key", &m_key, "Specifies the key to watch. Only for 'key' type.");
        m_flags.addString("prefix", &m_prefix,
                          "Specifies the key prefix to watch. Only for 'keyprefix' type.");
        m_flags.addString("service", &m_service,
                          "Specifies the service to watch. Required for 'service' type, "
                          "optional for 'checks' type.");
        m_flags.addString("tag", &m_tag,
                          "Specifies the service tag to filter on. Optional for 'service' "
                          "type.");
        m_flags.addString("passingonly", &m_passingOnly,
                          "Specifies if only hosts passing all checks are displayed. Optional "
                          "for 'service' type, must be one of `[true|false]`. Defaults false.");
        m_flags.addBool("shell", &m_shell,
                        "Use a shell to run the command (can set a custom shell via the SHELL "
                        "environment variable).");
        m_flags.addString("state", &m_state,
                          "Specifies the states to watch. Optional for 'checks' type.");
        m_flags.addString("name", &m_name,
                          "Specifies an event name to watch. Only for 'event' type.");
    }

    QString synopsis() const override { return QStringLiteral("Watch for changes in Consul"); }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul watch [options] [child...]

  Watches for changes in a given data view from the agent. If a child process
  is specified, it is run with the latest results on each change (their JSON on
  its stdin, the index in CONSUL_INDEX). Otherwise, the latest values are
  printed and the watch ends.

  Providing the watch type is required, and other parameters may be required
  or supported depending on the watch type.
)"));
    }

    int run(const QStringList &args) override
    {
        const std::optional<QStringList> handler = parseFlags(args);
        if (!handler)
            return 1;
        if (m_type.isEmpty()) {
            ui().error(QStringLiteral("Watch type must be specified"));
            ui().error(QString());
            ui().error(help());
            return 1;
        }
        std::optional<bool> passingOnly;
        if (!m_passingOnly.isEmpty()) {
            // Go's strconv.ParseBool: these spellings and no others.
            static const QStringList yes = {"1", "t", "T", "TRUE", "true", "True"};
            static const QStringList no = {"0", "f", "F", "FALSE", "false", "False"};
            if (yes.contains(m_passingOnly))
                passingOnly = true;
            else if (no.contains(m_passingOnly))
                passingOnly = false;
            else {
                ui().error(QStringLiteral("Failed to parse passingonly flag: strconv.ParseBool: "
                                          "parsing \"%1\": invalid syntax")
                               .arg(m_passingOnly));
                return 1;
            }
        }
        WatchDefinition watch;
        watch.type = m_type;
        watch.key = m_key;
        watch.prefix = m_prefix;
        watch.service = m_service;
        watch.tag = m_tag;
        watch.state = m_state;
        watch.name = m_name;
        watch.passingOnly = passingOnly;
        watch.stale = m_http.stale();
        if (const std::optional<QString> invalid = validateWatch(watch)) {
            ui().error(*invalid);
            return 1;
        }
        auto client = makeClient();
        if (!client)
            return 1;
        if (const auto self = callSync(*client, AgentApi::self()); !self) {
            ui().error(QStringLiteral("Error querying Consul agent: ") + self.error());
            return 1;
        }
        return follow(*client, watch, *handler);
    }

private:
    int follow(ApiClient &client, const WatchDefinition &watch, const QStringList &handlerArgs)
    {
        UnixSignals signals;
        QEventLoop loop;
        WatchPlan plan(&client, watch);
        std::unique_ptr<WatchHandler> handler;
        if (!handlerArgs.isEmpty()) {
            handler = m_shell ? std::make_unique<WatchHandler>(
                                    QStringList(), handlerArgs.join(QLatin1Char(' ')), false)
                              : std::make_unique<WatchHandler>(handlerArgs, QString(), false);
            QObject::connect(
                handler.get(), &WatchHandler::finished, &loop, [this](const QString &error) {
                    if (!error.isEmpty())
                        ui().error(QStringLiteral("Error executing handler: ") + error);
                });
        }
        QObject::connect(&plan, &WatchPlan::changed, &loop,
                         [&](quint64 index, const QByteArray &json) {
                             if (handler) {
                                 handler->run(index, json);
                                 return;
                             }
                             ui().outputBytes(util::indentJson(json, "    "));
                             plan.stop();
                             loop.quit();
                         });
        QObject::connect(&plan, &WatchPlan::failed, &loop, [&](const QString &error) {
            ui().error(QStringLiteral("[ERR] consul.watch: Watch (type: %1) errored: %2")
                           .arg(m_type, error));
        });
        auto quit = [&] {
            plan.stop();
            loop.quit();
        };
        QObject::connect(&signals, &UnixSignals::interrupt, &loop, quit);
        QObject::connect(&signals, &UnixSignals::terminate, &loop, quit);
        plan.start();
        loop.exec();
        if (handler)
            handler->waitForRun(5000);
        return 0;
    }

    QString m_type;
    QString m_key;
    QString m_prefix;
    QString m_service;
    QString m_tag;
    QString m_passingOnly;
    bool m_shell = true;
    QString m_state;
    QString m_name;
};

} // namespace

std::unique_ptr<Command> makeWatchCommand(Ui &ui)
{
    return std::make_unique<WatchCommand>(ui);
}

} // namespace qonsul::cli

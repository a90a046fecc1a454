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
#include "api/AgentApi.h"
#include "api/BlockingWatch.h"
#include "api/SyncCall.h"
#include "util/JsonText.h"

#include <QEventLoop>
#include <QProcess>
#include <QProcessEnvironment>
#include <QUrl>
#include <optional>

namespace qonsul::cli {

namespace {

// What a watch type asks, and which of the flags it takes (Consul's watch.Parse).
struct WatchSpec
{
    ApiRequest request;
    bool firstOfArray = false; // "key": the one pair of the answer's array
};

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
            const QString text = m_passingOnly.toLower();
            if (text == QLatin1String("1") || text == QLatin1String("t") ||
                text == QLatin1String("true"))
                passingOnly = true;
            else if (text == QLatin1String("0") || text == QLatin1String("f") ||
                     text == QLatin1String("false"))
                passingOnly = false;
            else {
                ui().error(QStringLiteral("Failed to parse passingonly flag: strconv.ParseBool: "
                                          "parsing \"%1\": invalid syntax")
                               .arg(m_passingOnly));
                return 1;
            }
        }
        const Expected<WatchSpec> spec = watchSpec(passingOnly);
        if (!spec) {
            ui().error(spec.error());
            return 1;
        }
        auto client = makeClient();
        if (!client)
            return 1;
        if (const auto self = callSync(*client, AgentApi::self()); !self) {
            ui().error(QStringLiteral("Error querying Consul agent: ") + self.error());
            return 1;
        }
        return follow(*client, *spec, *handler);
    }

private:
    Expected<WatchSpec> watchSpec(std::optional<bool> passingOnly) const
    {
        // The flags each type may be given; any other set is Consul's "Invalid parameters".
        QStringList given;
        for (const auto &[name, value] : {std::pair{"key", m_key},
                                          {"prefix", m_prefix},
                                          {"service", m_service},
                                          {"tag", m_tag},
                                          {"state", m_state},
                                          {"name", m_name}})
            if (!value.isEmpty())
                given.append(QLatin1String(name));
        if (passingOnly)
            given.append(QStringLiteral("passingonly"));
        auto only = [&given](const QStringList &allowed) -> std::optional<Error> {
            QStringList extra;
            for (const QString &name : given)
                if (!allowed.contains(name))
                    extra.append(name);
            if (extra.isEmpty())
                return std::nullopt;
            extra.sort();
            return makeError(
                QStringLiteral("Invalid parameters: [%1]").arg(extra.join(QLatin1Char(' '))));
        };
        auto encoded = [](const QString &text) {
            return QString::fromLatin1(QUrl::toPercentEncoding(text, "/"));
        };
        WatchSpec spec;
        if (m_type == QLatin1String("key")) {
            if (auto error = only({QStringLiteral("key")}))
                return *error;
            if (m_key.isEmpty())
                return makeError(QStringLiteral("Must specify a single key to watch"));
            spec.request = ApiRequest::get(QStringLiteral("/v1/kv/") + encoded(m_key));
            spec.firstOfArray = true;
        } else if (m_type == QLatin1String("keyprefix")) {
            if (auto error = only({QStringLiteral("prefix")}))
                return *error;
            if (m_prefix.isEmpty())
                return makeError(QStringLiteral("Must specify a single prefix to watch"));
            spec.request = ApiRequest::get(QStringLiteral("/v1/kv/") + encoded(m_prefix));
            spec.request.addQuery(QStringLiteral("recurse"));
        } else if (m_type == QLatin1String("services")) {
            if (auto error = only({}))
                return *error;
            spec.request = ApiRequest::get(QStringLiteral("/v1/catalog/services"));
        } else if (m_type == QLatin1String("nodes")) {
            if (auto error = only({}))
                return *error;
            spec.request = ApiRequest::get(QStringLiteral("/v1/catalog/nodes"));
        } else if (m_type == QLatin1String("service")) {
            if (auto error = only({QStringLiteral("service"), QStringLiteral("tag"),
                                   QStringLiteral("passingonly")}))
                return *error;
            if (m_service.isEmpty())
                return makeError(QStringLiteral("Must specify a single service to watch"));
            spec.request =
                ApiRequest::get(QStringLiteral("/v1/health/service/") + encoded(m_service));
            if (!m_tag.isEmpty())
                spec.request.addQuery(QStringLiteral("tag"), m_tag);
            if (passingOnly.value_or(false))
                spec.request.addQuery(QStringLiteral("passing"));
        } else if (m_type == QLatin1String("checks")) {
            if (auto error = only({QStringLiteral("service"), QStringLiteral("state")}))
                return *error;
            if (!m_service.isEmpty() && !m_state.isEmpty())
                return makeError(QStringLiteral("Cannot specify service and state"));
            spec.request =
                m_service.isEmpty()
                    ? ApiRequest::get(QStringLiteral("/v1/health/state/") +
                                      encoded(m_state.isEmpty() ? QStringLiteral("any") : m_state))
                    : ApiRequest::get(QStringLiteral("/v1/health/checks/") + encoded(m_service));
        } else if (m_type == QLatin1String("event")) {
            return makeError(QStringLiteral(
                "Watch type event is not supported by Qonsul yet: user events come with "
                "`qonsul event`"));
        } else {
            return makeError(QStringLiteral("Unsupported watch type: %1").arg(m_type));
        }
        if (m_http.stale())
            spec.request.addQuery(QStringLiteral("stale"));
        return spec;
    }

    // The answer as the handler and the output get it: "null" for a missing key or prefix.
    static QByteArray valueOf(const ApiResponse &response, bool firstOfArray)
    {
        if (response.statusCode == 404)
            return QByteArrayLiteral("null");
        QByteArray json = util::compactJson(response.body);
        if (firstOfArray && json.startsWith('[') && json.endsWith(']')) {
            json = json.mid(1, json.size() - 2);
            if (json.isEmpty())
                json = QByteArrayLiteral("null");
        }
        return json;
    }

    int follow(ApiClient &client, const WatchSpec &spec, const QStringList &handler)
    {
        UnixSignals signals;
        QEventLoop loop;
        int code = 0;
        BlockingWatch watch(&client, spec.request);
        watch.setBackoff(std::chrono::seconds(5), std::chrono::seconds(20));
        QByteArray lastValue;
        bool haveValue = false;
        // The handler runs for one value at a time; a change that comes meanwhile waits, and
        // only the newest waits.
        QProcess *running = nullptr;
        std::optional<std::pair<quint64, QByteArray>> waiting;
        std::function<void(quint64, const QByteArray &)> runHandler;
        runHandler = [&](quint64 index, const QByteArray &value) {
            if (running) {
                waiting = std::pair{index, value};
                return;
            }
            auto *process = new QProcess;
            running = process;
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("CONSUL_INDEX"), QString::number(index));
            process->setProcessEnvironment(environment);
            process->setProcessChannelMode(QProcess::ForwardedChannels);
            QObject::connect(process, &QProcess::finished, &loop,
                             [&, process](int exitCode, QProcess::ExitStatus status) {
                                 if (status != QProcess::NormalExit)
                                     ui().error(QStringLiteral("Error executing handler: signal: "
                                                               "killed"));
                                 else if (exitCode != 0)
                                     ui().error(QStringLiteral("Error executing handler: exit "
                                                               "status %1")
                                                    .arg(exitCode));
                                 process->deleteLater();
                                 running = nullptr;
                                 if (waiting) {
                                     const auto next = *waiting;
                                     waiting.reset();
                                     runHandler(next.first, next.second);
                                 }
                             });
            QObject::connect(process, &QProcess::errorOccurred, &loop,
                             [&, process](QProcess::ProcessError error) {
                                 if (error != QProcess::FailedToStart)
                                     return;
                                 ui().error(QStringLiteral("Error starting handler: ") +
                                            process->errorString());
                                 process->deleteLater();
                                 running = nullptr;
                             });
            if (m_shell) {
                const QString shell = qEnvironmentVariable("SHELL", QStringLiteral("/bin/sh"));
                process->start(shell, {QStringLiteral("-c"), handler.join(QLatin1Char(' '))});
            } else {
                process->start(handler.first(), handler.mid(1));
            }
            process->write(value + '\n');
            process->closeWriteChannel();
        };
        QObject::connect(&watch, &BlockingWatch::answered, &loop,
                         [&](quint64 index, const ApiResponse &response) {
                             const QByteArray value = valueOf(response, spec.firstOfArray);
                             // The index moved but the value did not (another key's write): no
                             // change.
                             if (haveValue && value == lastValue)
                                 return;
                             haveValue = true;
                             lastValue = value;
                             if (handler.isEmpty()) {
                                 ui().outputBytes(util::indentJson(value, "    "));
                                 watch.stop();
                                 loop.quit();
                                 return;
                             }
                             runHandler(index, value);
                         });
        QObject::connect(&watch, &BlockingWatch::failed, &loop, [&](const QString &error) {
            ui().error(QStringLiteral("[ERR] consul.watch: Watch (type: %1) errored: %2")
                           .arg(m_type, error));
        });
        auto quit = [&] {
            watch.stop();
            loop.quit();
        };
        QObject::connect(&signals, &UnixSignals::interrupt, &loop, quit);
        QObject::connect(&signals, &UnixSignals::terminate, &loop, quit);
        watch.start();
        loop.exec();
        if (running) {
            running->waitForFinished(5000);
            delete running;
        }
        return code;
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

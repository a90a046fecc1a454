// `qonsul exec`: runs a command on the agents that take the job, as Consul's `consul exec`.
// The job goes into KV under <prefix>/<session>/job, held by a session of this command's (a
// TTL it renews), a "_rexec" user event carries where it is to the agents, and the command
// follows <prefix>/<session>/ with blocking queries for each node's ack, output and exit code
// until nothing came for -wait. Agents run jobs only with disable_remote_exec set to false.

#include "Commands.h"
#include "EventFilters.h"
#include "UnixSignals.h"
#include "api/AgentApi.h"
#include "api/BlockingWatch.h"
#include "api/EventApi.h"
#include "api/KvApi.h"
#include "api/SessionApi.h"
#include "api/SyncCall.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <chrono>

namespace qonsul::cli {

namespace {

using namespace std::chrono_literals;

class ExecCommand : public ClientCommand
{
public:
    explicit ExecCommand(Ui &ui) : ClientCommand(ui)
    {
        m_filters.addTo(m_flags);
        m_flags.addString("prefix", &m_prefix, "Prefix in the KV store to use for request data.");
        m_flags.addBool("shell", &m_shell, "Use a shell to run the command.");
        m_flags.addDuration("wait", &m_wait,
                            "Period to wait with no responses before terminating execution.");
        m_flags.addDuration("wait-repl", &m_waitRepl,
                            "Period to wait for replication before firing event. This is an "
                            "optimization to allow stale reads to be performed.");
        m_flags.addBool("verbose", &m_verbose, "Enables verbose output.");
        addHttpFlags(true);
    }

    QString synopsis() const override
    {
        return QStringLiteral("Executes a command on Consul nodes");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul exec [options] [-|command...]

  Evaluates a command on remote Consul nodes. The nodes responding can
  be filtered using regular expressions on node name, service, and tag
  definitions. If a command is '-', stdin will be read until EOF
  and used as a script input.

  Agents run the command only when their configuration sets
  "disable_remote_exec": false (the default is true, as Consul's).
)"));
    }

    int run(const QStringList &args) override
    {
        const std::optional<QStringList> rest = parseFlags(args);
        if (!rest)
            return 1;
        QJsonObject job;
        const QString command = rest->join(QLatin1Char(' '));
        if (command == QLatin1String("-")) {
            if (!m_shell) {
                ui().error(QStringLiteral("Cannot configure -shell=false when reading from stdin"));
                return 1;
            }
            QFile in;
            if (!in.open(stdin, QIODevice::ReadOnly)) {
                ui().error(QStringLiteral("Failed to read stdin: ") + in.errorString());
                ui().error(QString());
                ui().error(help());
                return 1;
            }
            job.insert("Script", QString::fromLatin1(in.readAll().toBase64()));
        } else if (!m_shell) {
            job.insert("Args", QJsonArray::fromStringList(*rest));
        } else if (!command.isEmpty()) {
            job.insert("Command", command);
        }
        if (job.isEmpty() || (job.contains("Script") && job.value("Script").toString().isEmpty())) {
            ui().error(QStringLiteral("Must specify a command to execute"));
            ui().error(QString());
            ui().error(help());
            return 1;
        }
        if (const auto invalid = m_filters.error()) {
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
        // A Go time.Duration in the job: nanoseconds.
        job.insert("Wait", double(m_wait.count()));
        // Sorted keys are Go's field order here: one of Command, Args or Script, then Wait.
        return execute(*client, QJsonDocument(job).toJson(QJsonDocument::Compact));
    }

private:
    int execute(ApiClient &client, const QByteArray &jobJson)
    {
        SessionRequest request;
        request.name = QStringLiteral("Remote Exec");
        request.behavior = QStringLiteral("delete");
        request.ttl = QStringLiteral("15s");
        const auto session = callSync(client, SessionApi::create(request, writeOptions()));
        if (!session) {
            ui().error(QStringLiteral("Failed to create session: ") + session.error());
            return 1;
        }
        m_session = *session;
        if (m_verbose)
            ui().output(QStringLiteral("Created remote execution session: ") + m_session);
        const int code = runJob(client, jobJson);
        // Cleanup as Consul's: the session (its keys go with it), then what is left.
        (void)callSync(client, SessionApi::destroy(m_session, writeOptions()));
        (void)callSync(client, KvApi::removeTree(base(), writeOptions()));
        return code;
    }

    int runJob(ApiClient &client, const QByteArray &jobJson)
    {
        UnixSignals signals;
        QEventLoop loop;
        int code = 0;
        auto interrupt = [&] {
            code = 1;
            loop.quit();
        };
        QObject::connect(&signals, &UnixSignals::interrupt, &loop, interrupt);
        QObject::connect(&signals, &UnixSignals::terminate, &loop, interrupt);

        // The session lives while this command does.
        QTimer renew;
        renew.setInterval(5s);
        QObject::connect(&renew, &QTimer::timeout, &loop, [&] {
            client.start(SessionApi::renew(m_session, writeOptions()), &loop,
                         [&](const Expected<std::optional<SessionEntry>> &renewed) {
                             if (renewed && *renewed)
                                 return;
                             ui().error(
                                 QStringLiteral("Session renew failed: ") +
                                 (renewed ? QStringLiteral("session not found") : renewed.error()));
                             renew.stop();
                         });
        });
        renew.start();

        KvPair spec;
        spec.key = base() + QStringLiteral("/job");
        spec.value = jobJson;
        spec.session = m_session;
        const auto uploaded = callSync(client, KvApi::acquire(spec, writeOptions()));
        if (!uploaded || !*uploaded) {
            ui().error(QStringLiteral("Failed to create job file: ") +
                       (uploaded ? QStringLiteral("failed to acquire key ") + spec.key
                                 : uploaded.error()));
            return 1;
        }
        if (m_verbose)
            ui().output(QStringLiteral("Uploaded remote execution spec"));

        // Time for the job to reach every server before agents read it (stale).
        QTimer::singleShot(std::chrono::duration_cast<std::chrono::milliseconds>(m_waitRepl), &loop,
                           &QEventLoop::quit);
        loop.exec();
        if (code != 0)
            return code;

        EventApi::FireParams fire;
        fire.name = QStringLiteral("_rexec");
        fire.payload = QJsonDocument(QJsonObject{{"Prefix", m_prefix}, {"Session", m_session}})
                           .toJson(QJsonDocument::Compact);
        fire.nodeFilter = m_filters.node;
        fire.serviceFilter = m_filters.service;
        fire.tagFilter = m_filters.tag;
        const auto fired = callSync(client, EventApi::fire(fire));
        if (!fired) {
            ui().error(QStringLiteral("Failed to fire event: ") + fired.error());
            return 1;
        }
        if (m_verbose)
            ui().output(QStringLiteral("Fired remote execution event: ") + fired->id);
        return follow(client, loop, code);
    }

    int follow(ApiClient &client, QEventLoop &loop, int &code)
    {
        QElapsedTimer started;
        started.start();
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(m_wait);
        QSet<QString> seen;
        QSet<QString> acked;
        QSet<QString> exited;
        bool bad = false;
        QTimer quiet;
        quiet.setSingleShot(true);
        // Any news re-arms it; twice as long while some node acknowledged and has not finished.
        auto rearm = [&] { quiet.start(acked.size() > exited.size() ? 2 * wait : wait); };

        BlockingWatch results(&client, KvApi::keys(base() + QLatin1Char('/'), QString()).request);
        results.setWaitTime(wait);
        QObject::connect(
            &results, &BlockingWatch::answered, &loop, [&](quint64, const ApiResponse &response) {
                QStringList fresh;
                for (const QJsonValue &key : QJsonDocument::fromJson(response.body).array())
                    if (!seen.contains(key.toString())) {
                        seen.insert(key.toString());
                        fresh.append(key.toString());
                    }
                // Keys come sorted, "exit" before "out/": a node's exit code
                // is printed after the output that came with it.
                std::stable_sort(fresh.begin(), fresh.end(),
                                 [](const QString &a, const QString &b) {
                                     return a.endsWith(QLatin1String("/exit")) <
                                            b.endsWith(QLatin1String("/exit"));
                                 });
                for (const QString &key : fresh) {
                    take(client, key, acked, exited, bad);
                    rearm();
                }
            });
        QObject::connect(&results, &BlockingWatch::failed, &loop, [&](const QString &error) {
            ui().error(QStringLiteral("Failed to read results: ") + error);
            code = 1;
            loop.quit();
        });
        QObject::connect(&quiet, &QTimer::timeout, &loop, [&] {
            ui().output(QStringLiteral("%1 / %2 node(s) completed / acknowledged")
                            .arg(exited.size())
                            .arg(acked.size()));
            if (m_verbose)
                ui().output(QStringLiteral("Completed in %1 seconds")
                                .arg(double(started.elapsed()) / 1000.0, 0, 'f', 2));
            if (exited.size() < acked.size())
                bad = true;
            if (acked.isEmpty())
                ui().error(QStringLiteral(
                    "No node took the job: agents ignore exec jobs unless their configuration "
                    "sets \"disable_remote_exec\": false (true by default)."));
            loop.quit();
        });
        rearm();
        results.start();
        loop.exec();
        results.stop();
        if (code != 0)
            return code;
        return bad ? 2 : 0;
    }

    // One key under the job's prefix: an ack, an exit code or a chunk of output.
    void take(ApiClient &client, const QString &key, QSet<QString> &acked, QSet<QString> &exited,
              bool &bad)
    {
        const QString relative = key.mid(base().size() + 1);
        if (relative == QLatin1String("job"))
            return;
        if (relative.endsWith(QLatin1String("/ack"))) {
            const QString node = relative.chopped(4);
            acked.insert(node);
            if (m_verbose)
                nodeLines(QStringLiteral("==>"), node, QStringLiteral("acknowledged"));
            return;
        }
        const bool exit = relative.endsWith(QLatin1String("/exit"));
        const qsizetype out = relative.lastIndexOf(QLatin1String("/out/"));
        if (!exit && out < 0) {
            ui().error(QStringLiteral("Unknown key '%1', ignoring.").arg(relative));
            return;
        }
        const auto value = callSync(client, KvApi::get(key));
        if (!value) {
            ui().error(QStringLiteral("Failed to read key '%1': %2").arg(key, value.error()));
            return;
        }
        const QByteArray bytes = *value ? (*value)->value : QByteArray();
        if (exit) {
            const QString node = relative.chopped(5);
            bool ok = false;
            const int status = bytes.toInt(&ok);
            if (!ok) {
                ui().error(QStringLiteral("Failed to parse exit code '%1': strconv.ParseInt: "
                                          "parsing \"%1\": invalid syntax")
                               .arg(QString::fromUtf8(bytes)));
                return;
            }
            exited.insert(node);
            if (status != 0)
                bad = true;
            nodeLines(QStringLiteral("==>"), node,
                      QStringLiteral("finished with exit code %1").arg(status));
            return;
        }
        const QString node = relative.left(out);
        if (bytes.isEmpty()) {
            if (m_verbose)
                nodeLines(QStringLiteral("==>"), node, QStringLiteral("heartbeat received"));
            return;
        }
        nodeLines(QStringLiteral("   "), node, QString::fromUtf8(bytes));
    }

    // Each line as "<arrow> <node>: <line>", the whole trimmed at its end, as Consul's UI does.
    void nodeLines(const QString &arrow, const QString &node, const QString &text)
    {
        QStringList lines;
        for (const QString &line : text.split(QLatin1Char('\n')))
            lines.append(QStringLiteral("%1 %2: %3").arg(arrow, node, line));
        QString block = lines.join(QLatin1Char('\n'));
        while (!block.isEmpty() && block.back().isSpace())
            block.chop(1);
        ui().output(block);
    }

    QString base() const { return m_prefix + QLatin1Char('/') + m_session; }
    WriteOptions writeOptions() const
    {
        WriteOptions options;
        options.datacenter = m_http.queryOptions().datacenter;
        return options;
    }

    EventFilterFlags m_filters;
    QString m_prefix = QStringLiteral("_rexec");
    bool m_shell = true;
    std::chrono::nanoseconds m_wait = 2s;
    std::chrono::nanoseconds m_waitRepl = 200ms;
    bool m_verbose = false;
    QString m_session;
};

} // namespace

std::unique_ptr<Command> makeExecCommand(Ui &ui)
{
    return std::make_unique<ExecCommand>(ui);
}

} // namespace qonsul::cli

#include "WatchPlan.h"

#include "agent/UserEvents.h"
#include "util/JsonText.h"
#include "util/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QUrl>

namespace qonsul::cli {

namespace {

constexpr qsizetype watchOutputLimit = 4 * 1024;

QString pathPart(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text, "/"));
}

// The events of an event list after the one whose index is `lastIndex` (all of them when none
// is), in the agent's field order. Consul's plan prunes the same way, against the index it
// last kept, which it resets to 0 whenever the (random) event index goes down, and then hands
// the handler every event again; here the last answer's index is kept, so it never does.
QByteArray eventsAfter(const QByteArray &body, std::optional<quint64> lastIndex)
{
    const QJsonArray events = QJsonDocument::fromJson(body).array();
    qsizetype first = 0;
    if (lastIndex) {
        for (qsizetype i = 0; i < events.size(); ++i)
            if (userEventIndex(events[i].toObject().value("ID").toString()) == *lastIndex)
                first = i + 1;
    }
    JsonWriter w;
    w.beginArray();
    for (qsizetype i = first; i < events.size(); ++i) {
        const QJsonObject e = events[i].toObject();
        w.beginObject();
        w.field("ID", e.value("ID").toString());
        w.field("Name", e.value("Name").toString());
        w.key("Payload");
        if (e.value("Payload").isString())
            w.value(e.value("Payload").toString());
        else
            w.null();
        for (const char *filter : {"NodeFilter", "ServiceFilter", "TagFilter"})
            w.field(filter, e.value(QLatin1String(filter)).toString());
        w.field("Version", e.value("Version").toInt());
        w.field("LTime", uint64_t(e.value("LTime").toDouble()));
        w.endObject();
    }
    w.endArray();
    return w.take();
}

} // namespace

ApiRequest watchRequest(const WatchDefinition &watch)
{
    ApiRequest request = ApiRequest::get(QString());
    const QString &type = watch.type;
    if (type == QLatin1String("key")) {
        request = ApiRequest::get(QStringLiteral("/v1/kv/") + pathPart(watch.key));
    } else if (type == QLatin1String("keyprefix")) {
        request = ApiRequest::get(QStringLiteral("/v1/kv/") + pathPart(watch.prefix));
        request.addQuery(QStringLiteral("recurse"));
    } else if (type == QLatin1String("services")) {
        request = ApiRequest::get(QStringLiteral("/v1/catalog/services"));
    } else if (type == QLatin1String("nodes")) {
        request = ApiRequest::get(QStringLiteral("/v1/catalog/nodes"));
    } else if (type == QLatin1String("service")) {
        request = ApiRequest::get(QStringLiteral("/v1/health/service/") + pathPart(watch.service));
        if (!watch.tag.isEmpty())
            request.addQuery(QStringLiteral("tag"), watch.tag);
        if (watch.passingOnly.value_or(false))
            request.addQuery(QStringLiteral("passing"));
    } else if (type == QLatin1String("event")) {
        request = ApiRequest::get(QStringLiteral("/v1/event/list"));
        if (!watch.name.isEmpty())
            request.addQuery(QStringLiteral("name"), watch.name);
        return request; // events are the agent's own: ?stale means nothing to them
    } else if (type == QLatin1String("checks")) {
        request =
            watch.service.isEmpty()
                ? ApiRequest::get(
                      QStringLiteral("/v1/health/state/") +
                      pathPart(watch.state.isEmpty() ? QStringLiteral("any") : watch.state))
                : ApiRequest::get(QStringLiteral("/v1/health/checks/") + pathPart(watch.service));
    }
    if (watch.stale)
        request.addQuery(QStringLiteral("stale"));
    return request;
}

WatchPlan::WatchPlan(ApiClient *client, const WatchDefinition &watch, QObject *parent)
    : QObject(parent), m_watch(client, watchRequest(watch)),
      m_firstOfArray(watch.type == QLatin1String("key")),
      m_events(watch.type == QLatin1String("event"))
{
    // Consul's plan waits 5 s after a failure, and longer after more, up to 20 s.
    m_watch.setBackoff(std::chrono::seconds(5), std::chrono::seconds(20));
    connect(&m_watch, &BlockingWatch::failed, this, &WatchPlan::failed);
    connect(&m_watch, &BlockingWatch::answered, this,
            [this](quint64 index, const ApiResponse &response) {
                if (m_events) {
                    // Only what came since the last answer; nothing new is no change.
                    const QByteArray fresh = eventsAfter(response.body, m_lastEventIndex);
                    const bool first = !m_lastEventIndex;
                    m_lastEventIndex = index;
                    if (first || fresh != "[]")
                        Q_EMIT changed(index, fresh);
                    return;
                }
                QByteArray json = response.statusCode == 404 ? QByteArrayLiteral("null")
                                                             : util::compactJson(response.body);
                if (m_firstOfArray && json.startsWith('[') && json.endsWith(']')) {
                    json = json.mid(1, json.size() - 2);
                    if (json.isEmpty())
                        json = QByteArrayLiteral("null");
                }
                if (m_last && *m_last == json)
                    return;
                m_last = json;
                Q_EMIT changed(index, json);
            });
}

WatchHandler::WatchHandler(QStringList args, QString script, bool capture, QObject *parent)
    : QObject(parent), m_args(std::move(args)), m_script(std::move(script)), m_capture(capture)
{
}

WatchHandler::~WatchHandler()
{
    if (m_running) {
        m_running->disconnect(this);
        m_running->kill();
        m_running->waitForFinished(1000);
        delete m_running;
    }
}

void WatchHandler::run(quint64 index, const QByteArray &json)
{
    m_waiting = std::pair{index, json};
    if (!m_running)
        startNext();
}

void WatchHandler::waitForRun(int ms)
{
    if (m_running)
        m_running->waitForFinished(ms);
}

void WatchHandler::startNext()
{
    if (!m_waiting)
        return;
    const auto [index, json] = *m_waiting;
    m_waiting.reset();
    auto *process = new QProcess;
    m_running = process;
    m_output.clear();
    m_outputTotal = 0;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("CONSUL_INDEX"), QString::number(index));
    process->setProcessEnvironment(environment);
    if (m_capture) {
        process->setProcessChannelMode(QProcess::MergedChannels);
        connect(process, &QProcess::readyRead, this, [this, process] {
            const QByteArray chunk = process->readAll();
            m_outputTotal += chunk.size();
            m_output += chunk;
            if (m_output.size() > watchOutputLimit)
                m_output.remove(0, m_output.size() - watchOutputLimit);
        });
    } else {
        process->setProcessChannelMode(QProcess::ForwardedChannels);
    }
    auto done = [this, process](const QString &error) {
        if (m_running != process)
            return;
        m_running = nullptr;
        process->deleteLater();
        QByteArray output = m_output;
        if (m_outputTotal > output.size())
            output = QByteArrayLiteral("Captured %1 of %2 bytes\n...\n")
                         .replace("%1", QByteArray::number(output.size()))
                         .replace("%2", QByteArray::number(m_outputTotal)) +
                     output;
        Q_EMIT finished(error, output);
        startNext();
    };
    connect(process, &QProcess::finished, this,
            [process, done](int exitCode, QProcess::ExitStatus status) {
                if (process->bytesAvailable() > 0)
                    Q_EMIT process->readyRead();
                if (status != QProcess::NormalExit)
                    done(QStringLiteral("signal: killed"));
                else
                    done(exitCode == 0 ? QString()
                                       : QStringLiteral("exit status %1").arg(exitCode));
            });
    connect(process, &QProcess::errorOccurred, this, [process, done](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            done(process->errorString());
    });
    if (!m_args.isEmpty())
        process->start(m_args.first(), m_args.mid(1));
    else
        process->start(qEnvironmentVariable("SHELL", QStringLiteral("/bin/sh")),
                       {QStringLiteral("-c"), m_script});
    process->write(json + '\n');
    process->closeWriteChannel();
}

} // namespace qonsul::cli

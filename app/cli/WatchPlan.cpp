#include "WatchPlan.h"

#include "util/JsonText.h"

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
      m_firstOfArray(watch.type == QLatin1String("key"))
{
    // Consul's plan waits 5 s after a failure, and longer after more, up to 20 s.
    m_watch.setBackoff(std::chrono::seconds(5), std::chrono::seconds(20));
    connect(&m_watch, &BlockingWatch::failed, this, &WatchPlan::failed);
    connect(&m_watch, &BlockingWatch::answered, this,
            [this](quint64 index, const ApiResponse &response) {
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

#include "agent/checks/HttpCheckProbe.h"

#include "agent/checks/GoNetErrors.h"
#include "agent/checks/HttpClientPool.h"
#include "state/Records.h"

#include <QNetworkReply>

namespace qonsul::checks {

namespace {

const QByteArray userAgent = "Consul Health Check";
const QByteArray defaultAccept = "text/plain, text/*, */*";

bool hasHeader(const QMap<QString, QStringList> &header, const char *name)
{
    for (auto it = header.begin(); it != header.end(); ++it)
        if (it.key().compare(QLatin1String(name), Qt::CaseInsensitive) == 0 && !it->isEmpty())
            return true;
    return false;
}

} // namespace

HttpCheckProbe::HttpCheckProbe(const CheckDefinition &definition, int timeoutMs, int outputMaxSize,
                               HttpClientPool &pool)
    : m_url(definition.http),
      m_method(definition.method.isEmpty() ? QStringLiteral("GET") : definition.method),
      m_header(definition.header), m_body(definition.body.toUtf8()),
      m_tlsSkipVerify(definition.tlsSkipVerify), m_timeoutMs(timeoutMs),
      m_outputMaxSize(outputMaxSize), m_pool(pool)
{
    m_timer.setSingleShot(true);
    QObject::connect(&m_timer, &QTimer::timeout,
                     [this] { finish(state::health::critical, goHttpTimeout(m_method, m_url)); });
}

HttpCheckProbe::~HttpCheckProbe()
{
    if (m_reply) {
        m_reply->disconnect();
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void HttpCheckProbe::start(Done done)
{
    m_done = std::move(done);
    m_output = std::make_unique<OutputTail>(m_outputMaxSize);
    const QUrl url(m_url);
    if (!url.isValid() || url.scheme().isEmpty()) {
        finish(state::health::critical,
               QStringLiteral("parse %1: invalid URI for request").arg(m_url));
        return;
    }
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    // Consul's client disables keep-alives: a probe never reuses an earlier connection.
    request.setRawHeader("Connection", "close");
    for (auto it = m_header.begin(); it != m_header.end(); ++it)
        if (!it->isEmpty())
            request.setRawHeader(it.key().toUtf8(), it->join(QStringLiteral(", ")).toUtf8());
    if (!hasHeader(m_header, "User-Agent"))
        request.setRawHeader("User-Agent", userAgent);
    if (!hasHeader(m_header, "Accept"))
        request.setRawHeader("Accept", defaultAccept);

    QNetworkReply *reply = m_pool.next().sendCustomRequest(request, m_method.toUtf8(), m_body);
    m_reply = reply;
    QObject::connect(reply, &QNetworkReply::readyRead, [this] {
        if (m_reply)
            m_output->append(m_reply->readAll());
    });
    QObject::connect(reply, &QNetworkReply::finished, [this] { finished(); });
    if (m_tlsSkipVerify)
        QObject::connect(reply, &QNetworkReply::sslErrors, reply,
                         [reply](const QList<QSslError> &) { reply->ignoreSslErrors(); });
    m_timer.start(m_timeoutMs);
}

void HttpCheckProbe::finished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_output->append(reply->readAll());
    const QVariant code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!code.isValid()) {
        finish(state::health::critical,
               goHttpError(m_method, m_url, reply->error(), reply->errorString()));
        return;
    }
    const int status = code.toInt();
    const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    const QString result = QStringLiteral("HTTP %1 %2: %3 %4 Output: %5")
                               .arg(m_method, m_url)
                               .arg(status)
                               .arg(reason, QString::fromUtf8(m_output->bytes()));
    if (status >= 200 && status <= 299)
        finish(state::health::passing, result);
    else if (status == 429)
        finish(state::health::warning, result);
    else
        finish(state::health::critical, result);
}

void HttpCheckProbe::finish(const std::string &status, const QString &output)
{
    m_timer.stop();
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect();
        if (reply->isRunning())
            reply->abort();
        reply->deleteLater();
    }
    if (!m_done)
        return;
    Done done = std::move(m_done);
    m_done = nullptr;
    done(CheckResult{status, output});
}

} // namespace qonsul::checks

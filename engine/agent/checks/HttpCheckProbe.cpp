#include "agent/checks/HttpCheckProbe.h"

#include "agent/checks/GoNetErrors.h"
#include "state/Records.h"

#include <QSslSocket>
#include <QTcpSocket>

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

QString headerValue(const QMap<QString, QStringList> &header, const char *name)
{
    for (auto it = header.begin(); it != header.end(); ++it)
        if (it.key().compare(QLatin1String(name), Qt::CaseInsensitive) == 0 && !it->isEmpty())
            return it->first();
    return {};
}

bool isRedirect(int code)
{
    return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
}

} // namespace

HttpCheckProbe::HttpCheckProbe(const CheckDefinition &definition, int timeoutMs, int outputMaxSize)
    : m_url(definition.http),
      m_method(definition.method.isEmpty() ? QStringLiteral("GET") : definition.method),
      m_header(definition.header), m_body(definition.body.toUtf8()),
      m_tlsSkipVerify(definition.tlsSkipVerify), m_timeoutMs(timeoutMs),
      m_outputMaxSize(outputMaxSize)
{
    m_timer.setSingleShot(true);
    QObject::connect(&m_timer, &QTimer::timeout, [this] {
        // Go's client timeout covers the body too, but Consul judges by the status once the
        // headers are in and only logs a body cut short.
        if (m_reader && m_reader->headersComplete() && !isRedirect(m_reader->statusCode()))
            finishWithResponse();
        else
            finish(state::health::critical, goHttpTimeout(m_hopMethod, m_hopUrlText));
    });
}

HttpCheckProbe::~HttpCheckProbe()
{
    dropSocket();
}

void HttpCheckProbe::start(Done done)
{
    m_done = std::move(done);
    m_output = std::make_unique<OutputTail>(m_outputMaxSize);
    m_redirects = 0;
    m_hopMethod = m_method;
    m_hopBody = m_body;
    const QUrl url(m_url, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty()) {
        finish(state::health::critical,
               QStringLiteral("parse %1: invalid URI for request").arg(m_url));
        return;
    }
    m_timer.start(m_timeoutMs);
    request(url, m_url);
}

void HttpCheckProbe::request(const QUrl &url, const QString &urlText)
{
    dropSocket();
    m_hopUrl = url;
    m_hopUrlText = urlText;
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        fail(QStringLiteral("unsupported protocol scheme \"%1\"").arg(url.scheme()));
        return;
    }
    if (url.host().isEmpty()) {
        fail(QStringLiteral("http: no Host in request URL"));
        return;
    }
    const bool tls = scheme == QLatin1String("https");
    if (tls && !QSslSocket::supportsSsl()) {
        fail(QStringLiteral("tls: no TLS library available to this agent"));
        return;
    }
    m_reader = std::make_unique<HttpResponseReader>(
        [this](const QByteArray &bytes) {
            if (!isRedirect(m_reader->statusCode()))
                m_output->append(bytes);
        },
        m_hopMethod.compare(QLatin1String("HEAD"), Qt::CaseInsensitive) == 0);
    m_connected = false;

    QTcpSocket *socket = tls ? new QSslSocket : new QTcpSocket;
    m_socket = socket;
    const quint16 port = quint16(url.port(tls ? 443 : 80));
    const auto sendRequest = [this] {
        m_connected = true;
        m_socket->write(requestBytes());
    };
    QObject::connect(socket, &QTcpSocket::readyRead, [this] { onReadable(); });
    QObject::connect(socket, &QTcpSocket::errorOccurred,
                     [this](QAbstractSocket::SocketError e) { onSocketError(e); });
    if (tls) {
        auto *ssl = static_cast<QSslSocket *>(socket);
        if (m_tlsSkipVerify)
            ssl->setPeerVerifyMode(QSslSocket::VerifyNone);
        QObject::connect(ssl, &QSslSocket::encrypted, sendRequest);
        QObject::connect(ssl, &QSslSocket::sslErrors, [this, ssl](const QList<QSslError> &errors) {
            if (m_tlsSkipVerify) {
                ssl->ignoreSslErrors(); // Go's InsecureSkipVerify checks neither chain nor name
                return;
            }
            const QSslError first = errors.value(0);
            QString text = QStringLiteral("x509: certificate signed by unknown authority");
            if (first.error() == QSslError::CertificateExpired ||
                first.error() == QSslError::CertificateNotYetValid)
                text = QStringLiteral("x509: certificate has expired or is not yet valid");
            else if (first.error() == QSslError::HostNameMismatch)
                text = QStringLiteral("x509: certificate is not valid for %1").arg(m_hopUrl.host());
            fail(text);
        });
        ssl->connectToHostEncrypted(url.host(), port);
    } else {
        QObject::connect(socket, &QTcpSocket::connected, sendRequest);
        socket->connectToHost(url.host(), port);
    }
}

QByteArray HttpCheckProbe::requestBytes() const
{
    QByteArray target =
        m_hopUrl.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (target.isEmpty())
        target = "/";
    else if (!target.startsWith('/'))
        target.prepend('/');
    const QString hostOverride = headerValue(m_header, "Host");
    const QByteArray host =
        hostOverride.isEmpty()
            ? m_hopUrl.authority(QUrl::FullyEncoded | QUrl::RemoveUserInfo).toUtf8()
            : hostOverride.toUtf8();

    QByteArray out;
    out.reserve(256 + m_hopBody.size());
    out += m_hopMethod.toUtf8() + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
    if (!hasHeader(m_header, "User-Agent"))
        out += "User-Agent: " + userAgent + "\r\n";
    if (!hasHeader(m_header, "Accept"))
        out += "Accept: " + defaultAccept + "\r\n";
    if (!m_hopUrl.userName().isEmpty() && !hasHeader(m_header, "Authorization"))
        out += "Authorization: Basic " +
               (m_hopUrl.userName() + QLatin1Char(':') + m_hopUrl.password()).toUtf8().toBase64() +
               "\r\n";
    for (auto it = m_header.begin(); it != m_header.end(); ++it) {
        const QByteArray name = it.key().toUtf8();
        if (name.compare("Host", Qt::CaseInsensitive) == 0 ||
            name.compare("Connection", Qt::CaseInsensitive) == 0 ||
            name.compare("Content-Length", Qt::CaseInsensitive) == 0)
            continue;
        for (const QString &value : *it)
            out += name + ": " + value.toUtf8() + "\r\n";
    }
    const QString method = m_hopMethod.toUpper();
    if (!m_hopBody.isEmpty() || method == QLatin1String("POST") || method == QLatin1String("PUT") ||
        method == QLatin1String("PATCH"))
        out += "Content-Length: " + QByteArray::number(m_hopBody.size()) + "\r\n";
    // Consul's client disables keep-alives: a probe never reuses an earlier connection.
    out += "Connection: close\r\n\r\n";
    out += m_hopBody;
    return out;
}

void HttpCheckProbe::onReadable()
{
    if (!m_socket || !m_reader)
        return;
    m_reader->feed(m_socket->readAll());
    onResponseProgress();
}

void HttpCheckProbe::onSocketError(QAbstractSocket::SocketError error)
{
    if (!m_socket || !m_reader)
        return;
    if (m_connected && error == QAbstractSocket::RemoteHostClosedError) {
        m_reader->feed(m_socket->readAll());
        m_reader->endOfStream();
        onResponseProgress();
        return;
    }
    if (m_connected) {
        fail(m_socket->errorString());
        return;
    }
    fail(goDialError(error, m_hopUrl.host(), urlHostPort(m_hopUrl), m_socket));
}

void HttpCheckProbe::onResponseProgress()
{
    if (!m_reader)
        return;
    if (m_reader->failed()) {
        // A body cut short still leaves a status to judge by, as in Consul.
        if (m_reader->headersComplete() && !isRedirect(m_reader->statusCode()))
            finishWithResponse();
        else
            fail(m_reader->error());
        return;
    }
    if (!m_reader->headersComplete())
        return;
    if (isRedirect(m_reader->statusCode()) && followRedirect())
        return;
    if (m_reader->done())
        finishWithResponse();
}

bool HttpCheckProbe::followRedirect()
{
    const QByteArray location = m_reader->header("Location");
    if (location.isEmpty())
        return false; // Go hands back the 3xx itself
    const QUrl next = m_hopUrl.resolved(QUrl::fromEncoded(location));
    if (m_redirects >= maxRedirects) {
        // Go names the first request's method and the Location header as sent.
        finish(state::health::critical,
               goUrlError(m_method, QString::fromUtf8(location),
                          QStringLiteral("stopped after %1 redirects").arg(maxRedirects)));
        return true;
    }
    ++m_redirects;
    const int code = m_reader->statusCode();
    if ((code == 301 || code == 302 || code == 303) &&
        m_hopMethod.compare(QLatin1String("HEAD"), Qt::CaseInsensitive) != 0) {
        m_hopMethod = QStringLiteral("GET");
        m_hopBody.clear();
    }
    request(next, next.toString(QUrl::FullyEncoded));
    return true;
}

void HttpCheckProbe::finishWithResponse()
{
    const int code = m_reader->statusCode();
    const QString result = QStringLiteral("HTTP %1 %2: %3 Output: %4")
                               .arg(m_method, m_url, QString::fromLatin1(m_reader->status()),
                                    QString::fromUtf8(m_output->bytes()));
    if (code >= 200 && code <= 299)
        finish(state::health::passing, result);
    else if (code == 429)
        finish(state::health::warning, result);
    else
        finish(state::health::critical, result);
}

void HttpCheckProbe::fail(const QString &error)
{
    finish(state::health::critical, goUrlError(m_hopMethod, m_hopUrlText, error));
}

void HttpCheckProbe::finish(const std::string &status, const QString &output)
{
    m_timer.stop();
    dropSocket();
    if (!m_done)
        return;
    Done done = std::move(m_done);
    m_done = nullptr;
    done(CheckResult{status, output});
}

void HttpCheckProbe::dropSocket()
{
    if (!m_socket)
        return;
    QTcpSocket *socket = std::exchange(m_socket, nullptr);
    socket->disconnect();
    socket->abort();
    // Deleted later: this may run inside one of the socket's own signals.
    socket->deleteLater();
}

} // namespace qonsul::checks

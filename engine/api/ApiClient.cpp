#include "ApiClient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#if QT_CONFIG(ssl)
#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#endif

#include <algorithm>

namespace qonsul {

ApiClient::ApiClient(ApiConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_network(new QNetworkAccessManager(this))
{
}

void ApiClient::setTransferTimeout(std::chrono::milliseconds timeout)
{
    m_network->setTransferTimeout(int(timeout.count()));
}

QUrl ApiClient::urlFor(const ApiRequest &request) const
{
    const Expected<QUrl> base = m_config.baseUrl();
    QUrl url = base ? *base : QUrl();
    url.setPath(request.path, QUrl::DecodedMode);

    auto query = request.query;
    if (!m_config.datacenter.isEmpty() &&
        std::none_of(query.cbegin(), query.cend(),
                     [](const auto &item) { return item.first == "dc"; }))
        query.append({QStringLiteral("dc"), m_config.datacenter});
    // Go's url.Values.Encode() sorts by key and keeps the order of repeated keys.
    std::stable_sort(query.begin(), query.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    QStringList parts;
    for (const auto &[key, value] : query) {
        parts.append(QString::fromLatin1(QUrl::toPercentEncoding(key)) + QLatin1Char('=') +
                     QString::fromLatin1(QUrl::toPercentEncoding(value)));
    }
    if (!parts.isEmpty())
        url.setQuery(parts.join(QLatin1Char('&')), QUrl::StrictMode);
    return url;
}

Expected<QNetworkRequest> ApiClient::networkRequest(const ApiRequest &request,
                                                    const QUrl &url) const
{
    const Expected<QUrl> base = m_config.baseUrl();
    if (!base)
        return makeError(base.error());
    const Expected<QString> configToken = m_config.effectiveToken();
    if (!configToken)
        return makeError(configToken.error());

    QNetworkRequest networkRequest(url);
    const QString token = request.token.isEmpty() ? *configToken : request.token;
    if (!token.isEmpty())
        networkRequest.setRawHeader("X-Consul-Token", token.toUtf8());
    QByteArray contentType = request.contentType;
    if (contentType.isEmpty() && request.method != "GET")
        contentType = "application/octet-stream";
    if (!contentType.isEmpty())
        networkRequest.setHeader(QNetworkRequest::ContentTypeHeader, contentType);

#if QT_CONFIG(ssl)
    if (base->scheme() == QLatin1String("https")) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        QList<QSslCertificate> authorities;
        if (!m_config.caFile.isEmpty())
            authorities += QSslCertificate::fromPath(m_config.caFile);
        if (!m_config.caPath.isEmpty())
            authorities +=
                QSslCertificate::fromPath(m_config.caPath + QStringLiteral("/*"), QSsl::Pem,
                                          QSslCertificate::PatternSyntax::Wildcard);
        if (!authorities.isEmpty())
            ssl.setCaCertificates(authorities);
        if (!m_config.clientCert.isEmpty()) {
            const auto certs = QSslCertificate::fromPath(m_config.clientCert);
            if (!certs.isEmpty())
                ssl.setLocalCertificate(certs.first());
        }
        if (!m_config.clientKey.isEmpty()) {
            QFile keyFile(m_config.clientKey);
            if (keyFile.open(QIODevice::ReadOnly))
                ssl.setPrivateKey(QSslKey(&keyFile, QSsl::Rsa));
        }
        if (!m_config.tlsVerify)
            ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        networkRequest.setSslConfiguration(ssl);
        if (!m_config.tlsServerName.isEmpty())
            networkRequest.setPeerVerifyName(m_config.tlsServerName);
    }
#endif

    return networkRequest;
}

ApiCall *ApiClient::start(const ApiRequest &request)
{
    const QUrl url = urlFor(request);
    auto *call = new ApiCall(request, url, this);
    const Expected<QNetworkRequest> networkRequest = this->networkRequest(request, url);
    if (!networkRequest) {
        call->failBeforeSending(networkRequest.error());
        return call;
    }
    QNetworkReply *reply = nullptr;
    if (request.method == "GET")
        reply = m_network->get(*networkRequest);
    else if (request.method == "PUT")
        reply = m_network->put(*networkRequest, request.body);
    else
        reply = m_network->sendCustomRequest(*networkRequest, request.method, request.body);
    call->attach(reply);
    return call;
}

ApiStream *ApiClient::startStream(const ApiRequest &request)
{
    const QUrl url = urlFor(request);
    auto *stream = new ApiStream(request, url, this);
    const Expected<QNetworkRequest> networkRequest = this->networkRequest(request, url);
    if (!networkRequest) {
        stream->failBeforeSending(networkRequest.error());
        return stream;
    }
    stream->attach(m_network->get(*networkRequest));
    return stream;
}

} // namespace qonsul

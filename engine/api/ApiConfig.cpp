#include "ApiConfig.h"

#include "GoErrorText.h"

#include <QFile>
#include <cerrno>

namespace qonsul {

namespace {

bool isTrue(const QString &value)
{
    // Go's strconv.ParseBool accepts these spellings.
    static const QStringList truthy = {"1", "t", "T", "TRUE", "true", "True"};
    return truthy.contains(value);
}

bool isFalse(const QString &value)
{
    static const QStringList falsy = {"0", "f", "F", "FALSE", "false", "False"};
    return falsy.contains(value);
}

} // namespace

ApiConfig ApiConfig::fromEnvironment(const QProcessEnvironment &env)
{
    ApiConfig config;
    if (const QString addr = env.value("CONSUL_HTTP_ADDR"); !addr.isEmpty())
        config.address = addr;
    config.token = env.value("CONSUL_HTTP_TOKEN");
    config.tokenFile = env.value("CONSUL_HTTP_TOKEN_FILE");
    if (isTrue(env.value("CONSUL_HTTP_SSL")))
        config.scheme = QStringLiteral("https");
    if (isFalse(env.value("CONSUL_HTTP_SSL_VERIFY")))
        config.tlsVerify = false;
    config.caFile = env.value("CONSUL_CACERT");
    config.caPath = env.value("CONSUL_CAPATH");
    config.clientCert = env.value("CONSUL_CLIENT_CERT");
    config.clientKey = env.value("CONSUL_CLIENT_KEY");
    config.tlsServerName = env.value("CONSUL_TLS_SERVER_NAME");
    return config;
}

Expected<QUrl> ApiConfig::baseUrl() const
{
    QString scheme = this->scheme;
    QString hostPort = address;
    if (const qsizetype sep = address.indexOf(QLatin1String("://")); sep >= 0) {
        scheme = address.left(sep);
        hostPort = address.mid(sep + 3);
        if (scheme == QLatin1String("unix"))
            return makeError(QStringLiteral("unix:// addresses are not supported by Qonsul"));
        if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
            return makeError(QStringLiteral("Unknown protocol scheme: %1").arg(scheme));
    }
    // Like the Go client, no default port is added: "host" alone means port 80/443.
    QUrl url(scheme + QLatin1String("://") + hostPort);
    if (!url.isValid() || url.host().isEmpty() || !url.path().isEmpty())
        return makeError(QStringLiteral("invalid address \"%1\"").arg(address));
    return url;
}

Expected<QString> ApiConfig::effectiveToken() const
{
    if (tokenFile.isEmpty())
        return token;
    QFile file(tokenFile);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("Error loading token file: ") +
                         goPathError(QStringLiteral("open"), tokenFile, errno));
    const QString fromFile = QString::fromUtf8(file.readAll()).trimmed();
    return fromFile.isEmpty() ? token : fromFile;
}

} // namespace qonsul

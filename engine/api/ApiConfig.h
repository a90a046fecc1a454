#pragma once
// Where and how an API client reaches an agent: address, scheme, token, datacenter and TLS
// files. Mirrors the Go client's configuration, including its CONSUL_HTTP_* variables.

#include "util/Expected.h"

#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

namespace qonsul {

struct ApiConfig
{
    // "host:port", optionally prefixed by "http://" or "https://" (as CONSUL_HTTP_ADDR).
    QString address = QStringLiteral("127.0.0.1:8500");
    // Scheme used when the address has none; "https" when CONSUL_HTTP_SSL is true.
    QString scheme = QStringLiteral("http");
    QString token;      // sent as X-Consul-Token
    QString tokenFile;  // when set, its trimmed contents replace `token`
    QString datacenter; // added as ?dc= to every request when set
    QString caFile;
    QString caPath; // directory of PEM CA certificates
    QString clientCert;
    QString clientKey;
    QString tlsServerName;
    bool tlsVerify = true;

    // Defaults overlaid with CONSUL_HTTP_ADDR, CONSUL_HTTP_TOKEN, CONSUL_HTTP_TOKEN_FILE,
    // CONSUL_HTTP_SSL, CONSUL_HTTP_SSL_VERIFY, CONSUL_CACERT, CONSUL_CAPATH,
    // CONSUL_CLIENT_CERT, CONSUL_CLIENT_KEY and CONSUL_TLS_SERVER_NAME.
    static ApiConfig
    fromEnvironment(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

    // The agent's base URL ("http://127.0.0.1:8500"), or the Go client's error for an
    // address it cannot use (e.g. "Unknown protocol scheme: ftp").
    Expected<QUrl> baseUrl() const;

    // The token to send: the token file's contents when one is configured, else `token`.
    Expected<QString> effectiveToken() const;
};

} // namespace qonsul

#pragma once
// Network failures worded as Go's net and net/http packages word them, since that is what
// Consul puts in a failing check's output ("dial tcp 127.0.0.1:80: connect: connection refused").

#include <QAbstractSocket>
#include <QString>
#include <QUrl>

namespace qonsul::checks {

// The address Go's dialer names in errors: "localhost" resolves to 127.0.0.1.
QString dialTarget(const QString &hostPort);

QString goDialError(QAbstractSocket::SocketError error, const QString &host,
                    const QString &hostPort, const QAbstractSocket *socket);

// The "host:port" Go dials for a URL (default ports by scheme; IPv6 in brackets).
QString urlHostPort(const QUrl &url);

// Go's url.Error: "Get http://127.0.0.1:1/: <error>", the method in title case.
QString goUrlError(const QString &method, const QString &url, const QString &error);

// "Get http://…: net/http: request canceled (Client.Timeout exceeded while awaiting headers)"
QString goHttpTimeout(const QString &method, const QString &url);

} // namespace qonsul::checks

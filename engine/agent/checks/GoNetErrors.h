#pragma once
// Network failures worded as Go's net and net/http packages word them, since that is what
// Consul puts in a failing check's output ("dial tcp 127.0.0.1:80: connect: connection refused").

#include <QAbstractSocket>
#include <QNetworkReply>
#include <QString>

namespace qonsul::checks {

// The address Go's dialer names in errors: "localhost" resolves to 127.0.0.1.
QString dialTarget(const QString &hostPort);

QString goDialError(QAbstractSocket::SocketError error, const QString &host,
                    const QString &hostPort, const QAbstractSocket *socket);

// "Get http://127.0.0.1:1/: dial tcp 127.0.0.1:1: connect: connection refused"
QString goHttpError(const QString &method, const QString &url, QNetworkReply::NetworkError error,
                    const QString &qtText);

// "Get http://…: net/http: request canceled (Client.Timeout exceeded while awaiting headers)"
QString goHttpTimeout(const QString &method, const QString &url);

} // namespace qonsul::checks

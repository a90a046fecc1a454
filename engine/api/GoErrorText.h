#pragma once
// Error texts worded like Go's, so that messages match what Consul's own tools print.

#include <QByteArray>
#include <QNetworkReply>
#include <QString>
#include <QUrl>

namespace qonsul {

// A transport failure as Go's *url.Error prints it, e.g.
// `Get "http://127.0.0.1:8500/v1/agent/members?segment=_all": dial tcp 127.0.0.1:8500: connect:
// connection refused`.
QString goTransportError(const QByteArray &method, const QUrl &url,
                         QNetworkReply::NetworkError code, const QString &qtMessage);

// An OS error as Go's *os.PathError prints it: "open <path>: no such file or directory".
QString goPathError(const QString &operation, const QString &path, int errnoValue);

} // namespace qonsul

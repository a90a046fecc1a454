#pragma once
// The session endpoints (/v1/session/…) as typed requests: create, renew, destroy, info, node,
// list.

#include "TypedRequest.h"

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace qonsul {

struct SessionEntry
{
    QString id;
    QString name;
    QString node;
    QStringList checks;
    qint64 lockDelayNs = 0;
    QString behavior;
    QString ttl;
    quint64 createIndex = 0;
    quint64 modifyIndex = 0;

    // The lock delay as a Go duration ("15s").
    QString lockDelayText() const;
    bool operator==(const SessionEntry &) const = default;
};

// The body of PUT /v1/session/create; empty fields are left to the agent's defaults.
struct SessionRequest
{
    QString name;
    QString node;
    QString ttl;       // Go duration, e.g. "15s"
    QString lockDelay; // Go duration, e.g. "15s"
    QString behavior;  // "release" or "delete"
    std::optional<QStringList> checks;
};

namespace SessionApi {

QList<SessionEntry> sessionsFromJson(const QJsonValue &value);

// PUT /v1/session/create: the new session's ID.
TypedRequest<QString> create(const SessionRequest &session, const WriteOptions &options = {});
// PUT /v1/session/destroy/<id>.
TypedRequest<bool> destroy(const QString &id, const WriteOptions &options = {});
// PUT /v1/session/renew/<id>: the session, or nullopt once it is gone (404).
TypedRequest<std::optional<SessionEntry>> renew(const QString &id,
                                                const WriteOptions &options = {});
// GET /v1/session/info/<id>: the session, or nullopt when unknown.
TypedRequest<std::optional<SessionEntry>> info(const QString &id, const QueryOptions &options = {});
// GET /v1/session/node/<node>: the sessions held by that node.
TypedRequest<QList<SessionEntry>> node(const QString &name, const QueryOptions &options = {});
// GET /v1/session/list.
TypedRequest<QList<SessionEntry>> list(const QueryOptions &options = {});

} // namespace SessionApi
} // namespace qonsul

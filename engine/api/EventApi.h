#pragma once
// The user event endpoints (/v1/event/…) as typed requests, as Go's api.Event() sends them.

#include "ApiRequest.h"
#include "TypedRequest.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace qonsul {

// One user event (/v1/event/list, or the answer to a fire).
struct UserEventEntry
{
    QString id;
    QString name;
    std::optional<QByteArray> payload;
    QString nodeFilter;
    QString serviceFilter;
    QString tagFilter;
    int version = 0;
    quint64 ltime = 0;
    bool operator==(const UserEventEntry &) const = default;
};

namespace EventApi {

struct FireParams
{
    QString name;
    std::optional<QByteArray> payload; // sent as the body when there is one
    QString nodeFilter;
    QString serviceFilter;
    QString tagFilter;
};

// PUT /v1/event/fire/<name>[?node=&service=&tag=]: the event as fired (its ID given).
TypedRequest<UserEventEntry> fire(const FireParams &params);
// GET /v1/event/list[?name=]: the newest events the agent took, oldest first.
TypedRequest<QList<UserEventEntry>> list(const QString &name = {});
ApiRequest listRequest(const QString &name = {});

} // namespace EventApi

} // namespace qonsul

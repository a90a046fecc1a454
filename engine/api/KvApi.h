#pragma once
// The KV store endpoints (/v1/kv/…) as typed requests: reads, writes with flags, CAS and
// locks, deletes. Mirrors the Go client's KV type.

#include "TypedRequest.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace qonsul {

struct KvPair
{
    QString key;
    quint64 createIndex = 0;
    quint64 modifyIndex = 0; // also the CAS index for cas()/removeCas()
    quint64 lockIndex = 0;
    quint64 flags = 0;
    QByteArray value;
    QString session; // also the session for acquire()/release()
};

namespace KvApi {

// The pairs of a KV answer (array of KVPair objects; null or missing is no pair). For
// BlockingWatch values as well as for the parsers below.
QList<KvPair> pairsFromJson(const QJsonValue &value);

// GET /v1/kv/<key>: the pair, or nullopt when the key does not exist (404).
TypedRequest<std::optional<KvPair>> get(const QString &key, const QueryOptions &options = {});
// GET /v1/kv/<prefix>?recurse: every pair under the prefix, sorted by key; empty on 404.
TypedRequest<QList<KvPair>> list(const QString &prefix, const QueryOptions &options = {});
// GET /v1/kv/<prefix>?keys[&separator=]: key names only; empty on 404.
TypedRequest<QStringList> keys(const QString &prefix, const QString &separator,
                               const QueryOptions &options = {});

// PUT /v1/kv/<key>: writes value and flags; the answer is the agent's true/false.
TypedRequest<bool> put(const KvPair &pair, const WriteOptions &options = {});
// PUT ?cas=<pair.modifyIndex>: false when the index no longer matches.
TypedRequest<bool> cas(const KvPair &pair, const WriteOptions &options = {});
// PUT ?acquire=<pair.session>: false when another session holds the key (or lock-delay).
TypedRequest<bool> acquire(const KvPair &pair, const WriteOptions &options = {});
// PUT ?release=<pair.session>: false when the session does not hold the key.
TypedRequest<bool> release(const KvPair &pair, const WriteOptions &options = {});

// DELETE /v1/kv/<key> (true also when the key does not exist).
TypedRequest<bool> remove(const QString &key, const WriteOptions &options = {});
// DELETE ?cas=<modifyIndex>: false when the index no longer matches.
TypedRequest<bool> removeCas(const QString &key, quint64 modifyIndex,
                             const WriteOptions &options = {});
// DELETE ?recurse: every key under the prefix (empty prefix: the whole store).
TypedRequest<bool> removeTree(const QString &prefix, const WriteOptions &options = {});

} // namespace KvApi
} // namespace qonsul

#pragma once
// Small helpers shared by the endpoint files to read Consul's JSON answers.

#include "ApiResponse.h"
#include "util/Expected.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QStringList>

namespace qonsul::json {

// The body parsed as JSON; a decode failure is worded like Go's encoding/json.
Expected<QJsonValue> decodeBody(const ApiResponse &response);

// JSON numbers above 2^53 lose precision as doubles; Consul's indexes and flags are uint64.
quint64 toUInt64(const QJsonValue &value);
QStringList toStringList(const QJsonValue &value);
QMap<QString, QString> toStringMap(const QJsonValue &value);
QJsonObject fromStringMap(const QMap<QString, QString> &map);

} // namespace qonsul::json

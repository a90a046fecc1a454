#pragma once
// Reading Consul's JSON with QJsonValue on either side of the API: uint64 fields exactly (Consul's
// flags and indexes go up to 2^64-1), string lists and string maps.

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QStringList>

namespace qonsul::json {

// QJsonDocument keeps integers exactly only up to 2^63-1 and turns larger ones into doubles,
// but Consul's flags are uint64 (up to 2^64-1): this writes such integers as JSON strings of
// their digits, which toUInt64() reads back exactly. Everything else is left as it is.
QByteArray quoteLargeIntegers(const QByteArray &json);

// A uint64 field: a number, or a string of digits from quoteLargeIntegers().
quint64 toUInt64(const QJsonValue &value);
QStringList toStringList(const QJsonValue &value);
QMap<QString, QString> toStringMap(const QJsonValue &value);
QJsonObject fromStringMap(const QMap<QString, QString> &map);

} // namespace qonsul::json

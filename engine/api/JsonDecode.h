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
#include <functional>

namespace qonsul::json {

// The body parsed as JSON; a decode failure is worded like Go's encoding/json. Integers
// above 2^63-1 arrive as strings of their digits (see quoteLargeIntegers).
Expected<QJsonValue> decodeBody(const ApiResponse &response);

// QJsonDocument keeps integers exactly only up to 2^63-1 and turns larger ones into doubles,
// but Consul's flags are uint64 (up to 2^64-1): this writes such integers as JSON strings of
// their digits, which toUInt64() reads back exactly. Everything else is left as it is.
QByteArray quoteLargeIntegers(const QByteArray &json);

// A uint64 field: a number, or a string of digits from quoteLargeIntegers().
quint64 toUInt64(const QJsonValue &value);
QStringList toStringList(const QJsonValue &value);
QMap<QString, QString> toStringMap(const QJsonValue &value);
QJsonObject fromStringMap(const QMap<QString, QString> &map);

// A response parser for endpoints that answer 200 with a JSON body: the Go client's error
// unless 200, a decode error, or `convert` applied to the body.
template <typename T>
std::function<Expected<T>(const ApiResponse &)> okThen(T (*convert)(const QJsonValue &))
{
    return [convert](const ApiResponse &response) -> Expected<T> {
        if (auto error = requireOk(response))
            return *error;
        const Expected<QJsonValue> body = decodeBody(response);
        if (!body)
            return makeError(body.error());
        return convert(*body);
    };
}

} // namespace qonsul::json

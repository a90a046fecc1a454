#pragma once
// Small helpers shared by the endpoint files to read Consul's JSON answers.

#include "ApiResponse.h"
#include "util/Expected.h"
#include "util/JsonValues.h"

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

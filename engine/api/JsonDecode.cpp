#include "JsonDecode.h"

namespace qonsul::json {

Expected<QJsonValue> decodeBody(const ApiResponse &response)
{
    QJsonParseError error{};
    // QJsonDocument only takes arrays and objects: wrap the body so scalars (true, "x",
    // null) parse too.
    const QByteArray wrapped = "[" + quoteLargeIntegers(response.body) + "]";
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped, &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return makeError(
            QStringLiteral("invalid character in JSON answer: %1").arg(error.errorString()));
    return doc.array().first();
}

} // namespace qonsul::json

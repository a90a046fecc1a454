#include "TxnApi.h"

#include "JsonDecode.h"
#include "util/JsonWriter.h"

#include <QJsonArray>
#include <QJsonObject>

namespace qonsul::TxnApi {

TypedRequest<TxnResult> run(const QList<TxnKvOp> &ops, const WriteOptions &options)
{
    // Written by hand rather than through QJsonObject: Flags and Index are uint64, and a
    // JSON double would round those past 2^53.
    JsonWriter body;
    body.beginArray();
    for (const TxnKvOp &op : ops) {
        body.beginObject().key("KV").beginObject();
        body.field("Verb", op.verb).field("Key", op.pair.key);
        if (!op.pair.value.isEmpty())
            body.field("Value", op.pair.value.toBase64().toStdString());
        if (op.pair.flags != 0)
            body.field("Flags", uint64_t(op.pair.flags));
        if (op.pair.modifyIndex != 0)
            body.field("Index", uint64_t(op.pair.modifyIndex));
        if (!op.pair.session.isEmpty())
            body.field("Session", op.pair.session);
        body.endObject().endObject();
    }
    body.endArray();
    ApiRequest request = ApiRequest::put(QStringLiteral("/v1/txn"));
    request.setJsonBody(body.take());
    options.applyTo(request);
    return {request, [](const ApiResponse &response) -> Expected<TxnResult> {
                // 409: rolled back, the body says why.
                if (response.statusCode != 409) {
                    if (auto error = requireOk(response))
                        return *error;
                }
                const Expected<QJsonValue> decoded = json::decodeBody(response);
                if (!decoded)
                    return makeError(decoded.error());
                const QJsonObject answer = decoded->toObject();
                TxnResult result;
                QJsonArray pairs;
                for (const QJsonValue item : answer.value("Results").toArray())
                    pairs.append(item.toObject().value("KV"));
                result.results = KvApi::pairsFromJson(pairs);
                for (const QJsonValue item : answer.value("Errors").toArray()) {
                    const QJsonObject error = item.toObject();
                    result.errors.append(
                        {error.value("OpIndex").toInt(), error.value("What").toString()});
                }
                if (response.statusCode == 409 && result.errors.isEmpty())
                    result.errors.append({0, QStringLiteral("the transaction was rolled back")});
                return result;
            }};
}

} // namespace qonsul::TxnApi

// PUT /v1/txn: KV, Node, Service and Check operations applied together or not at all. A transaction
// with a write goes through Raft as one command; one of reads only is answered from the state
// store, with the read's headers and query meta in the body, as Consul fast-paths it.

#include "fsm/Txn.h"
#include "http/CatalogBody.h"
#include "http/Endpoints.h"
#include "http/JsonBody.h"
#include "http/RecordJson.h"
#include "http/Router.h"
#include "server/Server.h"
#include "util/GoBase64.h"
#include "util/JsonValues.h"
#include "util/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace qonsul::http {

namespace {

constexpr qsizetype maxOps = 64;
constexpr qsizetype maxValueSize = 512 * 1024;

// The KV verbs (Consul's api.KVOp), Unknown for any other.
fsm::TxnKvVerb kvVerb(const std::string &verb)
{
    static const std::map<std::string, fsm::TxnKvVerb> table = {
        {"set", fsm::TxnKvVerb::Set},
        {"cas", fsm::TxnKvVerb::Cas},
        {"lock", fsm::TxnKvVerb::Lock},
        {"unlock", fsm::TxnKvVerb::Unlock},
        {"get", fsm::TxnKvVerb::Get},
        {"get-tree", fsm::TxnKvVerb::GetTree},
        {"check-index", fsm::TxnKvVerb::CheckIndex},
        {"check-session", fsm::TxnKvVerb::CheckSession},
        {"check-not-exists", fsm::TxnKvVerb::CheckNotExists},
        {"delete", fsm::TxnKvVerb::Delete},
        {"delete-tree", fsm::TxnKvVerb::DeleteTree},
        {"delete-cas", fsm::TxnKvVerb::DeleteCas},
    };
    const auto it = table.find(verb);
    return it == table.end() ? fsm::TxnKvVerb::Unknown : it->second;
}

uint64_t unsignedField(JsonBody &object, const char *name)
{
    const QJsonValue value = object.raw(name);
    const QString digits = value.toString();
    if (value.isString() && !digits.isEmpty() &&
        std::all_of(digits.begin(), digits.end(), [](QChar c) { return c.isDigit(); }))
        return json::toUInt64(value);
    return object.unsignedInteger(name);
}

HttpResponse parseFailure(const QString &why)
{
    return HttpResponse::text(400, QStringLiteral("Failed to parse body: ") + why);
}

using Refusal = std::optional<HttpResponse>;

// The catalog verbs: get, set, cas, delete, delete-cas; Unknown for any other.
fsm::TxnCatalogVerb catalogVerb(const std::string &verb)
{
    static const std::map<std::string, fsm::TxnCatalogVerb> table = {
        {"get", fsm::TxnCatalogVerb::Get},
        {"set", fsm::TxnCatalogVerb::Set},
        {"cas", fsm::TxnCatalogVerb::Cas},
        {"delete", fsm::TxnCatalogVerb::Delete},
        {"delete-cas", fsm::TxnCatalogVerb::DeleteCas},
    };
    const auto it = table.find(verb);
    return it == table.end() ? fsm::TxnCatalogVerb::Unknown : it->second;
}

// {"KV": {"Verb", "Key", "Value" (base64), "Flags", "Index", "Session"}}.
Refusal parseKvOp(JsonBody &op, JsonBody &kv, fsm::TxnKvOp &out, qsizetype &totalValueSize)
{
    const std::string verb = kv.string("Verb");
    out.key = kv.string("Key");
    out.flags = unsignedField(kv, "Flags");
    out.index = unsignedField(kv, "Index");
    out.session = kv.string("Session");
    const std::string encoded = kv.string("Value");
    if (!op.ok()) // the KV object reports its errors through the operation's
        return parseFailure(op.error().section(QStringLiteral(": "), 1));
    const Expected<QByteArray> value = decodeBase64Strict(QByteArray::fromStdString(encoded));
    if (!value)
        return parseFailure(QStringLiteral("failed to decode value: ") + value.error());
    if (value->size() > maxValueSize)
        return HttpResponse::text(413, QStringLiteral("Value for key \"%1\" is too large "
                                                      "(%2 > %3 bytes)")
                                           .arg(QString::fromStdString(out.key))
                                           .arg(value->size())
                                           .arg(maxValueSize));
    totalValueSize += value->size();
    out.value = value->toStdString();
    out.verb = kvVerb(verb);
    out.unknownVerb = verb;
    return std::nullopt;
}

// {"Node": {"Verb", "Node": {ID, Node, Address, Datacenter, TaggedAddresses, Meta,
// ModifyIndex}}}, {"Service": {"Verb", "Node": "<name>", "Service": {…}}} and
// {"Check": {"Verb", "Check": {Node, CheckID, …}}}; ModifyIndex is the CAS index.
Refusal parseCatalogOp(const EndpointContext &context, JsonBody &op, JsonBody &in,
                       fsm::TxnCatalogTable table, fsm::TxnCatalogOp &out)
{
    out.table = table;
    const std::string verb = in.string("Verb");
    out.verb = catalogVerb(verb);
    out.unknownVerb = verb;
    switch (table) {
    case fsm::TxnCatalogTable::Node:
        if (auto node = in.object("Node")) {
            out.node.id = node->string("ID");
            out.node.name = node->string("Node");
            out.node.address = node->string("Address");
            out.node.datacenter = node->string("Datacenter", context.datacenter.toStdString());
            out.node.taggedAddresses = node->stringMap("TaggedAddresses");
            out.node.meta = node->stringMap("Meta");
            out.index = unsignedField(*node, "ModifyIndex");
            // An update that leaves out the ID keeps the node's, as a catalog register does.
            if (out.node.id.empty())
                if (const state::Node *existing = context.server.store().node(out.node.name))
                    out.node.id = existing->id;
        }
        break;
    case fsm::TxnCatalogTable::Service:
        out.node.name = in.string("Node");
        if (auto service = in.object("Service")) {
            out.service = catalogServiceFromBody(*service);
            out.index = unsignedField(*service, "ModifyIndex");
        }
        break;
    case fsm::TxnCatalogTable::Check:
        if (auto check = in.object("Check")) {
            out.check = catalogCheckFromBody(*check);
            out.index = unsignedField(*check, "ModifyIndex");
        }
        break;
    }
    if (!op.ok())
        return parseFailure(op.error().section(QStringLiteral(": "), 1));
    return std::nullopt;
}

// The operations of the body, or the response that refuses it.
std::variant<std::vector<fsm::TxnOp>, HttpResponse> parseOps(const EndpointContext &context,
                                                             const QByteArray &body)
{
    QJsonParseError error{};
    // Flags and indexes are uint64: numbers past 2^63 come through as strings of their digits.
    const QJsonDocument doc = QJsonDocument::fromJson(json::quoteLargeIntegers(body), &error);
    if (error.error != QJsonParseError::NoError)
        return parseFailure(
            QStringLiteral("%1 at offset %2").arg(error.errorString()).arg(error.offset));
    if (!doc.isArray())
        return parseFailure(QStringLiteral("expected a JSON array of operations"));
    const QJsonArray array = doc.array();
    if (array.size() > maxOps)
        return HttpResponse::text(
            413, QStringLiteral("Transaction contains too many operations (%1 > %2)")
                     .arg(array.size())
                     .arg(maxOps));

    std::vector<fsm::TxnOp> ops;
    qsizetype totalValueSize = 0;
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return parseFailure(QStringLiteral("operation %1 is not an object").arg(i));
        JsonBody op(array.at(i).toObject());
        if (op.has("Session") && !op.raw("Session").isNull())
            return HttpResponse::text(
                400, QStringLiteral("Operation %1 is a Session operation, which Qonsul's "
                                    "transactions do not take")
                         .arg(i));
        Refusal refusal;
        if (std::optional<JsonBody> kv = op.object("KV")) {
            fsm::TxnKvOp out;
            refusal = parseKvOp(op, *kv, out, totalValueSize);
            ops.emplace_back(std::move(out));
        } else if (std::optional<JsonBody> node = op.object("Node")) {
            fsm::TxnCatalogOp out;
            refusal = parseCatalogOp(context, op, *node, fsm::TxnCatalogTable::Node, out);
            ops.emplace_back(std::move(out));
        } else if (std::optional<JsonBody> service = op.object("Service")) {
            fsm::TxnCatalogOp out;
            refusal = parseCatalogOp(context, op, *service, fsm::TxnCatalogTable::Service, out);
            ops.emplace_back(std::move(out));
        } else if (std::optional<JsonBody> check = op.object("Check")) {
            fsm::TxnCatalogOp out;
            refusal = parseCatalogOp(context, op, *check, fsm::TxnCatalogTable::Check, out);
            ops.emplace_back(std::move(out));
        } else if (!op.ok()) {
            refusal = parseFailure(op.error().section(QStringLiteral(": "), 1));
        } else {
            refusal = HttpResponse::text(
                400, QStringLiteral("Operation %1 has none of KV, Node, Service or Check").arg(i));
        }
        if (refusal)
            return *refusal;
    }
    if (totalValueSize > maxValueSize)
        return HttpResponse::text(
            413, QStringLiteral("Cumulative size of key data is too large (%1 > %2 bytes)")
                     .arg(totalValueSize)
                     .arg(maxValueSize));
    return ops;
}

// {"Results": […], "Errors": null}, or {"Results": null, "Errors": […]} with 409; a read adds
// its query meta.
HttpResponse answer(const fsm::TxnOutcome &outcome, bool pretty, const QString *consistency,
                    bool knownLeader)
{
    JsonWriter w(pretty);
    w.beginObject();
    w.key("Results");
    if (!outcome.errors.empty()) {
        w.null();
    } else {
        w.beginArray();
        for (const fsm::TxnResult &result : outcome.results) {
            w.beginObject();
            if (const auto *kv = std::get_if<fsm::TxnKvResult>(&result)) {
                w.key("KV");
                writeKvPair(w, kv->entry);
            } else if (const auto *node = std::get_if<state::Node>(&result)) {
                w.key("Node");
                writeNode(w, *node);
            } else if (const auto *service = std::get_if<state::Service>(&result)) {
                w.key("Service");
                writeNodeService(w, *service);
            } else {
                w.key("Check");
                writeCheck(w, std::get<state::Check>(result));
            }
            w.endObject();
        }
        w.endArray();
    }
    w.key("Errors");
    if (outcome.errors.empty()) {
        w.null();
    } else {
        w.beginArray();
        for (const fsm::TxnError &error : outcome.errors) {
            w.beginObject();
            w.field("OpIndex", uint64_t(error.opIndex));
            w.field("What", error.what);
            w.endObject();
        }
        w.endArray();
    }
    if (consistency) {
        w.field("Index", uint64_t(0));
        w.field("LastContact", uint64_t(0));
        w.field("KnownLeader", knownLeader);
        w.field("ConsistencyLevel", *consistency);
    }
    w.endObject();
    HttpResponse response = HttpResponse::json(w.take(), outcome.errors.empty() ? 200 : 409);
    if (consistency) {
        response.headers.append(
            {QByteArray("X-Consul-Knownleader"), QByteArray(knownLeader ? "true" : "false")});
        response.headers.append({QByteArray("X-Consul-Lastcontact"), QByteArray("0")});
    }
    return response;
}

WriteOutcome runTxn(const EndpointContext &context, const HttpRequest &req)
{
    auto parsed = parseOps(context, req.body);
    if (auto *refusal = std::get_if<HttpResponse>(&parsed))
        return *refusal;
    std::vector<fsm::TxnOp> &ops = std::get<std::vector<fsm::TxnOp>>(parsed);

    const bool writes = std::any_of(ops.begin(), ops.end(), fsm::isWrite);
    server::Server &server = context.server;
    if (!writes) {
        const bool stale = req.has(QStringLiteral("stale"));
        const bool consistent = req.has(QStringLiteral("consistent"));
        if (stale && consistent)
            return HttpResponse::text(
                400,
                QStringLiteral("Cannot specify ?stale with ?consistent, conflicting semantics."));
        if (!stale && !server.isLeader())
            return HttpResponse::text(500, QStringLiteral("No cluster leader"));
        const QString level = stale        ? QStringLiteral("stale")
                              : consistent ? QStringLiteral("consistent")
                                           : QStringLiteral("leader");
        return answer(fsm::readTxn(server.store(), ops), req.pretty, &level, server.isLeader());
    }

    fsm::Command command;
    command.body = fsm::TxnCommand{std::move(ops)};
    return {std::move(command), [pretty = req.pretty](const fsm::ApplyResult &result) {
                if (!result.error.empty())
                    return HttpResponse::text(500, QString::fromStdString(result.error));
                return answer(result.txn, pretty, nullptr, true);
            }};
}

} // namespace

void registerTxnEndpoints(Router &router, const EndpointContext &context)
{
    Route &txn = router.exact(QStringLiteral("/v1/txn"));
    txn.methods["PUT"] =
        WriteHandler([&context](const HttpRequest &req) { return runTxn(context, req); });
    // Consul bounds the whole body by what its largest transaction could need.
    txn.maxBodyBytes = quint64(maxOps) * maxValueSize;
    txn.bodyTooLarge = [](std::optional<quint64> declared) {
        const quint64 limit = quint64(maxOps) * maxValueSize;
        return HttpResponse::text(
            413, declared
                     ? QStringLiteral("Request body(%1 bytes) too large, max size: %2 bytes")
                           .arg(*declared)
                           .arg(limit)
                     : QStringLiteral("Request body too large, max size: %1 bytes").arg(limit));
    };
}

} // namespace qonsul::http

// /v1/kv/<key>: reads (single, recurse, keys with separator, raw), writes (plain, cas, acquire,
// release, flags) and deletes (single, recurse, cas).
#include "http/Endpoints.h"
#include "http/RecordJson.h"
#include "http/Router.h"
#include "server/Server.h"

namespace qonsul::http {

namespace {

constexpr qsizetype maxValueSize = 512 * 1024;

HttpResponse boolResponse(bool value, bool pretty)
{
    QByteArray body = value ? "true" : "false";
    if (pretty)
        body += '\n';
    return HttpResponse::json(body);
}

// Parses an unsigned query parameter. Consul answers a bad number with 500 and Go's parse
// error text; so does Qonsul, for clients that match on it.
bool parseUnsigned(const HttpRequest &req, const char *name, uint64_t *out, HttpResponse *error)
{
    const QString text = req.value(QLatin1String(name));
    bool ok = false;
    *out = text.toULongLong(&ok);
    if (!ok) {
        *error = HttpResponse::text(
            500, QStringLiteral("strconv.ParseUint: parsing \"%1\": invalid syntax").arg(text));
        return false;
    }
    return true;
}

// Keys are UTF-8 text: control characters and bytes that were not valid UTF-8 (decoded to
// U+FFFD) are refused rather than stored as something the user did not type.
bool validKeyName(const QString &key)
{
    for (QChar c : key)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == QChar::ReplacementCharacter)
            return false;
    return true;
}

HttpResponse invalidKeyName()
{
    return HttpResponse::text(400, QStringLiteral("Invalid key name: keys must be UTF-8 text "
                                                  "without control characters"));
}

QByteArray sniffContentType(const std::string &value)
{
    for (unsigned char c : value)
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
            return "application/octet-stream";
    return "text/plain; charset=utf-8";
}

QueryResult getKv(const EndpointContext &context, const HttpRequest &req, state::WatchSet &watch)
{
    const auto &store = context.server.store();
    const std::string key = req.path.toStdString();
    QueryResult r;
    if (!validKeyName(req.path)) {
        r.response = invalidKeyName();
        return r;
    }
    const bool recurse = req.has(QStringLiteral("recurse"));
    const bool keys = req.has(QStringLiteral("keys"));
    if (key.empty() && !recurse && !keys) {
        r.response = HttpResponse::text(400, QStringLiteral("Missing key name"));
        return r;
    }
    if (keys) {
        QString sepText = req.value(QStringLiteral("separator"));
        if (sepText.isEmpty())
            sepText = req.value(QStringLiteral("seperator")); // Consul accepts the misspelling
        const std::string sep = sepText.toStdString();
        watch.addKvPrefix(key);
        r.index = store.kvPrefixIndex(key);
        if (r.index == 0)
            r.index = store.topicIndex(state::topic::kv);
        JsonWriter w(req.pretty);
        w.beginArray();
        std::string last;
        int count = 0;
        for (const state::KvEntry *e : store.kvList(key)) {
            std::string k = e->key;
            if (!sep.empty()) {
                const size_t at = k.find(sep, key.size());
                if (at != std::string::npos)
                    k.resize(at + sep.size());
            }
            if (count > 0 && k == last)
                continue;
            w.value(k);
            last = k;
            ++count;
        }
        w.endArray();
        r.response =
            (count == 0 && !key.empty()) ? HttpResponse::empty(404) : HttpResponse::json(w.take());
        return r;
    }
    if (recurse) {
        watch.addKvPrefix(key);
        r.index = store.kvPrefixIndex(key);
        if (r.index == 0)
            r.index = store.topicIndex(state::topic::kv);
        const auto entries = store.kvList(key);
        if (entries.empty()) {
            r.response = HttpResponse::empty(404);
            return r;
        }
        JsonWriter w(req.pretty);
        w.beginArray();
        for (const state::KvEntry *e : entries)
            writeKvPair(w, *e);
        w.endArray();
        r.response = HttpResponse::json(w.take());
        return r;
    }
    watch.addKvKey(key);
    r.index = store.kvKeyIndex(key);
    const state::KvEntry *e = store.kvGet(key);
    if (!e) {
        r.response = HttpResponse::empty(404);
        return r;
    }
    if (req.has(QStringLiteral("raw"))) {
        r.response.contentType = sniffContentType(e->value);
        r.response.body = QByteArray(e->value.data(), qsizetype(e->value.size()));
        return r;
    }
    JsonWriter w(req.pretty);
    w.beginArray();
    writeKvPair(w, *e);
    w.endArray();
    r.response = HttpResponse::json(w.take());
    return r;
}

HttpResponse conflictingFlags(const HttpRequest &req)
{
    return HttpResponse::text(
        400, QStringLiteral("Conflicting flags: %1").arg(QString::fromUtf8(req.rawQuery)));
}

WriteOutcome applyKv(fsm::KvCommand kv, bool pretty)
{
    return {fsm::Command{.body = std::move(kv)}, [pretty](const fsm::ApplyResult &result) {
                if (!result.error.empty())
                    return HttpResponse::text(500, QString::fromStdString(result.error));
                return boolResponse(result.value, pretty);
            }};
}

WriteOutcome putKv(const HttpRequest &req)
{
    if (req.path.isEmpty())
        return HttpResponse::text(400, QStringLiteral("Missing key name"));
    if (!validKeyName(req.path))
        return invalidKeyName();
    const bool cas = req.has(QStringLiteral("cas"));
    const bool acquire = req.has(QStringLiteral("acquire"));
    const bool release = req.has(QStringLiteral("release"));
    if (int(cas) + int(acquire) + int(release) > 1)
        return conflictingFlags(req);

    fsm::KvCommand kv;
    kv.key = req.path.toStdString();
    kv.value = req.body.toStdString();
    HttpResponse error;
    if (req.has(QStringLiteral("flags")) && !parseUnsigned(req, "flags", &kv.flags, &error))
        return error;
    if (cas) {
        if (!parseUnsigned(req, "cas", &kv.casIndex, &error))
            return error;
        kv.op = fsm::KvOp::Cas;
    } else if (acquire) {
        kv.op = fsm::KvOp::Lock;
        kv.session = req.value(QStringLiteral("acquire")).toStdString();
    } else if (release) {
        kv.op = fsm::KvOp::Unlock;
        kv.session = req.value(QStringLiteral("release")).toStdString();
    }
    return applyKv(std::move(kv), req.pretty);
}

WriteOutcome deleteKv(const HttpRequest &req)
{
    const bool recurse = req.has(QStringLiteral("recurse"));
    const bool cas = req.has(QStringLiteral("cas"));
    if (req.path.isEmpty() && !recurse)
        return HttpResponse::text(400, QStringLiteral("Missing key name"));
    if (recurse && cas)
        return conflictingFlags(req);
    if (!validKeyName(req.path))
        return invalidKeyName();
    fsm::KvCommand kv;
    kv.key = req.path.toStdString();
    kv.op = recurse ? fsm::KvOp::DeleteTree : fsm::KvOp::Delete;
    if (cas) {
        HttpResponse error;
        if (!parseUnsigned(req, "cas", &kv.casIndex, &error))
            return error;
        kv.op = fsm::KvOp::DeleteCas;
    }
    return applyKv(std::move(kv), req.pretty);
}

} // namespace

void registerKvEndpoints(Router &router, const EndpointContext &context)
{
    Route &kv = router.prefix(QStringLiteral("/v1/kv/"));
    kv.methods["GET"] = ReadHandler(
        [&context](const HttpRequest &req, state::WatchSet &w) { return getKv(context, req, w); });
    kv.methods["PUT"] = WriteHandler([](const HttpRequest &req) { return putKv(req); });
    kv.methods["DELETE"] = WriteHandler([](const HttpRequest &req) { return deleteKv(req); });
    // Refused on the declared length, before a byte of it is read, as Consul checks it.
    kv.maxBodyBytes = maxValueSize;
    kv.bodyTooLarge = [](std::optional<quint64>) {
        return HttpResponse::text(413,
                                  QStringLiteral("Value exceeds %1 byte limit").arg(maxValueSize));
    };
    // "/v1/kv" without the slash is the empty key.
    Route &root = router.exact(QStringLiteral("/v1/kv"));
    root.methods = kv.methods;
}

} // namespace qonsul::http

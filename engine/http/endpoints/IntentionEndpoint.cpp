// /v1/connect/intentions: list and create, get/update/delete by ID, match and check
// (reference §15.3). Errors are Consul's: most are RPC errors, so 500 with the error's text.
#include "connect/IntentionRules.h"
#include "http/ConnectJson.h"
#include "http/Endpoints.h"
#include "http/JsonBody.h"
#include "http/Router.h"
#include "server/Server.h"
#include "util/GoTime.h"

#include <QRegularExpression>
#include <QUuid>

namespace qonsul::http {

namespace {

HttpResponse error500(const QString &message)
{
    return HttpResponse::text(500, message);
}

std::vector<const state::Intention *> sortedIntentions(const state::StateStore &store)
{
    std::vector<const state::Intention *> all = store.intentions();
    connect::sortByPrecedence(all);
    return all;
}

// The body as an intention, with Consul's defaults for the namespaces and the source type.
std::optional<connect::IntentionInput> decodeIntention(const HttpRequest &req, QString *error)
{
    JsonBody body = JsonBody::parse(req.body);
    connect::IntentionInput input;
    state::Intention &i = input.intention;
    i.id = body.string("ID");
    i.description = body.string("Description");
    i.sourceNs = body.string("SourceNS");
    i.sourceName = body.string("SourceName");
    i.destinationNs = body.string("DestinationNS");
    i.destinationName = body.string("DestinationName");
    i.sourceType = body.string("SourceType");
    input.action = body.string("Action");
    i.meta = body.stringMap("Meta");
    if (!body.ok()) {
        QString reason = body.error();
        reason.remove(QStringLiteral("Request decode failed: "));
        *error = QStringLiteral("Failed to decode request body: %1").arg(reason);
        return std::nullopt;
    }
    if (i.sourceNs.empty())
        i.sourceNs = "default";
    if (i.destinationNs.empty())
        i.destinationNs = "default";
    if (i.sourceType.empty())
        i.sourceType = "consul";
    i.action =
        input.action == "deny" ? state::IntentionAction::Deny : state::IntentionAction::Allow;
    return input;
}

// Validates and stamps an intention for a create or an update; the response when refused.
std::optional<HttpResponse> prepare(connect::IntentionInput &input)
{
    if (const auto errors = connect::validateIntention(input); !errors.empty())
        return error500(QString::fromStdString(connect::multiErrorText(errors)));
    input.intention.precedence = connect::intentionPrecedence(input.intention);
    input.intention.createdAtNs = input.intention.updatedAtNs = util::unixNowNs();
    return std::nullopt;
}

HttpResponse idAnswer(bool pretty, const std::string &id, const fsm::ApplyResult &result)
{
    if (!result.error.empty())
        return error500(QString::fromStdString(result.error));
    JsonWriter w(pretty);
    w.beginObject().field("ID", id).endObject();
    return HttpResponse::json(w.take());
}

WriteOutcome createIntention(const HttpRequest &req)
{
    QString error;
    auto input = decodeIntention(req, &error);
    if (!input)
        return error500(error);
    if (!input->intention.id.empty())
        return error500(QStringLiteral("ID must be empty when creating a new intention"));
    input->intention.id = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    if (auto refused = prepare(*input))
        return *refused;
    const std::string id = input->intention.id;
    fsm::Command command;
    command.body = fsm::IntentionCommand{fsm::IntentionOp::Create, std::move(input->intention)};
    return {std::move(command), [pretty = req.pretty, id](const fsm::ApplyResult &result) {
                return idAnswer(pretty, id, result);
            }};
}

// The 400 Consul gives for an ID its UUID index cannot read; nullopt for a well-formed one.
std::optional<HttpResponse> malformedId(const QString &id)
{
    QString reason;
    if (id.size() != 36)
        reason = QStringLiteral("UUID must be 36 characters");
    else if (id.count(QLatin1Char('-')) > 4)
        reason = QStringLiteral("UUID should have maximum of 4 \"-\"; got %1")
                     .arg(id.count(QLatin1Char('-')));
    else if (QString(id)
                 .remove(QLatin1Char('-'))
                 .contains(QRegularExpression(QStringLiteral("[^0-9A-Fa-f]"))))
        reason = QStringLiteral("Invalid UUID: encoding/hex: invalid byte");
    if (reason.isEmpty())
        return std::nullopt;
    return HttpResponse::text(
        400, QStringLiteral("Bad request: failed intention lookup: index error: %1").arg(reason));
}

QueryResult getIntention(const EndpointContext &context, const HttpRequest &req,
                         state::WatchSet &watch)
{
    QueryResult r;
    const auto &store = context.server.store();
    watch.addTopic(state::topic::intentions);
    r.index = store.topicIndex(state::topic::intentions);
    if (auto bad = malformedId(req.path)) {
        r.response = *bad;
        return r;
    }
    const state::Intention *i = store.intention(req.path.toStdString());
    if (!i) {
        r.response = HttpResponse::text(404, QStringLiteral("Intention not found"));
        return r;
    }
    JsonWriter w(req.pretty);
    writeIntention(w, *i);
    r.response = HttpResponse::json(w.take());
    return r;
}

WriteOutcome updateIntention(const EndpointContext &context, const HttpRequest &req)
{
    QString error;
    auto input = decodeIntention(req, &error);
    if (!input)
        return error500(error);
    input->intention.id = req.path.toStdString(); // the path names it, whatever the body says
    if (!context.server.store().intention(input->intention.id))
        return error500(QStringLiteral("Cannot modify non-existent intention: '%1'").arg(req.path));
    if (auto refused = prepare(*input))
        return *refused;
    const std::string id = input->intention.id;
    fsm::Command command;
    command.body = fsm::IntentionCommand{fsm::IntentionOp::Update, std::move(input->intention)};
    return {std::move(command), [pretty = req.pretty, id](const fsm::ApplyResult &result) {
                return idAnswer(pretty, id, result);
            }};
}

WriteOutcome deleteIntention(const EndpointContext &context, const HttpRequest &req)
{
    if (!context.server.store().intention(req.path.toStdString()))
        return error500(QStringLiteral("Cannot modify non-existent intention: '%1'").arg(req.path));
    fsm::Command command;
    state::Intention target;
    target.id = req.path.toStdString();
    command.body = fsm::IntentionCommand{fsm::IntentionOp::Delete, std::move(target)};
    return {std::move(command), [pretty = req.pretty](const fsm::ApplyResult &result) {
                if (!result.error.empty())
                    return error500(QString::fromStdString(result.error));
                return HttpResponse::json(pretty ? "true\n" : "true");
            }};
}

QueryResult listIntentions(const EndpointContext &context, const HttpRequest &req,
                           state::WatchSet &watch)
{
    QueryResult r;
    const auto &store = context.server.store();
    watch.addTopic(state::topic::intentions);
    r.index = store.topicIndex(state::topic::intentions);
    JsonWriter w(req.pretty);
    writeIntentions(w, sortedIntentions(store));
    r.response = HttpResponse::json(w.take());
    return r;
}

QueryResult matchIntentions(const EndpointContext &context, const HttpRequest &req,
                            state::WatchSet &watch)
{
    QueryResult r;
    const auto &store = context.server.store();
    watch.addTopic(state::topic::intentions);
    r.index = store.topicIndex(state::topic::intentions);
    if (!req.has(QStringLiteral("by"))) {
        r.response = error500(QStringLiteral("required query parameter 'by' not set"));
        return r;
    }
    const QString by = req.value(QStringLiteral("by"));
    if (by != QLatin1String("source") && by != QLatin1String("destination")) {
        r.response =
            error500(QStringLiteral("'by' parameter must be one of 'source' or 'destination'"));
        return r;
    }
    const QStringList names = req.values(QStringLiteral("name"));
    if (names.isEmpty()) {
        r.response = error500(QStringLiteral("required query parameter 'name' not set"));
        return r;
    }
    const auto side =
        by == QLatin1String("source") ? connect::MatchBy::Source : connect::MatchBy::Destination;
    const std::vector<const state::Intention *> all = store.intentions();
    JsonWriter w(req.pretty);
    w.beginObject();
    for (const QString &name : names) {
        w.key(name.toStdString());
        writeIntentions(w, connect::matchIntentions(all, side, name.toStdString()));
    }
    w.endObject();
    r.response = HttpResponse::json(w.take());
    return r;
}

QueryResult checkIntention(const EndpointContext &context, const HttpRequest &req,
                           state::WatchSet &watch)
{
    QueryResult r;
    const auto &store = context.server.store();
    watch.addTopic(state::topic::intentions);
    r.index = store.topicIndex(state::topic::intentions);
    for (const char *name : {"source", "destination"})
        if (!req.has(QLatin1String(name))) {
            r.response =
                error500(QStringLiteral("required query parameter '%1' not set").arg(name));
            return r;
        }
    const QString sourceType = req.value(QStringLiteral("source-type"));
    if (!sourceType.isEmpty() && sourceType != QLatin1String("consul")) {
        r.response = error500(QStringLiteral("unsupported SourceType: %1").arg(sourceType));
        return r;
    }
    const connect::Decision decision =
        connect::decide(store.intentions(), req.value(QStringLiteral("source")).toStdString(),
                        req.value(QStringLiteral("destination")).toStdString());
    JsonWriter w(req.pretty);
    w.beginObject().field("Allowed", decision.allowed).endObject();
    r.response = HttpResponse::json(w.take());
    return r;
}

} // namespace

void registerIntentionEndpoints(Router &router, const EndpointContext &context)
{
    Route &all = router.exact(QStringLiteral("/v1/connect/intentions"));
    all.methods["GET"] = ReadHandler([&context](const HttpRequest &r, state::WatchSet &w) {
        return listIntentions(context, r, w);
    });
    all.methods["POST"] = WriteHandler([](const HttpRequest &r) { return createIntention(r); });
    router.exact(QStringLiteral("/v1/connect/intentions/match")).methods["GET"] =
        ReadHandler([&context](const HttpRequest &r, state::WatchSet &w) {
            return matchIntentions(context, r, w);
        });
    router.exact(QStringLiteral("/v1/connect/intentions/check")).methods["GET"] =
        ReadHandler([&context](const HttpRequest &r, state::WatchSet &w) {
            return checkIntention(context, r, w);
        });
    Route &one = router.prefix(QStringLiteral("/v1/connect/intentions/"));
    one.methods["GET"] = ReadHandler([&context](const HttpRequest &r, state::WatchSet &w) {
        return getIntention(context, r, w);
    });
    one.methods["PUT"] =
        WriteHandler([&context](const HttpRequest &r) { return updateIntention(context, r); });
    one.methods["DELETE"] =
        WriteHandler([&context](const HttpRequest &r) { return deleteIntention(context, r); });
}

} // namespace qonsul::http

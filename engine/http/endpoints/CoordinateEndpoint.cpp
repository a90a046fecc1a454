// Network coordinates (Consul's agent/coordinate_endpoint.go): GET /v1/coordinate/nodes (a
// blocking read), GET /v1/coordinate/node/<node>, GET /v1/coordinate/datacenters, and PUT
// /v1/coordinate/update, which agents use to send theirs (a Raft write, as in Consul).
#include "http/Endpoints.h"
#include "http/JsonBody.h"
#include "http/RecordJson.h"
#include "server/Server.h"
#include "state/StateStore.h"
#include "util/JsonWriter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <cmath>

namespace qonsul::http {

namespace {

// Serf's coordinates have 8 dimensions; a coordinate of another size cannot be compared.
constexpr size_t dimensionality = 8;

void writeEntries(JsonWriter &w, const std::vector<const state::CoordinateEntry *> &entries)
{
    w.beginArray();
    for (const state::CoordinateEntry *e : entries) {
        w.beginObject();
        w.field("Node", e->node);
        w.field("Segment", e->segment);
        w.key("Coord");
        writeCoordinate(w, e->coord);
        w.endObject();
    }
    w.endArray();
}

QueryResult nodes(const EndpointContext &context, const HttpRequest &req, state::WatchSet &watch)
{
    const auto &store = context.server.store();
    watch.addTopic(state::topic::coordinates);
    const bool bySegment = req.has(QStringLiteral("segment"));
    const std::string segment = req.value(QStringLiteral("segment")).toStdString();
    std::vector<const state::CoordinateEntry *> entries;
    for (const state::CoordinateEntry *e : store.coordinates())
        if (!bySegment || e->segment == segment)
            entries.push_back(e);
    JsonWriter w(req.pretty);
    writeEntries(w, entries);
    QueryResult r;
    r.index = store.topicIndex(state::topic::coordinates);
    r.response = HttpResponse::json(w.take());
    return r;
}

QueryResult node(const EndpointContext &context, const HttpRequest &req, state::WatchSet &watch)
{
    const auto &store = context.server.store();
    watch.addTopic(state::topic::coordinates);
    const std::string name = state::lowered(req.routeTail.toStdString());
    std::vector<const state::CoordinateEntry *> entries;
    for (const state::CoordinateEntry *e : store.coordinates())
        if (state::lowered(e->node) == name)
            entries.push_back(e);
    QueryResult r;
    r.index = store.topicIndex(state::topic::coordinates);
    if (entries.empty()) {
        r.response = HttpResponse::empty(404);
        return r;
    }
    JsonWriter w(req.pretty);
    writeEntries(w, entries);
    r.response = HttpResponse::json(w.take());
    return r;
}

// The WAN pool's view, which Qonsul's servers do not keep: this datacenter, with no
// coordinates, as Consul answers for a datacenter whose servers have none yet.
QueryResult datacenters(const EndpointContext &context, const HttpRequest &req, state::WatchSet &)
{
    JsonWriter w(req.pretty);
    w.beginArray().beginObject();
    w.field("Datacenter", context.datacenter);
    w.field("AreaID", "wan");
    w.key("Coordinates").beginArray().endArray();
    w.endObject().endArray();
    QueryResult r;
    r.response = HttpResponse::json(w.take());
    return r;
}

std::optional<state::Coordinate> coordinateOf(const QJsonValue &value, QString *error)
{
    const QJsonObject object = value.toObject();
    auto number = [&](const char *name, double *out) {
        // Consul's decoder takes field names in any case.
        for (auto it = object.begin(); it != object.end(); ++it)
            if (it.key().compare(QLatin1String(name), Qt::CaseInsensitive) == 0) {
                if (!it.value().isDouble())
                    return false;
                *out = it.value().toDouble();
            }
        return true;
    };
    state::Coordinate c;
    QJsonArray vec;
    for (auto it = object.begin(); it != object.end(); ++it)
        if (it.key().compare(QLatin1String("Vec"), Qt::CaseInsensitive) == 0)
            vec = it.value().toArray();
    for (const QJsonValue &component : vec) {
        if (!component.isDouble()) {
            *error =
                QStringLiteral("Request decode failed: Vec holds a value that is not a number");
            return std::nullopt;
        }
        c.vec.push_back(component.toDouble());
    }
    if (!value.isObject() || !number("Error", &c.error) || !number("Adjustment", &c.adjustment) ||
        !number("Height", &c.height)) {
        *error = QStringLiteral("Request decode failed: Coord is not a coordinate");
        return std::nullopt;
    }
    return c;
}

WriteOutcome update(const HttpRequest &req)
{
    JsonBody body = JsonBody::parse(req.body, false);
    state::CoordinateEntry entry;
    entry.node = body.string("Node");
    entry.segment = body.string("Segment");
    if (!body.ok())
        return HttpResponse::text(400, body.error());
    QString error;
    const std::optional<state::Coordinate> coord = coordinateOf(body.raw("Coord"), &error);
    if (!coord)
        return HttpResponse::text(400, error);
    // Consul's Coordinate.Update checks: a finite coordinate of serf's dimensionality.
    bool finite = std::isfinite(coord->error) && std::isfinite(coord->adjustment) &&
                  std::isfinite(coord->height);
    for (double component : coord->vec)
        finite = finite && std::isfinite(component);
    if (!finite)
        return HttpResponse::text(400, QStringLiteral("invalid coordinate"));
    if (coord->vec.size() != dimensionality)
        return HttpResponse::text(400, QStringLiteral("incompatible coordinate"));
    entry.coord = *coord;
    fsm::CoordinateBatchCommand command;
    command.updates.push_back(std::move(entry));
    return WriteOutcome(fsm::Command{0, std::move(command)},
                        [](const fsm::ApplyResult &) { return HttpResponse::empty(200); });
}

} // namespace

void registerCoordinateEndpoints(Router &router, const EndpointContext &context)
{
    router.exact(QStringLiteral("/v1/coordinate/nodes")).methods["GET"] = ReadHandler(
        [&context](const HttpRequest &r, state::WatchSet &w) { return nodes(context, r, w); });
    router.prefix(QStringLiteral("/v1/coordinate/node/")).methods["GET"] = ReadHandler(
        [&context](const HttpRequest &r, state::WatchSet &w) { return node(context, r, w); });
    router.exact(QStringLiteral("/v1/coordinate/datacenters")).methods["GET"] =
        ReadHandler([&context](const HttpRequest &r, state::WatchSet &w) {
            return datacenters(context, r, w);
        });
    router.exact(QStringLiteral("/v1/coordinate/update")).methods["PUT"] =
        WriteHandler([](const HttpRequest &r) { return update(r); });
}

} // namespace qonsul::http

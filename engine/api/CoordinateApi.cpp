#include "CoordinateApi.h"

#include "JsonDecode.h"

namespace qonsul::CoordinateApi {

namespace {

QList<CoordinateEntryRecord> entriesFromJson(const QJsonValue &value)
{
    QList<CoordinateEntryRecord> entries;
    for (const QJsonValue &item : value.toArray()) {
        const QJsonObject object = item.toObject();
        const QJsonObject coord = object.value("Coord").toObject();
        CoordinateEntryRecord e;
        e.node = object.value("Node").toString();
        e.segment = object.value("Segment").toString();
        for (const QJsonValue &component : coord.value("Vec").toArray())
            e.vec.push_back(component.toDouble());
        e.error = coord.value("Error").toDouble();
        e.adjustment = coord.value("Adjustment").toDouble();
        e.height = coord.value("Height").toDouble();
        entries.append(e);
    }
    return entries;
}

} // namespace

TypedRequest<QList<CoordinateEntryRecord>> nodes()
{
    return {ApiRequest::get(QStringLiteral("/v1/coordinate/nodes")),
            json::okThen<QList<CoordinateEntryRecord>>(entriesFromJson)};
}

} // namespace qonsul::CoordinateApi

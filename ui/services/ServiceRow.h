#pragma once
// One row of the Services page: the service's summary from /v1/internal/ui/services and the
// metadata of its instances (from the node dump), which the summary does not carry.

#include "api/UiApi.h"

#include <QMap>
#include <QStringList>

namespace qonsul::ui {

struct ServiceRow
{
    ServiceSummary summary;
    QMap<QString, QStringList> meta; // key → distinct values over the instances, sorted

    bool operator==(const ServiceRow &) const = default;
};

// Service name → its instances' metadata, from the node dump.
QMap<QString, QMap<QString, QStringList>> serviceMetaOf(const QList<NodeInfo> &nodes);

} // namespace qonsul::ui

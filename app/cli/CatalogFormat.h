#pragma once
// `catalog nodes` and `catalog services -tags` tables as pure functions.

#include "api/CatalogApi.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace qonsul::cli {

// "Node  ID  Address  DC" (ID cut at its first "-"), or with `detailed` the full ID plus
// "TaggedAddresses" and "Meta" as sorted "k=v, k=v".
QString formatCatalogNodes(const QList<CatalogNode> &nodes, bool detailed);

// One "name<pad>tag1,tag2" line per service (names and tags sorted), tab-writer aligned.
QString formatServicesWithTags(const QMap<QString, QStringList> &services);

// "k=v" pairs sorted by key, joined by `joiner`.
QString joinKeyValues(const QMap<QString, QString> &map, const QString &joiner);

} // namespace qonsul::cli

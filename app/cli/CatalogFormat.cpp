#include "CatalogFormat.h"

#include "Columnize.h"

namespace qonsul::cli {

QString joinKeyValues(const QMap<QString, QString> &map, const QString &joiner)
{
    QStringList pairs;
    for (auto it = map.begin(); it != map.end(); ++it)
        pairs.append(it.key() + QLatin1Char('=') + it.value());
    return pairs.join(joiner);
}

QString formatCatalogNodes(const QList<CatalogNode> &nodes, bool detailed)
{
    const QChar d = cellDelimiter;
    QStringList lines;
    if (detailed)
        lines.append(QStringList{"Node", "ID", "Address", "DC", "TaggedAddresses", "Meta"}.join(d));
    else
        lines.append(QStringList{"Node", "ID", "Address", "DC"}.join(d));
    for (const CatalogNode &node : nodes) {
        if (detailed) {
            lines.append(QStringList{node.node, node.id, node.address, node.datacenter,
                                     joinKeyValues(node.taggedAddresses, ", "),
                                     joinKeyValues(node.meta, ", ")}
                             .join(d));
        } else {
            QString id = node.id;
            if (const qsizetype dash = id.indexOf(QLatin1Char('-')); dash > 0)
                id.truncate(dash);
            lines.append(QStringList{node.node, id, node.address, node.datacenter}.join(d));
        }
    }
    return columnize(lines);
}

QString formatServicesWithTags(const QMap<QString, QStringList> &services)
{
    QString text;
    for (auto it = services.begin(); it != services.end(); ++it) {
        QStringList tags = it.value();
        tags.sort();
        text += it.key() + QLatin1Char('\t') + tags.join(',') + QLatin1Char('\n');
    }
    return tabwrite(text).trimmed();
}

} // namespace qonsul::cli

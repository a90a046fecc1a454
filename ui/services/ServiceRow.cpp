#include "services/ServiceRow.h"

namespace qonsul::ui {

QMap<QString, QMap<QString, QStringList>> serviceMetaOf(const QList<NodeInfo> &nodes)
{
    QMap<QString, QMap<QString, QStringList>> meta;
    for (const NodeInfo &node : nodes) {
        for (const NodeService &service : node.services) {
            QMap<QString, QStringList> &values = meta[service.service];
            for (auto it = service.meta.begin(); it != service.meta.end(); ++it) {
                QStringList &list = values[it.key()];
                if (!list.contains(it.value())) {
                    list.append(it.value());
                    list.sort();
                }
            }
        }
    }
    return meta;
}

} // namespace qonsul::ui

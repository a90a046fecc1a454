#include "services/ServiceSummary.h"

#include <QSet>

namespace qonsul::ui {

ServiceSummary ServiceSummary::fromEntries(const QString &name, const QStringList &catalogTags,
                                           const QList<ServiceEntry> &entries)
{
    ServiceSummary summary;
    summary.name = name;
    QSet<QString> tags(catalogTags.begin(), catalogTags.end());
    QSet<QString> nodes;
    for (const ServiceEntry &entry : entries) {
        ++summary.instances;
        nodes.insert(entry.node.node);
        for (const QString &tag : entry.service.tags)
            tags.insert(tag);
        for (const HealthCheck &check : entry.checks)
            summary.checks.add(check.status);
    }
    summary.tags = QStringList(tags.begin(), tags.end());
    summary.tags.sort();
    summary.nodes = QStringList(nodes.begin(), nodes.end());
    summary.nodes.sort();
    return summary;
}

} // namespace qonsul::ui

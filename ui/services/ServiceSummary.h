#pragma once
// One row of the Services page: what Consul's UI gets from /v1/internal/ui/services, computed
// here from the public endpoints.

#include "api/HealthApi.h"

#include <QString>
#include <QStringList>

namespace qonsul::ui {

struct ServiceSummary
{
    QString name;
    QStringList tags;  // union over instances, sorted
    QStringList nodes; // nodes with an instance, sorted
    int instances = 0;
    CheckCounts checks; // node and service checks of every instance

    bool operator==(const ServiceSummary &) const = default;

    // Sums the instances of one service as /v1/health/service/<name> lists them.
    static ServiceSummary fromEntries(const QString &name, const QStringList &catalogTags,
                                      const QList<ServiceEntry> &entries);
};

} // namespace qonsul::ui

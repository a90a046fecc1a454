#pragma once
// Feeds the Services page with two blocking queries and no polling: the service summaries
// (/v1/internal/ui/services: names, tags, instance and check counts in one answer) and the
// node dump (/v1/internal/ui/nodes) for the instances' metadata, which the summaries leave
// out. Reports the rows whenever either moves.

#include "api/ApiConfig.h"
#include "services/ServiceRow.h"

#include <QObject>

namespace qonsul {
class ApiClient;
class BlockingWatch;
} // namespace qonsul

namespace qonsul::ui {

class ServiceSummaryFeed : public QObject
{
    Q_OBJECT
public:
    explicit ServiceSummaryFeed(const ApiConfig &config, QObject *parent = nullptr);

    void start();

Q_SIGNALS:
    void rowsChanged(const QList<qonsul::ui::ServiceRow> &rows);
    void failed(const QString &error);

private:
    void publish();

    ApiClient *m_client;
    BlockingWatch *m_summaries;
    BlockingWatch *m_nodes;
    QList<ServiceSummary> m_latestSummaries;
    QMap<QString, QMap<QString, QStringList>> m_meta; // service name → key → values
    bool m_haveSummaries = false;
};

} // namespace qonsul::ui

#pragma once
// Feeds the Services page with blocking queries and no polling: the service summaries
// (/v1/internal/ui/services: names, tags, instance and check counts in one answer) and, only
// while a search asks for metadata, the node dump (/v1/internal/ui/nodes) for the instances'
// metadata, which the summaries leave out: with 5,000 services that dump is megabytes, and
// parsing it on every catalog change cost the window 100 ms each time. Reports the rows
// whenever either moves.

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

    // Follows the agent while active (the page is on screen); stopped otherwise.
    void setActive(bool active);
    // From now on rows carry their instances' metadata (a meta: search was typed; kept, so
    // that the search's completions are there the next time).
    void wantMetadata();

Q_SIGNALS:
    void rowsChanged(const QList<qonsul::ui::ServiceRow> &rows);
    void failed(const QString &error);

private:
    void publish();
    void updateWatches();

    ApiClient *m_client;
    BlockingWatch *m_summaries;
    BlockingWatch *m_nodes;
    QList<ServiceSummary> m_latestSummaries;
    QMap<QString, QMap<QString, QStringList>> m_meta; // service name → key → values
    bool m_haveSummaries = false;
    bool m_active = false;
    bool m_metadataWanted = false;
};

} // namespace qonsul::ui

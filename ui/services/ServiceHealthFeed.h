#pragma once
// Feeds the Services page: follows /v1/catalog/services and /v1/health/state/any with
// blocking queries, and whenever either moves, reads /v1/health/service/<name> of every
// service and reports the summaries. No polling: nothing is read unless an index moved.

#include "api/ApiConfig.h"
#include "services/ServiceSummary.h"

#include <QMap>
#include <QObject>
#include <QStringList>

namespace qonsul {
class ApiClient;
class BlockingWatch;
} // namespace qonsul

namespace qonsul::ui {

class ServiceHealthFeed : public QObject
{
    Q_OBJECT
public:
    explicit ServiceHealthFeed(const ApiConfig &config, QObject *parent = nullptr);

    void start();

Q_SIGNALS:
    void summariesChanged(const QList<qonsul::ui::ServiceSummary> &summaries);
    void failed(const QString &error);

private:
    void scheduleRefresh();
    void refresh();

    ApiClient *m_watchClient;
    ApiClient *m_readClient; // its own connections, so reads never queue behind watches
    BlockingWatch *m_services;
    BlockingWatch *m_checks;
    QMap<QString, QStringList> m_catalog; // service name → tags
    bool m_refreshQueued = false;
    bool m_haveCatalog = false;
    quint64 m_generation = 0;
};

} // namespace qonsul::ui

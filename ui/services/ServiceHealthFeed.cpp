#include "services/ServiceHealthFeed.h"

#include "api/ApiClient.h"
#include "api/BlockingWatch.h"
#include "api/CatalogApi.h"

#include <QTimer>
#include <memory>

namespace qonsul::ui {

ServiceHealthFeed::ServiceHealthFeed(const ApiConfig &config, QObject *parent)
    : QObject(parent), m_watchClient(new ApiClient(config, this)),
      m_readClient(new ApiClient(config, this)),
      m_services(new BlockingWatch(m_watchClient,
                                   ApiRequest::get(QStringLiteral("/v1/catalog/services")), this)),
      m_checks(new BlockingWatch(m_watchClient,
                                 ApiRequest::get(QStringLiteral("/v1/health/state/any")), this))
{
    connect(m_services, &BlockingWatch::changed, this, [this](quint64, const QJsonValue &value) {
        m_catalog = CatalogApi::servicesFromJson(value);
        m_haveCatalog = true;
        scheduleRefresh();
    });
    connect(m_checks, &BlockingWatch::changed, this, &ServiceHealthFeed::scheduleRefresh);
    connect(m_services, &BlockingWatch::failed, this, &ServiceHealthFeed::failed);
    connect(m_checks, &BlockingWatch::failed, this, &ServiceHealthFeed::failed);
}

void ServiceHealthFeed::start()
{
    m_services->start();
    m_checks->start();
}

void ServiceHealthFeed::scheduleRefresh()
{
    // Both watches answer together at start and after a registration: read once for both.
    if (m_refreshQueued || !m_haveCatalog)
        return;
    m_refreshQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_refreshQueued = false;
        refresh();
    });
}

void ServiceHealthFeed::refresh()
{
    const quint64 generation = ++m_generation;
    if (m_catalog.isEmpty()) {
        Q_EMIT summariesChanged({});
        return;
    }
    struct Pending
    {
        QList<ServiceSummary> summaries;
        int outstanding = 0;
        QString error;
    };
    auto pending = std::make_shared<Pending>();
    pending->outstanding = int(m_catalog.size());
    for (auto it = m_catalog.cbegin(); it != m_catalog.cend(); ++it) {
        const QString name = it.key();
        const QStringList tags = it.value();
        m_readClient->start(
            HealthApi::service(name), this,
            [this, generation, pending, name, tags](const Expected<QList<ServiceEntry>> &entries) {
                if (entries)
                    pending->summaries.append(ServiceSummary::fromEntries(name, tags, *entries));
                else
                    pending->error = entries.error();
                if (--pending->outstanding > 0 || generation != m_generation)
                    return;
                if (!pending->error.isEmpty())
                    Q_EMIT failed(pending->error);
                Q_EMIT summariesChanged(pending->summaries);
            });
    }
}

} // namespace qonsul::ui

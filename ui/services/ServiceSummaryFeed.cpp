#include "services/ServiceSummaryFeed.h"

#include "api/ApiClient.h"
#include "api/BlockingWatch.h"

namespace qonsul::ui {

ServiceSummaryFeed::ServiceSummaryFeed(const ApiConfig &config, QObject *parent)
    : QObject(parent), m_client(new ApiClient(config, this)),
      m_summaries(new BlockingWatch(m_client, UiApi::services().request, this)),
      m_nodes(new BlockingWatch(m_client, UiApi::nodes().request, this))
{
    connect(m_summaries, &BlockingWatch::answered, this,
            [this](quint64, const ApiResponse &answer) {
                Expected<QList<ServiceSummary>> summaries = UiApi::services().parse(answer);
                if (!summaries) {
                    Q_EMIT failed(summaries.error());
                    return;
                }
                m_latestSummaries = std::move(*summaries);
                m_haveSummaries = true;
                publish();
            });
    connect(m_nodes, &BlockingWatch::answered, this, [this](quint64, const ApiResponse &answer) {
        const Expected<QList<NodeInfo>> nodes = UiApi::nodes().parse(answer);
        if (!nodes) {
            Q_EMIT failed(nodes.error());
            return;
        }
        auto meta = serviceMetaOf(*nodes);
        if (meta == m_meta)
            return; // a check changed, not the metadata
        m_meta = std::move(meta);
        publish();
    });
    connect(m_summaries, &BlockingWatch::failed, this, &ServiceSummaryFeed::failed);
    connect(m_nodes, &BlockingWatch::failed, this, &ServiceSummaryFeed::failed);
}

void ServiceSummaryFeed::setActive(bool active)
{
    m_active = active;
    updateWatches();
}

void ServiceSummaryFeed::wantMetadata()
{
    if (m_metadataWanted)
        return;
    m_metadataWanted = true;
    updateWatches();
}

void ServiceSummaryFeed::updateWatches()
{
    const auto follow = [](BlockingWatch *watch, bool on) {
        if (on && !watch->isRunning())
            watch->start();
        else if (!on && watch->isRunning())
            watch->stop();
    };
    follow(m_summaries, m_active);
    follow(m_nodes, m_active && m_metadataWanted);
}

void ServiceSummaryFeed::publish()
{
    if (!m_haveSummaries)
        return;
    QList<ServiceRow> rows;
    rows.reserve(m_latestSummaries.size());
    for (const ServiceSummary &summary : m_latestSummaries)
        rows.append({summary, m_meta.value(summary.name)});
    Q_EMIT rowsChanged(rows);
}

} // namespace qonsul::ui

#include "kv/KvSearch.h"

#include "api/ApiClient.h"
#include "api/KvApi.h"

#include <algorithm>

namespace qonsul::ui {

KvSearch::KvSearch(ApiClient *client, QObject *parent) : QObject(parent), m_client(client)
{
    m_workers.setMaxThreadCount(1);
}

KvSearch::~KvSearch()
{
    cancel();
    m_workers.waitForDone();
}

void KvSearch::cancel()
{
    ++m_generation;
    m_running = false;
    if (m_cancelled)
        m_cancelled->store(true);
    m_cancelled.reset();
    if (m_call)
        m_call->kill();
}

void KvSearch::start(const QString &prefix, const QString &text)
{
    cancel();
    m_running = true;
    m_cancelled = std::make_shared<std::atomic_bool>(false);
    m_call = m_client->start(KvApi::list(prefix).request);
    connect(m_call, &ApiCall::finished, this,
            [this, prefix, text](ApiCall *call) { onListed(call, prefix, text); });
}

void KvSearch::onListed(ApiCall *call, const QString &prefix, const QString &text)
{
    const quint64 generation = m_generation;
    const std::shared_ptr<std::atomic_bool> cancelled = m_cancelled;
    const ApiResponse response = call->response();
    const auto parse = KvApi::list(prefix).parse;
    // The agent answered; decoding and matching every value is the slow part.
    m_workers.start([this, generation, cancelled, response, parse, prefix, text] {
        KvSearchResult result;
        result.prefix = prefix;
        result.text = text;
        const Expected<QList<KvPair>> pairs = parse(response);
        if (!pairs) {
            deliver(generation, result, pairs.error());
            return;
        }
        result.searchedCount = pairs->size();
        for (const KvPair &pair : *pairs) {
            if (cancelled->load(std::memory_order_relaxed))
                return;
            std::optional<KvSearchHit> hit = matchKvPair(pair, text);
            if (!hit)
                continue;
            ++result.matchCount;
            if (result.hits.size() < maxHits)
                result.hits.append(std::move(*hit));
        }
        // The agent lists keys sorted already; sorting again costs nothing and promises it.
        std::sort(result.hits.begin(), result.hits.end(),
                  [](const KvSearchHit &a, const KvSearchHit &b) { return a.key < b.key; });
        deliver(generation, result, QString());
    });
}

void KvSearch::deliver(quint64 generation, const KvSearchResult &result, const QString &error)
{
    // Called on the worker; the destructor waits for it, so `this` is alive here, and Qt drops
    // the queued call if the search is destroyed before it runs.
    QMetaObject::invokeMethod(
        this,
        [this, generation, result, error] {
            if (generation != m_generation)
                return;
            m_running = false;
            if (error.isEmpty())
                Q_EMIT finished(result);
            else
                Q_EMIT failed(error);
        },
        Qt::QueuedConnection);
}

} // namespace qonsul::ui

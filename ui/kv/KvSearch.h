#pragma once
// Searches every key under a KV prefix for a text in its path or value (the Key/Value page's
// search field). One GET /v1/kv/<prefix>?recurse, then decoding and matching on a worker
// thread so that 50,000 values never freeze the window; the result arrives in one go. A new
// start() or cancel() drops the search in flight, and its result never arrives.

#include "kv/KvSearchMatch.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <atomic>
#include <memory>

namespace qonsul {
class ApiCall;
class ApiClient;
} // namespace qonsul

namespace qonsul::ui {

struct KvSearchResult
{
    QString prefix;
    QString text;
    QList<KvSearchHit> hits; // sorted by key, at most KvSearch::maxHits
    qsizetype matchCount = 0;
    qsizetype searchedCount = 0; // keys looked at
};

class KvSearch : public QObject
{
    Q_OBJECT
public:
    // More hits than a list is useful for; the result says how many matched in all.
    static constexpr qsizetype maxHits = 500;

    explicit KvSearch(ApiClient *client, QObject *parent = nullptr);
    ~KvSearch() override;

    void start(const QString &prefix, const QString &text);
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void finished(const qonsul::ui::KvSearchResult &result);
    void failed(const QString &error);

private:
    void onListed(ApiCall *call, const QString &prefix, const QString &text);
    void deliver(quint64 generation, const KvSearchResult &result, const QString &error);

    ApiClient *m_client;
    QPointer<ApiCall> m_call;
    QThreadPool m_workers;
    std::shared_ptr<std::atomic_bool> m_cancelled;
    quint64 m_generation = 0;
    bool m_running = false;
};

} // namespace qonsul::ui

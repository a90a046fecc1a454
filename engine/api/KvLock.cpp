#include "KvLock.h"

#include "BlockingWatch.h"
#include "SessionApi.h"

namespace qonsul {

namespace {

// After a refused acquire with nobody holding the key, a lock-delay is in force: retry later.
constexpr std::chrono::seconds lockRetryTime{5};

} // namespace

KvLock::KvLock(ApiClient *client, KvLockOptions options, QObject *parent)
    : QObject(parent), m_client(client), m_options(std::move(options))
{
    m_renewTimer.setInterval(m_options.sessionTtlDuration / 2);
    connect(&m_renewTimer, &QTimer::timeout, this, &KvLock::renewSession);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] { waitForKey(0); });
}

KvLock::~KvLock()
{
    if (m_pending)
        m_pending->kill();
}

void KvLock::lock()
{
    if (m_held) {
        Q_EMIT failed(errorLockHeld());
        return;
    }
    m_waiting = true;
    m_started.start();
    SessionRequest request;
    request.name = m_options.sessionName;
    request.ttl = m_options.sessionTtl;
    m_pending = m_client->start(SessionApi::create(request), this, [this](Expected<QString> id) {
        if (!id) {
            fail(QStringLiteral("failed to create session: ") + id.error());
            return;
        }
        m_session = *id;
        m_lastRenewal.start();
        m_renewTimer.start();
        waitForKey(0);
    });
}

void KvLock::cancel()
{
    if (!m_waiting)
        return;
    m_waiting = false;
    m_retryTimer.stop();
    if (m_pending)
        m_pending->kill();
    stopSession([this] { Q_EMIT notAcquired(); });
}

bool KvLock::timedOut() const
{
    return m_options.tryOnce && m_started.hasExpired(m_options.waitTime.count());
}

void KvLock::waitForKey(quint64 index)
{
    if (!m_waiting)
        return;
    QueryOptions options;
    if (index != 0) {
        if (timedOut()) {
            m_waiting = false;
            stopSession([this] { Q_EMIT notAcquired(); });
            return;
        }
        options.waitIndex = index;
        options.waitTime = m_options.waitTime;
        if (m_options.tryOnce)
            options.waitTime -= std::chrono::milliseconds(m_started.elapsed());
    }
    m_pending = m_client->start(KvApi::get(m_options.key, options).request);
    connect(m_pending, &ApiCall::finished, this,
            [this](ApiCall *call) { onKeyRead(call->response()); });
}

void KvLock::onKeyRead(const ApiResponse &response)
{
    if (!m_waiting)
        return;
    const Expected<std::optional<KvPair>> pair = KvApi::get(m_options.key).parse(response);
    if (!pair) {
        fail(QStringLiteral("failed to read lock: ") + pair.error());
        return;
    }
    if (pair->has_value()) {
        const KvPair &current = **pair;
        if (current.flags != lockFlagValue) {
            fail(errorLockConflict());
            return;
        }
        if (current.session == m_session) {
            m_waiting = false;
            m_held = true;
            startMonitor();
            Q_EMIT acquired();
            return;
        }
        if (!current.session.isEmpty()) {
            waitForKey(std::max<quint64>(response.meta.lastIndex, 1));
            return;
        }
    }
    tryAcquire();
}

void KvLock::tryAcquire()
{
    KvPair pair;
    pair.key = m_options.key;
    pair.value = m_options.value;
    pair.session = m_session;
    pair.flags = lockFlagValue;
    m_pending = m_client->start(KvApi::acquire(pair).request);
    connect(m_pending, &ApiCall::finished, this,
            [this](ApiCall *call) { onAcquireAnswer(call->response()); });
}

void KvLock::onAcquireAnswer(const ApiResponse &response)
{
    if (!m_waiting)
        return;
    const Expected<bool> locked = KvApi::acquire(KvPair{}).parse(response);
    if (!locked) {
        fail(QStringLiteral("failed to acquire lock: ") + locked.error());
        return;
    }
    if (*locked) {
        m_waiting = false;
        m_held = true;
        startMonitor();
        Q_EMIT acquired();
        return;
    }
    // Refused: held by someone → wait on the key; free → a lock-delay is on, retry later.
    m_pending = m_client->start(KvApi::get(m_options.key).request);
    connect(m_pending, &ApiCall::finished, this, [this](ApiCall *call) {
        if (!m_waiting)
            return;
        const ApiResponse &answer = call->response();
        const auto current = KvApi::get(m_options.key).parse(answer);
        if (current && current->has_value() && !(*current)->session.isEmpty())
            waitForKey(std::max<quint64>(answer.meta.lastIndex, 1));
        else if (timedOut())
            waitForKey(1); // reports notAcquired()
        else
            m_retryTimer.start(lockRetryTime);
    });
}

void KvLock::startMonitor()
{
    m_monitorFailures = 0;
    m_lost = false;
    m_monitor = new BlockingWatch(m_client, KvApi::get(m_options.key).request, this);
    m_monitor->setBackoff(m_options.monitorRetryTime, m_options.monitorRetryTime);
    connect(m_monitor, &BlockingWatch::changed, this, [this](quint64, const QJsonValue &value) {
        const QList<KvPair> pairs = KvApi::pairsFromJson(value);
        if (pairs.isEmpty() || pairs.first().session != m_session)
            reportLost();
    });
    connect(m_monitor, &BlockingWatch::failed, this, [this](const QString &) {
        if (++m_monitorFailures > m_options.monitorRetries)
            reportLost();
    });
    m_monitor->start();
}

void KvLock::reportLost()
{
    // Like the Go client the lock stays "held" until unlock(): that still releases what may
    // be left and ends the session.
    if (!m_held || m_lost)
        return;
    m_lost = true;
    if (m_monitor)
        m_monitor->stop();
    Q_EMIT lost();
}

void KvLock::renewSession()
{
    if (m_session.isEmpty())
        return;
    m_client->start(
        SessionApi::renew(m_session), this, [this](Expected<std::optional<SessionEntry>> entry) {
            if (entry && entry->has_value()) {
                m_lastRenewal.start();
                return;
            }
            // Gone (404), or unreachable for a whole TTL: the session, and with
            // it the lock, is lost.
            const bool gone = entry.hasValue();
            if (gone || m_lastRenewal.hasExpired(m_options.sessionTtlDuration.count())) {
                m_renewTimer.stop();
                reportLost();
            }
        });
}

void KvLock::stopSession(std::function<void()> then)
{
    m_renewTimer.stop();
    if (m_session.isEmpty()) {
        then();
        return;
    }
    const QString id = m_session;
    m_session.clear();
    m_client->start(SessionApi::destroy(id), this, [then](const Expected<bool> &) { then(); });
}

void KvLock::unlock()
{
    if (!m_held) {
        Q_EMIT released(QStringLiteral("Lock not held"));
        return;
    }
    m_held = false;
    if (m_monitor)
        m_monitor->stop();
    KvPair pair;
    pair.key = m_options.key;
    pair.session = m_session;
    pair.flags = lockFlagValue;
    m_client->start(KvApi::release(pair), this, [this](Expected<bool> done) {
        const QString error =
            done ? QString() : QStringLiteral("failed to release lock: ") + done.error();
        stopSession([this, error] { Q_EMIT released(error); });
    });
}

void KvLock::destroyKey()
{
    if (m_held) {
        Q_EMIT keyDestroyed(errorLockHeld());
        return;
    }
    m_client->start(KvApi::get(m_options.key), this, [this](Expected<std::optional<KvPair>> pair) {
        if (!pair) {
            Q_EMIT keyDestroyed(QStringLiteral("failed to read lock: ") + pair.error());
            return;
        }
        if (!pair->has_value()) {
            Q_EMIT keyDestroyed(QString());
            return;
        }
        const KvPair &current = **pair;
        if (current.flags != lockFlagValue) {
            Q_EMIT keyDestroyed(errorLockConflict());
            return;
        }
        if (!current.session.isEmpty()) {
            Q_EMIT keyDestroyed(errorLockInUse());
            return;
        }
        m_client->start(KvApi::removeCas(current.key, current.modifyIndex), this,
                        [this](Expected<bool> removed) {
                            if (!removed)
                                Q_EMIT keyDestroyed(QStringLiteral("failed to remove lock: ") +
                                                    removed.error());
                            else
                                Q_EMIT keyDestroyed(*removed ? QString() : errorLockInUse());
                        });
    });
}

void KvLock::fail(const QString &error)
{
    m_waiting = false;
    stopSession([this, error] { Q_EMIT failed(error); });
}

} // namespace qonsul

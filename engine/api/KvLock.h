#pragma once
// A leader lock on one KV key, as the Go client's api.Lock implements it: a session with a
// TTL (renewed at half the TTL), an acquire on the key with the lock flag value, blocking
// waits while another session holds it, and a monitor that reports when the lock is lost.
// Asynchronous: lock() ends in acquired(), notAcquired() or failed(); unlock() in released();
// destroyKey() (remove the key when no one holds it) in keyDestroyed().

#include "ApiClient.h"
#include "KvApi.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <chrono>
#include <functional>

namespace qonsul {

class BlockingWatch;

struct KvLockOptions
{
    QString key;
    QByteArray value;
    QString sessionName = QStringLiteral("Consul API Lock");
    QString sessionTtl = QStringLiteral("15s");
    std::chrono::milliseconds sessionTtlDuration{std::chrono::seconds(15)};
    // How long each blocking wait for the key lasts; with tryOnce, the whole budget.
    std::chrono::milliseconds waitTime{std::chrono::seconds(15)};
    bool tryOnce = false;
    int monitorRetries = 0; // errors the monitor tolerates before reporting the lock lost
    std::chrono::milliseconds monitorRetryTime{std::chrono::seconds(1)};
};

class KvLock : public QObject
{
    Q_OBJECT
public:
    // Flags value marking a key as a lock (the Go client's LockFlagValue).
    static constexpr quint64 lockFlagValue = 0x2ddccbc058a50c18ULL;
    // Errors with the Go client's texts.
    static QString errorLockHeld() { return QStringLiteral("Lock already held"); }
    static QString errorLockInUse() { return QStringLiteral("Lock in use"); }
    static QString errorLockConflict()
    {
        return QStringLiteral("Existing key does not match lock use");
    }

    KvLock(ApiClient *client, KvLockOptions options, QObject *parent = nullptr);
    ~KvLock() override;

    const QString &sessionId() const { return m_session; }
    bool isHeld() const { return m_held; }

    void lock();
    // Stops waiting for the lock (lock() then ends with notAcquired()).
    void cancel();
    void unlock();
    void destroyKey();

Q_SIGNALS:
    void acquired();
    // tryOnce ran out of time, or cancel() was called.
    void notAcquired();
    void failed(const QString &error);
    // After acquired(): the key changed hands or the session expired. Call unlock() still.
    void lost();
    // unlock() finished; `error` is empty on success.
    void released(const QString &error);
    // destroyKey() finished; `error` is empty when the key was removed or absent.
    void keyDestroyed(const QString &error);

private:
    void waitForKey(quint64 index);
    void onKeyRead(const ApiResponse &response);
    void tryAcquire();
    void onAcquireAnswer(const ApiResponse &response);
    void startMonitor();
    void reportLost();
    void renewSession();
    void stopSession(std::function<void()> then);
    void fail(const QString &error);
    bool timedOut() const;

    QPointer<ApiClient> m_client;
    KvLockOptions m_options;
    QString m_session;
    bool m_held = false;
    bool m_lost = false;
    bool m_waiting = false;
    QElapsedTimer m_started;
    QTimer m_renewTimer;
    QTimer m_retryTimer;
    QPointer<ApiCall> m_pending;
    BlockingWatch *m_monitor = nullptr;
    int m_monitorFailures = 0;
    QElapsedTimer m_lastRenewal;
};

} // namespace qonsul

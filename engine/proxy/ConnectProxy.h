#pragma once
// The built-in Connect proxy (reference §14.3), as `qonsul connect proxy` runs it: its
// configuration from the agent (a sidecar's registration, followed with hash-blocking reads)
// or from flags; its leaf certificate and the CA roots, followed with blocking reads and
// swapped in for new connections without dropping open ones; a public mTLS listener that
// admits callers by the intentions; and one plain listener per upstream that reaches a healthy
// instance over mTLS.
//
// Authorization happens inside the TLS handshake, against the intentions that match this
// service as a destination, which the proxy follows with a blocking query: the same decision
// the agent's /v1/agent/connect/authorize makes (engine/connect/IntentionRules), without a
// round trip per connection. Because the proxy hears of every intention change, it also closes
// the open connections a new intention denies; Consul 1.6 only refuses new ones.

#include "api/ApiClient.h"
#include "api/BlockingWatch.h"
#include "api/ConnectApi.h"
#include "proxy/Relay.h"
#include "proxy/TlsContext.h"
#include "state/Records.h"
#include "util/Logger.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTcpServer>
#include <QTimer>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <set>

namespace qonsul::proxy {

struct UpstreamSetting
{
    QString destinationName;
    QString destinationType = QStringLiteral("service");
    QString datacenter; // empty: the local one
    QString bindAddress = QStringLiteral("127.0.0.1");
    quint16 bindPort = 0;

    // "127.0.0.1:9191->service:default/socat", as Consul's proxy names an upstream.
    QString name() const;
};

struct ProxySettings
{
    QString proxyId; // set: configuration from the agent's registration of this proxy
    // Flags mode (no proxyId): the service this proxy speaks for, its upstreams, and the public
    // listener (empty listen: none) in front of serviceAddress.
    QString service;
    QList<UpstreamSetting> upstreams;
    QString listen;         // host:port
    QString serviceAddress; // host:port
};

// A listener whose accepted sockets go to `take` as descriptors.
class SocketListener : public QTcpServer
{
    Q_OBJECT
public:
    explicit SocketListener(std::function<void(int)> take, QObject *parent = nullptr)
        : QTcpServer(parent), m_take(std::move(take))
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override { m_take(int(descriptor)); }

private:
    std::function<void(int)> m_take;
};

class ConnectProxy : public QObject
{
    Q_OBJECT
public:
    ConnectProxy(ApiClient &client, Logger &logger, ProxySettings settings,
                 QObject *parent = nullptr);
    ~ConnectProxy() override;

    void start();

    int openConnections() const { return int(m_relays.size()); }
    quint16 publicPort() const; // 0 when there is no public listener (yet)

Q_SIGNALS:
    // The proxy cannot go on (a listener cannot bind): the command exits with this.
    void fatal(const QString &message);
    // TLS material and, for a sidecar, the configuration have arrived; the listeners run.
    void ready();

private:
    void applyServiceConfig(const QJsonObject &service);
    void onLeaf(const QJsonValue &value);
    void onRoots(const QJsonValue &value);
    void onIntentions(const QJsonValue &value);
    void rebuildTls();
    void startUpstream(const UpstreamSetting &upstream);
    void startPublicListener();
    void acceptInbound(int fd);
    void acceptOutbound(const UpstreamSetting &upstream, int fd);
    // Logs and reports how the connection ends; `destination` is the service it goes to.
    void track(Relay *relay, const QString &description, const QString &destination);
    // The decision for a caller with this SPIFFE id, and the text the log gives it.
    bool admits(const std::string &uri, std::string &reason) const;
    void recheckOpenConnections();
    // Queues an event for the agent's proxy-events list (sent in batches; see flushEvents).
    void report(const QString &source, const QString &destination, const char *outcome,
                const QString &reason);
    void flushEvents();

    ApiClient &m_client;
    Logger &m_logger;
    ProxySettings m_settings;
    QString m_serviceName; // the service this proxy speaks for
    DialTarget m_localApp;
    QString m_publicHost;
    quint16 m_publicPort = 0;
    bool m_configured = false;
    bool m_announced = false;

    std::unique_ptr<BlockingWatch> m_serviceWatch;
    std::unique_ptr<BlockingWatch> m_leafWatch;
    std::unique_ptr<BlockingWatch> m_rootsWatch;
    std::unique_ptr<BlockingWatch> m_intentionWatch;
    std::map<QString, std::unique_ptr<BlockingWatch>> m_healthWatches; // by destination
    std::map<QString, QList<DialTarget>> m_healthyInstances;           // by destination

    LeafCertificateEntry m_leaf;
    CaRootsEntry m_roots;
    bool m_haveLeaf = false;
    bool m_haveRoots = false;
    std::shared_ptr<const TlsContext> m_serverTls;
    std::shared_ptr<const TlsContext> m_clientTls;
    std::shared_ptr<BufferPool> m_buffers = std::make_shared<BufferPool>();
    // The intentions matching this service as a destination, in evaluation order, as the
    // rules take them: converted once per change, not per handshake.
    std::vector<state::Intention> m_intentions;
    bool m_haveIntentions = false;
    QString m_datacenter;

    std::unique_ptr<SocketListener> m_public;
    std::vector<std::unique_ptr<SocketListener>> m_upstreamListeners;
    std::set<QString> m_startedUpstreams;
    std::map<Relay *, QString> m_relays; // open connections and how the log names them
    mutable std::mt19937 m_random{std::random_device{}()};

    // Events on their way to the agent: at most maxPendingEvents wait (the oldest are dropped
    // when the agent does not keep up), one batch in flight, none at all once the agent says
    // it keeps no such list (a real Consul agent).
    static constexpr int maxPendingEvents = 1000;
    static constexpr int eventBatchDelayMs = 200;
    QList<ProxyEventEntry> m_pendingEvents;
    QTimer m_eventFlush;
    bool m_eventCallInFlight = false;
    bool m_eventsUnsupported = false;
};

} // namespace qonsul::proxy

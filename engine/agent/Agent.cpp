#include "agent/Agent.h"

#include "agent/AgentDns.h"
#include "agent/LeafCertificates.h"
#include "agent/RaftEvents.h"
#include "agent/RaftMembership.h"
#include "agent/ServerPool.h"
#include "agent/ServerRpcService.h"
#include "agent/SidecarService.h"
#include "agent/checks/LocalChecks.h"
#include "agent/config/RestartOnlySettings.h"
#include "agent/endpoints/AgentEndpoints.h"
#include "agent/endpoints/UiPage.h"
#include "dns/DnsServer.h"
#include "http/ApiServer.h"
#include "http/Endpoints.h"
#include "http/Router.h"
#include "raft/SqliteLogStore.h"
#include "server/Server.h"
#include "state/WatchHub.h"
#include "transport/GossipPool.h"
#include "transport/TcpRpcTransport.h"
#include "util/ThreadScheduling.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QUuid>

namespace qonsul {

namespace {
constexpr int antiEntropyIntervalMs = 60 * 1000;
const QString agentLog = QStringLiteral("agent");

std::string str(const QString &s)
{
    return s.toStdString();
}

std::vector<checks::CheckDefinition> stdVector(const QVector<checks::CheckDefinition> &list)
{
    return {list.begin(), list.end()};
}
} // namespace

Agent::Agent(AgentConfig config, ConfigSource reloadSource, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_reloadSource(std::move(reloadSource))
{
    LogLevel level = LogLevel::Info;
    if (parseLogLevel(m_config.logLevel, &level))
        m_logger.setLevel(level);
    m_nodeId = m_config.nodeId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces)
                                         : m_config.nodeId;
    m_antiEntropy.setInterval(antiEntropyIntervalMs);
    connect(&m_antiEntropy, &QTimer::timeout, this, [this] { syncToCatalog(); });
    m_checks = std::make_unique<checks::LocalChecks>(m_logger);
    connect(m_checks.get(), &checks::LocalChecks::syncRequested, this, &Agent::scheduleSync);
    connect(&m_reaper, &QTimer::timeout, this, &Agent::reapCriticalServices);
    m_reconcile.setInterval(60 * 1000); // Consul's reconcile_interval
    connect(&m_reconcile, &QTimer::timeout, this, [this] { reconcileMembers(true); });
    m_gossipWake.setSingleShot(true);
    m_gossipWake.setInterval(GossipEvents::wakeIntervalMs);
    connect(&m_gossipWake, &QTimer::timeout, this, [this] {
        state::ChangeSet change;
        change.topics.push_back(GossipEvents::topic);
        localWatches().notify(change);
    });
}

Agent::~Agent() = default;

QString Agent::advertiseAddress() const
{
    if (!m_config.advertiseAddr.isEmpty())
        return m_config.advertiseAddr;
    if (m_config.bindAddr.isEmpty() || m_config.bindAddr == QLatin1String("0.0.0.0"))
        return QStringLiteral("127.0.0.1");
    return m_config.bindAddr;
}

QString Agent::localHttpAddress() const
{
    QHostAddress host(m_config.clientAddr);
    if (host == QHostAddress::AnyIPv4 || host.isNull())
        host = QHostAddress::LocalHost;
    else if (host == QHostAddress::AnyIPv6)
        host = QHostAddress::LocalHostIPv6;
    return host.protocol() == QAbstractSocket::IPv6Protocol
               ? QStringLiteral("[%1]:%2").arg(host.toString()).arg(m_httpPort)
               : QStringLiteral("%1:%2").arg(host.toString()).arg(m_httpPort);
}

quint16 Agent::dnsPort() const
{
    return m_dns ? m_dns->port() : 0;
}

Expected<bool> Agent::openServerState()
{
    if (m_config.dev || m_config.dataDir.isEmpty())
        return true;
    const QString raftDir = QDir(m_config.dataDir).filePath(QStringLiteral("raft"));
    if (!QDir().mkpath(raftDir))
        return makeError(QStringLiteral("Failed to start Consul server: Failed to start Raft: "
                                        "cannot create %1")
                             .arg(raftDir));
    auto store = raft::SqliteLogStore::open(QDir(raftDir).filePath(QStringLiteral("raft.db")));
    Expected<bool> found =
        store ? m_server->useLogStore(std::move(*store)) : Expected<bool>(Error{store.error()});
    if (!found)
        return makeError(QStringLiteral("Failed to start Consul server: Failed to start Raft: %1")
                             .arg(found.error()));
    if (*found && m_config.bootstrap)
        m_logger.info(QStringLiteral("consul"),
                      QStringLiteral("Raft data found, disabling bootstrap mode"));
    return true;
}

void Agent::loadNodeId()
{
    if (m_config.dataDir.isEmpty() || m_config.dev)
        return;
    // Consul keeps the node's ID in <data-dir>/node-id, so that a restart keeps its identity.
    QFile file(QDir(m_config.dataDir).filePath(QStringLiteral("node-id")));
    if (m_config.nodeId.isEmpty() && file.open(QIODevice::ReadOnly)) {
        const QString stored = QString::fromUtf8(file.readAll()).trimmed();
        if (!QUuid::fromString(stored).isNull())
            m_nodeId = stored;
        file.close();
    }
    QDir().mkpath(m_config.dataDir);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(m_nodeId.toUtf8());
}

Expected<bool> Agent::start()
{
    loadNodeId();
    // This thread answers HTTP and DNS: a short slice lets it preempt busy probes and other
    // processes when a request arrives (see ThreadScheduling.h).
    const bool shortSlice = requestShortTimeSlice(std::chrono::microseconds(100));
    m_rpc = std::make_unique<transport::TcpRpcTransport>();
    if (m_config.labFaults) {
        m_faults = std::make_unique<transport::NetworkFaults>();
        m_rpc->setFaults(m_faults.get());
    }
    if (m_config.server) {
        // The RPC port first: its bound port (0 picks one) is the one gossip and Raft name.
        const Expected<bool> serving = m_rpc->serve(
            QStringLiteral("%1:%2").arg(m_config.bindAddr).arg(m_config.ports.server).toStdString(),
            [this](std::shared_ptr<transport::RpcCall> call) {
                if (m_rpcService)
                    m_rpcService->handle(std::move(call));
                else
                    call->answer(makeError(QStringLiteral("rpc error: not serving yet")));
            });
        if (!serving)
            return makeError(QStringLiteral("Failed to start Consul server: Failed to start RPC "
                                            "layer: %1")
                                 .arg(serving.error()));
        const std::string bound = m_rpc->servingAddress();
        m_serverPort = std::stoi(bound.substr(bound.rfind(':') + 1));
        const QString raftAddress =
            QStringLiteral("%1:%2").arg(advertiseAddress()).arg(m_serverPort);
        m_server = std::make_unique<server::Server>(m_config.nodeName, raftAddress, m_logger);
        m_server->setRaftId(m_nodeId);
        m_server->setRaftMultiplier(m_config.raftMultiplier);
        m_server->setTrailingLogs(uint64_t(m_config.raftTrailingLogs));
        m_server->setSnapshotPolicy(uint64_t(m_config.raftSnapshotThreshold),
                                    m_config.raftSnapshotIntervalMs);
        m_server->connectCa().setEnabled(m_config.connectEnabled);
        if (Expected<bool> durable = openServerState(); !durable)
            return durable;
        m_leafCertificates =
            std::make_unique<LeafCertificates>(*m_server, m_config.datacenter, m_logger);
        m_leafCertificates->setRotationJitterMs(m_leafRotationJitterMs);
    } else {
        m_clientWatches = std::make_unique<state::WatchHub>();
        m_serverPool = std::make_unique<ServerPool>(*m_rpc, m_config.datacenter, m_logger);
        m_serverPool->onServerAdded = [this] {
            syncToCatalog();
            learnLeader();
        };
    }
    m_router = std::make_unique<http::Router>();
    if (m_server) {
        m_endpointContext = std::make_unique<http::EndpointContext>(
            http::EndpointContext{*m_server, m_config.datacenter, m_config.nodeName, m_nodeId});
        http::registerStateEndpoints(*m_router, *m_endpointContext);
        http::registerAgentConnectEndpoints(*m_router, *this);
    }
    http::registerAgentEndpoints(*m_router, *this);
    http::registerAgentCheckEndpoints(*m_router, *this);
    http::registerAgentGossipEndpoints(*m_router, *this);
    http::registerEventEndpoints(*m_router, *this);
    http::registerLabEndpoints(*m_router, *this);
    http::registerAgentRaftEndpoints(*m_router, *this);

    http::ApiServerOptions options;
    options.alwaysPretty = m_config.dev;
    options.datacenter = m_config.datacenter;
    options.nodeName = m_config.nodeName;
    options.coordinatesDisabled = m_config.disableCoordinates;
    options.knownLeader = [this] { return !leaderAddress().isEmpty(); };
    options.propose = [this](fsm::Command command, server::Server::Completion applied) {
        proposeToCatalog(std::move(command), std::move(applied));
    };
    if (!m_server)
        options.forward = [this](const http::HttpRequest &request, http::Exchange &exchange) {
            forwardToServer(request, exchange);
        };
    if (m_server) {
        http::ApiServerOptions::Raft raft;
        raft.isLeader = [this] { return m_server->isLeader(); };
        raft.leaseHeld = [this] { return m_server->leadsWithLease(); };
        raft.forwardToLeader = [this](const http::HttpRequest &request, http::Exchange &exchange) {
            forwardToServer(request, exchange, m_server->leaderAddress().toStdString());
        };
        raft.confirmLeadership = [this](std::function<void(bool)> done) {
            m_server->confirmLeadership(std::move(done));
        };
        raft.lastContactMs = [this] { return m_server->lastContactMs(); };
        options.raft = std::move(raft);
    }
    if (m_config.ui)
        options.uiPage = [this] {
            http::HttpResponse page;
            page.contentType = "text/html; charset=utf-8";
            page.body = uiPageHtml(UiPageFacts{m_config.nodeName, m_config.datacenter,
                                               leaderAddress(), localHttpAddress()});
            return page;
        };
    m_api = std::make_unique<http::ApiServer>(*m_router, localWatches(), options);
    const QHostAddress clientAddress(m_config.clientAddr);
    if (clientAddress.isNull())
        return makeError(QStringLiteral("Invalid client address: %1").arg(m_config.clientAddr));
    m_httpPort = m_api->listenOn(clientAddress, quint16(m_config.ports.http));
    if (m_httpPort == 0)
        return makeError(QStringLiteral("Error starting agent: listen tcp %1:%2: bind: address "
                                        "already in use")
                             .arg(m_config.clientAddr)
                             .arg(m_config.ports.http));
    m_logger.info(agentLog, QStringLiteral("Started HTTP server on %1:%2 (tcp)")
                                .arg(m_config.clientAddr)
                                .arg(m_httpPort));
    if (m_config.ui)
        m_logger.info(agentLog,
                      QStringLiteral("UI: http://%1/ui/ tells how to open the desktop "
                                     "app attached to this agent: %2")
                          .arg(localHttpAddress(), desktopAttachCommand(localHttpAddress())));
    m_logger.debug(agentLog, shortSlice
                                 ? QStringLiteral("API thread runs with a 100us scheduler slice")
                                 : QStringLiteral("kernel refused a short scheduler slice for "
                                                  "the API thread (needs Linux 6.12+)"));
    if (m_config.ports.dns >= 0) {
        auto started = m_server ? startDnsServer(m_config, m_server->store(), m_logger)
                                : startDnsServer(m_config, remoteDnsResolver(), m_logger);
        if (!started)
            return makeError(started.error());
        m_dns = std::move(*started);
    }
    if (m_server)
        m_rpcService = std::make_unique<ServerRpcService>(*m_server, *m_api, m_dns.get());

    if (Expected<bool> gossip = startGossip(); !gossip)
        return gossip;
    if (m_server) {
        startServerRaft();
        // Alias checks follow the catalog; a client has none of its own (they stay critical
        // there: see the issue notes).
        m_checks->setCatalogChecks(
            [this](const std::string &node) { return m_server->store().nodeChecks(node); });
        connect(m_server.get(), &server::Server::committed, m_checks.get(),
                [this] { m_checks->catalogChanged(); });
    }
    for (const ServiceDefinition &def : m_config.services) {
        const QString error =
            registerServiceWithSidecar(serviceFromDefinition(def), stdVector(def.checks),
                                       sidecarRequestOf(def).get(), QStringLiteral("file"));
        if (!error.isEmpty())
            return makeError(
                QStringLiteral("Failed to register service \"%1\": %2").arg(def.name, error));
    }
    if (const QString error = loadConfigChecks(m_config); !error.isEmpty())
        return makeError(error);
    // Services and checks go to the catalog once the node they belong to is there.
    if (m_server)
        registerSelf([this] { syncToCatalog(); });
    else
        syncToCatalog();
    QTimer::singleShot(0, this, &Agent::retryJoin);
    if (m_server) {
        // At start the pool knows only this agent: members from before a restart come back as
        // they rejoin, so only the periodic passes deregister the ones that never do.
        QTimer::singleShot(0, this, [this] { reconcileMembers(false); });
        m_reconcile.start();
    }
    m_antiEntropy.start();
    m_reaper.start(int(m_checks->timings().reapIntervalMs));
    return true;
}

state::Node Agent::selfNode() const
{
    state::Node node;
    node.id = str(m_nodeId);
    node.name = str(m_config.nodeName);
    node.address = str(advertiseAddress());
    node.datacenter = str(m_config.datacenter);
    node.taggedAddresses = {{"lan", node.address}, {"wan", node.address}};
    node.meta["consul-network-segment"] = "";
    for (auto it = m_config.nodeMeta.begin(); it != m_config.nodeMeta.end(); ++it)
        node.meta[str(it.key())] = str(it.value());
    return node;
}

void Agent::registerSelf(std::function<void()> then)
{
    fsm::RegisterCommand reg;
    reg.node = selfNode();
    // A server registers what reconciliation would, serfHealth and the consul service (its
    // leader may be itself); a client only its node, and the leader adds serfHealth when it
    // hears the member join.
    if (m_server) {
        state::Service consul;
        consul.id = consul.name = "consul";
        consul.port = m_serverPort;
        reg.service = consul;
        state::Check serf;
        serf.checkId = "serfHealth";
        serf.name = "Serf Health Status";
        serf.status = state::health::passing;
        serf.output = "Agent alive and reachable";
        reg.checks.push_back(serf);
    }
    fsm::Command c;
    c.body = std::move(reg);
    m_registering = true;
    proposeToCatalog(std::move(c), [this, then](const fsm::ApplyResult &result) {
        m_registering = false;
        if (!result.error.empty()) {
            m_logger.error(agentLog, QStringLiteral("failed to sync node info: %1")
                                         .arg(QString::fromStdString(result.error)));
            return;
        }
        m_nodeInfoSynced = true;
        m_logger.info(agentLog, QStringLiteral("Synced node info"));
        if (then)
            then();
    });
}

state::Service Agent::serviceFromDefinition(const ServiceDefinition &d)
{
    state::Service s;
    s.id = str(d.id.isEmpty() ? d.name : d.id);
    s.name = str(d.name);
    for (const QString &t : d.tags)
        s.tags.push_back(str(t));
    s.address = str(d.address);
    for (auto it = d.meta.begin(); it != d.meta.end(); ++it)
        s.meta[str(it.key())] = str(it.value());
    s.port = d.port;
    s.enableTagOverride = d.enableTagOverride;
    s.weights.passing = d.weightPassing;
    s.weights.warning = d.weightWarning;
    s.kind = str(d.kind);
    s.proxy = proxyFromDefinition(d.proxy);
    s.connectNative = d.connectNative;
    return s;
}

QString Agent::validateService(const state::Service &s) const
{
    if (s.name.empty())
        return QStringLiteral("Missing service name");
    if (s.address == "0.0.0.0" || s.address == "::" || s.address == "[::]")
        return QStringLiteral("Invalid service address");
    if (s.weights.passing < 1 || s.weights.passing > 65535 || s.weights.warning < 0 ||
        s.weights.warning > 65535)
        return QStringLiteral("Invalid Weights: Passing must be between 1 and 65535, Warning "
                              "between 0 and 65535");
    if (s.meta.size() > 64)
        return QStringLiteral("Invalid Service Meta: Node metadata cannot contain more than 64 "
                              "key/value pairs");
    static const QRegularExpression metaKey(QStringLiteral("^[A-Za-z0-9_-]+$"));
    for (const auto &[k, v] : s.meta) {
        const QString key = QString::fromStdString(k);
        if (key.size() > 128 || !metaKey.match(key).hasMatch())
            return QStringLiteral("Invalid Service Meta: Key contains invalid characters or is "
                                  "too long: %1")
                .arg(key);
        if (key.startsWith(QLatin1String("consul-")))
            return QStringLiteral("Invalid Service Meta: Key prefix 'consul-' is reserved for "
                                  "internal use");
        if (v.size() > 512)
            return QStringLiteral("Invalid Service Meta: Value is too long (limit: 512 "
                                  "characters)");
    }
    return {};
}

QString Agent::registerService(state::Service service, const QString &source)
{
    if (service.id.empty())
        service.id = service.name;
    const QString error = validateService(service);
    if (!error.isEmpty())
        return error;
    static const QRegularExpression dnsSafe(QStringLiteral("^[A-Za-z0-9-]{1,63}$"));
    if (!dnsSafe.match(QString::fromStdString(service.name)).hasMatch())
        m_logger.warn(agentLog,
                      QStringLiteral("Service name \"%1\" will not be discoverable via DNS due to "
                                     "invalid characters. Valid characters include all "
                                     "alpha-numerics and dashes.")
                          .arg(QString::fromStdString(service.name)));
    service.node = str(m_config.nodeName);
    const std::string id = service.id;
    m_services[id] = std::move(service);
    m_serviceSource[id] = source;
    m_checks->serviceUpdated(m_services[id]);
    announceLocalChange(id);
    scheduleSync();
    return {};
}

bool Agent::deregisterService(const std::string &id)
{
    // A sidecar goes with the service it was registered for.
    for (auto it = m_sidecarParent.begin(); it != m_sidecarParent.end();) {
        if (it->second == id && it->first != id) {
            const std::string sidecar = it->first;
            it = m_sidecarParent.erase(it);
            deregisterService(sidecar);
        } else {
            ++it;
        }
    }
    m_sidecarParent.erase(id);
    if (m_services.count(id))
        removeServiceChecks(id);
    if (!m_services.erase(id)) {
        m_logger.warn(agentLog, QStringLiteral("Failed to deregister service \"%1\": Service "
                                               "does not exist")
                                    .arg(QString::fromStdString(id)));
        return false;
    }
    m_serviceSource.erase(id);
    announceLocalChange(id);
    scheduleSync();
    return true;
}

void Agent::announceLocalChange(const std::string &serviceId)
{
    if (!m_server && !m_clientWatches)
        return;
    state::ChangeSet change;
    change.topics.push_back(localServiceTopic(serviceId));
    localWatches().notify(change);
}

void Agent::scheduleSync()
{
    if (m_syncQueued || (!m_server && !m_serverPool))
        return;
    m_syncQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_syncQueued = false;
            syncToCatalog(false);
        },
        Qt::QueuedConnection);
}

void Agent::syncToCatalog(bool full)
{
    if (m_leaving || (m_server && !m_server->isLeader()) || (!m_server && !m_serverPool))
        return;
    withNodeView([this, full](const state::StateStore &store) { syncWith(store, full); });
}

void Agent::syncWith(const state::StateStore &store, bool full)
{
    if (m_leaving)
        return;
    const std::string node = str(m_config.nodeName);
    const state::Node *registered = store.node(node);
    const state::Node wanted = selfNode();
    // Registered by this agent, or by the leader when it heard the member join (without the
    // node's meta): either way the node info is this agent's to keep right.
    // The first sync pushes the node info whatever the catalog holds (Consul's agent starts
    // with its node out of sync, and logs "Synced node info" once it is).
    if (!m_nodeInfoSynced || !registered || registered->id != wanted.id ||
        registered->address != wanted.address ||
        registered->taggedAddresses != wanted.taggedAddresses || registered->meta != wanted.meta) {
        registerSelf([this, full] { syncToCatalog(full); });
        return;
    }

    for (const state::Service *remote : store.nodeServices(node)) {
        if (remote->id == "consul" && m_config.server)
            continue;
        if (m_services.count(remote->id))
            continue;
        const QString id = QString::fromStdString(remote->id);
        fsm::Command c;
        c.body = fsm::DeregisterCommand{node, remote->id, {}};
        proposeToCatalog(std::move(c), [this, id](const fsm::ApplyResult &) {
            m_logger.info(agentLog, QStringLiteral("Deregistered service \"%1\"").arg(id));
        });
    }
    for (const auto &[id, local] : m_services) {
        const QString qid = QString::fromStdString(id);
        bool inSync = false;
        for (const state::Service *remote : store.nodeServices(node))
            if (remote->id == id)
                inSync = remote->name == local.name && remote->tags == local.tags &&
                         remote->address == local.address && remote->meta == local.meta &&
                         remote->port == local.port &&
                         remote->weights.passing == local.weights.passing &&
                         remote->weights.warning == local.weights.warning &&
                         remote->enableTagOverride == local.enableTagOverride &&
                         remote->kind == local.kind;
        if (inSync) {
            m_logger.debug(agentLog, QStringLiteral("Service \"%1\" in sync").arg(qid));
            continue;
        }
        fsm::RegisterCommand reg;
        reg.node = *store.node(node);
        reg.skipNodeUpdate = true;
        reg.service = local;
        fsm::Command c;
        c.body = std::move(reg);
        proposeToCatalog(std::move(c), [this, qid](const fsm::ApplyResult &result) {
            if (result.error.empty())
                m_logger.info(agentLog, QStringLiteral("Synced service \"%1\"").arg(qid));
            else
                m_logger.error(agentLog, QStringLiteral("failed to sync service \"%1\": %2")
                                             .arg(qid, QString::fromStdString(result.error)));
        });
    }
    syncChecks(store, full);
}

Expected<bool> Agent::reload()
{
    m_logger.info(agentLog, QStringLiteral("Reloading configuration..."));
    if (!m_reloadSource)
        return makeError(QStringLiteral("Reload is not available for this agent"));
    Expected<AgentConfig> next = m_reloadSource();
    if (!next) {
        m_logger.error(agentLog, QStringLiteral("Reload config failed: %1").arg(next.error()));
        return makeError(next.error());
    }
    // Validate every service before touching the running ones: a bad file changes nothing.
    std::map<std::string, state::Service> fromFiles;
    for (const ServiceDefinition &def : next->services) {
        state::Service s = serviceFromDefinition(def);
        QString error = validateService(s);
        if (error.isEmpty())
            error = validateConnectParts(s, sidecarRequestOf(def).get());
        if (!error.isEmpty()) {
            const QString message =
                QStringLiteral("Failed to register service \"%1\": %2").arg(def.name, error);
            m_logger.error(agentLog, QStringLiteral("Reload config failed: %1").arg(message));
            return makeError(message);
        }
        if (!def.sidecarService.empty())
            fromFiles[sidecarServiceId(s.id)] = s;
        fromFiles[s.id] = s;
    }
    if (const QString error = reloadChecks(*next); !error.isEmpty()) {
        m_logger.error(agentLog, QStringLiteral("Reload config failed: %1").arg(error));
        return makeError(error);
    }
    m_restartOnlyChanges = qonsul::restartOnlyChanges(m_config, *next);
    if (!m_restartOnlyChanges.isEmpty())
        m_logger.warn(agentLog, QStringLiteral("These settings changed but cannot be reloaded; "
                                               "restart the agent to apply them: %1")
                                    .arg(m_restartOnlyChanges.join(QStringLiteral(", "))));
    std::vector<std::string> removed;
    for (const auto &[id, source] : m_serviceSource)
        if (source == QLatin1String("file") && !fromFiles.count(id))
            removed.push_back(id);
    for (const std::string &id : removed)
        deregisterService(id);
    for (const ServiceDefinition &def : next->services)
        registerServiceWithSidecar(serviceFromDefinition(def), stdVector(def.checks),
                                   sidecarRequestOf(def).get(), QStringLiteral("file"));
    for (const checks::CheckDefinition &definition : next->checks)
        registerCheck(definition, QStringLiteral("file"));
    scheduleSync(); // removals need a sync too
    LogLevel level = LogLevel::Info;
    if (parseLogLevel(next->logLevel, &level))
        m_logger.setLevel(level);
    m_config.services = next->services;
    m_config.checks = next->checks;
    m_config.nodeMeta = next->nodeMeta;
    m_config.logLevel = next->logLevel;
    m_config.watches = next->watches; // whoever runs them restarts them on reloaded()
    if (m_dns) { // DNS settings reload; the domains and listeners stay, as in Consul
        dns::DnsConfig dnsConfig = dnsConfigOf(*next);
        dnsConfig.domain = m_dns->config().domain;
        dnsConfig.altDomain = m_dns->config().altDomain;
        m_dns->setConfig(std::move(dnsConfig));
    }
    Q_EMIT reloaded();
    return true;
}

void Agent::leave()
{
    if (m_leaving)
        return;
    m_leaving = true;
    m_logger.info(agentLog, QStringLiteral("Requesting shutdown"));
    m_antiEntropy.stop();
    m_reaper.stop();
    m_checks->stopAll();
    const raft::Raft *core = m_server ? m_server->raft() : nullptr;
    if (m_server && m_server->isLeader() && core && core->configuration().servers.size() > 1) {
        // Consul's leaving leader takes itself out of the Raft configuration first, so that the
        // others go on with a quorum of their own; it steps down once that commits, and the
        // next leader deregisters its node when gossip says it left.
        m_logger.info(QStringLiteral("consul"),
                      QStringLiteral("server starting leave; removing itself from Raft"));
        m_server->removePeer(m_server->raftId(), [this](const QString &error) {
            if (!error.isEmpty())
                m_logger.error(
                    QStringLiteral("consul"),
                    QStringLiteral("failed to remove ourself as a Raft peer: %1").arg(error));
            finishLeave();
        });
        // A change lost with the leadership never commits here: leave anyway.
        QTimer::singleShot(5000, this, &Agent::finishLeave);
        return;
    }
    if (m_server && m_server->isLeader()) {
        // The last server of a cluster: its node leaves the catalog with it.
        fsm::Command c;
        c.body = fsm::DeregisterCommand{str(m_config.nodeName), {}, {}};
        // Committed before stopped() below, which is queued after it.
        m_server->propose(std::move(c));
    }
    finishLeave();
}

void Agent::finishLeave()
{
    if (std::exchange(m_leaveFinishing, true))
        return;
    // Tell the pool, then stop once the news has gone out.
    leaveGossip([this] {
        m_logger.info(QStringLiteral("consul"), m_server ? QStringLiteral("shutting down server")
                                                         : QStringLiteral("shutting down client"));
        m_logger.info(agentLog, QStringLiteral("shutdown complete"));
        Q_EMIT stopped();
    });
}

} // namespace qonsul

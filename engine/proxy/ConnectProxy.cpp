#include "proxy/ConnectProxy.h"

#include "connect/Certificates.h"
#include "connect/IntentionRules.h"
#include "connect/Spiffe.h"
#include "state/IntentionText.h"
#include "state/StateStore.h"
#include "util/GoTime.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <unistd.h>

namespace qonsul::proxy {

namespace {

// Consul's proxy logs without a subsystem.
const QString noSubsystem;

QString hostOf(const QString &hostPort, quint16 *port)
{
    const qsizetype colon = hostPort.lastIndexOf(QLatin1Char(':'));
    *port = quint16(hostPort.mid(colon + 1).toUInt());
    QString host = hostPort.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    return host;
}

state::Intention recordOf(const IntentionEntry &entry)
{
    state::Intention i;
    i.id = entry.id.toStdString();
    i.sourceNs = entry.sourceNs.toStdString();
    i.sourceName = entry.sourceName.toStdString();
    i.destinationNs = entry.destinationNs.toStdString();
    i.destinationName = entry.destinationName.toStdString();
    i.action = entry.action == QLatin1String("deny") ? state::IntentionAction::Deny
                                                     : state::IntentionAction::Allow;
    i.precedence = entry.precedence;
    return i;
}

} // namespace

QString UpstreamSetting::name() const
{
    return QStringLiteral("%1:%2->%3:default/%4")
        .arg(bindAddress)
        .arg(bindPort)
        .arg(destinationType, destinationName);
}

ConnectProxy::ConnectProxy(ApiClient &client, Logger &logger, ProxySettings settings,
                           QObject *parent)
    : QObject(parent), m_client(client), m_logger(logger), m_settings(std::move(settings))
{
    m_eventFlush.setSingleShot(true);
    connect(&m_eventFlush, &QTimer::timeout, this, &ConnectProxy::flushEvents);
}

ConnectProxy::~ConnectProxy()
{
    // Relays are children; closing them here keeps their closed() from reaching a half-gone
    // proxy.
    for (auto &[relay, _] : m_relays)
        relay->disconnect(this);
}

quint16 ConnectProxy::publicPort() const
{
    return m_public ? m_public->serverPort() : 0;
}

void ConnectProxy::start()
{
    if (!m_settings.proxyId.isEmpty()) {
        m_serviceWatch = std::make_unique<BlockingWatch>(
            &m_client, ApiRequest::get(QStringLiteral("/v1/agent/service/") + m_settings.proxyId));
        connect(m_serviceWatch.get(), &BlockingWatch::changed, this,
                [this](quint64, const QJsonValue &value) {
                    if (value.isNull()) {
                        m_logger.error(noSubsystem,
                                       QStringLiteral("failed to get proxy config: unknown proxy "
                                                      "service ID: %1")
                                           .arg(m_settings.proxyId));
                        return;
                    }
                    applyServiceConfig(value.toObject());
                });
        m_serviceWatch->start();
        return;
    }
    m_serviceName = m_settings.service;
    for (const UpstreamSetting &upstream : m_settings.upstreams)
        startUpstream(upstream);
    if (!m_settings.listen.isEmpty()) {
        m_publicHost = hostOf(m_settings.listen, &m_publicPort);
        quint16 port = 0;
        m_localApp.host = hostOf(m_settings.serviceAddress, &port);
        m_localApp.port = port;
    }
    QJsonObject none;
    applyServiceConfig(none);
}

void ConnectProxy::applyServiceConfig(const QJsonObject &service)
{
    if (!service.isEmpty()) {
        const QJsonObject proxy = service.value("Proxy").toObject();
        m_serviceName = proxy.value("DestinationServiceName").toString();
        const QString address = service.value("Address").toString();
        m_publicHost = address.isEmpty() ? QStringLiteral("0.0.0.0") : address;
        m_publicPort = quint16(service.value("Port").toInt());
        const QString local = proxy.value("LocalServiceAddress").toString();
        m_localApp.host = local.isEmpty() ? QStringLiteral("127.0.0.1") : local;
        m_localApp.port = quint16(proxy.value("LocalServicePort").toInt());
        for (const QJsonValue &item : proxy.value("Upstreams").toArray()) {
            const QJsonObject u = item.toObject();
            UpstreamSetting upstream;
            upstream.destinationName = u.value("DestinationName").toString();
            const QString type = u.value("DestinationType").toString();
            if (!type.isEmpty())
                upstream.destinationType = type;
            upstream.datacenter = u.value("Datacenter").toString();
            const QString bind = u.value("LocalBindAddress").toString();
            if (!bind.isEmpty())
                upstream.bindAddress = bind;
            upstream.bindPort = quint16(u.value("LocalBindPort").toInt());
            if (upstream.bindPort > 0)
                startUpstream(upstream);
        }
    }
    if (m_configured)
        return; // the watches below follow the service they were started for
    m_configured = true;

    m_leafWatch = std::make_unique<BlockingWatch>(
        &m_client, ApiRequest::get(QStringLiteral("/v1/agent/connect/ca/leaf/") + m_serviceName));
    connect(m_leafWatch.get(), &BlockingWatch::changed, this,
            [this](quint64, const QJsonValue &value) { onLeaf(value); });
    m_rootsWatch = std::make_unique<BlockingWatch>(
        &m_client, ApiRequest::get(QStringLiteral("/v1/agent/connect/ca/roots")));
    connect(m_rootsWatch.get(), &BlockingWatch::changed, this,
            [this](quint64, const QJsonValue &value) { onRoots(value); });
    ApiRequest match = ApiRequest::get(QStringLiteral("/v1/connect/intentions/match"));
    match.addQuery(QStringLiteral("by"), QStringLiteral("destination"))
        .addQuery(QStringLiteral("name"), m_serviceName);
    m_intentionWatch = std::make_unique<BlockingWatch>(&m_client, match);
    connect(m_intentionWatch.get(), &BlockingWatch::changed, this,
            [this](quint64, const QJsonValue &value) { onIntentions(value); });
    for (BlockingWatch *watch : {m_leafWatch.get(), m_rootsWatch.get(), m_intentionWatch.get()}) {
        watch->setBackoff(std::chrono::milliseconds(200), std::chrono::seconds(5));
        connect(watch, &BlockingWatch::failed, this, [this](const QString &error) {
            m_logger.error(noSubsystem, QStringLiteral("watch error: %1").arg(error));
        });
        watch->start();
    }
}

void ConnectProxy::startUpstream(const UpstreamSetting &upstream)
{
    const QString name = upstream.name();
    if (!m_startedUpstreams.insert(name).second)
        return;
    m_logger.info(noSubsystem, QStringLiteral("%1 starting on %2:%3")
                                   .arg(name, upstream.bindAddress)
                                   .arg(upstream.bindPort));
    auto listener = std::make_unique<SocketListener>(
        [this, upstream](int fd) { acceptOutbound(upstream, fd); });
    if (!listener->listen(QHostAddress(upstream.bindAddress), upstream.bindPort)) {
        Q_EMIT fatal(QStringLiteral("failed to listen on %1:%2: %3")
                         .arg(upstream.bindAddress)
                         .arg(upstream.bindPort)
                         .arg(listener->errorString()));
        return;
    }
    m_upstreamListeners.push_back(std::move(listener));

    const QString destination = upstream.destinationName;
    if (m_healthWatches.count(destination))
        return;
    ApiRequest health = ApiRequest::get(QStringLiteral("/v1/health/connect/") + destination);
    health.addQuery(QStringLiteral("passing")).addQuery(QStringLiteral("stale"));
    if (!upstream.datacenter.isEmpty())
        health.addQuery(QStringLiteral("dc"), upstream.datacenter);
    auto watch = std::make_unique<BlockingWatch>(&m_client, health);
    watch->setBackoff(std::chrono::milliseconds(200), std::chrono::seconds(5));
    connect(watch.get(), &BlockingWatch::changed, this,
            [this, destination](quint64, const QJsonValue &value) {
                QList<DialTarget> instances;
                for (const QJsonValue &item : value.toArray()) {
                    const QJsonObject entry = item.toObject();
                    const QJsonObject service = entry.value("Service").toObject();
                    QString address = service.value("Address").toString();
                    if (address.isEmpty())
                        address = entry.value("Node").toObject().value("Address").toString();
                    instances.append(DialTarget{address, quint16(service.value("Port").toInt())});
                }
                m_healthyInstances[destination] = instances;
            });
    watch->start();
    m_healthWatches[destination] = std::move(watch);
}

void ConnectProxy::onLeaf(const QJsonValue &value)
{
    m_leaf = leafCertificateFromJson(value);
    m_haveLeaf = !m_leaf.certPem.isEmpty();
    const connect::ParsedSpiffe id = connect::parseSpiffe(m_leaf.serviceUri.toStdString());
    if (id.kind == connect::SpiffeKind::Service)
        m_datacenter = QString::fromStdString(id.service.datacenter);
    rebuildTls();
}

void ConnectProxy::onRoots(const QJsonValue &value)
{
    m_roots = caRootsFromJson(value);
    m_haveRoots = !m_roots.roots.isEmpty();
    rebuildTls();
}

void ConnectProxy::onIntentions(const QJsonValue &value)
{
    m_intentions.clear();
    for (const IntentionEntry &entry : intentionsFromJson(value.toObject().value(m_serviceName)))
        m_intentions.push_back(recordOf(entry));
    const bool first = !m_haveIntentions;
    m_haveIntentions = true;
    if (!first)
        recheckOpenConnections();
}

void ConnectProxy::rebuildTls()
{
    if (!m_haveLeaf || !m_haveRoots)
        return;
    TlsIdentity identity;
    identity.certPem = m_leaf.certPem.toStdString();
    identity.keyPem = m_leaf.privateKeyPem.toStdString();
    QStringList rootNames;
    for (const CaRootEntry &root : m_roots.roots) {
        identity.rootPems.push_back(root.rootCertPem.toStdString());
        if (root.active)
            for (const QString &pem : root.intermediateCertPems)
                identity.intermediatePems.push_back(pem.toStdString());
        auto info = connect::inspectCertificate(root.rootCertPem.toStdString());
        rootNames << (info ? QString::fromStdString(info->commonName) : root.name);
    }
    auto server = TlsContext::make(identity, TlsContext::Side::Server);
    auto client = TlsContext::make(identity, TlsContext::Side::Client);
    if (!server || !client) {
        m_logger.error(noSubsystem, QStringLiteral("failed to load the TLS identity: %1")
                                        .arg(server ? client.error() : server.error()));
        return;
    }
    // New connections take these; open ones keep the context they started with.
    m_serverTls = *server;
    m_clientTls = *client;
    if (m_announced)
        return;
    m_announced = true;
    m_logger.info(noSubsystem, QStringLiteral("Proxy loaded config and ready to serve"));
    m_logger.info(noSubsystem, QStringLiteral("TLS Identity: %1").arg(m_leaf.serviceUri));
    m_logger.info(noSubsystem,
                  QStringLiteral("TLS Roots   : [%1]").arg(rootNames.join(QLatin1Char(' '))));
    startPublicListener();
    Q_EMIT ready();
}

void ConnectProxy::startPublicListener()
{
    // A sidecar listens on its registered port; the flag form only with -listen.
    if (m_settings.proxyId.isEmpty() ? m_settings.listen.isEmpty() : m_publicPort == 0)
        return;
    m_public = std::make_unique<SocketListener>([this](int fd) { acceptInbound(fd); });
    const QString where = QStringLiteral("%1:%2").arg(m_publicHost).arg(m_publicPort);
    m_logger.info(noSubsystem, QStringLiteral("public listener starting on %1").arg(where));
    if (!m_public->listen(QHostAddress(m_publicHost), m_publicPort))
        Q_EMIT fatal(
            QStringLiteral("failed to listen on %1: %2").arg(where, m_public->errorString()));
}

bool ConnectProxy::admits(const std::string &uri, std::string &reason) const
{
    const connect::ParsedSpiffe id = connect::parseSpiffe(uri);
    const std::string destination = m_serviceName.toStdString();
    if (id.kind != connect::SpiffeKind::Service) {
        reason = "? → " + destination + " denied: " + (uri.empty() ? "no" : uri) +
                 " is not a service identity";
        return false;
    }
    const std::string &source = id.service.service;
    if (state::lowered(id.service.trustDomain) != m_roots.trustDomain.toLower().toStdString()) {
        reason = source + " → " + destination +
                 " denied: identity from an external trust domain: " + id.service.trustDomain;
        return false;
    }
    if (!m_haveIntentions) {
        reason = source + " → " + destination + " denied: intentions not loaded yet";
        return false;
    }
    std::vector<const state::Intention *> matched;
    matched.reserve(m_intentions.size());
    for (const state::Intention &i : m_intentions)
        matched.push_back(&i);
    const connect::Decision decision = connect::decideMatched(matched, source);
    const std::string verdict = decision.allowed ? "allowed" : "denied";
    if (decision.intention) {
        const state::Intention &i = *decision.intention;
        reason = source + " → " + destination + " " + verdict + " by intention " + i.sourceName +
                 " => " + i.destinationName + " (" + state::intentionActionName(i.action) + ")";
    } else {
        reason = source + " → " + destination + " " + verdict + " by default: no intention matches";
    }
    return decision.allowed;
}

void ConnectProxy::acceptInbound(int fd)
{
    if (!m_serverTls) {
        ::close(fd);
        return;
    }
    auto *relay = new Relay(
        Relay::Mode::Inbound, m_serverTls, m_buffers, fd, m_localApp,
        [this](const std::string &uri, std::string &reason) { return admits(uri, reason); }, this);
    track(relay, m_serviceName, m_serviceName);
    connect(relay, &Relay::established, this, [this, relay] {
        std::string reason;
        admits(relay->peerUri(), reason);
        const connect::ParsedSpiffe caller = connect::parseSpiffe(relay->peerUri());
        const QString source = QString::fromStdString(caller.service.service);
        m_relays[relay] = QStringLiteral("%1 → %2").arg(source, m_serviceName);
        m_logger.info(noSubsystem, QString::fromStdString(reason));
        report(source, m_serviceName, "allowed", QString::fromStdString(reason));
    });
    relay->start();
}

void ConnectProxy::acceptOutbound(const UpstreamSetting &upstream, int fd)
{
    const QString destination = upstream.destinationName;
    const QList<DialTarget> instances = m_healthyInstances[destination];
    if (!m_clientTls || instances.isEmpty()) {
        const QString line = QStringLiteral("%1 → %2: failed to dial: %3")
                                 .arg(m_serviceName, destination,
                                      m_clientTls ? QStringLiteral("no healthy instances found")
                                                  : QStringLiteral("no TLS certificate yet"));
        m_logger.error(noSubsystem, line);
        report(m_serviceName, destination, "failed", line);
        ::close(fd);
        return;
    }
    std::uniform_int_distribution<qsizetype> pick(0, instances.size() - 1);
    const DialTarget target = instances[pick(m_random)];
    const QString datacenter = upstream.datacenter.isEmpty() ? m_datacenter : upstream.datacenter;
    const std::string want =
        connect::ServiceIdentity{m_roots.trustDomain.toStdString(), "default",
                                 datacenter.toStdString(), destination.toStdString()}
            .uri();
    auto check = [want, destination, datacenter](const std::string &uri, std::string &reason) {
        const connect::ParsedSpiffe got = connect::parseSpiffe(uri);
        const bool same =
            got.kind == connect::SpiffeKind::Service &&
            QString::fromStdString(got.service.service).compare(destination, Qt::CaseInsensitive) ==
                0 &&
            got.service.ns == "default" &&
            QString::fromStdString(got.service.datacenter)
                    .compare(datacenter, Qt::CaseInsensitive) == 0;
        if (!same)
            reason = "peer certificate mismatch got " + uri + ", want " + want;
        return same;
    };
    auto *relay = new Relay(Relay::Mode::Outbound, m_clientTls, m_buffers, fd, target, check, this);
    const QString description =
        QStringLiteral("%1 → %2 (%3)").arg(m_serviceName, destination, target.text());
    track(relay, description, destination);
    connect(relay, &Relay::established, this, [this, description] {
        m_logger.info(noSubsystem, QStringLiteral("%1 connected").arg(description));
    });
    relay->start();
}

void ConnectProxy::track(Relay *relay, const QString &description, const QString &destination)
{
    m_relays[relay] = description;
    connect(relay, &Relay::closed, this,
            [this, relay, destination](const QString &reason, bool refused) {
                const QString description = m_relays[relay];
                m_relays.erase(relay);
                if (reason == Relay::closedBeforeHandshake()) {
                    m_logger.debug(noSubsystem, QStringLiteral("%1: %2").arg(description, reason));
                } else if (refused && relay->mode() == Relay::Mode::Inbound) {
                    m_logger.info(noSubsystem, reason);
                    // A caller whose chain verified was judged by the intentions: a denial.
                    // Callers that never proved an identity are only logged.
                    const connect::ParsedSpiffe caller = connect::parseSpiffe(relay->peerUri());
                    if (caller.kind == connect::SpiffeKind::Service)
                        report(QString::fromStdString(caller.service.service), m_serviceName,
                               "denied", reason);
                } else if (refused) {
                    const QString line = QStringLiteral("%1: %2").arg(description, reason);
                    m_logger.error(noSubsystem, line);
                    report(m_serviceName, destination, "failed", line);
                } else if (reason != QLatin1String("done")) {
                    m_logger.info(noSubsystem,
                                  QStringLiteral("%1 closed: %2").arg(description, reason));
                }
            });
}

void ConnectProxy::recheckOpenConnections()
{
    std::vector<std::pair<Relay *, std::string>> denied;
    for (const auto &[relay, _] : m_relays) {
        if (relay->mode() != Relay::Mode::Inbound || !relay->isRelaying())
            continue;
        std::string reason;
        if (!admits(relay->peerUri(), reason))
            denied.emplace_back(relay, reason);
    }
    // Consul 1.6 only refuses new connections; learners expect the echo to stop, so open ones
    // that the change denies are closed too.
    for (const auto &[relay, reason] : denied) {
        const QString line = QString::fromStdString(reason);
        report(QString::fromStdString(connect::parseSpiffe(relay->peerUri()).service.service),
               m_serviceName, "closed", line);
        relay->closeNow(line);
    }
}

void ConnectProxy::report(const QString &source, const QString &destination, const char *outcome,
                          const QString &reason)
{
    if (m_eventsUnsupported)
        return;
    if (m_pendingEvents.size() >= maxPendingEvents)
        m_pendingEvents.removeFirst();
    const QString proxyId = m_settings.proxyId.isEmpty() ? m_serviceName : m_settings.proxyId;
    m_pendingEvents.append({0, QString::fromStdString(util::formatRfc3339Nano(util::unixNowNs())),
                            proxyId, source, destination, QLatin1String(outcome), reason});
    if (!m_eventFlush.isActive() && !m_eventCallInFlight)
        m_eventFlush.start(eventBatchDelayMs);
}

void ConnectProxy::flushEvents()
{
    if (m_pendingEvents.isEmpty() || m_eventCallInFlight || m_eventsUnsupported)
        return;
    QList<ProxyEventEntry> batch;
    batch.swap(m_pendingEvents);
    m_eventCallInFlight = true;
    ApiCall *call = m_client.start(ConnectApi::reportProxyEvents(batch).request);
    connect(call, &ApiCall::finished, this, [this](ApiCall *done) {
        m_eventCallInFlight = false;
        const ApiResponse &response = done->response();
        if (response.statusCode == 404 || response.statusCode == 405) {
            // Consul's agents keep no such list: the log on stdout is all there is.
            m_eventsUnsupported = true;
            m_pendingEvents.clear();
            m_logger.debug(noSubsystem,
                           QStringLiteral("the agent keeps no proxy events; not reporting them"));
            return;
        }
        if (response.statusCode != 200) // the agent is away: these are lost, later ones go
            m_logger.debug(noSubsystem,
                           QStringLiteral("reporting proxy events: %1").arg(response.errorText()));
        if (!m_pendingEvents.isEmpty())
            m_eventFlush.start(eventBatchDelayMs);
    });
}

} // namespace qonsul::proxy

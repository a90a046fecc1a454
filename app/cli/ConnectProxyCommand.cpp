// `qonsul connect proxy`: the built-in Connect proxy as its own process, configured from a
// sidecar registration (-sidecar-for, -proxy-id) or from flags (-service, -upstream, -listen,
// -service-addr, -register), with Consul's banner and log lines (reference §14.3, §18.6).

#include "Commands.h"
#include "UnixSignals.h"
#include "api/AgentApi.h"
#include "api/SyncCall.h"
#include "proxy/ConnectProxy.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>
#include <cstdio>
#include <sys/resource.h>

namespace qonsul::cli {

namespace {

// Labels right-aligned under "Configuration mode", as Consul's banner prints them.
QString bannerLine(const QString &label, const QString &value)
{
    return QStringLiteral("    %1: %2").arg(label, 18).arg(value);
}

class ConnectProxyCommand : public ClientCommand
{
public:
    explicit ConnectProxyCommand(Ui &ui) : ClientCommand(ui)
    {
        m_flags.addString("sidecar-for", &m_sidecarFor,
                          "The ID of a service instance on the local agent that this proxy "
                          "should become a sidecar for. It needs the sidecar's registration "
                          "(connect.sidecar_service).");
        m_flags.addString("proxy-id", &m_proxyId,
                          "The proxy's ID on the local agent (its registration holds the "
                          "configuration).");
        m_flags.addString("service", &m_service,
                          "Name of the service this proxy represents (flags mode).");
        m_flags.addList("upstream", &m_upstreams,
                        "Upstream as name:port: a local listener on 127.0.0.1:port that "
                        "reaches the service name over Connect. Repeat for several.");
        m_flags.addString("listen", &m_listen,
                          "Address (host:port) of the public mTLS listener (flags mode).");
        m_flags.addString("service-addr", &m_serviceAddress,
                          "Address (host:port) of the local application the public listener "
                          "sends to (flags mode).");
        m_flags.addBool("register", &m_register,
                        "Register the proxy with the local agent while it runs (flags mode, "
                        "with -listen).");
        m_flags.addString("register-id", &m_registerId,
                          "The ID to register with; defaults to <service>-proxy.");
        m_flags.addString("log-level", &m_logLevel,
                          "Level of the log lines: trace, debug, info, warn or err.");
        addHttpFlags(false);
    }

    QString synopsis() const override { return QStringLiteral("Runs a Consul Connect proxy"); }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul connect proxy [options]

  Runs the built-in Connect proxy: a public listener that admits callers with
  certificates from the cluster's CA when the intentions allow them, and plain
  local listeners (upstreams) that reach other services over mutual TLS.

  As the sidecar of a registered service (its connect.sidecar_service):

      $ qonsul connect proxy -sidecar-for web

  Or configured by flags:

      $ qonsul connect proxy -service web -upstream socat:9191
)"));
    }

    int run(const QStringList &args) override
    {
        if (!parseFlagsOnly(args))
            return 1;
        LogLevel level = LogLevel::Info;
        if (!parseLogLevel(m_logLevel, &level)) {
            ui().error(QStringLiteral("Invalid log level: %1").arg(m_logLevel));
            return 1;
        }
        proxy::ProxySettings settings;
        QList<proxy::UpstreamSetting> upstreams;
        for (const QString &text : m_upstreams) {
            const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
            bool ok = false;
            const uint port = colon > 0 ? text.mid(colon + 1).toUInt(&ok) : 0;
            if (!ok || port == 0 || port > 65535) {
                ui().error(
                    QStringLiteral("Error parsing upstream \"%1\": want name:port").arg(text));
                return 1;
            }
            proxy::UpstreamSetting upstream;
            upstream.destinationName = text.left(colon);
            upstream.bindPort = quint16(port);
            upstreams.append(upstream);
        }
        if (m_sidecarFor.isEmpty() && m_proxyId.isEmpty() && m_service.isEmpty()) {
            ui().error(QStringLiteral("No proxy ID specified. One of -proxy-id, -sidecar-for, or "
                                      "-service is required"));
            return 1;
        }
        if (!m_listen.isEmpty() && m_serviceAddress.isEmpty()) {
            ui().error(QStringLiteral("-service-addr is required with -listen"));
            return 1;
        }
        auto client = makeClient();
        if (!client)
            return 1;

        ui().output(QStringLiteral("==> Consul Connect proxy starting..."));
        if (!m_sidecarFor.isEmpty()) {
            const auto id = sidecarProxyId(*client);
            if (!id) {
                ui().error(QStringLiteral("Failed looking up sidecar proxy info for %1: %2")
                               .arg(m_sidecarFor, id.error()));
                return 1;
            }
            m_proxyId = *id;
        }
        if (!m_proxyId.isEmpty()) {
            settings.proxyId = m_proxyId;
            ui().output(
                bannerLine(QStringLiteral("Configuration mode"), QStringLiteral("Agent API")));
            if (!m_sidecarFor.isEmpty())
                ui().output(bannerLine(QStringLiteral("Sidecar for ID"), m_sidecarFor));
            ui().output(bannerLine(QStringLiteral("Proxy ID"), m_proxyId));
        } else {
            settings.service = m_service;
            settings.upstreams = upstreams;
            settings.listen = m_listen;
            settings.serviceAddress = m_serviceAddress;
            ui().output(bannerLine(QStringLiteral("Configuration mode"), QStringLiteral("Flags")));
            ui().output(bannerLine(QStringLiteral("Service"), m_service));
            for (const proxy::UpstreamSetting &u : upstreams)
                ui().output(bannerLine(QStringLiteral("Upstream"),
                                       QStringLiteral("%1 => %2:%3")
                                           .arg(u.destinationName, u.bindAddress)
                                           .arg(u.bindPort)));
            ui().output(bannerLine(
                QStringLiteral("Public listener"),
                m_listen.isEmpty() ? QStringLiteral("Disabled")
                                   : QStringLiteral("%1 => %2").arg(m_listen, m_serviceAddress)));
        }
        ui().output(QString());
        ui().output(QStringLiteral("==> Log data will now stream in as it occurs:\n"));
        return runProxy(*client, settings, level);
    }

private:
    // The ID of the one connect-proxy on the agent whose destination is -sidecar-for.
    Expected<QString> sidecarProxyId(ApiClient &client)
    {
        const auto services = callSync(client, AgentApi::services());
        if (!services)
            return makeError(services.error());
        QStringList ids;
        for (auto it = services->begin(); it != services->end(); ++it) {
            const QJsonObject service = it.value().toObject();
            if (service.value("Kind").toString() == QLatin1String("connect-proxy") &&
                service.value("Proxy").toObject().value("DestinationServiceID").toString() ==
                    m_sidecarFor)
                ids << it.key();
        }
        if (ids.isEmpty())
            return makeError(
                QStringLiteral("No sidecar proxy registered for %1").arg(m_sidecarFor));
        if (ids.size() > 1)
            return makeError(QStringLiteral("More than one sidecar proxy registered for %1.\n"
                                            "    Start proxy with -proxy-id and one of the "
                                            "following IDs: %2")
                                 .arg(m_sidecarFor, ids.join(QStringLiteral(", "))));
        return ids.first();
    }

    int runProxy(ApiClient &client, const proxy::ProxySettings &settings, LogLevel level)
    {
        // Two descriptors per connection: take all the kernel allows (as Go programs, Consul
        // among them, do at start) rather than refuse callers at 512 connections.
        rlimit files{};
        if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
            files.rlim_cur = files.rlim_max;
            ::setrlimit(RLIMIT_NOFILE, &files);
        }
        Logger logger;
        logger.setLevel(level);
        logger.setSink(stdout);
        UnixSignals shutdown;
        QEventLoop loop;
        int code = 0;
        proxy::ConnectProxy connectProxy(client, logger, settings);
        QObject::connect(&connectProxy, &proxy::ConnectProxy::fatal, &loop,
                         [&](const QString &message) {
                             logger.error(QString(), message);
                             code = 1;
                             loop.quit();
                         });
        QTimer registration;
        const QString registerId =
            m_registerId.isEmpty() ? m_service + QStringLiteral("-proxy") : m_registerId;
        if (m_register && settings.proxyId.isEmpty())
            startRegistration(client, logger, registerId, registration);
        auto stop = [&] { loop.quit(); };
        QObject::connect(&shutdown, &UnixSignals::interrupt, &loop, stop);
        QObject::connect(&shutdown, &UnixSignals::terminate, &loop, stop);
        connectProxy.start();
        loop.exec();
        if (registration.isActive())
            callSync(client, AgentApi::deregisterService(registerId));
        logger.flush();
        ui().output(QStringLiteral("==> Consul Connect proxy shutdown"));
        return code;
    }

    // -register: the proxy as a connect-proxy service with a TTL check it keeps passing.
    void startRegistration(ApiClient &client, Logger &logger, const QString &id, QTimer &timer)
    {
        quint16 port = 0;
        const qsizetype colon = m_listen.lastIndexOf(QLatin1Char(':'));
        port = quint16(m_listen.mid(colon + 1).toUInt());
        QString address = m_listen.left(colon);
        if (address == QLatin1String("0.0.0.0"))
            address.clear();
        const QJsonObject registration{
            {"ID", id},
            {"Name", m_service + QStringLiteral("-proxy")},
            {"Kind", "connect-proxy"},
            {"Address", address},
            {"Port", port},
            {"Proxy", QJsonObject{{"DestinationServiceName", m_service}}},
            {"Check", QJsonObject{{"CheckID", QStringLiteral("%1-ttl").arg(id)},
                                  {"Name", "Proxy Alive"},
                                  {"TTL", "30s"},
                                  {"Status", "passing"}}}};
        const auto done = callSync(client, AgentApi::registerService(registration));
        if (!done) {
            logger.error(QString(),
                         QStringLiteral("failed to register the proxy: %1").arg(done.error()));
            return;
        }
        QObject::connect(&timer, &QTimer::timeout, &timer, [&client, id] {
            client.start(ApiRequest::put(QStringLiteral("/v1/agent/check/pass/%1-ttl").arg(id)));
        });
        timer.start(10'000);
    }

    QString m_sidecarFor;
    QString m_proxyId;
    QString m_service;
    QStringList m_upstreams;
    QString m_listen;
    QString m_serviceAddress;
    bool m_register = false;
    QString m_registerId;
    QString m_logLevel = QStringLiteral("INFO");
};

} // namespace

std::unique_ptr<Command> makeConnectProxyCommand(Ui &ui)
{
    return std::make_unique<ConnectProxyCommand>(ui);
}

} // namespace qonsul::cli

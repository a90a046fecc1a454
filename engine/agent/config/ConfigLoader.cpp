#include "agent/config/ConfigLoader.h"

#include "agent/config/AgentDefaults.h"
#include "agent/config/ConfigFileDecoder.h"
#include "agent/config/ConfigFragment.h"
#include "agent/config/ConfigPaths.h"
#include "agent/config/ConfigResolver.h"

#include <QFile>
#include <QSysInfo>

namespace qonsul {

namespace {

template <typename T>
void fromFlag(Setting<T> &target, const std::optional<T> &flag, const char *flagName)
{
    if (flag)
        target = Sourced<T>{*flag, ValueOrigin{{}, QLatin1String(flagName)}};
}

ConfigFragment fragmentFromFlags(const AgentFlags &flags)
{
    ConfigFragment fragment;
    fromFlag(fragment.nodeName, flags.nodeName, "-node");
    fromFlag(fragment.datacenter, flags.datacenter, "-datacenter");
    fromFlag(fragment.bindAddr, flags.bindAddr, "-bind");
    fromFlag(fragment.clientAddr, flags.clientAddr, "-client");
    fromFlag(fragment.advertiseAddr, flags.advertiseAddr, "-advertise");
    fromFlag(fragment.dataDir, flags.dataDir, "-data-dir");
    fromFlag(fragment.logLevel, flags.logLevel, "-log-level");
    fromFlag(fragment.server, flags.server, "-server");
    fromFlag(fragment.ui, flags.ui, "-ui");
    fromFlag(fragment.enableScriptChecks, flags.enableScriptChecks, "-enable-script-checks");
    fromFlag(fragment.enableLocalScriptChecks, flags.enableLocalScriptChecks,
             "-enable-local-script-checks");
    fromFlag(fragment.bootstrapExpect, flags.bootstrapExpect, "-bootstrap-expect");
    fromFlag(fragment.bootstrap, flags.bootstrap, "-bootstrap");
    fromFlag(fragment.nodeId, flags.nodeId, "-node-id");
    fromFlag(fragment.retryInterval, flags.retryInterval, "-retry-interval");
    fromFlag(fragment.encrypt, flags.encrypt, "-encrypt");
    if (!flags.startJoin.isEmpty())
        fragment.startJoin =
            Sourced<QStringList>{flags.startJoin, ValueOrigin{{}, QStringLiteral("-join")}};
    if (!flags.retryJoin.isEmpty())
        fragment.retryJoin =
            Sourced<QStringList>{flags.retryJoin, ValueOrigin{{}, QStringLiteral("-retry-join")}};
    fromFlag(fragment.httpPort, flags.httpPort, "-http-port");
    fromFlag(fragment.dnsPort, flags.dnsPort, "-dns-port");
    fromFlag(fragment.serfLanPort, flags.serfLanPort, "-serf-lan-port");
    fromFlag(fragment.serverPort, flags.serverPort, "-server-port");
    fromFlag(fragment.domain, flags.domain, "-domain");
    fromFlag(fragment.altDomain, flags.altDomain, "-alt-domain");
    for (const QString &address : flags.recursors)
        fragment.recursors.append(
            Sourced<QString>{address, ValueOrigin{{}, QStringLiteral("-recursor")}});
    for (auto it = flags.nodeMeta.cbegin(); it != flags.nodeMeta.cend(); ++it)
        fragment.nodeMeta.insert(
            it.key(), Sourced<QString>{it.value(), ValueOrigin{{}, QStringLiteral("-node-meta")}});
    return fragment;
}

Expected<ConfigFragment> readConfigFile(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            QStringLiteral("Error reading \"%1\": %2").arg(fileName, file.errorString()));
    return decodeConfigFile(file.readAll(), fileName);
}

} // namespace

Expected<AgentConfig> loadAgentConfig(const AgentFlags &flags)
{
    return loadAgentConfig(flags, QSysInfo::machineHostName());
}

Expected<AgentConfig> loadAgentConfig(const AgentFlags &flags, const QString &hostName)
{
    AgentConfig defaults = defaultAgentConfig(flags.dev, hostName);
    defaults.configDirs = flags.configDirs;
    defaults.configFiles = flags.configFiles;
    defaults.labFaults = flags.labFaults;

    ConfigFragment merged;
    for (const QString &path : flags.configPaths) {
        Expected<QStringList> files = expandConfigPath(path, defaults.warnings);
        if (!files)
            return makeError(files.error());
        for (const QString &file : *files) {
            Expected<ConfigFragment> fragment = readConfigFile(file);
            if (!fragment)
                return makeError(fragment.error());
            mergeFragment(merged, *fragment);
        }
    }
    mergeFragment(merged, fragmentFromFlags(flags));
    return resolveAgentConfig(std::move(defaults), merged);
}

Expected<QVector<ServiceDefinition>> loadServiceDefinitions(const AgentFlags &flags)
{
    Expected<AgentConfig> config = loadAgentConfig(flags);
    if (!config)
        return makeError(config.error());
    return config->services;
}

} // namespace qonsul

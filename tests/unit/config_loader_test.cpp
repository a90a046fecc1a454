// Loading the agent's configuration: defaults, dev defaults, JSON config files and dirs, flags
// over files, and errors that name file, line, column and field.

#include "agent/config/AgentFlags.h"
#include "agent/config/ConfigLoader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace qonsul;

class ConfigLoaderTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    QString path(const QString &relative) const { return m_dir->filePath(relative); }

    QString write(const QString &relative, const QByteArray &contents) const
    {
        const QString file = path(relative);
        QDir().mkpath(QFileInfo(file).absolutePath());
        QFile out(file);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(file));
        out.write(contents);
        return file;
    }

    // A non-dev agent needs a data dir; most tests are not about that.
    QStringList withDataDir(QStringList arguments) const
    {
        return arguments << QStringLiteral("-data-dir") << path(QStringLiteral("data"));
    }

    static Expected<AgentConfig> load(const QStringList &arguments,
                                      const QString &hostName = QStringLiteral("testhost"))
    {
        Expected<AgentFlags> flags = parseAgentFlags(arguments);
        if (!flags)
            return makeError(QStringLiteral("flags: ") + flags.error());
        return loadAgentConfig(*flags, hostName);
    }

    static AgentConfig loadOk(const QStringList &arguments)
    {
        Expected<AgentConfig> config = load(arguments);
        if (!config)
            qFatal("unexpected error: %s", qPrintable(config.error()));
        return *config;
    }

    static QString loadError(const QStringList &arguments)
    {
        Expected<AgentConfig> config = load(arguments);
        return config ? QStringLiteral("<no error>") : config.error();
    }

    // Loads one config file `web.json` with the given contents and returns the error.
    QString fileError(const QByteArray &contents)
    {
        const QString file = write(QStringLiteral("web.json"), contents);
        return loadError(withDataDir({QStringLiteral("-config-file"), file}));
    }

    QString filePrefix(const QString &relative, int line, int column) const
    {
        return QStringLiteral("%1:%2:%3: ").arg(path(relative)).arg(line).arg(column);
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    // --- defaults -------------------------------------------------------------------------

    void defaults()
    {
        const AgentConfig config = loadOk(withDataDir({}));
        QVERIFY(!config.dev);
        QCOMPARE(config.nodeName, QStringLiteral("testhost"));
        QCOMPARE(config.datacenter, QStringLiteral("dc1"));
        QCOMPARE(config.bindAddr, QStringLiteral("0.0.0.0"));
        QCOMPARE(config.clientAddr, QStringLiteral("127.0.0.1"));
        QCOMPARE(config.dataDir, path(QStringLiteral("data")));
        QVERIFY(!config.server);
        QCOMPARE(config.bootstrapExpect, 0);
        QVERIFY(!config.ui);
        QCOMPARE(config.logLevel, QStringLiteral("INFO"));
        QCOMPARE(config.ports.http, 8500);
        QCOMPARE(config.ports.dns, 8600);
        QCOMPARE(config.ports.serfLan, 8301);
        QCOMPARE(config.ports.serfWan, 8302);
        QCOMPARE(config.ports.server, 8300);
        QCOMPARE(config.ports.grpc, -1);
        QVERIFY(!config.enableScriptChecks);
        QVERIFY(!config.enableLocalScriptChecks);
        QVERIFY(config.nodeMeta.isEmpty());
        QVERIFY(config.services.isEmpty());
        QCOMPARE(config.domain, QStringLiteral("consul."));
        QVERIFY(config.altDomain.isEmpty());
        QVERIFY(config.recursors.isEmpty());
        // dns_config defaults (reference §16.1): TTL 0, stale reads, warning instances served.
        QCOMPARE(config.dns.nodeTtl, 0);
        QVERIFY(config.dns.serviceTtl.isEmpty());
        QVERIFY(config.dns.allowStale);
        QVERIFY(!config.dns.onlyPassing);
        QVERIFY(!config.dns.enableTruncate);
        QCOMPARE(config.dns.udpAnswerLimit, 3);
        QCOMPARE(config.dns.aRecordLimit, 0);
        QVERIFY(config.dns.nodeMetaTxt);
        QCOMPARE(config.dns.recursorTimeoutMs, 2000);
        QCOMPARE(config.dns.soa.refresh, 3600);
        QCOMPARE(config.dns.soa.retry, 600);
        QCOMPARE(config.dns.soa.expire, 86400);
        QCOMPARE(config.dns.soa.minTtl, 0);
        QCOMPARE(config.httpAddress(), QStringLiteral("127.0.0.1"));
        QCOMPARE(config.dnsAddress(), QStringLiteral("127.0.0.1"));
    }

    void wildcardBindAdvertisesLoopbackWithAWarning()
    {
        const AgentConfig config = loadOk(withDataDir({}));
        QCOMPARE(config.advertiseAddr, QStringLiteral("127.0.0.1"));
        QCOMPARE(config.warnings.size(), 1);
        QVERIFY(config.warnings.first().contains(QStringLiteral("advertising 127.0.0.1")));
    }

    void devDefaults()
    {
        const AgentConfig config = loadOk({QStringLiteral("-dev")});
        QVERIFY(config.dev);
        QCOMPARE(config.nodeName, QStringLiteral("testhost"));
        QCOMPARE(config.bindAddr, QStringLiteral("127.0.0.1"));
        QCOMPARE(config.advertiseAddr, QStringLiteral("127.0.0.1"));
        QCOMPARE(config.clientAddr, QStringLiteral("127.0.0.1"));
        QVERIFY(config.server);
        QVERIFY(config.ui);
        QCOMPARE(config.logLevel, QStringLiteral("DEBUG"));
        QCOMPARE(config.ports.grpc, 8502);
        QCOMPARE(config.ports.http, 8500);
        QVERIFY(config.dataDir.isEmpty()); // not required in dev mode
        QVERIFY(config.warnings.isEmpty());
    }

    void hostNameIsTrimmed()
    {
        Expected<AgentConfig> config =
            load({QStringLiteral("-dev")}, QStringLiteral("  laptop.local\n"));
        QVERIFY(config.hasValue());
        QCOMPARE(config->nodeName, QStringLiteral("laptop.local"));
    }

    void hostNameDefaultComesFromTheMachine()
    {
        Expected<AgentFlags> flags = parseAgentFlags({QStringLiteral("-dev")});
        Expected<AgentConfig> config = loadAgentConfig(*flags);
        QVERIFY(config.hasValue());
        QCOMPARE(config->nodeName, QSysInfo::machineHostName().trimmed());
    }

    void dataDirIsRequiredOutsideDevMode()
    {
        QCOMPARE(loadError({}), QStringLiteral("data_dir cannot be empty"));
        QCOMPARE(loadError({QStringLiteral("-server")}),
                 QStringLiteral("data_dir cannot be empty"));
    }

    void dataDirMayComeFromAFile()
    {
        const QString file =
            write(QStringLiteral("a.json"),
                  "{\"data_dir\": \"" + path(QStringLiteral("d")).toUtf8() + "\"}");
        QCOMPARE(loadOk({QStringLiteral("-config-file"), file}).dataDir, path(QStringLiteral("d")));
    }

    void dataDirThatIsAFileIsAnError()
    {
        const QString file = write(QStringLiteral("not-a-dir"), "x");
        QCOMPARE(loadError({QStringLiteral("-data-dir"), file}),
                 QStringLiteral("data_dir \"%1\" is not a directory (flag -data-dir)").arg(file));
    }

    void devModeRejectsBootstrapExpect()
    {
        QCOMPARE(loadError({QStringLiteral("-dev"), QStringLiteral("-bootstrap-expect=3")}),
                 QStringLiteral("'bootstrap_expect > 0' not allowed in dev mode (flag "
                                "-bootstrap-expect)"));
        const QString file = write(QStringLiteral("b.json"), "{\n  \"bootstrap_expect\": 3\n}");
        QCOMPARE(loadError({QStringLiteral("-dev"), QStringLiteral("-config-file"), file}),
                 filePrefix(QStringLiteral("b.json"), 2, 23) +
                     QStringLiteral("'bootstrap_expect > 0' not allowed in dev mode (field "
                                    "\"bootstrap_expect\")"));
        QVERIFY(load({QStringLiteral("-dev"), QStringLiteral("-bootstrap-expect=0")}).hasValue());
    }

    void bootstrapExpectNeedsServerAndIsNotNegative()
    {
        QCOMPARE(loadError(withDataDir({QStringLiteral("-bootstrap-expect=3")})),
                 QStringLiteral("'bootstrap_expect > 0' requires 'server = true' (flag "
                                "-bootstrap-expect)"));
        QCOMPARE(loadError(withDataDir(
                     {QStringLiteral("-server"), QStringLiteral("-bootstrap-expect=-1")})),
                 QStringLiteral("bootstrap_expect cannot be -1. Must be greater than or equal to "
                                "zero (flag -bootstrap-expect)"));
        const AgentConfig config =
            loadOk(withDataDir({QStringLiteral("-server"), QStringLiteral("-bootstrap-expect=3")}));
        QVERIFY(config.server);
        QCOMPARE(config.bootstrapExpect, 3);
    }

    // -bootstrap-expect=1 is bootstrap mode, with Consul's two warnings; 2 warns about failure
    // tolerance; -bootstrap excludes -bootstrap-expect and needs -server.
    void bootstrapModes()
    {
        const QString server = QStringLiteral("-server");
        AgentConfig one = loadOk(withDataDir({server, QStringLiteral("-bootstrap-expect=1")}));
        QVERIFY(one.bootstrap);
        QCOMPARE(one.bootstrapExpect, 0);
        QCOMPARE(
            one.startWarnings,
            (QStringList{
                QStringLiteral("BootstrapExpect is set to 1; this is the same as Bootstrap mode."),
                QStringLiteral("bootstrap = true: do not enable unless necessary")}));
        AgentConfig two = loadOk(withDataDir({server, QStringLiteral("-bootstrap-expect=2")}));
        QCOMPARE(two.startWarnings.size(), 2);
        QCOMPARE(two.startWarnings.first(),
                 QStringLiteral("bootstrap_expect > 0: expecting 2 servers"));
        QVERIFY(two.startWarnings.last().startsWith(
            QStringLiteral("bootstrap_expect = 2: A cluster with 2 servers will provide no "
                           "failure tolerance.")));
        QVERIFY(loadOk(withDataDir({server, QStringLiteral("-bootstrap-expect=3")}))
                    .startWarnings.size() == 1);
        QVERIFY(loadOk(withDataDir({server, QStringLiteral("-bootstrap")})).bootstrap);
        QCOMPARE(loadError(withDataDir({QStringLiteral("-bootstrap")})),
                 QStringLiteral("'bootstrap = true' requires 'server = true' (flag -bootstrap)"));
        QCOMPARE(loadError(withDataDir({server, QStringLiteral("-bootstrap"),
                                        QStringLiteral("-bootstrap-expect=3")})),
                 QStringLiteral("'bootstrap_expect > 0' and 'bootstrap = true' are mutually "
                                "exclusive (flag -bootstrap)"));
    }

    // -join, -retry-join (lists that add up over files and flags), -retry-interval, -encrypt,
    // -node-id and gossip_lan.
    void clusterSettings()
    {
        const QString file = write(QStringLiteral("c.json"), R"({
  "start_join": ["127.0.0.10"], "retry_join": ["127.0.0.11:8301"], "retry_interval": "5s",
  "encrypt": "pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s=",
  "node_id": "8B2B8F5A-9C7E-4F8A-9D1E-0A1B2C3D4E5F",
  "gossip_lan": {"probe_interval": "200ms", "probe_timeout": "100ms", "gossip_interval": "50ms",
                 "gossip_nodes": 4, "suspicion_mult": 2, "retransmit_mult": 3}
})");
        const AgentConfig config = loadOk(
            withDataDir({QStringLiteral("-config-file"), file, QStringLiteral("-join=127.0.0.12"),
                         QStringLiteral("-retry-join"), QStringLiteral("127.0.0.13")}));
        QCOMPARE(config.startJoin,
                 (QStringList{QStringLiteral("127.0.0.10"), QStringLiteral("127.0.0.12")}));
        QCOMPARE(config.retryJoin,
                 (QStringList{QStringLiteral("127.0.0.11:8301"), QStringLiteral("127.0.0.13")}));
        QCOMPARE(config.retryIntervalMs, 5000);
        QCOMPARE(config.encrypt, QStringLiteral("pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s="));
        QCOMPARE(config.nodeId, QStringLiteral("8b2b8f5a-9c7e-4f8a-9d1e-0a1b2c3d4e5f"));
        QCOMPARE(config.gossipLan.probeIntervalMs, 200);
        QCOMPARE(config.gossipLan.probeTimeoutMs, 100);
        QCOMPARE(config.gossipLan.gossipIntervalMs, 50);
        QCOMPARE(config.gossipLan.gossipNodes, 4);
        QCOMPARE(config.gossipLan.suspicionMult, 2);
        QCOMPARE(config.gossipLan.retransmitMult, 3);
        const AgentConfig dev = loadOk({QStringLiteral("-dev")});
        QCOMPARE(dev.gossipLan.probeIntervalMs, 100);
        QCOMPARE(dev.gossipLan.suspicionMult, 3);
        QCOMPARE(loadOk(withDataDir({})).gossipLan.probeIntervalMs, 1000);
    }

    // connect { enabled }: on in dev mode, off otherwise unless a file turns it on (or a dev
    // agent's file off).
    void connectEnabled()
    {
        QVERIFY(loadOk({QStringLiteral("-dev")}).connectEnabled);
        QVERIFY(!loadOk(withDataDir({})).connectEnabled);
        const QString on = write(QStringLiteral("on.json"), R"({"connect": {"enabled": true}})");
        QVERIFY(loadOk(withDataDir({QStringLiteral("-config-file"), on})).connectEnabled);
        const QString off = write(QStringLiteral("off.json"), R"({"connect": {"enabled": false}})");
        QVERIFY(
            !loadOk({QStringLiteral("-dev"), QStringLiteral("-config-file"), off}).connectEnabled);
        QCOMPARE(fileError("{\n\"connect\": {\"enabled\": \"yes\"}}"),
                 filePrefix(QStringLiteral("web.json"), 2, 24) +
                     QStringLiteral("expected a boolean (true or false), got string \"yes\" "
                                    "(field \"connect.enabled\")"));
    }

    // performance { raft_multiplier }: 5 by default, 1 in dev mode, 1 to 10 when set.
    void raftMultiplier()
    {
        QCOMPARE(loadOk(withDataDir({})).raftMultiplier, 5);
        QCOMPARE(loadOk({QStringLiteral("-dev")}).raftMultiplier, 1);
        const QString one =
            write(QStringLiteral("perf.json"), R"({"performance": {"raft_multiplier": 1}})");
        QCOMPARE(loadOk(withDataDir({QStringLiteral("-config-file"), one})).raftMultiplier, 1);
        QCOMPARE(fileError("{\n\"performance\": {\"raft_multiplier\": 11}}"),
                 filePrefix(QStringLiteral("web.json"), 2, 36) +
                     QStringLiteral("performance.raft_multiplier cannot be 11. Must be between 1 "
                                    "and 10 (field \"performance.raft_multiplier\")"));
        const QString storage = write(QStringLiteral("storage.json"), R"({
  "raft_snapshot_threshold": 64, "raft_snapshot_interval": "5s", "raft_trailing_logs": 8})");
        const AgentConfig tuned = loadOk(withDataDir({QStringLiteral("-config-file"), storage}));
        QCOMPARE(tuned.raftSnapshotThreshold, 64);
        QCOMPARE(tuned.raftSnapshotIntervalMs, 5000);
        QCOMPARE(tuned.raftTrailingLogs, 8);
        const AgentConfig defaults = loadOk(withDataDir({}));
        QCOMPARE(defaults.raftSnapshotThreshold, 16384);
        QCOMPARE(defaults.raftSnapshotIntervalMs, 30'000);
        QCOMPARE(defaults.raftTrailingLogs, 10240);
        QCOMPARE(fileError(R"({"raft_trailing_logs": 0})"),
                 filePrefix(QStringLiteral("web.json"), 1, 24) +
                     QStringLiteral("raft_trailing_logs must be at least 1, got 0 (field "
                                    "\"raft_trailing_logs\")"));
    }

    void badClusterSettings()
    {
        QCOMPARE(loadError(withDataDir({QStringLiteral("-encrypt=a!b")})),
                 QStringLiteral("encrypt has invalid key: Failed to decode encryption key: not "
                                "base64 (flag -encrypt)"));
        QCOMPARE(loadError(withDataDir({QStringLiteral("-encrypt=AAAA")})),
                 QStringLiteral("encrypt has invalid key: Invalid key size 3: an encryption key "
                                "must be 16, 24 or 32 bytes (flag -encrypt)"));
        QCOMPARE(loadError(withDataDir({QStringLiteral("-node-id=nope")})),
                 QStringLiteral("node_id \"nope\" is not a valid UUID (flag -node-id)"));
        QCOMPARE(loadError(withDataDir({QStringLiteral("-retry-interval=soon")})),
                 QStringLiteral("retry_interval \"soon\" is not a duration such as \"10s\" or "
                                "\"1m30s\" (flag -retry-interval)"));
        QCOMPARE(fileError("{\n\"gossip_lan\": {\"probe_interval\": \"0s\"}}"),
                 filePrefix(QStringLiteral("web.json"), 2, 34) +
                     QStringLiteral("gossip_lan.probe_interval must be at least 1ms (field "
                                    "\"gossip_lan.probe_interval\")"));
        QCOMPARE(fileError(R"({"gossip_lan": {"gossip_nodes": 0}})"),
                 filePrefix(QStringLiteral("web.json"), 1, 33) +
                     QStringLiteral("gossip_lan.gossip_nodes must be at least 1, got 0 (field "
                                    "\"gossip_lan.gossip_nodes\")"));
    }

    // --- flags ----------------------------------------------------------------------------

    void flagsSetEverything()
    {
        const AgentConfig config = loadOk(withDataDir(
            {QStringLiteral("-node=n1"), QStringLiteral("-datacenter=dc2"),
             QStringLiteral("-bind=10.1.2.3"), QStringLiteral("-client=0.0.0.0"),
             QStringLiteral("-server"), QStringLiteral("-bootstrap-expect=3"),
             QStringLiteral("-ui"), QStringLiteral("-log-level=trace"),
             QStringLiteral("-http-port=18500"), QStringLiteral("-dns-port=18600"),
             QStringLiteral("-serf-lan-port=18301"), QStringLiteral("-server-port=18300"),
             QStringLiteral("-enable-script-checks"), QStringLiteral("-enable-local-script-checks"),
             QStringLiteral("-node-meta=rack:r1")}));
        QCOMPARE(config.nodeName, QStringLiteral("n1"));
        QCOMPARE(config.datacenter, QStringLiteral("dc2"));
        QCOMPARE(config.bindAddr, QStringLiteral("10.1.2.3"));
        QCOMPARE(config.advertiseAddr, QStringLiteral("10.1.2.3")); // defaults to bind
        QCOMPARE(config.clientAddr, QStringLiteral("0.0.0.0"));
        QVERIFY(config.server);
        QCOMPARE(config.bootstrapExpect, 3);
        QVERIFY(config.ui);
        QCOMPARE(config.logLevel, QStringLiteral("TRACE"));
        QCOMPARE(config.ports.http, 18500);
        QCOMPARE(config.ports.dns, 18600);
        QCOMPARE(config.ports.serfLan, 18301);
        QCOMPARE(config.ports.server, 18300);
        QVERIFY(config.enableScriptChecks);
        QVERIFY(config.enableLocalScriptChecks);
        QCOMPARE(config.nodeMeta.value(QStringLiteral("rack")), QStringLiteral("r1"));
        QVERIFY(config.warnings.isEmpty());
    }

    void devDefaultsCanBeOverridden()
    {
        const AgentConfig config =
            loadOk({QStringLiteral("-dev"), QStringLiteral("-ui=false"),
                    QStringLiteral("-log-level=info"), QStringLiteral("-bind=127.0.0.5")});
        QVERIFY(!config.ui);
        QCOMPARE(config.logLevel, QStringLiteral("INFO"));
        QCOMPARE(config.bindAddr, QStringLiteral("127.0.0.5"));
        QCOMPARE(config.advertiseAddr, QStringLiteral("127.0.0.5"));
    }

    void logLevels_data()
    {
        QTest::addColumn<QString>("given");
        QTest::addColumn<QString>("stored");
        QTest::newRow("trace") << "trace"
                               << "TRACE";
        QTest::newRow("Debug") << "Debug"
                               << "DEBUG";
        QTest::newRow("INFO") << "INFO"
                              << "INFO";
        QTest::newRow("warn") << "warn"
                              << "WARN";
        QTest::newRow("err") << "err"
                             << "ERR";
    }
    void logLevels()
    {
        QFETCH(QString, given);
        QFETCH(QString, stored);
        QCOMPARE(loadOk({QStringLiteral("-dev"), QStringLiteral("-log-level"), given}).logLevel,
                 stored);
    }

    void badLogLevel()
    {
        QCOMPARE(loadError({QStringLiteral("-dev"), QStringLiteral("-log-level=verbose")}),
                 QStringLiteral("Invalid log level: \"verbose\". Valid log levels are: [TRACE "
                                "DEBUG INFO WARN ERR] (flag -log-level)"));
        QCOMPARE(fileError("{\n  \"log_level\": \"warning\"\n}"),
                 filePrefix(QStringLiteral("web.json"), 2, 16) +
                     QStringLiteral("Invalid log level: \"warning\". Valid log levels are: "
                                    "[TRACE DEBUG INFO WARN ERR] (field \"log_level\")"));
    }

    void datacenterIsLowerCasedAndChecked()
    {
        QCOMPARE(
            loadOk({QStringLiteral("-dev"), QStringLiteral("-datacenter=EU-West_1")}).datacenter,
            QStringLiteral("eu-west_1"));
        QCOMPARE(loadError({QStringLiteral("-dev"), QStringLiteral("-datacenter=dc 1")}),
                 QStringLiteral("datacenter cannot be \"dc 1\". Please use only [a-z0-9-_]. (flag "
                                "-datacenter)"));
        QCOMPARE(loadError({QStringLiteral("-dev"), QStringLiteral("-datacenter=")}),
                 QStringLiteral("datacenter cannot be empty (flag -datacenter)"));
    }

    void addressesMustBeIps()
    {
        QCOMPARE(loadError({QStringLiteral("-dev"), QStringLiteral("-bind=localhost")}),
                 QStringLiteral("bind_addr \"localhost\" is not an IP address (flag -bind)"));
        QCOMPARE(loadError({QStringLiteral("-dev"), QStringLiteral("-client={{ GetPrivateIP }}")}),
                 QStringLiteral("client_addr \"{{ GetPrivateIP }}\" is not an IP address (flag "
                                "-client)"));
        QCOMPARE(loadError({QStringLiteral("-dev"), QStringLiteral("-advertise=0.0.0.0")}),
                 QStringLiteral("Advertise address cannot be 0.0.0.0, :: or [::] (flag "
                                "-advertise)"));
        QCOMPARE(loadError({QStringLiteral("-dev"), QStringLiteral("-bind=")}),
                 QStringLiteral("bind_addr cannot be empty (flag -bind)"));
        QVERIFY(load({QStringLiteral("-dev"), QStringLiteral("-bind=::1")}).hasValue());
    }

    void explicitAdvertiseWins()
    {
        const AgentConfig config = loadOk(withDataDir({QStringLiteral("-advertise=192.168.1.5")}));
        QCOMPARE(config.advertiseAddr, QStringLiteral("192.168.1.5"));
        QVERIFY(config.warnings.isEmpty());
    }

    void portsOutOfRange()
    {
        QCOMPARE(loadError({QStringLiteral("-dev"), QStringLiteral("-http-port=70000")}),
                 QStringLiteral("ports.http must be between -1 (disabled) and 65535, got 70000 "
                                "(flag -http-port)"));
        QCOMPARE(fileError("{\"ports\": {\"dns\": -5}}"),
                 filePrefix(QStringLiteral("web.json"), 1, 19) +
                     QStringLiteral("ports.dns must be between -1 (disabled) and 65535, got -5 "
                                    "(field \"ports.dns\")"));
    }

    // --- DNS --------------------------------------------------------------------------------

    void dnsFlags()
    {
        const AgentConfig config = loadOk(
            {QStringLiteral("-dev"), QStringLiteral("-domain=lab"),
             QStringLiteral("-alt-domain=alt.example."), QStringLiteral("-recursor=127.0.0.1"),
             QStringLiteral("-recursor=127.0.0.2:5353"), QStringLiteral("-recursor=::1"),
             QStringLiteral("-recursor=[::1]:5353")});
        QCOMPARE(config.domain, QStringLiteral("lab"));
        QCOMPARE(config.altDomain, QStringLiteral("alt.example."));
        // Port 53 unless given, as Consul adds it.
        QCOMPARE(config.recursors,
                 (QStringList{QStringLiteral("127.0.0.1:53"), QStringLiteral("127.0.0.2:5353"),
                              QStringLiteral("[::1]:53"), QStringLiteral("[::1]:5353")}));
    }

    void recursorsAccumulateFromFilesThenFlags()
    {
        const QString a = write(QStringLiteral("a.json"), R"({"recursor": "127.0.0.10"})");
        const QString b =
            write(QStringLiteral("b.json"), R"({"recursors": ["127.0.0.11", "127.0.0.12:54"]})");
        const AgentConfig config =
            loadOk({QStringLiteral("-dev"), QStringLiteral("-recursor=127.0.0.13"),
                    QStringLiteral("-config-file"), a, QStringLiteral("-config-file"), b});
        QCOMPARE(config.recursors,
                 (QStringList{QStringLiteral("127.0.0.10:53"), QStringLiteral("127.0.0.11:53"),
                              QStringLiteral("127.0.0.12:54"), QStringLiteral("127.0.0.13:53")}));
    }

    void badRecursors_data()
    {
        QTest::addColumn<QString>("address");
        QTest::newRow("host name") << QStringLiteral("dns.example.com");
        QTest::newRow("empty") << QString();
        QTest::newRow("bad port") << QStringLiteral("127.0.0.1:99999");
        QTest::newRow("not a port") << QStringLiteral("127.0.0.1:dns");
        QTest::newRow("wildcard") << QStringLiteral("0.0.0.0");
        QTest::newRow("ipv6 port without brackets") << QStringLiteral("::1:5353x");
    }
    void badRecursors()
    {
        QFETCH(QString, address);
        QCOMPARE(loadError({QStringLiteral("-dev"), QStringLiteral("-recursor"), address}),
                 QStringLiteral("Invalid recursor address \"%1\": expected an IP address with an "
                                "optional port, such as 127.0.0.1, 127.0.0.1:5353 or [::1]:5353 "
                                "(flag -recursor)")
                     .arg(address));
    }

    void badRecursorInAFileNamesTheLine()
    {
        QCOMPARE(fileError("{\"recursors\": [\"127.0.0.1\",\n  \"nope\"]}"),
                 filePrefix(QStringLiteral("web.json"), 2, 3) +
                     QStringLiteral("Invalid recursor address \"nope\": expected an IP address "
                                    "with an optional port, such as 127.0.0.1, 127.0.0.1:5353 or "
                                    "[::1]:5353 (field \"recursors\")"));
    }

    void badDomains()
    {
        QCOMPARE(loadError({QStringLiteral("-dev"), QStringLiteral("-domain=")}),
                 QStringLiteral("domain \"\" is not a valid DNS domain (flag -domain)"));
        QCOMPARE(
            loadError({QStringLiteral("-dev"), QStringLiteral("-alt-domain=a..b")}),
            QStringLiteral("alt_domain \"a..b\" is not a valid DNS domain (flag -alt-domain)"));
        QCOMPARE(fileError(R"({"domain": "a..consul"})"),
                 filePrefix(QStringLiteral("web.json"), 1, 12) +
                     QStringLiteral("domain \"a..consul\" is not a valid DNS domain (field "
                                    "\"domain\")"));
    }

    void dnsConfigFromAFile()
    {
        const QString file = write(QStringLiteral("dns.json"), R"({
  "domain": "lab.",
  "alt_domain": "test.",
  "dns_config": {
    "node_ttl": "10s",
    "service_ttl": {"*": "5s", "web": "1m30s", "db-*": "2.9s"},
    "allow_stale": false,
    "max_stale": "87600h",
    "only_passing": true,
    "enable_truncate": true,
    "udp_answer_limit": 5,
    "a_record_limit": 2,
    "node_meta_txt": false,
    "recursor_timeout": "500ms",
    "soa": {"refresh": 1, "retry": 2, "expire": 3, "min_ttl": 4}
  }
})");
        const AgentConfig config =
            loadOk({QStringLiteral("-dev"), QStringLiteral("-config-file"), file});
        QCOMPARE(config.domain, QStringLiteral("lab."));
        QCOMPARE(config.altDomain, QStringLiteral("test."));
        const AgentConfig::Dns &dns = config.dns;
        QCOMPARE(dns.nodeTtl, 10);
        QCOMPARE(dns.serviceTtl.size(), 3);
        QCOMPARE(dns.serviceTtl.value(QStringLiteral("*")), 5);
        QCOMPARE(dns.serviceTtl.value(QStringLiteral("web")), 90);
        QCOMPARE(dns.serviceTtl.value(QStringLiteral("db-*")), 2); // whole seconds, truncated
        QVERIFY(!dns.allowStale);
        QVERIFY(dns.onlyPassing);
        QVERIFY(dns.enableTruncate);
        QCOMPARE(dns.udpAnswerLimit, 5);
        QCOMPARE(dns.aRecordLimit, 2);
        QVERIFY(!dns.nodeMetaTxt);
        QCOMPARE(dns.recursorTimeoutMs, 500);
        QCOMPARE(dns.soa.refresh, 1);
        QCOMPARE(dns.soa.retry, 2);
        QCOMPARE(dns.soa.expire, 3);
        QCOMPARE(dns.soa.minTtl, 4);
    }

    void serviceTtlMergesKeyByKey()
    {
        const QString a = write(QStringLiteral("a.json"),
                                R"({"dns_config": {"service_ttl": {"web": "1s", "db": "2s"}}})");
        const QString b =
            write(QStringLiteral("b.json"), R"({"dns_config": {"service_ttl": {"web": "3s"}}})");
        const AgentConfig config =
            loadOk({QStringLiteral("-dev"), QStringLiteral("-config-dir"), m_dir->path()});
        Q_UNUSED(a);
        Q_UNUSED(b);
        QCOMPARE(config.dns.serviceTtl.value(QStringLiteral("web")), 3);
        QCOMPARE(config.dns.serviceTtl.value(QStringLiteral("db")), 2);
    }

    void badDnsConfig_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad duration")
            << QByteArray(R"({"dns_config": {"node_ttl": "ten"}})")
            << "1:29: dns_config.node_ttl \"ten\" is not a duration such as \"10s\" or \"1m30s\" "
               "(field \"dns_config.node_ttl\")";
        QTest::newRow("negative duration")
            << QByteArray(R"({"dns_config": {"service_ttl": {"web": "-1s"}}})")
            << "1:40: dns_config.service_ttl.web \"-1s\" cannot be negative (field "
               "\"dns_config.service_ttl.web\")";
        QTest::newRow("duration as number")
            << QByteArray(R"({"dns_config": {"node_ttl": 10}})")
            << "1:29: expected a string, got number 10 (field \"dns_config.node_ttl\")";
        QTest::newRow("negative limit")
            << QByteArray(R"({"dns_config": {"udp_answer_limit": -1}})")
            << "1:37: dns_config.udp_answer_limit cannot be negative, got -1 (field "
               "\"dns_config.udp_answer_limit\")";
        QTest::newRow("zero recursor timeout")
            << QByteArray(R"({"dns_config": {"recursor_timeout": "0s"}})")
            << "1:37: dns_config.recursor_timeout must be at least 1ms (field "
               "\"dns_config.recursor_timeout\")";
        QTest::newRow("unknown key") << QByteArray(R"({"dns_config": {"nodettl": "1s"}})")
                                     << "1:17: invalid config key dns_config.nodettl";
        QTest::newRow("not yet supported")
            << QByteArray(R"({"dns_config": {"use_cache": true}})")
            << "1:17: use_cache is not supported yet (field \"dns_config.use_cache\")";
        QTest::newRow("recursors not strings")
            << QByteArray(R"({"recursors": [53]})")
            << "1:16: expected a string, got number 53 (field \"recursors[0]\")";
        QTest::newRow("recursor not a string")
            << QByteArray(R"({"recursor": ["127.0.0.1"]})")
            << "1:14: expected a string, got an array (field \"recursor\")";
    }
    void badDnsConfig()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, message);
        QCOMPARE(fileError(contents),
                 path(QStringLiteral("web.json")) + QLatin1Char(':') + message);
    }

    // --- config files: values --------------------------------------------------------------

    void everyFileKey()
    {
        const QString file = write(QStringLiteral("agent.json"), R"({
  "node_name": "n1",
  "datacenter": "dc9",
  "bind_addr": "10.0.0.1",
  "client_addr": "0.0.0.0",
  "advertise_addr": "10.0.0.2",
  "data_dir": "/var/lib/qonsul",
  "server": true,
  "bootstrap_expect": 3,
  "log_level": "err",
  "ui": true,
  "enable_script_checks": true,
  "enable_local_script_checks": true,
  "node_meta": {"rack": "r1", "Zone": "A"},
  "domain": "lab.",
  "ports": {"http": 1, "dns": 2, "serf_lan": 3, "serf_wan": 4, "server": 5, "grpc": 6},
  "addresses": {"http": "0.0.0.0", "dns": "127.0.0.2"}
})");
        const AgentConfig config = loadOk({QStringLiteral("-config-file"), file});
        QCOMPARE(config.nodeName, QStringLiteral("n1"));
        QCOMPARE(config.datacenter, QStringLiteral("dc9"));
        QCOMPARE(config.bindAddr, QStringLiteral("10.0.0.1"));
        QCOMPARE(config.clientAddr, QStringLiteral("0.0.0.0"));
        QCOMPARE(config.advertiseAddr, QStringLiteral("10.0.0.2"));
        QCOMPARE(config.dataDir, QStringLiteral("/var/lib/qonsul"));
        QVERIFY(config.server);
        QCOMPARE(config.bootstrapExpect, 3);
        QCOMPARE(config.logLevel, QStringLiteral("ERR"));
        QVERIFY(config.ui);
        QVERIFY(config.enableScriptChecks);
        QVERIFY(config.enableLocalScriptChecks);
        QCOMPARE(config.nodeMeta.size(), 2);
        QCOMPARE(config.nodeMeta.value(QStringLiteral("Zone")), QStringLiteral("A"));
        QCOMPARE(config.domain, QStringLiteral("lab."));
        QCOMPARE(config.ports.http, 1);
        QCOMPARE(config.ports.dns, 2);
        QCOMPARE(config.ports.serfLan, 3);
        QCOMPARE(config.ports.serfWan, 4);
        QCOMPARE(config.ports.server, 5);
        QCOMPARE(config.ports.grpc, 6);
        QCOMPARE(config.httpAddress(), QStringLiteral("0.0.0.0"));
        QCOMPARE(config.dnsAddress(), QStringLiteral("127.0.0.2"));
        QCOMPARE(config.configFiles, QStringList{file});
    }

    void keysMatchWithoutRegardToCase()
    {
        const QString file =
            write(QStringLiteral("a.json"),
                  R"({"Node_Name": "n1", "SERVICE": {"Name": "web", "Port": 80}})");
        const AgentConfig config = loadOk(withDataDir({QStringLiteral("-config-file"), file}));
        QCOMPARE(config.nodeName, QStringLiteral("n1"));
        QCOMPARE(config.services.size(), 1);
        QCOMPARE(config.services[0].port, 80);
    }

    void nullValuesAreAsIfAbsent()
    {
        const QString file =
            write(QStringLiteral("a.json"),
                  R"({"node_name": null, "service": {"name": "web", "tags": null}})");
        const AgentConfig config = loadOk(withDataDir({QStringLiteral("-config-file"), file}));
        QCOMPARE(config.nodeName, QStringLiteral("testhost"));
        QVERIFY(config.services[0].tags.isEmpty());
    }

    void emptyNodeNameKeepsHostName()
    {
        const QString file = write(QStringLiteral("a.json"), R"({"node_name": ""})");
        QCOMPARE(loadOk(withDataDir({QStringLiteral("-config-file"), file})).nodeName,
                 QStringLiteral("testhost"));
        QCOMPARE(load({QStringLiteral("-dev")}, QStringLiteral(" ")).error(),
                 QStringLiteral("node_name cannot be empty"));
    }

    void flagsOverrideFiles()
    {
        const QString file = write(QStringLiteral("a.json"), R"({
  "node_name": "from-file", "log_level": "err", "ports": {"http": 8000}, "server": true,
  "node_meta": {"rack": "file", "zone": "a"}
})");
        const AgentConfig config = loadOk(
            withDataDir({QStringLiteral("-node=from-flag"), QStringLiteral("-config-file"), file,
                         QStringLiteral("-http-port=9000"), QStringLiteral("-server=false"),
                         QStringLiteral("-node-meta=rack:flag")}));
        QCOMPARE(config.nodeName, QStringLiteral("from-flag"));
        QCOMPARE(config.logLevel, QStringLiteral("ERR")); // not given as a flag
        QCOMPARE(config.ports.http, 9000);
        QVERIFY(!config.server);
        // node_meta merges key by key.
        QCOMPARE(config.nodeMeta.value(QStringLiteral("rack")), QStringLiteral("flag"));
        QCOMPARE(config.nodeMeta.value(QStringLiteral("zone")), QStringLiteral("a"));
    }

    void fileValuesOverrideDevDefaults()
    {
        const QString file =
            write(QStringLiteral("a.json"), R"({"ui": false, "ports": {"grpc": -1}})");
        const AgentConfig config =
            loadOk({QStringLiteral("-dev"), QStringLiteral("-config-file"), file});
        QVERIFY(!config.ui);
        QCOMPARE(config.ports.grpc, -1);
        QVERIFY(config.server);
    }

    void laterFilesWinForScalarsInCommandLineOrder()
    {
        const QString a =
            write(QStringLiteral("a.json"), R"({"log_level": "warn", "datacenter": "a"})");
        const QString b = write(QStringLiteral("b.json"), R"({"log_level": "err"})");
        AgentConfig config = loadOk({QStringLiteral("-dev"), QStringLiteral("-config-file"), a,
                                     QStringLiteral("-config-file"), b});
        QCOMPARE(config.logLevel, QStringLiteral("ERR"));
        QCOMPARE(config.datacenter, QStringLiteral("a"));
        config = loadOk({QStringLiteral("-dev"), QStringLiteral("-config-file"), b,
                         QStringLiteral("-config-file"), a});
        QCOMPARE(config.logLevel, QStringLiteral("WARN"));
    }

    void aValueOverriddenLaterIsNotValidated()
    {
        // Only the final value is checked, as in Consul.
        const QString a = write(QStringLiteral("a.json"), R"({"log_level": "loud"})");
        const QString b = write(QStringLiteral("b.json"), R"({"log_level": "info"})");
        QVERIFY(load({QStringLiteral("-dev"), QStringLiteral("-config-file"), a,
                      QStringLiteral("-config-file"), b})
                    .hasValue());
        QVERIFY(load({QStringLiteral("-dev"), QStringLiteral("-config-file"), a,
                      QStringLiteral("-log-level=debug")})
                    .hasValue());
    }

    // --- config files: services ------------------------------------------------------------

    void serviceDefinition()
    {
        const QString file = write(QStringLiteral("web.json"), R"({
  "service": {
    "id": "web-1", "name": "web", "tags": ["rails", "v2"], "address": "10.0.0.7",
    "meta": {"Version": "2"}, "port": 80, "enable_tag_override": true,
    "weights": {"passing": 10, "warning": 0}
  }
})");
        const AgentConfig config =
            loadOk({QStringLiteral("-dev"), QStringLiteral("-config-file"), file});
        QCOMPARE(config.services.size(), 1);
        const ServiceDefinition &web = config.services[0];
        QCOMPARE(web.id, QStringLiteral("web-1"));
        QCOMPARE(web.name, QStringLiteral("web"));
        QCOMPARE(web.tags, (QStringList{QStringLiteral("rails"), QStringLiteral("v2")}));
        QCOMPARE(web.address, QStringLiteral("10.0.0.7"));
        QCOMPARE(web.meta.value(QStringLiteral("Version")), QStringLiteral("2"));
        QCOMPARE(web.port, 80);
        QVERIFY(web.enableTagOverride);
        QCOMPARE(web.weightPassing, 10);
        QCOMPARE(web.weightWarning, 0);
        QCOMPARE(web.sourceFile, file);
    }

    void serviceDefaults()
    {
        const QString file = write(QStringLiteral("web.json"), R"({"service": {"name": "web"}})");
        const ServiceDefinition web =
            loadOk({QStringLiteral("-dev"), QStringLiteral("-config-file"), file})
                .services.value(0);
        QCOMPARE(web.id, QStringLiteral("web")); // id defaults to name
        QVERIFY(web.tags.isEmpty());
        QVERIFY(web.address.isEmpty());
        QCOMPARE(web.port, 0);
        QVERIFY(!web.enableTagOverride);
        QCOMPARE(web.weightPassing, 1);
        QCOMPARE(web.weightWarning, 1);

        const QString partial = write(QStringLiteral("w.json"),
                                      R"({"service": {"name": "w", "weights": {"passing": 3}}})");
        const ServiceDefinition w =
            loadOk({QStringLiteral("-dev"), QStringLiteral("-config-file"), partial})
                .services.value(0);
        QCOMPARE(w.weightPassing, 3);
        QCOMPARE(w.weightWarning, 1);
    }

    void servicesAccumulateAcrossFilesAndKeys()
    {
        const QString a = write(QStringLiteral("a.json"), R"({
  "service": {"name": "a"},
  "services": [{"name": "b"}, {"name": "c", "id": "c1"}]
})");
        const QString b = write(QStringLiteral("b.json"), R"({"services": [{"name": "d"}]})");
        const AgentConfig config = loadOk({QStringLiteral("-dev"), QStringLiteral("-config-file"),
                                           a, QStringLiteral("-config-file"), b});
        QStringList ids;
        for (const ServiceDefinition &service : config.services)
            ids << service.id;
        QCOMPARE(ids, QStringList({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c1"),
                                   QStringLiteral("d")}));
        QCOMPARE(config.services[3].sourceFile, b);
    }

    void serviceWithoutName()
    {
        QCOMPARE(fileError("{\n  \"service\": {\"port\": 80}\n}"),
                 filePrefix(QStringLiteral("web.json"), 2, 14) +
                     QStringLiteral("Missing service name: a service definition needs \"name\" "
                                    "(field \"service\")"));
        QCOMPARE(fileError("{\"services\": [\n  {\"name\": \"a\"},\n  {\"id\": \"b\"}\n]}"),
                 filePrefix(QStringLiteral("web.json"), 3, 3) +
                     QStringLiteral("Missing service name: a service definition needs \"name\" "
                                    "(field \"services[1]\")"));
    }

    void badWeights()
    {
        QCOMPARE(fileError(R"({"service": {"name": "a", "weights": {"passing": 0}}})"),
                 filePrefix(QStringLiteral("web.json"), 1, 50) +
                     QStringLiteral("Invalid Weights: passing must be between 1 and 65535, got 0 "
                                    "(field \"service.weights.passing\")"));
        QVERIFY(fileError(R"({"service": {"name": "a", "weights": {"warning": -1}}})")
                    .contains(QStringLiteral("warning must be between 0 and 65535")));
        QVERIFY(fileError(R"({"service": {"name": "a", "weights": {"critical": 1}}})")
                    .endsWith(QStringLiteral("invalid config key service.weights.critical")));
    }

    // --- config files: errors name file, line, column and field ---------------------------

    void wrongTypeNamesFileLineAndField()
    {
        const QString error = fileError("{\n  \"service\": {\"name\": \"web\",\n    \"port\": "
                                        "\"eighty\"}\n}");
        QVERIFY2(error.contains(QStringLiteral("web.json:3")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("port")), qPrintable(error));
        QCOMPARE(error, filePrefix(QStringLiteral("web.json"), 3, 13) +
                            QStringLiteral("expected an integer, got string \"eighty\" (field "
                                           "\"service.port\")"));
    }

    void wrongTypes_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("message");
        QTest::newRow("port as string")
            << QByteArray(R"({"ports": {"http": "80"}})")
            << "1:20: expected an integer, got string \"80\" (field \"ports.http\")";
        QTest::newRow("fractional int")
            << QByteArray(R"({"bootstrap_expect": 1.5})")
            << "1:22: expected an integer, got number 1.5 (field \"bootstrap_expect\")";
        QTest::newRow("huge int")
            << QByteArray(R"({"bootstrap_expect": 1e20})")
            << "1:22: number 1e20 is out of range (field \"bootstrap_expect\")";
        QTest::newRow("bool as string")
            << QByteArray(R"({"server": "true"})")
            << "1:12: expected a boolean (true or false), got string \"true\" (field \"server\")";
        QTest::newRow("string as number")
            << QByteArray(R"({"node_name": 5})")
            << "1:15: expected a string, got number 5 (field \"node_name\")";
        QTest::newRow("tags not array")
            << QByteArray(R"({"service": {"name": "a", "tags": "x"}})")
            << "1:35: expected an array of strings, got string \"x\" (field \"service.tags\")";
        QTest::newRow("tag not string")
            << QByteArray(R"({"service": {"name": "a", "tags": ["x", 1]}})")
            << "1:41: expected a string, got number 1 (field \"service.tags[1]\")";
        QTest::newRow("meta value not string")
            << QByteArray(R"({"service": {"name": "a", "meta": {"v": 2}}})")
            << "1:41: expected a string, got number 2 (field \"service.meta.v\")";
        QTest::newRow("node_meta not object")
            << QByteArray(R"({"node_meta": ["a"]})")
            << "1:15: expected an object of strings, got an array (field \"node_meta\")";
        QTest::newRow("service not object")
            << QByteArray(R"({"service": "web"})")
            << "1:13: expected an object, got string \"web\" (field \"service\")";
        QTest::newRow("services not array")
            << QByteArray(R"({"services": {"name": "web"}})")
            << "1:14: expected an array of objects, got an object (field \"services\")";
        QTest::newRow("services element not object")
            << QByteArray(R"({"services": [{"name": "a"}, "b"]})")
            << "1:30: expected an object, got string \"b\" (field \"services[1]\")";
        QTest::newRow("ports not object")
            << QByteArray(R"({"ports": 8500})")
            << "1:11: expected an object, got number 8500 (field \"ports\")";
        QTest::newRow("top level not object")
            << QByteArray("[1]") << "1:1: a config file must be a JSON object, got an array";
    }
    void wrongTypes()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, message);
        QCOMPARE(fileError(contents),
                 path(QStringLiteral("web.json")) + QLatin1Char(':') + message);
    }

    void unknownKeys_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("message");
        QTest::newRow("top level")
            << QByteArray("{\n  \"colour\": \"red\"\n}") << "2:3: invalid config key colour";
        QTest::newRow("in service") << QByteArray(R"({"service": {"name": "a", "nmae": "b"}})")
                                    << "1:27: invalid config key service.nmae";
        QTest::newRow("in services") << QByteArray(R"({"services": [{"name": "a", "x": 1}]})")
                                     << "1:29: invalid config key services[0].x";
        QTest::newRow("in ports") << QByteArray(R"({"ports": {"htp": 1}})")
                                  << "1:12: invalid config key ports.htp";
        QTest::newRow("in addresses") << QByteArray(R"({"addresses": {"rpc": "x"}})")
                                      << "1:16: invalid config key addresses.rpc";
        QTest::newRow("camelCase is not snake_case")
            << QByteArray(R"({"service": {"name": "a", "EnableTagOverride": true}})")
            << "1:27: invalid config key service.EnableTagOverride";
    }
    void unknownKeys()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, message);
        QCOMPARE(fileError(contents),
                 path(QStringLiteral("web.json")) + QLatin1Char(':') + message);
    }

    // --- checks (reference §13.3) ------------------------------------------------------------

    void seedStep6Checks()
    {
        // The tutorial's two files, word for word.
        write(QStringLiteral("consul.d/ping.json"),
              R"({ "check": { "name": "ping", "args": [ "ping", "-c1", "google.com" ], )"
              R"("interval": "30s" } })");
        write(QStringLiteral("consul.d/web.json"),
              R"({ "service": { "name": "web", "tags": [ "rails" ], "port": 80, "check": { )"
              R"("args": [ "curl", "localhost" ], "interval": "10s" } } })");
        const AgentConfig config =
            loadOk(withDataDir({QStringLiteral("-config-dir"), path(QStringLiteral("consul.d"))}));
        QCOMPARE(config.checks.size(), 1);
        const checks::CheckDefinition &ping = config.checks[0];
        QCOMPARE(ping.name, QStringLiteral("ping"));
        QCOMPARE(ping.args, QStringList({"ping", "-c1", "google.com"}));
        QCOMPARE(ping.intervalNs, 30000000000LL);
        QCOMPARE(ping.kind(), checks::CheckKind::Script);
        QCOMPARE(ping.location, path(QStringLiteral("consul.d/ping.json")) + ":1:12");
        QCOMPARE(ping.field, QStringLiteral("check"));
        QCOMPARE(config.services.size(), 1);
        QCOMPARE(config.services[0].checks.size(), 1);
        const checks::CheckDefinition &web = config.services[0].checks[0];
        QCOMPARE(web.args, QStringList({"curl", "localhost"}));
        QCOMPARE(web.intervalNs, 10000000000LL);
        QCOMPARE(web.field, QStringLiteral("service.check"));
    }

    void everyCheckKeyAndAlias()
    {
        write(
            QStringLiteral("checks.json"),
            R"({"checks": [)"
            R"(  {"id": "api-http", "name": "API", "notes": "n", "service_id": "api", "status": "passing",)"
            R"(   "http": "https://127.0.0.1:8443/health", "method": "POST", "body": "{}",)"
            R"(   "header": {"X-Token": ["a", "b"]}, "TLSSkipVerify": true, "interval": "1m30s",)"
            R"(   "timeout": "500ms", "DeregisterCriticalServiceAfter": "90m", "output_max_size": 100,)"
            R"(   "success_before_passing": 2, "failures_before_critical": 3},)"
            R"(  {"name": "db", "tcp": "localhost:5432", "interval": "10s", "ServiceID": "db"},)"
            R"(  {"name": "beat", "ttl": "30s"},)"
            R"(  {"name": "mirror", "alias_service": "web", "alias_node": "n2"},)"
            R"(  {"name": "script", "ScriptArgs": ["/bin/true"], "interval": "5s"},)"
            R"(  {"name": "script2", "script_args": ["/bin/true"], "interval": "5s"})"
            R"(]})");
        const AgentConfig config = loadOk(
            withDataDir({QStringLiteral("-config-file"), path(QStringLiteral("checks.json"))}));
        QCOMPARE(config.checks.size(), 6);
        const checks::CheckDefinition &http = config.checks[0];
        QCOMPARE(http.id, QStringLiteral("api-http"));
        QCOMPARE(http.serviceId, QStringLiteral("api"));
        QCOMPARE(http.status, QStringLiteral("passing"));
        QCOMPARE(http.kind(), checks::CheckKind::Http);
        QCOMPARE(http.method, QStringLiteral("POST"));
        QCOMPARE(http.body, QStringLiteral("{}"));
        QCOMPARE(http.header.value(QStringLiteral("X-Token")), QStringList({"a", "b"}));
        QVERIFY(http.tlsSkipVerify);
        QCOMPARE(http.intervalNs, 90000000000LL);
        QCOMPARE(http.timeoutNs, 500000000LL);
        QCOMPARE(http.deregisterCriticalServiceAfterNs, 90LL * 60 * 1000000000LL);
        QCOMPARE(http.outputMaxSize, 100);
        QCOMPARE(http.successBeforePassing, 2);
        QCOMPARE(http.failuresBeforeCritical, 3);
        const state::HealthCheckDefinition shown = http.catalogDefinition();
        QCOMPARE(shown.interval, std::string("1m30s"));
        QCOMPARE(shown.timeout, std::string("500ms"));
        QCOMPARE(shown.deregisterCriticalServiceAfter, std::string("1h30m0s"));
        QCOMPARE(config.checks[1].kind(), checks::CheckKind::Tcp);
        QCOMPARE(config.checks[1].serviceId, QStringLiteral("db"));
        QCOMPARE(config.checks[2].kind(), checks::CheckKind::Ttl);
        QCOMPARE(config.checks[3].kind(), checks::CheckKind::Alias);
        QCOMPARE(config.checks[4].args, QStringList({"/bin/true"}));
        QCOMPARE(config.checks[5].args, QStringList({"/bin/true"}));
    }

    void badChecks_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("message");
        QTest::newRow("script without interval")
            << QByteArray(R"({"check": {"name": "a", "args": ["true"]}})")
            << "1:11: Invalid check: Interval must be > 0 for Script, HTTP, or TCP checks "
               "(field \"check\")";
        QTest::newRow("interval and ttl")
            << QByteArray(
                   R"({"check": {"name": "a", "ttl": "1s", "tcp": "a:1", "interval": "1s"}})")
            << "1:11: Invalid check: Interval and TTL cannot both be specified (field \"check\")";
        QTest::newRow("the legacy script string is no check type")
            << QByteArray(R"({"check": {"name": "a", "script": "true", "interval": "1s"}})")
            << "1:11: Invalid check: TTL must be > 0 for TTL checks (field \"check\")";
        QTest::newRow("alias with interval")
            << QByteArray(R"({"check": {"name": "a", "alias_service": "w", "interval": "1s"}})")
            << "1:11: Invalid check: Interval cannot be set for Alias checks (field \"check\")";
        QTest::newRow("bad duration")
            << QByteArray(R"({"check": {"name": "a", "ttl": "10 s"}})")
            << "1:32: time: invalid duration \"10 s\" (field \"check.ttl\")";
        QTest::newRow("duration as a number")
            << QByteArray(R"({"check": {"name": "a", "ttl": 10}})")
            << "1:32: expected a string, got number 10 (field \"check.ttl\")";
        QTest::newRow("bad status")
            << QByteArray(
                   R"({"service": {"name": "w", "checks": [{"ttl": "1s", "status": "ok"}]}})")
            << "1:38: Status for checks must 'passing', 'warning', 'critical', got \"ok\" "
               "(field \"service.checks[0]\")";
        QTest::newRow("no name") << QByteArray(R"({"checks": [{"ttl": "1s"}]})")
                                 << "1:13: Missing check name: a check definition needs \"name\" "
                                    "(field \"checks[0]\")";
        QTest::newRow("CheckID is not a config key")
            << QByteArray(R"({"check": {"CheckID": "a", "ttl": "1s"}})")
            << "1:12: invalid config key check.CheckID";
        QTest::newRow("no service_id inside a service")
            << QByteArray(
                   R"({"service": {"name": "w", "check": {"service_id": "x", "ttl": "1s"}}})")
            << "1:37: invalid config key service.check.service_id";
        QTest::newRow("gRPC") << QByteArray(
                                     R"({"check": {"name": "g", "grpc": "a:1", "interval": "1s"}})")
                              << "1:11: gRPC checks are not supported yet (field \"check\")";
    }
    void badChecks()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, message);
        QCOMPARE(fileError(contents),
                 path(QStringLiteral("web.json")) + QLatin1Char(':') + message);
    }

    void sidecarServiceIsRead()
    {
        // The tutorial's web.json: an empty-looking sidecar with one upstream.
        const QString file = write(QStringLiteral("web.json"), R"({"service": {
  "name": "web", "port": 8080,
  "connect": {"sidecar_service": {"port": 21500, "proxy": {
    "upstreams": [{"destination_name": "socat", "local_bind_port": 9191,
                   "config": {"connect_timeout_ms": 500}}],
    "config": {"bind_address": "0.0.0.0"}}}}}})");
        const AgentConfig config =
            loadOk({QStringLiteral("-dev"), QStringLiteral("-config-file"), file});
        const ServiceDefinition &web = config.services[0];
        QCOMPARE(web.sidecarService.size(), size_t(1));
        const ServiceDefinition &sidecar = web.sidecarService.front();
        QVERIFY(sidecar.name.isEmpty()); // the agent fills in the defaults
        QVERIFY(!sidecar.hasSidecarId);
        QCOMPARE(sidecar.port, 21500);
        QCOMPARE(sidecar.proxy.upstreams.size(), 1);
        const UpstreamDefinition &upstream = sidecar.proxy.upstreams[0];
        QCOMPARE(upstream.destinationName, QStringLiteral("socat"));
        QCOMPARE(upstream.destinationType, QStringLiteral("service"));
        QCOMPARE(upstream.localBindPort, 9191);
        QCOMPARE(upstream.configJson, QStringLiteral(R"({"connect_timeout_ms":500})"));
        QCOMPARE(sidecar.proxy.configJson, QStringLiteral(R"({"bind_address":"0.0.0.0"})"));
    }

    void proxyServiceIsRead()
    {
        const QString file = write(QStringLiteral("web.json"), R"({"service": {
  "name": "web-proxy", "kind": "connect-proxy", "port": 21000,
  "proxy": {"destination_service_name": "web", "local_service_port": 8080}}})");
        const ServiceDefinition proxy =
            loadOk({QStringLiteral("-dev"), QStringLiteral("-config-file"), file}).services[0];
        QCOMPARE(proxy.kind, QStringLiteral("connect-proxy"));
        QCOMPARE(proxy.proxy.destinationServiceName, QStringLiteral("web"));
        QCOMPARE(proxy.proxy.localServicePort, 8080);
    }

    void badConnectKeysNameTheirField()
    {
        QCOMPARE(fileError(R"({"service": {"name": "a", "kind": "mesh-gateway"}})"),
                 filePrefix(QStringLiteral("web.json"), 1, 13) +
                     QStringLiteral("Invalid service kind: \"mesh-gateway\" (field "
                                    "\"service.kind\")"));
        QCOMPARE(fileError(R"({"service": {"name": "a", "connect": {"sidecar_service":
  {"connect": {"sidecar_service": {}}}}}})"),
                 filePrefix(QStringLiteral("web.json"), 2, 3) +
                     QStringLiteral("A SidecarService cannot have a nested SidecarService "
                                    "(field \"service.connect.sidecar_service\")"));
        QCOMPARE(fileError(R"({"service": {"name": "a", "proxy": {"upstreams": [
  {"destination_name": "db", "local_bind_port": "x"}]}}})"),
                 filePrefix(QStringLiteral("web.json"), 2, 49) +
                     QStringLiteral("expected an integer, got string \"x\" (field "
                                    "\"service.proxy.upstreams[0].local_bind_port\")"));
        QCOMPARE(fileError(R"({"service": {"name": "a", "connect": {"proxy": {}}}})"),
                 filePrefix(QStringLiteral("web.json"), 1, 39) +
                     QStringLiteral("managed proxies were removed in Consul 1.6; use "
                                    "sidecar_service (field \"service.connect.proxy\")"));
    }

    void otherConsulKeysAreNotSupportedYet()
    {
        QCOMPARE(
            fileError(R"({"retry_join_wan": ["127.0.0.2"]})"),
            filePrefix(QStringLiteral("web.json"), 1, 2) +
                QStringLiteral("retry_join_wan is not supported yet (field \"retry_join_wan\")"));
        QCOMPARE(fileError(R"({"ports": {"https": 8501}})"),
                 filePrefix(QStringLiteral("web.json"), 1, 12) +
                     QStringLiteral("https is not supported yet (field \"ports.https\")"));
        QCOMPARE(fileError(R"({"service": {"name": "a", "token": "x"}})"),
                 filePrefix(QStringLiteral("web.json"), 1, 27) +
                     QStringLiteral("token is not supported yet (field \"service.token\")"));
    }

    void malformedJson()
    {
        QCOMPARE(fileError("{\n  \"node_name\": \"a\"\n  \"datacenter\": \"b\"\n}"),
                 filePrefix(QStringLiteral("web.json"), 3, 3) +
                     QStringLiteral("invalid JSON: expected ',' or '}' after object member, got "
                                    "'\"'"));
        QCOMPARE(fileError(""), filePrefix(QStringLiteral("web.json"), 1, 1) +
                                    QStringLiteral("invalid JSON: expected a value, got end of "
                                                   "input"));
    }

    void theFirstBadFileStopsLoading()
    {
        const QString good = write(QStringLiteral("a.json"), R"({"node_name": "x"})");
        const QString bad = write(QStringLiteral("b.json"), R"({"node_name": 1})");
        QVERIFY(loadError({QStringLiteral("-dev"), QStringLiteral("-config-file"), good,
                           QStringLiteral("-config-file"), bad})
                    .startsWith(bad + QStringLiteral(":1:15:")));
    }

    // --- config dirs and paths -------------------------------------------------------------

    void configDirLoadsJsonFilesInLexicalOrder()
    {
        write(QStringLiteral("conf.d/2-b.json"),
              R"({"service": {"name": "b"}, "datacenter": "b"})");
        write(QStringLiteral("conf.d/10-a.json"),
              R"({"service": {"name": "a"}, "datacenter": "a"})");
        write(QStringLiteral("conf.d/B.json"), R"({"service": {"name": "upper"}})");
        write(QStringLiteral("conf.d/.hidden.json"), R"({"service": {"name": "hidden"}})");
        write(QStringLiteral("conf.d/README.md"), "not config");
        write(QStringLiteral("conf.d/web.JSON"), "not config either: suffixes are case-sensitive");
        write(QStringLiteral("conf.d/sub/c.json"), R"({"service": {"name": "nested"}})");
        const QString dir = path(QStringLiteral("conf.d"));
        const AgentConfig config =
            loadOk({QStringLiteral("-dev"), QStringLiteral("-config-dir"), dir});
        QStringList names;
        for (const ServiceDefinition &service : config.services)
            names << service.name;
        QCOMPARE(names, QStringList({QStringLiteral("hidden"), QStringLiteral("a"),
                                     QStringLiteral("b"), QStringLiteral("upper")}));
        QCOMPARE(config.datacenter, QStringLiteral("b")); // 2-b.json sorts after 10-a.json
        QCOMPARE(config.services[1].sourceFile, dir + QStringLiteral("/10-a.json"));
        QCOMPARE(config.configDirs, QStringList{dir});
        QCOMPARE(config.warnings.size(), 2);
        QVERIFY(config.warnings[0].contains(QStringLiteral("README.md")));
        QVERIFY(config.warnings[1].contains(QStringLiteral("web.JSON")));
    }

    void emptyConfigDirIsFine()
    {
        QDir().mkpath(path(QStringLiteral("empty.d")));
        QVERIFY(loadOk({QStringLiteral("-dev"), QStringLiteral("-config-dir"),
                        path(QStringLiteral("empty.d"))})
                    .services.isEmpty());
    }

    void hclFilesAreNotSupportedYet()
    {
        write(QStringLiteral("conf.d/a.json"), "{}");
        const QString hcl = write(QStringLiteral("conf.d/b.hcl"), "service { name = \"web\" }");
        QCOMPARE(loadError({QStringLiteral("-dev"), QStringLiteral("-config-dir"),
                            path(QStringLiteral("conf.d"))}),
                 QStringLiteral("HCL config files are not supported yet: %1").arg(hcl));
        QCOMPARE(loadError({QStringLiteral("-dev"), QStringLiteral("-config-file"), hcl}),
                 QStringLiteral("HCL config files are not supported yet: %1").arg(hcl));
    }

    void configFileWithOtherExtensionIsSkippedWithAWarning()
    {
        const QString file = write(QStringLiteral("agent.conf"), R"({"node_name": "x"})");
        const AgentConfig config =
            loadOk({QStringLiteral("-dev"), QStringLiteral("-config-file"), file});
        QCOMPARE(config.nodeName, QStringLiteral("testhost"));
        QCOMPARE(config.warnings.size(), 1);
        QVERIFY(config.warnings[0].contains(file));
    }

    void filesAndDirsLoadInCommandLineOrder()
    {
        const QString first =
            write(QStringLiteral("first.json"), R"({"service": {"name": "first"}})");
        write(QStringLiteral("conf.d/mid.json"), R"({"service": {"name": "mid"}})");
        const QString last = write(QStringLiteral("last.json"), R"({"service": {"name": "last"}})");
        const AgentConfig config =
            loadOk({QStringLiteral("-dev"), QStringLiteral("-config-file"), first,
                    QStringLiteral("-config-dir"), path(QStringLiteral("conf.d")),
                    QStringLiteral("-config-file"), last});
        QStringList names;
        for (const ServiceDefinition &service : config.services)
            names << service.name;
        QCOMPARE(names, QStringList({QStringLiteral("first"), QStringLiteral("mid"),
                                     QStringLiteral("last")}));
        QCOMPARE(config.configFiles, QStringList({first, last}));
    }

    void missingPathIsAnError()
    {
        const QString missing = path(QStringLiteral("nope.json"));
        QCOMPARE(loadError({QStringLiteral("-dev"), QStringLiteral("-config-file"), missing}),
                 QStringLiteral("Error reading \"%1\": no such file or directory").arg(missing));
        const QString missingDir = path(QStringLiteral("nope.d"));
        QCOMPARE(loadError({QStringLiteral("-dev"), QStringLiteral("-config-dir"), missingDir}),
                 QStringLiteral("Error reading \"%1\": no such file or directory").arg(missingDir));
    }

    // --- reload ----------------------------------------------------------------------------

    void loadingIsAPureFunctionOfFlagsAndFiles()
    {
        const QString file =
            write(QStringLiteral("conf.d/web.json"), R"({"service": {"name": "web"}})");
        const QStringList arguments = {QStringLiteral("-dev"), QStringLiteral("-config-dir"),
                                       path(QStringLiteral("conf.d"))};
        const AgentConfig first = loadOk(arguments);
        const AgentConfig second = loadOk(arguments);
        QCOMPARE(first.services, second.services);

        write(QStringLiteral("conf.d/web.json"), R"({"service": {"name": "web", "port": 81}})");
        write(QStringLiteral("conf.d/db.json"), R"({"service": {"name": "db"}})");
        const AgentConfig reloaded = loadOk(arguments);
        QCOMPARE(reloaded.services.size(), 2);
        QCOMPARE(reloaded.services[0].name, QStringLiteral("db"));
        QCOMPARE(reloaded.services[1].port, 81);
        QVERIFY(!(reloaded.services[1] == first.services[0]));
        Q_UNUSED(file);

        Expected<AgentFlags> flags = parseAgentFlags(arguments);
        Expected<QVector<ServiceDefinition>> services = loadServiceDefinitions(*flags);
        QVERIFY(services.hasValue());
        QCOMPARE(*services, reloaded.services);

        write(QStringLiteral("conf.d/db.json"), R"({"service": {"name": 1}})");
        QVERIFY(!loadServiceDefinitions(*flags).hasValue());
    }
};

QTEST_GUILESS_MAIN(ConfigLoaderTest)
#include "config_loader_test.moc"

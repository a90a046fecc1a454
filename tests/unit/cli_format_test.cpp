// The CLI's pure parts: table layouts, the kv/members/catalog outputs of the seed tutorial,
// Go-style flag parsing, the command dispatcher and service definition files.

#include "api/KvExport.h"
#include "cli/CatalogFormat.h"
#include "cli/Columnize.h"
#include "cli/CommandTable.h"
#include "cli/DataArgument.h"
#include "cli/FlagSet.h"
#include "cli/KvFormat.h"
#include "cli/MembersFormat.h"
#include "cli/ServiceDefinition.h"
#include "util/GoBase64.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace qonsul;
using namespace qonsul::cli;

namespace {

AgentMember member(const QString &name, const QString &addr, const QString &role, int status,
                   const QString &segment = QString())
{
    AgentMember m;
    m.name = name;
    m.addr = addr;
    m.port = 8301;
    m.status = status;
    m.tags = {{"role", role},
              {"dc", "dc1"},
              {"vsn", "2"},
              {"build", "1.4.3:abcdef"},
              {"segment", segment}};
    return m;
}

struct CliRun
{
    int code = 0;
    QString out;
    QString err;
};

CliRun runCommandLine(const QStringList &args)
{
    QBuffer out;
    QBuffer err;
    out.open(QIODevice::WriteOnly);
    err.open(QIODevice::WriteOnly);
    Ui ui(&out, &err);
    CliRun run;
    run.code = runCli(args, ui);
    run.out = QString::fromUtf8(out.data());
    run.err = QString::fromUtf8(err.data());
    return run;
}

} // namespace

class CliFormatTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void columnizeJoinsColumnsWithTwoSpaces()
    {
        const QChar d = cellDelimiter;
        const QStringList lines = {QStringList{"Node", "Address", "DC"}.join(d),
                                   QStringList{"agent-one", "172.20.20.10:8301", "dc1"}.join(d),
                                   QStringList{" x ", "y", ""}.join(d)};
        QCOMPARE(columnize(lines), QStringLiteral("Node       Address            DC\n"
                                                  "agent-one  172.20.20.10:8301  dc1\n"
                                                  "x          y                  "));
    }

    void columnizeCountsCodePoints()
    {
        const QChar d = cellDelimiter;
        QCOMPARE(columnize({QStringLiteral("é") + d + "a", QStringLiteral("xy") + d + "b"}),
                 QStringLiteral("é   a\nxy  b"));
    }

    void tabwritePadsEachColumnBlock()
    {
        QCOMPARE(tabwrite("a\t1\nlonger\t2\nlast"),
                 QStringLiteral("a           1\nlonger      2\nlast"));
        // A line without a cell in the column ends the block: the next block is measured alone.
        QCOMPARE(tabwrite("aaaaaaaa\t1\nbreak\nb\t2"),
                 QStringLiteral("aaaaaaaa      1\nbreak\nb      2"));
    }

    void kvDetailedMatchesTheTutorial()
    {
        KvPair pair;
        pair.key = "redis/config/minconns";
        pair.createIndex = 19;
        pair.modifyIndex = 19;
        pair.value = "1";
        QCOMPARE(formatKvDetailed(pair, false),
                 QStringLiteral("CreateIndex      19\n"
                                "Flags            0\n"
                                "Key              redis/config/minconns\n"
                                "LockIndex        0\n"
                                "ModifyIndex      19\n"
                                "Session          -\n"
                                "Value            1"));
        pair.session = "abc";
        pair.value = "bar";
        QVERIFY(
            formatKvDetailed(pair, true).endsWith("Session          abc\nValue            YmFy"));
    }

    void membersMatchTheTutorial()
    {
        const QList<AgentMember> members = {member("agent-two", "172.20.20.11", "node", 1),
                                            member("agent-one", "172.20.20.10", "consul", 1)};
        const QRegularExpression any(".*");
        const QList<AgentMember> shown = prepareMembers(members, "_all", any);
        QCOMPARE(
            formatMembers(shown),
            QStringLiteral(
                "Node       Address            Status  Type    Build  Protocol  DC   Segment\n"
                "agent-one  172.20.20.10:8301  alive   server  1.4.3  2         dc1  <all>\n"
                "agent-two  172.20.20.11:8301  alive   client  1.4.3  2         dc1  <default>"));
    }

    void membersSortBySegmentThenNameAndFilterByStatus()
    {
        const QList<AgentMember> members = {member("b", "10.0.0.2", "node", 1),
                                            member("a", "10.0.0.1", "node", 4),
                                            member("z", "10.0.0.3", "consul", 1)};
        QList<AgentMember> shown = prepareMembers(members, "_all", QRegularExpression(".*"));
        QCOMPARE(shown.size(), 3);
        QCOMPARE(shown.at(0).name, QStringLiteral("z")); // "<all>" sorts before "<default>"
        QCOMPARE(shown.at(1).name, QStringLiteral("a"));
        QCOMPARE(shown.at(2).name, QStringLiteral("b"));

        shown = prepareMembers(members, "_all", QRegularExpression("fail"));
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.first().name, QStringLiteral("a"));
        QVERIFY(prepareMembers(members, "_all", QRegularExpression("left")).isEmpty());
    }

    void membersDetailedAndUnknownRole()
    {
        AgentMember m = member("n1", "::1", "other", 3, "seg");
        // Empty Build/Protocol/DC cells are still padded; only the last column is not.
        QCOMPARE(formatMembers({m}).split('\n').last(),
                 QStringLiteral("n1    [::1]:8301  left    unknown") +
                     QString(2 + 5 + 2 + 8 + 2 + 2 + 2, ' '));
        QCOMPARE(formatMembersDetailed({m}),
                 QStringLiteral("Node  Address     Status  Tags\n"
                                "n1    [::1]:8301  left    build=1.4.3:abcdef,dc=dc1,role=other,"
                                "segment=seg,vsn=2"));
    }

    void catalogNodesTables()
    {
        CatalogNode node;
        node.node = "machine";
        node.id = "11111111-2222-3333-4444-555555555555";
        node.address = "127.0.0.1";
        node.datacenter = "dc1";
        node.taggedAddresses = {{"wan", "127.0.0.1"}, {"lan", "127.0.0.1"}};
        node.meta = {{"consul-network-segment", ""}};
        QCOMPARE(formatCatalogNodes({node}, false),
                 QStringLiteral("Node     ID        Address    DC\n"
                                "machine  11111111  127.0.0.1  dc1"));
        QCOMPARE(formatCatalogNodes({node}, true).split('\n').last(),
                 QStringLiteral("machine  11111111-2222-3333-4444-555555555555  127.0.0.1  dc1  "
                                "lan=127.0.0.1, wan=127.0.0.1  consul-network-segment="));
    }

    void servicesWithTags()
    {
        const QMap<QString, QStringList> services = {{"consul", {}}, {"web", {"v2", "rails"}}};
        // Go's tabwriter pads a cell even when nothing follows it on the line.
        QCOMPARE(formatServicesWithTags(services), QStringLiteral("consul      \n"
                                                                  "web         rails,v2"));
    }

    void kvExportIsGoIndentedJson()
    {
        KvPair pair;
        pair.key = "a<b>";
        pair.flags = 42;
        pair.value = "bar";
        QCOMPARE(formatKvExport({pair}),
                 QStringLiteral("[\n\t{\n\t\t\"key\": \"a\\u003cb\\u003e\",\n"
                                "\t\t\"flags\": 42,\n\t\t\"value\": \"YmFy\"\n\t}\n]"));
        QCOMPARE(formatKvExport({}), QStringLiteral("[]"));
        const auto entries = parseKvExport(formatKvExport({pair}).toUtf8());
        QVERIFY(entries.hasValue());
        QCOMPARE(entries->first().key, QStringLiteral("a<b>"));
        QCOMPARE(entries->first().flags, quint64(42));
        QCOMPARE(entries->first().value, QStringLiteral("YmFy"));
        QVERIFY(!parseKvExport("{").hasValue());
    }

    void strictBase64()
    {
        QCOMPARE(*decodeBase64Strict("YmFy"), QByteArray("bar"));
        QCOMPARE(decodeBase64Strict("Ym!y").error(),
                 QStringLiteral("illegal base64 data at input byte 2"));
        QCOMPARE(decodeBase64Strict("YmFyYmF").error(),
                 QStringLiteral("illegal base64 data at input byte 4"));
    }

    void flagsParseLikeGo()
    {
        FlagSet flags;
        bool cas = false;
        quint64 index = 0;
        QString separator = "/";
        QMap<QString, QString> meta;
        flags.addBool("cas", &cas, "Check-and-set.");
        flags.addUint("modify-index", &index, "The index.");
        flags.addString("separator", &separator, "Separator.");
        flags.addMap("node-meta", &meta, "Metadata `key=value`.");

        auto rest = flags.parse({"-cas", "--modify-index", "41", "-node-meta=a=b", "foo", "-x"});
        QVERIFY(rest.hasValue());
        QVERIFY(cas);
        QCOMPARE(index, quint64(41));
        QCOMPARE(meta.value("a"), QStringLiteral("b"));
        QCOMPARE(*rest, (QStringList{"foo", "-x"})); // flags stop at the first argument

        QCOMPARE(*flags.parse({"--", "-cas"}), QStringList{"-cas"});
        QCOMPARE(flags.parse({"-nope"}).error(),
                 QStringLiteral("flag provided but not defined: -nope"));
        QCOMPARE(flags.parse({"-modify-index"}).error(),
                 QStringLiteral("flag needs an argument: -modify-index"));
        QCOMPARE(flags.parse({"-modify-index=x"}).error(),
                 QStringLiteral("invalid value \"x\" for flag -modify-index: strconv.ParseUint: "
                                "parsing \"x\": invalid syntax"));
        QCOMPARE(flags.parse({"-cas=maybe"}).error(),
                 QStringLiteral("invalid boolean value \"maybe\" for -cas: strconv.ParseBool: "
                                "parsing \"maybe\": invalid syntax"));
        QCOMPARE(*flags.parse({"-", "x"}), (QStringList{"-", "x"}));

        QCOMPARE(flags.printDefaults(),
                 QStringLiteral("  -cas\n    \tCheck-and-set.\n"
                                "  -modify-index uint\n    \tThe index.\n"
                                "  -node-meta key=value\n    \tMetadata key=value.\n"
                                "  -separator string\n    \tSeparator. (default \"/\")\n"));
        QVERIFY(flags.usage("\nUsage: x\n")
                    .startsWith("Usage: x\n\nCommand Options\n\n  -cas\n     Check-and-set.\n\n"));
        QVERIFY(flags.usage("Usage: x").contains("  -node-meta=<key=value>\n"));
    }

    void dispatcherShowsUsageForNoOrUnknownCommand()
    {
        for (const QStringList &args : {QStringList{}, QStringList{"nope"}}) {
            const CliRun run = runCommandLine(args);
            QCOMPARE(run.code, 127);
            QVERIFY(run.out.isEmpty());
            QVERIFY(run.err.startsWith("Usage: qonsul [--version] [--help] <command> [<args>]\n\n"
                                       "Available commands are:\n"));
            QVERIFY(run.err.contains("\n    kv             Interact with the key-value store\n"));
            QVERIFY(
                run.err.contains("\n    members        Lists the members of a Consul cluster\n"));
            QVERIFY(run.err.contains(
                "\n    intention      Interact with Connect service intentions\n"));
            QVERIFY(!run.err.contains("kv get"));
            QVERIFY(run.err.endsWith("\n\n"));
        }
        QCOMPARE(runCommandLine({"-h"}).code, 0);
    }

    // keygen: 32 random bytes in base64, as Consul 1.6; a new key each time.
    void keygenPrintsA32ByteKey()
    {
        const CliRun first = runCommandLine({"keygen"});
        const CliRun second = runCommandLine({"keygen"});
        QCOMPARE(first.code, 0);
        QVERIFY(first.err.isEmpty());
        QVERIFY(first.out.endsWith('\n'));
        const QByteArray key = first.out.trimmed().toLatin1();
        QCOMPARE(key.size(), 44);
        const auto decoded =
            QByteArray::fromBase64Encoding(key, QByteArray::AbortOnBase64DecodingErrors);
        QVERIFY(decoded);
        QCOMPARE(decoded.decoded.size(), 32);
        QVERIFY(first.out != second.out);
        const CliRun bad = runCommandLine({"keygen", "-nope"});
        QCOMPARE(bad.code, 1);
        QVERIFY(bad.err.startsWith("flag provided but not defined: -nope\n"));
        QVERIFY(runCommandLine({"--help"})
                    .err.contains("\n    keygen         Generates a new encryption key\n"));
    }

    void dispatcherVersion()
    {
        for (const QStringList &args :
             {QStringList{"version"}, QStringList{"-v"}, QStringList{"--version"}}) {
            const CliRun run = runCommandLine(args);
            QCOMPARE(run.code, 0);
            QVERIFY(run.out.startsWith(QStringLiteral(
                "Qonsul v" QONSUL_VERSION " (Consul v1.6.1 compatible)\nProtocol 2 spoken")));
        }
    }

    void dispatcherHelpAndGroups()
    {
        CliRun run = runCommandLine({"kv", "get", "-h"});
        QCOMPARE(run.code, 0);
        QVERIFY(run.err.startsWith("Usage: qonsul kv get [options] [KEY_OR_PREFIX]\n"));
        QVERIFY(run.err.contains("HTTP API Options\n\n  -ca-file=<value>\n"));
        QVERIFY(run.err.contains("  -http-addr=<address>\n"));
        QVERIFY(run.err.contains("Command Options\n\n  -base64\n"));

        run = runCommandLine({"kv"});
        QCOMPARE(run.code, 1);
        QVERIFY(
            run.err.contains("\n\nSubcommands:\n    delete    Removes data from the KV store\n"));
        QVERIFY(run.err.contains("\n    get       Retrieves or lists data from the KV store\n"));

        run = runCommandLine({"kv", "get", "-nope"});
        QCOMPARE(run.code, 1);
        QVERIFY(run.err.startsWith("flag provided but not defined: -nope\nUsage:\n  -base64\n"));

        run = runCommandLine({"-x", "members"});
        QCOMPARE(run.code, 1);
        QVERIFY(run.err.startsWith("Invalid flags before the subcommand."));
    }

    void commandArgumentChecksHappenBeforeAnyRequest()
    {
        CliRun run = runCommandLine({"kv", "get"});
        QCOMPARE(run.code, 1);
        QCOMPARE(run.err, QStringLiteral("Error! Missing KEY argument\n"));

        run = runCommandLine({"kv", "put", "a", "b", "c"});
        QCOMPARE(run.err, QStringLiteral("Error! Too many arguments (expected 1 or 2, got 3)\n"));
        run = runCommandLine({"kv", "put", "-cas", "foo", "bar"});
        QCOMPARE(run.err, QStringLiteral("Must specify -modify-index with -cas!\n"));
        run = runCommandLine({"kv", "put", "-acquire", "foo"});
        QCOMPARE(run.err,
                 QStringLiteral("Error! Missing -session (required with -acquire and -release)\n"));
        run = runCommandLine({"kv", "put", "foo", "@/nonexistent/file"});
        QCOMPARE(run.err,
                 QStringLiteral("Error! Failed to read file: open /nonexistent/file: no such "
                                "file or directory\n"));
        run = runCommandLine({"kv", "delete", "-modify-index=3", "foo"});
        QCOMPARE(run.err, QStringLiteral("Cannot specify -modify-index without -cas!\n"));
        run = runCommandLine({"kv", "delete", "-cas", "-modify-index=3", "-recurse", "foo"});
        QCOMPARE(run.err, QStringLiteral("Cannot specify both -cas and -recurse!\n"));
        run = runCommandLine({"members", "-status", "("});
        QVERIFY(run.err.startsWith("Failed to compile status regexp: error parsing regexp: "));
        run = runCommandLine({"lock", "prefix"});
        QCOMPARE(run.err, QStringLiteral("Key prefix and child command must be specified\n"));
        run = runCommandLine({"members", "-http-addr=ftp://x:1"});
        QCOMPARE(run.err, QStringLiteral(
                              "Error connecting to Consul agent: Unknown protocol scheme: ftp\n"));
        run = runCommandLine({"services", "register"});
        QCOMPARE(run.err,
                 QStringLiteral("Service registration requires at least one argument or flags.\n"));
    }

    void serviceDefinitionsBecomeApiRegistrations()
    {
        QCOMPARE(apiFieldName("enable_tag_override"), QStringLiteral("EnableTagOverride"));
        QCOMPARE(apiFieldName("service_id"), QStringLiteral("ServiceID"));
        QCOMPARE(apiFieldName("grpc_use_tls"), QStringLiteral("GRPCUseTLS"));
        QCOMPARE(apiFieldName("ttl"), QStringLiteral("TTL"));
        QCOMPARE(apiFieldName("args"), QStringLiteral("Args"));

        const QByteArray file = R"({"service": {"name": "web", "tags": ["rails"], "port": 80,
            "meta": {"some_key": "v"},
            "check": {"args": ["curl", "localhost"], "interval": "10s"},
            "connect": {"sidecar_service": {"proxy": {"upstreams": [
                {"destination_name": "socat", "local_bind_port": 9191}]}}}}})";
        const auto services = servicesFromJson(file, "web.json");
        QVERIFY(services.hasValue());
        QCOMPARE(services->size(), 1);
        const QJsonObject web = services->first();
        QCOMPARE(web.value("Name").toString(), QStringLiteral("web"));
        QCOMPARE(web.value("Port").toInt(), 80);
        QCOMPARE(web.value("Meta").toObject().value("some_key").toString(), QStringLiteral("v"));
        QCOMPARE(web.value("Check").toObject().value("Interval").toString(), QStringLiteral("10s"));
        const QJsonObject upstream = web.value("Connect")
                                         .toObject()
                                         .value("SidecarService")
                                         .toObject()
                                         .value("Proxy")
                                         .toObject()
                                         .value("Upstreams")
                                         .toArray()
                                         .first()
                                         .toObject();
        QCOMPARE(upstream.value("DestinationName").toString(), QStringLiteral("socat"));
        QCOMPARE(upstream.value("LocalBindPort").toInt(), 9191);

        const auto many =
            servicesFromJson(R"({"services": [{"name": "a"}, {"name": "b"}]})", "x.json");
        QCOMPARE(many->size(), 2);
        QVERIFY(!servicesFromJson("{", "bad.json").hasValue());
    }
};

QTEST_GUILESS_MAIN(CliFormatTest)
#include "cli_format_test.moc"

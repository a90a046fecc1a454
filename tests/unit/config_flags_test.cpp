// `qonsul agent` command-line parsing: Go `flag` syntax and error texts, as `consul agent`.

#include "agent/config/AgentFlags.h"
#include "agent/config/GoFlagSet.h"

#include <QtTest>

using namespace qonsul;

namespace {

QStringList args(const char *line)
{
    return QString::fromUtf8(line).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

AgentFlags parseOk(const QStringList &arguments)
{
    Expected<AgentFlags> flags = parseAgentFlags(arguments);
    if (!flags)
        qFatal("unexpected error: %s", qPrintable(flags.error()));
    return *flags;
}

QString parseError(const QStringList &arguments)
{
    Expected<AgentFlags> flags = parseAgentFlags(arguments);
    if (flags)
        return QStringLiteral("<no error>");
    return flags.error();
}

} // namespace

class ConfigFlagsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noArgumentsSetsNothing()
    {
        const AgentFlags flags = parseOk({});
        QVERIFY(!flags.dev);
        QVERIFY(!flags.help);
        QVERIFY(!flags.nodeName);
        QVERIFY(!flags.server);
        QVERIFY(!flags.httpPort);
        QVERIFY(flags.configPaths.isEmpty());
        QVERIFY(flags.nodeMeta.isEmpty());
    }

    void valueSyntaxes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("-flag=value") << args("-node=alpha");
        QTest::newRow("-flag value") << args("-node alpha");
        QTest::newRow("--flag=value") << args("--node=alpha");
        QTest::newRow("--flag value") << args("--node alpha");
        QTest::newRow("later wins") << args("-node=beta -node alpha");
    }
    void valueSyntaxes()
    {
        QFETCH(QStringList, arguments);
        QCOMPARE(parseOk(arguments).nodeName, std::optional<QString>(QStringLiteral("alpha")));
    }

    void valueMayContainEqualsSign()
    {
        QCOMPARE(parseOk(args("-node=a=b")).nodeName,
                 std::optional<QString>(QStringLiteral("a=b")));
    }

    void emptyValueIsAValue()
    {
        QCOMPARE(parseOk({QStringLiteral("-node=")}).nodeName, std::optional<QString>(QString()));
        QCOMPARE(parseOk({QStringLiteral("-node"), QString()}).nodeName,
                 std::optional<QString>(QString()));
    }

    void valueFlagTakesNextArgumentEvenIfItLooksLikeAFlag()
    {
        // Go's flag package does this; so does Consul.
        const AgentFlags flags = parseOk(args("-node -dev"));
        QCOMPARE(flags.nodeName, std::optional<QString>(QStringLiteral("-dev")));
        QVERIFY(!flags.dev);
    }

    void boolSyntaxes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("dev");
        QTest::newRow("-dev") << args("-dev") << true;
        QTest::newRow("--dev") << args("--dev") << true;
        QTest::newRow("-dev=true") << args("-dev=true") << true;
        QTest::newRow("-dev=false") << args("-dev=false") << false;
        QTest::newRow("-dev=1") << args("-dev=1") << true;
        QTest::newRow("-dev=0") << args("-dev=0") << false;
        QTest::newRow("-dev=T") << args("-dev=T") << true;
        QTest::newRow("-dev=F") << args("-dev=F") << false;
        QTest::newRow("-dev=TRUE") << args("-dev=TRUE") << true;
        QTest::newRow("-dev=False") << args("-dev=False") << false;
        QTest::newRow("later wins") << args("-dev -dev=false") << false;
    }
    void boolSyntaxes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, dev);
        QCOMPARE(parseOk(arguments).dev, dev);
    }

    void badBoolValue()
    {
        QCOMPARE(parseError(args("-dev=maybe")),
                 QStringLiteral("invalid boolean value \"maybe\" for -dev: parse error"));
        QCOMPARE(parseError(args("-server=yes")),
                 QStringLiteral("invalid boolean value \"yes\" for -server: parse error"));
    }

    void boolFlagDoesNotTakeNextArgument()
    {
        // `-dev false` is `-dev` followed by a stray argument.
        QCOMPARE(parseError(args("-dev false")),
                 QStringLiteral("config: Unknown extra arguments: [false]"));
    }

    void everySupportedFlag()
    {
        const AgentFlags flags =
            parseOk(args("-dev -node n1 -datacenter dc2 -bind 10.0.0.1 -client 0.0.0.0 "
                         "-advertise 10.0.0.2 -data-dir /tmp/q -server -bootstrap-expect 3 -ui "
                         "-log-level warn -http-port 8501 -dns-port 8601 -serf-lan-port 8303 "
                         "-server-port 8304 -enable-script-checks -enable-local-script-checks "
                         "-node-meta rack:r1 -config-dir /etc/q.d -config-file /etc/q.json"));
        QVERIFY(flags.dev);
        QCOMPARE(*flags.nodeName, QStringLiteral("n1"));
        QCOMPARE(*flags.datacenter, QStringLiteral("dc2"));
        QCOMPARE(*flags.bindAddr, QStringLiteral("10.0.0.1"));
        QCOMPARE(*flags.clientAddr, QStringLiteral("0.0.0.0"));
        QCOMPARE(*flags.advertiseAddr, QStringLiteral("10.0.0.2"));
        QCOMPARE(*flags.dataDir, QStringLiteral("/tmp/q"));
        QCOMPARE(flags.server, std::optional<bool>(true));
        QCOMPARE(flags.bootstrapExpect, std::optional<int>(3));
        QCOMPARE(flags.ui, std::optional<bool>(true));
        QCOMPARE(*flags.logLevel, QStringLiteral("warn")); // checked when loading
        QCOMPARE(flags.httpPort, std::optional<int>(8501));
        QCOMPARE(flags.dnsPort, std::optional<int>(8601));
        QCOMPARE(flags.serfLanPort, std::optional<int>(8303));
        QCOMPARE(flags.serverPort, std::optional<int>(8304));
        QCOMPARE(flags.enableScriptChecks, std::optional<bool>(true));
        QCOMPARE(flags.enableLocalScriptChecks, std::optional<bool>(true));
        QCOMPARE(flags.nodeMeta.value(QStringLiteral("rack")), QStringLiteral("r1"));
        QCOMPARE(flags.configDirs, QStringList{QStringLiteral("/etc/q.d")});
        QCOMPARE(flags.configFiles, QStringList{QStringLiteral("/etc/q.json")});
    }

    void dnsFlags()
    {
        const AgentFlags flags = parseOk(args("-domain lab -alt-domain alt.example. -recursor "
                                              "127.0.0.1 -recursor=[::1]:5353"));
        QCOMPARE(*flags.domain, QStringLiteral("lab"));
        QCOMPARE(*flags.altDomain, QStringLiteral("alt.example."));
        // Repeatable, in command-line order; checked when loading.
        QCOMPARE(flags.recursors,
                 (QStringList{QStringLiteral("127.0.0.1"), QStringLiteral("[::1]:5353")}));
    }

    void boolFlagsCanBeTurnedOffExplicitly()
    {
        const AgentFlags flags = parseOk(args("-server=false -ui=false"));
        QCOMPARE(flags.server, std::optional<bool>(false));
        QCOMPARE(flags.ui, std::optional<bool>(false));
    }

    void configPathsAreRepeatableAndKeepCommandLineOrder()
    {
        const AgentFlags flags =
            parseOk(args("-config-file a.json -config-dir d1 -config-file b.json -config-dir d2"));
        QCOMPARE(flags.configFiles, args("a.json b.json"));
        QCOMPARE(flags.configDirs, args("d1 d2"));
        QCOMPARE(flags.configPaths, args("a.json d1 b.json d2"));
    }

    void nodeMetaIsRepeatableAndSplitsAtFirstColon()
    {
        const AgentFlags flags =
            parseOk(args("-node-meta rack:r1 -node-meta url:http://x:80 -node-meta empty:"));
        QCOMPARE(flags.nodeMeta.value(QStringLiteral("rack")), QStringLiteral("r1"));
        QCOMPARE(flags.nodeMeta.value(QStringLiteral("url")), QStringLiteral("http://x:80"));
        QVERIFY(flags.nodeMeta.contains(QStringLiteral("empty")));
        QCOMPARE(flags.nodeMeta.value(QStringLiteral("empty")), QString());
    }

    void nodeMetaWithoutColonIsAnError()
    {
        const QString error = parseError(args("-node-meta rack"));
        QCOMPARE(error, QStringLiteral("invalid value \"rack\" for flag -node-meta: missing ':' "
                                       "(expected key:value)"));
    }

    void unknownFlag()
    {
        QCOMPARE(parseError(args("-foo")), QStringLiteral("flag provided but not defined: -foo"));
        QCOMPARE(parseError(args("--foo=bar")),
                 QStringLiteral("flag provided but not defined: -foo"));
        QCOMPARE(parseError(args("-dev -nodes x")),
                 QStringLiteral("flag provided but not defined: -nodes"));
    }

    void missingValue()
    {
        QCOMPARE(parseError(args("-node")), QStringLiteral("flag needs an argument: -node"));
        QCOMPARE(parseError(args("-dev -http-port")),
                 QStringLiteral("flag needs an argument: -http-port"));
        QCOMPARE(parseError(args("-config-dir")),
                 QStringLiteral("flag needs an argument: -config-dir"));
    }

    void badIntegers_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error");
        QTest::newRow("word") << args("-http-port=eighty")
                              << "invalid value \"eighty\" for flag -http-port: parse error";
        QTest::newRow("fraction") << args("-dns-port 53.5")
                                  << "invalid value \"53.5\" for flag -dns-port: parse error";
        QTest::newRow("empty") << QStringList{QStringLiteral("-server-port=")}
                               << "invalid value \"\" for flag -server-port: parse error";
        QTest::newRow("too big")
            << args("-bootstrap-expect 99999999999")
            << "invalid value \"99999999999\" for flag -bootstrap-expect: value out of range";
        QTest::newRow("bad octal") << args("-serf-lan-port 08")
                                   << "invalid value \"08\" for flag -serf-lan-port: parse error";
    }
    void badIntegers()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, error);
        QCOMPARE(parseError(arguments), error);
    }

    void goIntegerSyntax_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("value");
        QTest::newRow("decimal") << "8500" << 8500;
        QTest::newRow("plus") << "+3" << 3;
        QTest::newRow("negative") << "-1" << -1;
        QTest::newRow("zero") << "0" << 0;
        QTest::newRow("hex") << "0x1F" << 31;
        QTest::newRow("octal") << "017" << 15;
        QTest::newRow("octal 0o") << "0o17" << 15;
        QTest::newRow("binary") << "0b101" << 5;
        QTest::newRow("underscores") << "8_500" << 8500;
        QTest::newRow("int min") << "-2147483648" << -2147483647 - 1;
    }
    void goIntegerSyntax()
    {
        QFETCH(QString, text);
        QFETCH(int, value);
        const Expected<int> parsed = GoFlagSet::parseInt(text);
        QVERIFY2(parsed.hasValue(), qPrintable(parsed.hasValue() ? QString() : parsed.error()));
        QCOMPARE(*parsed, value);
    }

    void goIntegerRejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("leading underscore") << "_1";
        QTest::newRow("trailing underscore") << "1_";
        QTest::newRow("double underscore") << "1__0";
        QTest::newRow("bare hex prefix") << "0x";
        QTest::newRow("sign only") << "-";
        QTest::newRow("spaces") << " 1";
        QTest::newRow("non-ascii digit") << QString::fromUtf8("\u0661");
    }
    void goIntegerRejects()
    {
        QFETCH(QString, text);
        QVERIFY(!GoFlagSet::parseInt(text).hasValue());
    }

    void unsupportedFlagsAreParsedThenRejected_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error");
        const char *valueFlags[] = {"retry-join-wan", "grpc-port", "serf-wan-port", "join-wan",
                                    "pid-file",       "hcl",       "config-format", "ui-dir"};
        for (const char *name : valueFlags) {
            const QString flag = QStringLiteral("-%1").arg(QLatin1String(name));
            QTest::newRow(name) << QStringList{flag, QStringLiteral("x")}
                                << QStringLiteral("%1 is not supported yet").arg(flag);
        }
        QTest::newRow("bool") << args("-rejoin") << QStringLiteral("-rejoin is not supported yet");
        QTest::newRow("=value") << args("-join-wan=127.0.0.2")
                                << QStringLiteral("-join-wan is not supported yet");
        QTest::newRow("missing value")
            << args("-join-wan") << QStringLiteral("flag needs an argument: -join-wan");
    }
    void unsupportedFlagsAreParsedThenRejected()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, error);
        QCOMPARE(parseError(arguments), error);
    }

    void extraArguments()
    {
        QCOMPARE(parseError(args("-dev foo bar")),
                 QStringLiteral("config: Unknown extra arguments: [foo bar]"));
        QCOMPARE(parseError(args("-dev -- -node x")),
                 QStringLiteral("config: Unknown extra arguments: [-node x]"));
        QCOMPARE(parseError(args("-")), QStringLiteral("config: Unknown extra arguments: [-]"));
    }

    void doubleDashEndsFlags() { QVERIFY(parseOk(args("-dev --")).dev); }

    void badFlagSyntax()
    {
        QCOMPARE(parseError(args("---dev")), QStringLiteral("bad flag syntax: ---dev"));
        QCOMPARE(parseError(args("-=x")), QStringLiteral("bad flag syntax: -=x"));
    }

    void helpStopsParsing()
    {
        QVERIFY(parseOk(args("-h")).help);
        QVERIFY(parseOk(args("-dev --help -foo")).help);
    }
};

QTEST_GUILESS_MAIN(ConfigFlagsTest)
#include "config_flags_test.moc"

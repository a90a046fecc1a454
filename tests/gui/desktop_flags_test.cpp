// `qonsul desktop`'s command line: the app's own flags, and `qonsul agent`'s flags for the
// embedded agent, as the tutorial gives them; the embedded agent is named `machine` unless a
// flag or a config file names it.
#include "DesktopFlags.h"
#include "agent/config/ConfigLoader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace qonsul;
using namespace qonsul::desktop;

class DesktopFlagsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void takesTheTutorialsAgentFlags()
    {
        const Expected<DesktopFlags> flags = parseDesktopFlags(
            {"-dev", "-enable-script-checks", "-node", "n1", "-config-dir=/tmp/x", "-ui",
             "-http-addr", "127.0.0.1:9", "--page=kv", "-enable-local-script-checks"});
        QVERIFY2(flags, qPrintable(flags ? QString() : flags.error()));
        QCOMPARE(flags->httpAddress.value_or(QString()), QStringLiteral("127.0.0.1:9"));
        QCOMPARE(flags->route, QStringLiteral("kv"));
        QVERIFY(!flags->attachOnly);
        QVERIFY(flags->agent.dev);
        QCOMPARE(flags->agent.enableScriptChecks, std::optional<bool>(true));
        QCOMPARE(flags->agent.enableLocalScriptChecks, std::optional<bool>(true));
        QCOMPARE(flags->agent.nodeName, std::optional<QString>(QStringLiteral("n1")));
        QCOMPARE(flags->agent.configPaths, QStringList{QStringLiteral("/tmp/x")});
        QCOMPARE(flags->agent.ui, std::optional<bool>(true));
    }

    void explainsBadFlags()
    {
        const Expected<DesktopFlags> unknown = parseDesktopFlags({"-attach", "-bogus"});
        QVERIFY(!unknown);
        QCOMPARE(unknown.error(), QStringLiteral("flag provided but not defined: -bogus"));
        const Expected<DesktopFlags> missing = parseDesktopFlags({"-http-addr"});
        QVERIFY(!missing);
        QCOMPARE(missing.error(), QStringLiteral("flag needs an argument: -http-addr"));
        const Expected<DesktopFlags> help = parseDesktopFlags({"-node", "x", "-h"});
        QVERIFY(help && help->help);
    }

    void theEmbeddedAgentIsNamedMachineUnlessToldOtherwise()
    {
        QTemporaryDir dir;
        const auto nodeName = [&dir](const QStringList &args) {
            Expected<DesktopFlags> flags = parseDesktopFlags(args);
            if (!flags)
                qFatal("%s", qPrintable(flags.error()));
            const Expected<AgentConfig> config = loadAgentConfig(flags->agent, embeddedNodeName);
            return config ? config->nodeName : config.error();
        };
        QCOMPARE(nodeName({}), QStringLiteral("machine"));
        QCOMPARE(nodeName({"-node=n2"}), QStringLiteral("n2"));
        QFile file(dir.filePath(QStringLiteral("node.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"node_name": "from-file"})");
        file.close();
        QCOMPARE(nodeName({"-config-dir", dir.path()}), QStringLiteral("from-file"));
        QCOMPARE(nodeName({"-config-dir", dir.path(), "-node", "n3"}), QStringLiteral("n3"));
    }
};

QTEST_APPLESS_MAIN(DesktopFlagsTest)
#include "desktop_flags_test.moc"

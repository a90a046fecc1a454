// The check details pane's words: what runs, how often, where it was written, when it last ran
// and runs next; maintenance named as such; what can be said about another node's check.
#include "common/CheckDescription.h"

#include <QtTest>

using namespace qonsul;
using namespace qonsul::ui;

namespace {

QString valueOf(const QList<DescriptionRow> &rows, const QString &label)
{
    for (const DescriptionRow &row : rows) {
        if (row.label == label)
            return row.value;
    }
    return QStringLiteral("<no %1 row>").arg(label);
}

HealthCheck webCheck()
{
    HealthCheck check;
    check.node = QStringLiteral("machine");
    check.checkId = QStringLiteral("service:web");
    check.name = QStringLiteral("Service 'web' check");
    check.status = QStringLiteral("critical");
    check.serviceId = QStringLiteral("web");
    check.serviceName = QStringLiteral("web");
    check.definition.interval = QStringLiteral("10s");
    return check;
}

const QDateTime now = QDateTime(QDate(2026, 12, 5), QTime(12, 0, 0));

} // namespace

class CheckDescriptionTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aLocalScriptCheckSaysWhatRunsAndWhen()
    {
        LocalCheckDetails local;
        local.type = QStringLiteral("script");
        local.source = QStringLiteral("file");
        local.location = QStringLiteral("web.json:4:14");
        local.args = {QStringLiteral("curl"), QStringLiteral("localhost"),
                      QStringLiteral("it's here")};
        local.interval = QStringLiteral("10s");
        local.runsEvery = QStringLiteral("10s");
        local.timesOutAfter = QStringLiteral("30s");
        local.lastRun = now.addSecs(-3);
        local.lastRunDuration = QStringLiteral("12ms");
        local.nextRun = now.addSecs(7);
        const QList<DescriptionRow> rows = describeCheck(webCheck(), local, now);
        QVERIFY(valueOf(rows, "Type").startsWith("script: the agent runs a command"));
        QCOMPARE(valueOf(rows, "Command"),
                 QStringLiteral("curl localhost 'it'\\''s here' (run without a shell)"));
        QCOMPARE(valueOf(rows, "Interval"), QStringLiteral("10s"));
        QCOMPARE(valueOf(rows, "Timeout"), QStringLiteral("30s (the default)"));
        QCOMPARE(valueOf(rows, "Defined in"), QStringLiteral("web.json:4:14"));
        QCOMPARE(valueOf(rows, "Last run"), QStringLiteral("11:59:57, 3 s ago, took 12ms"));
        QCOMPARE(valueOf(rows, "Next run"), QStringLiteral("12:00:07, in 7 s"));
    }

    void aRaisedIntervalAndARunInProgressAreSaid()
    {
        LocalCheckDetails local;
        local.type = QStringLiteral("http");
        local.source = QStringLiteral("api");
        local.http = QStringLiteral("http://localhost:80/health");
        local.interval = QStringLiteral("100ms");
        local.runsEvery = QStringLiteral("1s");
        local.timeout = QStringLiteral("2s");
        local.timesOutAfter = QStringLiteral("2s");
        local.lastRun = now.addSecs(-1);
        local.running = true;
        const QList<DescriptionRow> rows = describeCheck(webCheck(), local, now);
        QCOMPARE(valueOf(rows, "Request"), QStringLiteral("GET http://localhost:80/health"));
        QCOMPARE(valueOf(rows, "Interval"),
                 QStringLiteral("1s (100ms was written; the agent's minimum interval)"));
        QCOMPARE(valueOf(rows, "Timeout"), QStringLiteral("2s"));
        QCOMPARE(valueOf(rows, "Last run"), QStringLiteral("running now (started 1 s ago)"));
        QCOMPARE(valueOf(rows, "Next run"),
                 QStringLiteral("after the current run, plus the interval"));
        // An account a moment old: the run it named is due.
        local.running = false;
        local.nextRun = now.addMSecs(-300);
        QCOMPARE(valueOf(describeCheck(webCheck(), local, now), "Next run"),
                 QStringLiteral("11:59:59, due now"));
        QVERIFY(valueOf(rows, "Defined by").contains("HTTP API"));
    }

    void aTtlCheckSaysWhenItRunsOut()
    {
        LocalCheckDetails local;
        local.type = QStringLiteral("ttl");
        local.ttl = QStringLiteral("30s");
        local.ttlExpires = now.addSecs(-5);
        QList<DescriptionRow> rows = describeCheck(webCheck(), local, now);
        QCOMPARE(valueOf(rows, "TTL"), QStringLiteral("30s"));
        QCOMPARE(valueOf(rows, "Last report"), QStringLiteral("none yet"));
        QCOMPARE(valueOf(rows, "Ran out"), QStringLiteral("11:59:55, 5 s ago"));
        local.lastRun = now.addSecs(-2);
        local.ttlExpires = now.addSecs(28);
        rows = describeCheck(webCheck(), local, now);
        QCOMPARE(valueOf(rows, "Last report"), QStringLiteral("11:59:58, 2 s ago"));
        QCOMPARE(valueOf(rows, "Runs out"), QStringLiteral("12:00:28, in 28 s"));
    }

    void anotherNodesCheckShowsTheCatalogsDefinition()
    {
        HealthCheck check = webCheck();
        check.node = QStringLiteral("n2");
        check.definition.http = QStringLiteral("http://10.0.0.2/");
        check.definition.timeout = QStringLiteral("5s");
        const QList<DescriptionRow> rows = describeCheck(check, std::nullopt, now);
        QVERIFY(valueOf(rows, "Type").startsWith("HTTP"));
        QCOMPARE(valueOf(rows, "Request"), QStringLiteral("GET http://10.0.0.2/"));
        QCOMPARE(valueOf(rows, "Interval"), QStringLiteral("10s"));
        QCOMPARE(valueOf(rows, "Timeout"), QStringLiteral("5s"));
        QVERIFY(valueOf(rows, "Runs on").startsWith("the agent of node n2"));
        QCOMPARE(valueOf(rows, "Last run"), QStringLiteral("<no Last run row>"));
    }

    void theGossipCheckIsKeptByTheServers()
    {
        HealthCheck serf;
        serf.node = QStringLiteral("machine");
        serf.checkId = QStringLiteral("serfHealth");
        serf.status = QStringLiteral("passing");
        const QList<DescriptionRow> rows = describeCheck(serf, std::nullopt, now);
        QVERIFY(valueOf(rows, "Type").startsWith("gossip"));
        QVERIFY(valueOf(rows, "Kept by").startsWith("the servers"));
        QCOMPARE(valueOf(rows, "Runs on"), QStringLiteral("<no Runs on row>"));
    }

    void maintenanceIsNotAProbe()
    {
        HealthCheck node;
        node.node = QStringLiteral("machine");
        node.checkId = QStringLiteral("_node_maintenance");
        node.status = QStringLiteral("critical");
        node.notes = QStringLiteral("upgrade");
        QVERIFY(node.isMaintenance());
        QCOMPARE(valueOf(describeCheck(node, std::nullopt, now), "Type"),
                 QStringLiteral("maintenance mode (not a probe: nothing runs)"));
        QVERIFY(maintenanceExplanation(node).contains("Reason: upgrade."));
        QVERIFY(maintenanceExplanation(node).contains("qonsul maint -disable (on that node"));

        HealthCheck service = node;
        service.checkId = QStringLiteral("_service_maintenance:web-2");
        service.notes.clear();
        QVERIFY(service.isMaintenance());
        QVERIFY(maintenanceExplanation(service).startsWith("Service web-2 on machine"));
        QVERIFY(maintenanceExplanation(service).contains("Reason: none given."));
        QVERIFY(maintenanceExplanation(service).contains("qonsul maint -disable -service=web-2"));
        QVERIFY(!webCheck().isMaintenance());
    }

    void relativeTimes()
    {
        QCOMPARE(relativeTime(now, now), QStringLiteral("just now"));
        QCOMPARE(relativeTime(now.addMSecs(-999), now), QStringLiteral("just now"));
        QCOMPARE(relativeTime(now.addMSecs(400), now), QStringLiteral("in under 1 s"));
        QCOMPARE(relativeTime(now.addMSecs(1500), now), QStringLiteral("in 1 s"));
        QCOMPARE(relativeTime(now.addSecs(119), now), QStringLiteral("in 119 s"));
        QCOMPARE(relativeTime(now.addSecs(-600), now), QStringLiteral("10 min ago"));
    }
};

QTEST_GUILESS_MAIN(CheckDescriptionTest)
#include "ui_check_description_test.moc"

// The check details pane against a real in-process dev agent (offscreen): step 6's failing
// check shows its whole output (not only curl's progress header) with Copy, what runs it, and
// when it last ran and runs next; maintenance mode is called maintenance; the gossip check of
// a node says who keeps it; the DNS page's "Why this answer" opens the check that left an
// instance out; a window at 1024×700 still shows the pane.
#include "AttachedWindow.h"
#include "common/CheckDetailsPane.h"
#include "common/CheckListModel.h"
#include "dns/DnsAnswerView.h"
#include "dns/DnsPage.h"
#include "nodes/NodeDetailView.h"
#include "nodes/NodesPage.h"
#include "services/ServiceDetailView.h"
#include "services/ServiceInstanceModel.h"
#include "services/ServicesPage.h"

#include <QClipboard>
#include <QFontInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace qonsul;
using namespace qonsul::ui;
using namespace qonsul::ui::testing;

namespace {

// What step 6's `curl localhost:80` prints when nothing listens: the progress meter on one
// line, the reason after it.
const char *curlLike =
    R"(printf '  %% Total    %% Received %% Xferd  Average Speed   Time\n'; )"
    R"(echo 'curl: (7) Failed to connect to localhost port 80: Connection refused'; exit 2)";

} // namespace

class CheckDetailsTest : public QObject
{
    Q_OBJECT

    QTemporaryDir configHome;
    AttachedWindow attached;
    TestHttp *http = nullptr;
    MainWindow *window = nullptr;

    TestReply put(const QString &path, const QByteArray &body = {})
    {
        return http->call("PUT", path, body);
    }

    ServiceDetailView *openWeb()
    {
        window->showPage(MainWindow::Services);
        window->servicesPage()->openService(QStringLiteral("web"));
        return window->servicesPage()->detail();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", configHome.path().toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("qonsul-check-details-test"));
    }

    void init()
    {
        AgentConfig config = devAgentConfig();
        config.enableScriptChecks = true;
        attached.start(config);
        http = attached.http.get();
        window = attached.window.get();
        QCOMPARE(
            put("/v1/agent/service/register",
                QJsonDocument(
                    QJsonObject{{"Name", "web"},
                                {"Port", 80},
                                {"Check", QJsonObject{{"Args", QJsonArray{"sh", "-c", curlLike}},
                                                      {"Interval", "1s"}}}})
                    .toJson())
                .status,
            200);
    }

    void cleanup() { attached.stop(); }

    void theWholeOutputWhatRunsItAndWhen()
    {
        window->resize(1024, 700);
        ServiceDetailView *detail = openWeb();
        CheckDetailsPane *pane = detail->checkDetails();
        QTRY_VERIFY2(pane->outputText().contains("curl: (7) Failed to connect"),
                     qPrintable(pane->checkId() + " / " + pane->outputText() + " / " +
                                jsonOf(http->call("GET", "/v1/health/service/web"))
                                    .toArray()
                                    .first()
                                    .toObject()
                                    .value("Checks")
                                    .toArray()
                                    .last()
                                    .toObject()
                                    .value("Output")
                                    .toString()));
        QVERIFY(pane->isVisible());
        auto *output = pane->findChild<QPlainTextEdit *>("checkOutput");
        QVERIFY(output->isVisible());
        QVERIFY(output->toPlainText().contains("% Total"));
        QVERIFY(output->toPlainText().contains(
            "curl: (7) Failed to connect to localhost port 80: Connection refused"));
        QVERIFY2(QFontInfo(output->font()).fixedPitch(), qPrintable(output->font().family()));
        // The pane has room for the output: more than the table's one-line cell.
        QVERIFY2(output->height() >= 3 * output->fontMetrics().height(),
                 qPrintable(QString::number(output->height())));

        // Asked from the agent: the command, the interval and default timeout, the runs.
        QTRY_VERIFY(pane->hasAgentDetails());
        QTRY_VERIFY2(pane->descriptionText().contains("Last run: "),
                     qPrintable(pane->descriptionText()));
        const QString description = pane->descriptionText();
        QVERIFY2(description.contains("Command: sh -c '"), qPrintable(description));
        QVERIFY(description.contains("Interval: 1s"));
        QVERIFY(description.contains("Timeout: 30s (the default)"));
        QVERIFY(description.contains("Defined by: the HTTP API"));
        QVERIFY2(description.contains(" ago") || description.contains("just now"),
                 qPrintable(description));
        QVERIFY2(description.contains("Next run: ") && description.contains(", in "),
                 qPrintable(description));
        auto *heading = pane->findChild<QLabel *>("checkHeading");
        QVERIFY(heading->text().contains("critical"));

        QTest::mouseClick(pane->findChild<QPushButton *>("copyCheckOutput"), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), pane->outputText());

        // Nothing made the window wider than the screen it was sized for.
        QVERIFY2(window->width() <= 1024 && window->minimumSizeHint().width() <= 1024,
                 qPrintable(QString::number(window->minimumSizeHint().width())));
        // One instance takes one row's height, not half the page.
        auto *instances = detail->findChild<QTableView *>("instanceTable");
        QVERIFY2(instances->height() < 4 * instances->verticalHeader()->defaultSectionSize() +
                                           instances->horizontalHeader()->height() + 40,
                 qPrintable(QString::number(instances->height())));
    }

    void maintenanceIsCalledMaintenance()
    {
        QCOMPARE(put("/v1/agent/service/maintenance/web?enable=true&reason=upgrading").status, 200);
        ServiceDetailView *detail = openWeb();
        const QString key = QStringLiteral("machine/_service_maintenance:web");
        QTRY_VERIFY(detail->checkModel()->rowOfKey(key) >= 0);
        QCOMPARE(cellText(detail->checkModel(), key, CheckListModel::Status),
                 QStringLiteral("maintenance"));
        QTRY_VERIFY(
            cellText(detail->instanceModel(), "machine/web", ServiceInstanceModel::ServiceChecks)
                .startsWith("in maintenance; "));
        QVERIFY(detail->selectCheck(QStringLiteral("_service_maintenance:web")));
        CheckDetailsPane *pane = detail->checkDetails();
        auto *maintenance = pane->findChild<QLabel *>("checkMaintenance");
        QVERIFY(maintenance->isVisible());
        QVERIFY2(maintenance->text().contains("Reason: upgrading.") &&
                     maintenance->text().contains("qonsul maint -disable -service=web"),
                 qPrintable(maintenance->text()));
        QVERIFY(pane->findChild<QLabel *>("checkHeading")->text().contains("maintenance"));
    }

    void theNodesGossipCheckSaysWhoKeepsIt()
    {
        window->showPage(MainWindow::Nodes);
        window->nodesPage()->openNode(QStringLiteral("machine"));
        NodeDetailView *detail = window->nodesPage()->detail();
        CheckDetailsPane *pane = detail->checkDetails();
        // The failing check comes first, then the learner picks the gossip one.
        QTRY_COMPARE(pane->checkId(), QStringLiteral("service:web"));
        auto *table = detail->findChild<QTableView *>("nodeCheckTable");
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            const QModelIndex index = table->model()->index(row, CheckListModel::CheckId);
            if (index.data().toString() == QLatin1String("serfHealth"))
                table->setCurrentIndex(index);
        }
        QCOMPARE(pane->checkId(), QStringLiteral("serfHealth"));
        QVERIFY(pane->outputText().contains("Agent alive and reachable"));
        QVERIFY2(pane->descriptionText().contains("Kept by: the servers"),
                 qPrintable(pane->descriptionText()));
    }

    void theDnsExplanationOpensTheCheck()
    {
        const QString checkId = QStringLiteral("service:web");
        QTRY_COMPARE(jsonOf(http->call("GET", "/v1/agent/checks"))
                         .toObject()
                         .value(checkId)
                         .toObject()
                         .value("Status")
                         .toString(),
                     QStringLiteral("critical"));
        window->showPage(MainWindow::Dns);
        DnsPage *dns = window->dnsPage();
        QSignalSpy explained(dns, &DnsPage::explained);
        dns->ask(QStringLiteral("web.service.consul"), QStringLiteral("A"));
        QVERIFY(explained.wait(5000));
        DnsAnswerView *answer = dns->answerView();
        QCOMPARE(answer->checkLinks().size(), 1);
        QCOMPARE(answer->checkLinks().first().checkId, checkId);
        auto *label = answer->findChild<QLabel *>("dnsExplanation");
        QVERIFY2(label->text().contains("href=\"check:0\""), qPrintable(label->text()));

        Q_EMIT label->linkActivated(QStringLiteral("check:0"));
        QCOMPARE(window->currentPage(), MainWindow::Services);
        ServiceDetailView *detail = window->servicesPage()->detail();
        QVERIFY(detail->isVisible());
        QCOMPARE(detail->serviceName(), QStringLiteral("web"));
        QTRY_COMPARE(detail->checkDetails()->checkId(), checkId);
        QTRY_VERIFY(detail->checkDetails()->outputText().contains("curl: (7)"));
    }
};

QTEST_MAIN(CheckDetailsTest)
#include "check_details_test.moc"

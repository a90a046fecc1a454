// The desktop app's pages against a real in-process dev agent on a free port (offscreen
// platform): every page fills from the agent, changes made through the HTTP API show up
// live, a KV key goes through create, edit and delete in the UI, a CAS conflict lets the
// user choose, and the app embeds its own agent when nothing answers.
#include "AttachedWindow.h"
#include "InProcessAgent.h"
#include "agent/AgentPage.h"
#include "agent/LogFilterProxy.h"
#include "agent/LogModel.h"
#include "agent/MemberModel.h"
#include "common/CheckListModel.h"
#include "common/EmptyState.h"
#include "connection/AgentConnection.h"
#include "connection/ConnectionStatus.h"
#include "connection/EmbeddedAgent.h"
#include "kv/KvConflictDialog.h"
#include "kv/KvEditor.h"
#include "kv/KvListModel.h"
#include "kv/KvPage.h"
#include "nodes/NodeDetailView.h"
#include "nodes/NodeListModel.h"
#include "nodes/NodeServiceModel.h"
#include "nodes/NodesPage.h"
#include "services/ServiceDetailView.h"
#include "services/ServiceInstanceModel.h"
#include "services/ServiceListModel.h"
#include "services/ServicesPage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace qonsul;
using namespace qonsul::ui;
using namespace qonsul::desktop;

using namespace qonsul::ui::testing;

class DesktopPagesTest : public QObject
{
    Q_OBJECT

    QTemporaryDir configHome;
    AttachedWindow attached;
    Agent *agent = nullptr;
    TestHttp *http = nullptr;
    MainWindow *window = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", configHome.path().toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("qonsul-gui-test"));
    }

    void init()
    {
        attached.start();
        agent = attached.agent.get();
        http = attached.http.get();
        window = attached.window.get();
    }

    void cleanup() { attached.stop(); }

    void statusBarSaysAttachedWithNodeAndLeader()
    {
        ConnectionStatus *status = window->connectionStatus();
        QTRY_VERIFY(status->text().contains(QStringLiteral("node machine")));
        QTRY_VERIFY(status->text().contains(QStringLiteral("leader 127.0.0.1:")));
        QVERIFY(status->text().startsWith(QStringLiteral("Attached to 127.0.0.1:")));
    }

    void servicesPageFillsAndFollowsRegistrations()
    {
        ServiceListModel *model = window->servicesPage()->model();
        QTRY_VERIFY(model->rowOfKey(QStringLiteral("consul")) >= 0);
        QCOMPARE(model->rowCount(), 1);

        // Registered through the API: shows within a second, without a reset.
        QSignalSpy resets(model, &QAbstractItemModel::modelReset);
        QCOMPARE(http->call("PUT", "/v1/agent/service/register",
                            R"({"Name":"web","Tags":["rails"],"Port":80})")
                     .status,
                 200);
        QTRY_VERIFY(model->rowOfKey(QStringLiteral("web")) >= 0);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(cellText(model, "web", ServiceListModel::Tags), QStringLiteral("rails"));
        QCOMPARE(cellText(model, "web", ServiceListModel::Instances), QStringLiteral("1"));
        QCOMPARE(cellText(model, "web", ServiceListModel::Health), QStringLiteral("1 passing"));

        // Detail: the instance with its address and the node's serfHealth check.
        window->servicesPage()->openService(QStringLiteral("web"));
        ServiceDetailView *detail = window->servicesPage()->detail();
        QTRY_COMPARE(detail->instanceModel()->rowCount(), 1);
        QCOMPARE(detail->instanceModel()->index(0, ServiceInstanceModel::Address).data().toString(),
                 QStringLiteral("127.0.0.1:80"));
        QTRY_COMPARE(detail->checkModel()->rowCount(), 1);
        QCOMPARE(detail->checkModel()->index(0, CheckListModel::CheckId).data().toString(),
                 QStringLiteral("serfHealth"));

        // Deregistered: the row goes away.
        http->call("PUT", "/v1/agent/service/deregister/web");
        QTRY_VERIFY(model->rowOfKey(QStringLiteral("web")) < 0);
        QTRY_COMPARE(detail->instanceModel()->rowCount(), 0);
    }

    void nodesPageShowsLeaderChecksAndServices()
    {
        window->showPage(MainWindow::Nodes);
        NodeListModel *model = window->nodesPage()->model();
        QTRY_VERIFY(model->rowOfKey(QStringLiteral("machine")) >= 0);
        QTRY_COMPARE(cellText(model, "machine", NodeListModel::Role), QStringLiteral("Leader"));
        QCOMPARE(cellText(model, "machine", NodeListModel::Address), QStringLiteral("127.0.0.1"));
        QCOMPARE(cellText(model, "machine", NodeListModel::Health), QStringLiteral("1 passing"));

        window->nodesPage()->openNode(QStringLiteral("machine"));
        NodeDetailView *detail = window->nodesPage()->detail();
        QTRY_COMPARE(detail->checkModel()->rowCount(), 1);
        QTRY_VERIFY(detail->serviceModel()->rowOfKey(QStringLiteral("consul")) >= 0);
        http->call("PUT", "/v1/agent/service/register", R"({"Name":"db","Port":5432})");
        QTRY_VERIFY(detail->serviceModel()->rowOfKey(QStringLiteral("db")) >= 0);
    }

    void kvCreateEditDeleteThroughTheUi()
    {
        window->showPage(MainWindow::KeyValue);
        KvPage *page = window->kvPage();
        QTRY_COMPARE(page->findChild<EmptyState *>("kvEmptyState")->title(),
                     QStringLiteral("There are no keys yet."));

        // Create redis/config/minconns = {"a":1} from the root.
        page->createInCurrentFolder();
        KvEditor *editor = page->editor();
        editor->findChild<QLineEdit *>("kvKeyEdit")->setText("redis/config/minconns");
        editor->findChild<QPlainTextEdit *>("kvValueEdit")->setPlainText(R"({"a":1})");
        editor->findChild<QLineEdit *>("kvFlags")->setText("42");
        QTest::mouseClick(editor->findChild<QPushButton *>("kvSave"), Qt::LeftButton);
        QTRY_COMPARE(http->call("GET", "/v1/kv/redis/config/minconns?raw").body,
                     QByteArray(R"({"a":1})"));
        const QJsonArray pairs =
            QJsonDocument::fromJson(http->call("GET", "/v1/kv/redis/config/minconns").body).array();
        QCOMPARE(pairs.at(0).toObject().value("Flags").toInt(), 42);
        QTRY_VERIFY(page->model()->rowOfKey(QStringLiteral("redis/")) >= 0);

        // Navigate into the folder; the key opens in the editor with its indexes.
        page->openFolder(QStringLiteral("redis/config/"));
        QTRY_VERIFY(page->model()->rowOfKey(QStringLiteral("redis/config/minconns")) >= 0);
        page->openKey(QStringLiteral("redis/config/minconns"));
        auto *value = editor->findChild<QPlainTextEdit *>("kvValueEdit");
        QTRY_COMPARE(value->toPlainText(), QStringLiteral(R"({"a":1})"));
        QVERIFY(editor->findChild<QLabel *>("kvMeta")->text().contains("ModifyIndex"));
        QVERIFY(editor->findChild<QLabel *>("kvJsonStatus")->text().contains("Valid JSON"));

        // Edit, pretty-print and save: the agent has the formatted value.
        QTest::mouseClick(editor->findChild<QPushButton *>("kvEdit"), Qt::LeftButton);
        QTest::mouseClick(editor->findChild<QPushButton *>("kvFormatJson"), Qt::LeftButton);
        QCOMPARE(value->toPlainText(), QStringLiteral("{\n    \"a\": 1\n}"));
        QTest::mouseClick(editor->findChild<QPushButton *>("kvSave"), Qt::LeftButton);
        QTRY_COMPARE(http->call("GET", "/v1/kv/redis/config/minconns?raw").body,
                     QByteArray("{\n    \"a\": 1\n}"));

        // A change made elsewhere shows in the (unmodified) editor at once.
        http->call("PUT", "/v1/kv/redis/config/minconns", "2");
        QTRY_COMPARE(value->toPlainText(), QStringLiteral("2"));

        // Delete the whole redis/ folder after confirming.
        page->openFolder(QString());
        QTRY_VERIFY(page->model()->rowOfKey(QStringLiteral("redis/")) >= 0);
        page->requestDelete(QStringLiteral("redis/"));
        auto *confirm = page->findChild<QMessageBox *>("kvDeleteConfirm");
        QVERIFY(confirm);
        QVERIFY(confirm->text().contains("every key under it"));
        QTest::mouseClick(confirm->button(QMessageBox::Yes), Qt::LeftButton);
        QTRY_COMPARE(http->call("GET", "/v1/kv/redis/config/minconns").status, 404);
        QTRY_VERIFY(page->model()->rowOfKey(QStringLiteral("redis/")) < 0);
    }

    void kvCasConflictLetsTheUserChoose()
    {
        http->call("PUT", "/v1/kv/conflict", "original");
        window->showPage(MainWindow::KeyValue);
        KvPage *page = window->kvPage();
        page->openKey(QStringLiteral("conflict"));
        KvEditor *editor = page->editor();
        auto *value = editor->findChild<QPlainTextEdit *>("kvValueEdit");
        QTRY_COMPARE(value->toPlainText(), QStringLiteral("original"));

        // Edited here while someone else writes the key.
        QTest::mouseClick(editor->findChild<QPushButton *>("kvEdit"), Qt::LeftButton);
        value->setPlainText(QStringLiteral("mine"));
        http->call("PUT", "/v1/kv/conflict", "theirs");
        QTRY_VERIFY(editor->findChild<QLabel *>("kvStatus")->text().contains("Changed on the"));
        QTest::mouseClick(editor->findChild<QPushButton *>("kvSave"), Qt::LeftButton);
        KvConflictDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = editor->findChild<KvConflictDialog *>()) != nullptr);
        QCOMPARE(dialog->findChild<QPlainTextEdit *>("mineText")->toPlainText(), "mine");
        QCOMPARE(dialog->findChild<QPlainTextEdit *>("theirsText")->toPlainText(), "theirs");
        QCOMPARE(http->call("GET", "/v1/kv/conflict?raw").body, QByteArray("theirs"));

        // Keep mine: written over their index.
        QPointer<KvConflictDialog> first = dialog;
        QTest::mouseClick(dialog->findChild<QPushButton *>("keepMine"), Qt::LeftButton);
        QTRY_COMPARE(http->call("GET", "/v1/kv/conflict?raw").body, QByteArray("mine"));
        // The dialog deletes itself on close, later: the next one must not be mistaken for it.
        QTRY_VERIFY(first.isNull());

        // Again, and this time take theirs: the editor shows the agent's value, nothing written.
        QTRY_VERIFY(!editor->isModified() && value->toPlainText() == QStringLiteral("mine"));
        QTRY_VERIFY(editor->loaded() && editor->mode() == KvEditor::Mode::Viewing);
        QTest::mouseClick(editor->findChild<QPushButton *>("kvEdit"), Qt::LeftButton);
        value->setPlainText(QStringLiteral("mine again"));
        http->call("PUT", "/v1/kv/conflict", "theirs again");
        QTest::mouseClick(editor->findChild<QPushButton *>("kvSave"), Qt::LeftButton);
        QTRY_VERIFY((dialog = editor->findChild<KvConflictDialog *>()) != nullptr);
        QTest::mouseClick(dialog->findChild<QPushButton *>("useTheirs"), Qt::LeftButton);
        QTRY_COMPARE(value->toPlainText(), QStringLiteral("theirs again"));
        QCOMPARE(http->call("GET", "/v1/kv/conflict?raw").body, QByteArray("theirs again"));
    }

    void agentPageListsMembersAndReloads()
    {
        window->showPage(MainWindow::Agent);
        AgentPage *page = window->agentPage();
        QTRY_VERIFY(page->memberModel()->rowOfKey(QStringLiteral("machine")) >= 0);
        QCOMPARE(cellText(page->memberModel(), "machine", MemberModel::Status),
                 QStringLiteral("alive"));
        QSignalSpy reloaded(page, &AgentPage::reloadFinished);
        page->reload();
        QTRY_COMPARE(reloaded.count(), 1);
        QCOMPARE(reloaded.at(0).at(0).toBool(), true);
    }

    void lastPageIsRemembered()
    {
        window->showPage(MainWindow::Nodes);
        window->close();
        MainWindow second(attached.connection.get());
        QTRY_VERIFY(second.hasPages());
        QCOMPARE(second.currentPage(), MainWindow::Nodes);
        second.close();
    }

    void embedsAnAgentWhenNoneAnswersAndStreamsItsLog()
    {
        ApiConfig api;
        api.address = QStringLiteral("127.0.0.1:%1").arg(freePort());
        AgentConfig config = devAgentConfig();
        config.nodeName = QStringLiteral("embedded");
        AgentConnection embedded(api, InProcessAgent::factory(config));
        MainWindow second(&embedded);
        embedded.start();
        QTRY_VERIFY(second.hasPages());
        QCOMPARE(embedded.mode(), AgentConnection::Mode::Embedded);
        QVERIFY(embedded.embeddedAgent());
        QTRY_VERIFY(second.connectionStatus()->text().startsWith("Embedded dev agent"));
        QTRY_VERIFY(second.connectionStatus()->text().contains("node embedded"));

        // The log came across the thread, and the level filter hides the debug lines.
        AgentPage *page = second.agentPage();
        QTRY_VERIFY(page->logModel()->rowCount() > 0);
        const int all = page->logFilter()->rowCount();
        page->logFilter()->setMinimumLevel(LogLevel::Error);
        QVERIFY(page->logFilter()->rowCount() < all);

        // The pages read the embedded agent over HTTP like any other.
        second.show();
        second.showPage(MainWindow::Nodes);
        QTRY_VERIFY(second.nodesPage()->model()->rowOfKey(QStringLiteral("embedded")) >= 0);
    }
};

QTEST_MAIN(DesktopPagesTest)
#include "desktop_pages_test.moc"

// The Key/Value page against a real in-process agent (offscreen): the tree view and its live
// updates, the search through paths and values, copy and rename of keys and folders (with the
// overwrite question, and a rename that keeps a source changed meanwhile), export and import
// in the `qonsul kv export` format, and the read-only key view with its explicit edit mode.
#include "AttachedWindow.h"
#include "api/ApiClient.h"
#include "api/KvExport.h"
#include "common/EmptyState.h"
#include "common/ErrorBanner.h"
#include "kv/KvEditor.h"
#include "kv/KvListModel.h"
#include "kv/KvOperations.h"
#include "kv/KvPage.h"
#include "kv/KvSearch.h"
#include "kv/KvSearchResultModel.h"
#include "kv/KvTransfer.h"
#include "kv/KvTreeModel.h"

#include <QCheckBox>
#include <QFile>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

using namespace qonsul;
using namespace qonsul::ui;
using namespace qonsul::ui::testing;

class KvPageTest : public QObject
{
    Q_OBJECT

    QTemporaryDir configHome;
    AttachedWindow attached;
    TestHttp *http = nullptr;
    MainWindow *window = nullptr;
    KvPage *page = nullptr;

    void put(const QString &key, const QByteArray &value, quint64 flags = 0)
    {
        const QString query = flags ? QStringLiteral("?flags=%1").arg(flags) : QString();
        QCOMPARE(http->call("PUT", "/v1/kv/" + key + query, value).body.trimmed(),
                 QByteArray("true"));
    }

    QByteArray raw(const QString &key) { return http->call("GET", "/v1/kv/" + key + "?raw").body; }

    int status(const QString &key) { return http->call("GET", "/v1/kv/" + key).status; }

    quint64 flagsOf(const QString &key)
    {
        const QJsonArray pairs =
            QJsonDocument::fromJson(http->call("GET", "/v1/kv/" + key).body).array();
        return pairs.at(0).toObject().value("Flags").toVariant().toULongLong();
    }

    // Every pair under `prefix` with the prefix cut off: key -> (flags, value).
    QMap<QString, QPair<quint64, QByteArray>> treeUnder(const QString &prefix)
    {
        QMap<QString, QPair<quint64, QByteArray>> tree;
        const QJsonArray pairs =
            QJsonDocument::fromJson(http->call("GET", "/v1/kv/" + prefix + "?recurse").body)
                .array();
        for (const QJsonValue &item : pairs) {
            const QJsonObject pair = item.toObject();
            tree.insert(pair.value("Key").toString().mid(prefix.size()),
                        {pair.value("Flags").toVariant().toULongLong(),
                         QByteArray::fromBase64(pair.value("Value").toString().toLatin1())});
        }
        return tree;
    }

    ApiConfig apiConfig() const
    {
        ApiConfig api;
        api.address = QStringLiteral("127.0.0.1:%1").arg(attached.agent->httpPort());
        return api;
    }

    QInputDialog *pathDialog() { return page->findChild<QInputDialog *>("kvPathDialog"); }
    QMessageBox *overwriteBox() { return page->findChild<QMessageBox *>("kvOverwriteConfirm"); }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", configHome.path().toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("qonsul-kv-test"));
    }

    void init()
    {
        QSettings().remove(QStringLiteral("kv/view"));
        attached.start();
        http = attached.http.get();
        window = attached.window.get();
        window->showPage(MainWindow::KeyValue);
        page = window->kvPage();
    }

    void cleanup() { attached.stop(); }

    void treeShowsNestedKeysAndFollowsPuts()
    {
        put("app/db/url", "postgres://db");
        put("app/db/user", "admin");
        put("app/web/port", "8080");
        put("motd", "hello");
        QCOMPARE(page->viewMode(), KvPage::ViewMode::Folders);
        QTest::mouseClick(page->findChild<QToolButton *>("kvTreeMode"), Qt::LeftButton);
        QCOMPARE(page->viewMode(), KvPage::ViewMode::Tree);
        KvTreeModel *tree = page->treeModel();
        QTRY_VERIFY(tree->indexOfKey("app/db/url").isValid());
        QVERIFY(tree->indexOfKey("app/web/").isValid());
        QCOMPARE(tree->rowCount(), 2); // app/ and motd
        auto *view = page->findChild<QTreeView *>("kvTree");
        QTRY_VERIFY(view->isVisible());

        // A key written over HTTP appears under its folder, without a reset; one deleted goes.
        QSignalSpy resets(tree, &QAbstractItemModel::modelReset);
        put("app/db/password", "secret");
        QTRY_VERIFY(tree->indexOfKey("app/db/password").isValid());
        http->call("DELETE", "/v1/kv/app/web/port");
        QTRY_VERIFY(!tree->indexOfKey("app/web/").isValid());
        QCOMPARE(resets.count(), 0);

        // A click on a key opens it; the choice of view is remembered.
        view->expandAll();
        const QModelIndex url = tree->indexOfKey("app/db/url");
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(url).center());
        QTRY_COMPARE(page->editor()->key(), QStringLiteral("app/db/url"));
        QTRY_COMPARE(page->editor()->findChild<QPlainTextEdit *>("kvValueEdit")->toPlainText(),
                     QStringLiteral("postgres://db"));
        QCOMPARE(QSettings().value("kv/view").toString(), QStringLiteral("tree"));

        // From the keyboard: the value pane follows the selection; Enter opens a folder.
        view->collapseAll();
        view->setFocus();
        view->setCurrentIndex(tree->indexOfKey("app/"));
        QVERIFY(!view->isExpanded(tree->indexOfKey("app/")));
        QTest::keyClick(view, Qt::Key_Return);
        QTRY_VERIFY(view->isExpanded(tree->indexOfKey("app/")));
        view->expandAll();
        view->setCurrentIndex(tree->indexOfKey("motd"));
        QTRY_COMPARE(page->editor()->key(), QStringLiteral("motd"));
        QTest::keyClick(view, Qt::Key_Up); // the row above motd: app/db/user
        QTRY_COMPARE(page->editor()->key(), QStringLiteral("app/db/user"));

        // In a folder, the tree holds what is under it.
        page->openFolder("app/");
        QTRY_VERIFY(tree->indexOfKey("app/db/user").isValid());
        QVERIFY(!tree->indexOfKey("motd").isValid());
    }

    void searchFindsKeysByValueAndPath()
    {
        put("app/db/url", "postgres://primary.example:5432");
        put("app/web/banner", "{\"text\": \"Welcome, zebra crossing ahead\"}");
        put("motd", "hello");
        QSignalSpy finished(page, &KvPage::searchFinished);
        QTest::keyClicks(page->findChild<QLineEdit *>("kvSearch"), "ZEBRA");
        QTRY_COMPARE(finished.count(), 1);
        KvSearchResultModel *results = page->searchResults();
        QCOMPARE(results->rowCount(), 1);
        QCOMPARE(results->index(0, KvSearchResultModel::Key).data().toString(),
                 QStringLiteral("app/web/banner"));
        QVERIFY(results->index(0, KvSearchResultModel::Value).data().toString().contains("zebra"));
        QVERIFY(page->findChild<QLabel *>("kvSearchStatus")->text().startsWith("1 match among 3"));

        // Choosing a hit opens it.
        auto *view = page->findChild<QTableView *>("kvSearchResults");
        QVERIFY(view->isVisible());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->visualRect(results->index(0, 0)).center());
        QTRY_COMPARE(page->editor()->key(), QStringLiteral("app/web/banner"));

        // Path matches count too; a search runs under the current folder only.
        page->search("db/u");
        QTRY_COMPARE(finished.count(), 2);
        QCOMPARE(results->rowCount(), 1);
        QCOMPARE(results->rowAt(0).key, QStringLiteral("app/db/url"));
        page->openFolder("app/db/");
        page->search("zebra");
        QTRY_COMPARE(finished.count(), 3);
        QCOMPARE(results->rowCount(), 0);
        QCOMPARE(page->findChild<EmptyState *>("kvEmptyState")->title(),
                 QStringLiteral("No matches."));

        // Clearing the field goes back to the folder.
        page->search(QString());
        QTRY_VERIFY(page->findChild<QTableView *>("kvTable")->isVisible());
    }

    void aNewSearchDropsTheOneInFlight()
    {
        put("a", "hello");
        put("b", "primary");
        ApiClient client(apiConfig());
        KvSearch search(&client);
        QSignalSpy finished(&search, &KvSearch::finished);
        search.start(QString(), "hello");
        search.start(QString(), "primary");
        QTRY_COMPARE(finished.count(), 1);
        const auto result = finished.at(0).at(0).value<KvSearchResult>();
        QCOMPARE(result.text, QStringLiteral("primary"));
        QCOMPARE(result.hits.size(), 1);
        QCOMPARE(result.hits.first().key, QStringLiteral("b"));
        // Nothing more arrives for the dropped one: once every call is over, a last search is
        // the next to finish (the worker runs jobs in order, and their results queue in order).
        QTRY_VERIFY(client.findChildren<ApiCall *>().isEmpty());
        search.start(QString(), "prim");
        QTRY_COMPARE(finished.count(), 2);
        QCOMPARE(finished.at(1).at(0).value<KvSearchResult>().text, QStringLiteral("prim"));
    }

    void copyAFolderThroughThePathDialog()
    {
        put("app/", "");
        put("app/db/url", "postgres://db", 7);
        put("app/db/user", "admin");
        KvOperations *operations = page->operations();
        QSignalSpy finished(operations, &KvOperations::finished);
        operations->requestCopy("app/");
        QInputDialog *dialog = pathDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->textValue(), QStringLiteral("app/"));
        dialog->setTextValue("backup/app"); // the missing "/" is added for a folder
        dialog->accept();
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(0).toString()));
        QCOMPARE(finished.at(0).at(0).toString(),
                 QStringLiteral("Copied app/ to backup/app/ (3 keys)."));
        QCOMPARE(treeUnder("backup/app/"), treeUnder("app/"));
        QCOMPARE(flagsOf("backup/app/db/url"), quint64(7));
        QCOMPARE(raw("app/db/url"), QByteArray("postgres://db")); // the original stays
        QVERIFY(page->findChild<QLabel *>("kvNotice")->text().startsWith("Copied app/"));
        // The list, paused while writing, catches up.
        QTRY_VERIFY(page->model()->rowOfKey("backup/") >= 0);
        put("later", "1");
        QTRY_VERIFY(page->model()->rowOfKey("later") >= 0);
    }

    void renameAKeyFromItsView()
    {
        put("app/db/url", "postgres://db", 42);
        page->openKey("app/db/url");
        KvEditor *editor = page->editor();
        QTRY_VERIFY(editor->loaded().has_value());
        QSignalSpy finished(page->operations(), &KvOperations::finished);
        QTest::mouseClick(editor->findChild<QPushButton *>("kvRename"), Qt::LeftButton);
        QInputDialog *dialog = pathDialog();
        QVERIFY(dialog);
        dialog->setTextValue("app/db/dsn");
        dialog->accept();
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(0).toString()));
        QCOMPARE(status("app/db/url"), 404);
        QCOMPARE(raw("app/db/dsn"), QByteArray("postgres://db"));
        QCOMPARE(flagsOf("app/db/dsn"), quint64(42));
        // The view follows the key to its new name.
        QTRY_COMPARE(editor->key(), QStringLiteral("app/db/dsn"));
    }

    void renameAFolder()
    {
        put("old/a", "1", 3);
        put("old/b/c", "2");
        QSignalSpy finished(page->operations(), &KvOperations::finished);
        page->operations()->rename("old/", "new/");
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(0).toString()));
        QCOMPARE(treeUnder("old/").size(), 0);
        const auto renamed = treeUnder("new/");
        QCOMPARE(renamed.keys(), (QStringList{"a", "b/c"}));
        QCOMPARE(renamed.value("a"), qMakePair(quint64(3), QByteArray("1")));
    }

    // Each source is deleted in the same transaction as its copy, with CAS on the index it was
    // read at: one changed in between is neither copied nor deleted, and the user is told.
    void aRenameKeepsASourceChangedMeanwhile()
    {
        put("src/a", "1");
        put("src/b", "2");
        put("dst/a", "there already");
        ApiClient client(apiConfig());
        KvTransfer *job = KvTransfer::rename(&client, "src/", "dst/", this);
        QSignalSpy overwrite(job, &KvTransfer::overwriteNeeded);
        QSignalSpy failed(job, &KvTransfer::failed);
        job->start();
        QTRY_COMPARE(overwrite.count(), 1);
        QCOMPARE(overwrite.at(0).at(0).toStringList(), QStringList{"dst/a"});
        put("src/b", "changed"); // after it was read, before it is moved
        job->confirmOverwrite();
        QTRY_COMPARE(failed.count(), 1);
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains("left 1 key at the old path"), qPrintable(message));
        QVERIFY(message.endsWith("src/b"));
        QCOMPARE(raw("src/b"), QByteArray("changed"));
        QCOMPARE(status("dst/b"), 404); // not copied: the key is moved whole or not at all
        QCOMPARE(status("src/a"), 404);
        QCOMPARE(raw("dst/a"), QByteArray("1"));
        delete job;
    }

    // More keys than one transaction takes: they go in batches of 32 moves (64 operations).
    void aLargeFolderMovesInBatches()
    {
        for (int i = 0; i < 70; ++i)
            put(QStringLiteral("big/k%1").arg(i, 2, 10, QLatin1Char('0')), QByteArray::number(i));
        ApiClient client(apiConfig());
        KvTransfer *job = KvTransfer::rename(&client, "big/", "moved/", this);
        QSignalSpy progressed(job, &KvTransfer::progressed);
        QSignalSpy finished(job, &KvTransfer::finished);
        job->start();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toString(),
                 QStringLiteral("Renamed big/ to moved/ (70 keys)."));
        QList<int> done;
        for (const auto &args : progressed)
            done << args.at(0).toInt();
        QCOMPARE(done, (QList<int>{0, 32, 64, 70}));
        QCOMPARE(treeUnder("big/").size(), 0);
        const auto moved = treeUnder("moved/");
        QCOMPARE(moved.size(), 70);
        QCOMPARE(moved.value("k69").second, QByteArray("69"));
        delete job;
    }

    void overwritingAsksFirst()
    {
        put("src", "new");
        put("dst", "old");
        KvOperations *operations = page->operations();
        QSignalSpy finished(operations, &KvOperations::finished);

        // Cancel: nothing is written.
        operations->copy("src", "dst");
        QTRY_VERIFY(overwriteBox());
        QVERIFY(overwriteBox()->text().contains("dst exists already"));
        QTest::mouseClick(overwriteBox()->button(QMessageBox::Cancel), Qt::LeftButton);
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(finished.at(0).at(0).toString().contains("Nothing was written"));
        QCOMPARE(raw("dst"), QByteArray("old"));

        // Overwrite: written.
        QTRY_VERIFY(!overwriteBox());
        operations->copy("src", "dst");
        QTRY_VERIFY(overwriteBox());
        QTest::mouseClick(overwriteBox()->button(QMessageBox::Yes), Qt::LeftButton);
        QTRY_COMPARE(finished.count(), 2);
        QVERIFY(finished.at(1).at(1).toBool());
        QCOMPARE(raw("dst"), QByteArray("new"));

        // Into a folder where one of the keys exists: only that one is asked about.
        put("f/x", "1");
        put("f/y", "2");
        put("g/x", "old x");
        QTRY_VERIFY(!overwriteBox());
        operations->copy("f/", "g/");
        QTRY_VERIFY(overwriteBox());
        QVERIFY(overwriteBox()->informativeText().startsWith("g/x<br><br>"));
        QTest::mouseClick(overwriteBox()->button(QMessageBox::Yes), Qt::LeftButton);
        QTRY_COMPARE(finished.count(), 3);
        QCOMPARE(treeUnder("g/"), treeUnder("f/"));
    }

    void exportThenImportIntoAnotherPrefixRoundTrips()
    {
        put("app/", "");
        put("app/config", "{\"level\": \"<debug>\"}", 18446744073709551615ull);
        put("app/db/url", "postgres://db", 7);
        put("app/blob", QByteArray("\x00\xff\x10\n", 4));
        put("other", "not exported");
        QTemporaryDir dir;
        const QString file = dir.filePath("app.json");
        KvOperations *operations = page->operations();
        QSignalSpy finished(operations, &KvOperations::finished);
        operations->exportTo("app/", file);
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(0).toString()));
        QCOMPARE(finished.at(0).at(0).toString(),
                 QStringLiteral("Exported 4 keys under app/ to %1.").arg(file));

        // The file is what `qonsul kv export app/` prints.
        QFile exported(file);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        const QByteArray json = exported.readAll();
        QVERIFY(json.startsWith("[\n\t{\n\t\t\"key\": \"app/\",\n\t\t\"flags\": 0,"));
        QVERIFY(json.contains("\\u003cdebug\\u003e") == false); // values are base64
        QCOMPARE(decodeKvExport(json)->size(), 4);

        operations->importFrom(file, "restored/");
        QTRY_COMPARE(finished.count(), 2);
        QVERIFY2(finished.at(1).at(1).toBool(), qPrintable(finished.at(1).at(0).toString()));
        QCOMPARE(treeUnder("restored/app/"), treeUnder("app/"));
        QCOMPARE(treeUnder("restored/").size(), 4);
    }

    void badImportFileSaysWhatIsWrong()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("bad.json");
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(
            R"([{"key": "good", "value": "Zm9v"}, {"key": "app/x", "value": "not base64!"}])");
        out.close();
        QSignalSpy finished(page->operations(), &KvOperations::finished);
        page->operations()->importFrom(file, QString());
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(!finished.at(0).at(1).toBool());
        const QString error = finished.at(0).at(0).toString();
        QVERIFY2(error.contains("Entry 2 (key \"app/x\"): \"value\" is not base64"),
                 qPrintable(error));
        QVERIFY(page->findChild<ErrorBanner *>("kvOperationError")->isVisible());
        QVERIFY(page->findChild<ErrorBanner *>("kvOperationError")->text().contains("Entry 2"));
        QCOMPARE(status("good"), 404); // nothing written from a bad file
        page->operations()->importFrom(dir.filePath("missing.json"), QString());
        QTRY_COMPARE(finished.count(), 2);
        QVERIFY(finished.at(1).at(0).toString().startsWith("Could not read"));
    }

    void aKeyOpensReadOnlyUntilEditIsPressed()
    {
        const QByteArray session =
            QJsonDocument::fromJson(http->call("PUT", "/v1/session/create", "{}").body)
                .object()
                .value("ID")
                .toString()
                .toUtf8();
        QVERIFY(!session.isEmpty());
        QCOMPARE(
            http->call("PUT", "/v1/kv/locked?flags=5&acquire=" + session, "value").body.trimmed(),
            QByteArray("true"));
        page->openKey("locked");
        KvEditor *editor = page->editor();
        auto *value = editor->findChild<QPlainTextEdit *>("kvValueEdit");
        auto *flags = editor->findChild<QLineEdit *>("kvFlags");
        auto *edit = editor->findChild<QPushButton *>("kvEdit");
        auto *save = editor->findChild<QPushButton *>("kvSave");
        QTRY_COMPARE(value->toPlainText(), QStringLiteral("value"));
        QCOMPARE(editor->mode(), KvEditor::Mode::Viewing);
        QVERIFY(value->isReadOnly());
        QVERIFY(flags->isReadOnly());
        QCOMPARE(flags->text(), QStringLiteral("5"));
        QVERIFY(!save->isVisible());
        QVERIFY(edit->isVisible() && edit->isEnabled());
        QVERIFY(editor->findChild<QLabel *>("kvMeta")->text().contains("Session: " + session));
        QVERIFY(editor->findChild<QLabel *>("kvMeta")->text().contains("LockIndex 1"));
        QTest::keyClicks(value, "typed");
        QTest::keyClicks(flags, "9");
        QCOMPARE(value->toPlainText(), QStringLiteral("value"));
        QCOMPARE(flags->text(), QStringLiteral("5"));

        // Edit: value and flags change, Save writes both, and the view is read-only again.
        QTest::mouseClick(edit, Qt::LeftButton);
        QCOMPARE(editor->mode(), KvEditor::Mode::Editing);
        QVERIFY(!value->isReadOnly() && !flags->isReadOnly());
        QVERIFY(save->isVisible() && !edit->isVisible());
        value->setPlainText("changed");
        flags->clear();
        QTest::keyClicks(flags, "9");
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_COMPARE(raw("locked"), QByteArray("changed"));
        QCOMPARE(flagsOf("locked"), quint64(9));
        QTRY_VERIFY(editor->mode() == KvEditor::Mode::Viewing && editor->loaded());
        QVERIFY(value->isReadOnly());

        // Cancel drops the changes; nothing is written.
        QTest::mouseClick(edit, Qt::LeftButton);
        value->setPlainText("dropped");
        QTest::mouseClick(editor->findChild<QPushButton *>("kvCancel"), Qt::LeftButton);
        QCOMPARE(editor->mode(), KvEditor::Mode::Viewing);
        QCOMPARE(value->toPlainText(), QStringLiteral("changed"));
        QCOMPARE(raw("locked"), QByteArray("changed"));
    }

    void base64ShowsAndEditsBytes()
    {
        put("blob", QByteArray("\xff\x00\x01", 3));
        put("text", "hi");
        page->openKey("text");
        KvEditor *editor = page->editor();
        auto *value = editor->findChild<QPlainTextEdit *>("kvValueEdit");
        auto *base64 = editor->findChild<QCheckBox *>("kvBase64");
        QTRY_COMPARE(value->toPlainText(), QStringLiteral("hi"));
        base64->click();
        QCOMPARE(value->toPlainText(), QStringLiteral("aGk="));
        QTest::mouseClick(editor->findChild<QPushButton *>("kvEdit"), Qt::LeftButton);
        value->setPlainText("aGVsbG8=");
        base64->click(); // back to text while editing: the same bytes
        QCOMPARE(value->toPlainText(), QStringLiteral("hello"));
        base64->click();
        value->setPlainText("not base64!");
        QTest::mouseClick(editor->findChild<QPushButton *>("kvSave"), Qt::LeftButton);
        QVERIFY(editor->findChild<QLabel *>("kvStatus")->text().contains("not valid base64"));
        QCOMPARE(raw("text"), QByteArray("hi"));
        value->setPlainText("AAEC");
        QTest::mouseClick(editor->findChild<QPushButton *>("kvSave"), Qt::LeftButton);
        QTRY_COMPARE(raw("text"), QByteArray("\x00\x01\x02", 3));

        // Bytes that are not UTF-8 open as base64.
        page->openKey("blob");
        QTRY_COMPARE(value->toPlainText(), QStringLiteral("/wAB"));
        QVERIFY(base64->isChecked());
    }
};

QTEST_MAIN(KvPageTest)
#include "kv_page_test.moc"

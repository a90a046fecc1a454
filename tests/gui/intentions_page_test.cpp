// The Intentions page against a real dev agent (Connect on): intentions made elsewhere show at
// once, highest precedence first; one is created, edited and deleted (after confirming) through
// the page's editor; a second intention for the same pair is refused with the agent's reason
// in the error banner; the filter narrows the list.
#include "AttachedWindow.h"
#include "common/ErrorBanner.h"
#include "intentions/IntentionEditor.h"
#include "intentions/IntentionListModel.h"
#include "intentions/IntentionsPage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace qonsul;
using namespace qonsul::ui;
using namespace qonsul::ui::testing;

namespace {

// The intentions as the table shows them, top to bottom: "source => destination (action)".
QStringList shown(IntentionsPage *page)
{
    QStringList rows;
    const QAbstractItemModel *view = page->table()->model();
    for (int row = 0; row < view->rowCount(); ++row)
        rows << QStringLiteral("%1 => %2 (%3)")
                    .arg(view->index(row, IntentionListModel::Source).data().toString(),
                         view->index(row, IntentionListModel::Destination).data().toString(),
                         view->index(row, IntentionListModel::Action).data().toString());
    return rows;
}

void select(IntentionsPage *page, const QString &row)
{
    const int at = int(shown(page).indexOf(row));
    QVERIFY2(at >= 0, qPrintable(row));
    page->table()->selectRow(at);
}

} // namespace

class IntentionsPageTest : public QObject
{
    Q_OBJECT

    QTemporaryDir configHome;
    AttachedWindow attached;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", configHome.path().toUtf8());
        attached.start();
    }
    void cleanupTestCase() { attached.stop(); }

    void listsCreatesEditsAndDeletes()
    {
        MainWindow *window = attached.window.get();
        QVERIFY(window->openRoute(QStringLiteral("intentions")));
        QCOMPARE(window->currentPage(), MainWindow::Intentions);
        IntentionsPage *page = window->intentionsPage();

        // Made from a terminal: shows at once.
        QCOMPARE(attached.http
                     ->call("POST", "/v1/connect/intentions",
                            R"({"SourceName":"*","DestinationName":"db","Action":"deny"})")
                     .status,
                 200);
        QTRY_COMPARE(shown(page), QStringList{"* => db (deny)"});

        // Created in the page: web may call db. Exact names decide before a wildcard.
        IntentionEditor *editor =
            page->createIntention(QStringLiteral("web"), QStringLiteral("db"));
        editor->setDescription(QStringLiteral("the tutorial's pair"));
        QVERIFY(editor->isComplete());
        editor->accept();
        QTRY_COMPARE(shown(page), (QStringList{"web => db (allow)", "* => db (deny)"}));
        QCOMPARE(page->table()->model()->index(0, IntentionListModel::Description).data(),
                 QVariant(QStringLiteral("the tutorial's pair")));
        QVERIFY(page->table()->model()->index(0, IntentionListModel::Precedence).data().toInt() >
                page->table()->model()->index(1, IntentionListModel::Precedence).data().toInt());

        // Edited: deny instead; the agent answers the check accordingly.
        select(page, QStringLiteral("web => db (allow)"));
        editor = page->editSelected();
        QVERIFY(editor);
        editor->setAction(QStringLiteral("deny"));
        editor->accept();
        QTRY_COMPARE(shown(page), (QStringList{"web => db (deny)", "* => db (deny)"}));
        QCOMPARE(
            QJsonDocument::fromJson(
                attached.http->call("GET", "/v1/connect/intentions/check?source=web&destination=db")
                    .body)
                .object()
                .value("Allowed"),
            QJsonValue(false));

        // The same pair again: refused, and the page says why.
        editor = page->createIntention(QStringLiteral("web"), QStringLiteral("db"));
        editor->accept();
        QTRY_VERIFY(page->errorBanner()->isVisible());
        QVERIFY(page->errorBanner()->text().contains(QLatin1String("not saved")));

        // The filter.
        auto *filter = page->findChild<QLineEdit *>(QStringLiteral("intentionsFilter"));
        filter->setText(QStringLiteral("web"));
        QCOMPARE(shown(page), QStringList{"web => db (deny)"});
        filter->clear();

        // Deleted, after confirming.
        select(page, QStringLiteral("web => db (deny)"));
        page->deleteSelected();
        auto *confirm = page->findChild<QMessageBox *>(QStringLiteral("intentionDeleteConfirm"));
        QVERIFY(confirm);
        QVERIFY(confirm->text().contains(QLatin1String("web =&gt; db (deny)")) ||
                confirm->text().contains(QLatin1String("web => db (deny)")));
        QTest::mouseClick(confirm->findChild<QPushButton *>(QStringLiteral("confirm")),
                          Qt::LeftButton);
        QTRY_COMPARE(shown(page), QStringList{"* => db (deny)"});
        QCOMPARE(QJsonDocument::fromJson(attached.http->call("GET", "/v1/connect/intentions").body)
                     .array()
                     .size(),
                 1);
    }
};

QTEST_MAIN(IntentionsPageTest)
#include "intentions_page_test.moc"

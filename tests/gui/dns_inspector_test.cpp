// The DNS inspector page against a real in-process agent (DNS on a free port), offscreen: the
// seed's SRV answer with its additional records and the explanation for a critical instance,
// TCP, Enter, copy as dig, the history (shown again, kept across runs), NXDOMAIN, a refused
// server, and the dns/<name>/<type> route.
#include "AttachedWindow.h"
#include "common/ColorScheme.h"
#include "common/EmptyState.h"
#include "common/ErrorBanner.h"
#include "common/ThemeColors.h"
#include "common/TintedPanel.h"
#include "dns/DnsAnswerView.h"
#include "dns/DnsHistoryModel.h"
#include "dns/DnsMessageModel.h"
#include "dns/DnsPage.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace qonsul;
using namespace qonsul::ui;
using namespace qonsul::ui::testing;
using S = DnsMessageModel;

namespace {

QString cell(const DnsMessageModel *model, S::Section section, int row, int column)
{
    return model->index(row, column, model->sectionIndex(section)).data().toString();
}

// What a label is painted on: the tinted panel or banner it sits in, else the window colour.
QColor backgroundBehind(const QWidget *widget)
{
    for (const QWidget *w = widget; w; w = w->parentWidget()) {
        if (const auto *panel = qobject_cast<const TintedPanel *>(w))
            return panel->backgroundColor();
        if (const auto *banner = qobject_cast<const ErrorBanner *>(w))
            return banner->backgroundColor();
    }
    return widget->palette().color(QPalette::Window);
}

QPushButton *exampleButton(DnsPage *page, const QString &text)
{
    for (QPushButton *button :
         page->findChild<EmptyState *>("dnsStart")->findChildren<QPushButton *>()) {
        if (button->text() == text)
            return button;
    }
    return nullptr;
}

} // namespace

class DnsInspectorTest : public QObject
{
    Q_OBJECT

    QTemporaryDir configHome;
    AttachedWindow attached;
    DnsPage *page = nullptr;
    QString server;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", configHome.path().toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("qonsul-dns-inspector-test"));
        attached.start();
        // The seed's web (tag rails, port 80), and a second instance whose check is critical.
        TestHttp &http = *attached.http;
        QCOMPARE(http.call("PUT", "/v1/agent/service/register",
                           R"({"Name":"web","Tags":["rails"],"Port":80})")
                     .status,
                 200);
        QCOMPARE(http.call("PUT", "/v1/agent/service/register",
                           R"({"ID":"web-2","Name":"web","Tags":["rails"],"Port":8080,)"
                           R"("Check":{"CheckID":"web-2-alive","Name":"web-2 alive",)"
                           R"("TTL":"30s","Status":"critical"}})")
                     .status,
                 200);
        attached.window->showPage(MainWindow::Dns);
        page = attached.window->dnsPage();
        server = QStringLiteral("127.0.0.1:%1").arg(attached.agent->dnsPort());
    }

    void cleanupTestCase() { attached.stop(); }

    void findsTheAgentsDnsServer()
    {
        QTRY_COMPARE(page->serverText(), server);
        QCOMPARE(attached.window->currentPage(), MainWindow::Dns);
        // Before any question: what to try, with the agent's node name.
        auto *start = page->findChild<EmptyState *>("dnsStart");
        QVERIFY(start->isVisible());
        QVERIFY(exampleButton(page, "web.service.consul  SRV"));
        QTRY_VERIFY(exampleButton(page, "machine.node.consul  A"));
    }

    void seedSrvAnswerWithAdditionalRecordsAndWhyOneIsMissing()
    {
        QSignalSpy explained(page, &DnsPage::explained);
        QTest::mouseClick(exampleButton(page, "web.service.consul  SRV"), Qt::LeftButton);
        QVERIFY(explained.wait(5000));

        DnsAnswerView *answer = page->answerView();
        QVERIFY(answer->isVisible());
        const DnsMessageModel *model = answer->model();
        // Header: NOERROR, authoritative, recursion desired echoed, no recursion available.
        QVERIFY2(answer->headerSummary().startsWith("NOERROR, id "),
                 qPrintable(answer->headerSummary()));
        QVERIFY2(answer->headerSummary().contains(", flags qr aa rd, EDNS udp 1232"),
                 qPrintable(answer->headerSummary()));
        QCOMPARE(cell(model, S::Question, 0, S::Name), QStringLiteral("web.service.consul."));
        QCOMPARE(cell(model, S::Question, 0, S::Type), QStringLiteral("SRV"));
        // Only the healthy instance: one SRV record, with TTL 0.
        QCOMPARE(model->recordCount(S::Answer), 1);
        QCOMPARE(cell(model, S::Answer, 0, S::Name), QStringLiteral("web.service.consul."));
        QCOMPARE(cell(model, S::Answer, 0, S::Ttl), QStringLiteral("0"));
        QCOMPARE(cell(model, S::Answer, 0, S::Type), QStringLiteral("SRV"));
        QCOMPARE(cell(model, S::Answer, 0, S::Data),
                 QStringLiteral("1 1 80 machine.node.dc1.consul."));
        QCOMPARE(model->recordCount(S::Authority), 0);
        // The target's address (and node meta) in the additional section.
        QCOMPARE(model->recordCount(S::Additional), 2);
        QCOMPARE(cell(model, S::Additional, 0, S::Name),
                 QStringLiteral("machine.node.dc1.consul."));
        QCOMPARE(cell(model, S::Additional, 0, S::Type), QStringLiteral("A"));
        QCOMPARE(cell(model, S::Additional, 0, S::Data), QStringLiteral("127.0.0.1"));
        QCOMPARE(cell(model, S::Additional, 1, S::Type), QStringLiteral("TXT"));
        // Why web-2 is not there, from the health API.
        QVERIFY2(answer->explanationText().startsWith(
                     QStringLiteral("1 instance of web is critical and not returned: web-2 on "
                                    "machine (check \"web-2 alive\" is critical).\n"
                                    "1 of the 2 instances of web is returned.\n"
                                    "Each SRV record reads priority, weight, port, target")),
                 qPrintable(answer->explanationText()));
        QVERIFY(answer->presentationText().contains(";; ANSWER SECTION:"));

        const DnsHistoryModel *history = page->history();
        QCOMPARE(history->index(0, DnsHistoryModel::Name).data().toString(),
                 QStringLiteral("web.service.consul"));
        QCOMPARE(history->index(0, DnsHistoryModel::Status).data().toString(),
                 QStringLiteral("NOERROR"));
        QCOMPARE(history->index(0, DnsHistoryModel::Answers).data().toString(),
                 QStringLiteral("1"));
        QCOMPARE(history->index(0, DnsHistoryModel::Transport).data().toString(),
                 QStringLiteral("UDP"));
    }

    void enterAsksOverTcpAndCopiesAsDig()
    {
        auto *name = page->findChild<QLineEdit *>("dnsName");
        name->setText(QStringLiteral("rails.web.service.consul"));
        page->setTcp(true);
        QCOMPARE(page->digCommandText(),
                 QStringLiteral("dig @127.0.0.1 -p %1 rails.web.service.consul SRV +tcp")
                     .arg(attached.agent->dnsPort()));
        QTest::mouseClick(page->findChild<QPushButton *>("dnsCopyDig"), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), page->digCommandText());

        QSignalSpy explained(page, &DnsPage::explained);
        QTest::keyClick(name, Qt::Key_Return);
        QVERIFY(explained.wait(5000));
        QCOMPARE(page->answerView()->model()->recordCount(S::Answer), 1);
        QCOMPARE(page->history()->rowCount(), 2);
        QCOMPARE(page->history()->index(0, DnsHistoryModel::Transport).data().toString(),
                 QStringLiteral("TCP"));
        QVERIFY(page->answerView()->explanationText().contains(
            "1 instance of web with the tag \"rails\" is critical and not returned"));
        page->setTcp(false);
    }

    void historyShowsAPastAnswerAgain()
    {
        page->ask(QStringLiteral("nope.service.consul"), QStringLiteral("A"));
        QSignalSpy explained(page, &DnsPage::explained);
        QVERIFY(explained.wait(5000));
        DnsAnswerView *answer = page->answerView();
        QVERIFY(answer->headerSummary().startsWith("NXDOMAIN"));
        QCOMPARE(answer->model()->recordCount(S::Authority), 1);
        QCOMPARE(cell(answer->model(), S::Authority, 0, S::Type), QStringLiteral("SOA"));
        QCOMPARE(answer->explanationText(),
                 QStringLiteral("No service named \"nope\" is registered. That is why the answer "
                                "is NXDOMAIN."));

        // The first question (now third from the top) comes back with its explanation.
        QCOMPARE(page->history()->rowCount(), 3);
        page->showHistoryEntry(2);
        QCOMPARE(page->findChild<QLineEdit *>("dnsName")->text(),
                 QStringLiteral("web.service.consul"));
        QCOMPARE(answer->model()->recordCount(S::Answer), 1);
        QCOMPARE(cell(answer->model(), S::Answer, 0, S::Type), QStringLiteral("SRV"));
        QCOMPARE(answer->model()->recordCount(S::Additional), 2);
        QVERIFY(answer->explanationText().startsWith("1 instance of web is critical"));
        QVERIFY(!page->findChild<QRadioButton *>("dnsTcp")->isChecked());
    }

    void nodeAnswerByRoute()
    {
        QSignalSpy explained(page, &DnsPage::explained);
        QVERIFY(attached.window->openRoute(QStringLiteral("dns/machine.node.consul/A")));
        QVERIFY(explained.wait(5000));
        const DnsMessageModel *model = page->answerView()->model();
        QCOMPARE(cell(model, S::Answer, 0, S::Data), QStringLiteral("127.0.0.1"));
        QVERIFY(page->answerView()->explanationText().startsWith(
            "machine is a node at 127.0.0.1. Node lookups return it whatever its health"));
    }

    void enterOnTheTypeBoxAsksToo()
    {
        auto *type = page->findChild<QComboBox *>("dnsType");
        type->setCurrentText(QStringLiteral("TXT"));
        QSignalSpy explained(page, &DnsPage::explained);
        QTest::keyClick(type, Qt::Key_Return);
        QVERIFY(explained.wait(5000));
        QCOMPARE(page->history()->index(0, DnsHistoryModel::Type).data().toString(),
                 QStringLiteral("TXT"));
        QCOMPARE(cell(page->answerView()->model(), S::Answer, 0, S::Data),
                 QStringLiteral("\"consul-network-segment=\""));
    }

    void aRefusedServerSaysSo()
    {
        const quint16 closed = freePort();
        page->setServer(QStringLiteral("127.0.0.1:%1").arg(closed));
        QSignalSpy failed(page, &DnsPage::queryFailed);
        page->ask(QStringLiteral("web.service.consul"), QStringLiteral("A"));
        QVERIFY(failed.wait(5000));
        QVERIFY(failed.at(0).at(0).toString().startsWith("Connection refused by 127.0.0.1:"));
        auto *banner = page->findChild<ErrorBanner *>();
        QVERIFY(banner->isVisible());
        QVERIFY(banner->text().contains("Connection refused"));
        QCOMPARE(page->history()->index(0, DnsHistoryModel::Status).data().toString(),
                 QStringLiteral("refused"));
        QCOMPARE(page->history()->index(0, DnsHistoryModel::Answers).data().toString(),
                 QStringLiteral("–"));

        // A server field that is not host:port is refused before anything is sent.
        page->setServer(QStringLiteral("127.0.0.1:99999"));
        const int rows = page->history()->rowCount();
        page->askCurrent();
        QVERIFY(banner->text().contains("no valid port"));
        QCOMPARE(page->history()->rowCount(), rows);
        page->setServer(server);
    }

    void historyIsKeptAcrossRuns()
    {
        const int rows = page->history()->rowCount();
        QVERIFY(rows >= 4);
        DnsPage second(attached.connection->apiConfig());
        QCOMPARE(second.history()->rowCount(), qMin(rows, DnsPage::savedHistory));
        QCOMPARE(second.history()->entryAt(0).question.name,
                 page->history()->entryAt(0).question.name);
        QCOMPARE(second.history()->entryAt(0).outcome, QStringLiteral("refused"));
    }

    void everyTextReadsOnItsBackgroundInBothThemes()
    {
        // An answer with its explanation, set and unset flags, and an error banner on screen.
        QSignalSpy explained(page, &DnsPage::explained);
        QVERIFY(attached.window->openRoute(QStringLiteral("dns/web.service.consul/SRV")));
        QVERIFY(explained.wait(5000));
        auto *banner = new ErrorBanner(page->answerView());
        banner->showError(QStringLiteral("Something failed"), QStringLiteral("Try this."));
        ColorScheme *scheme = attached.window->colorScheme();
        for (const ColorScheme::Choice choice :
             {ColorScheme::Choice::Light, ColorScheme::Choice::Dark}) {
            scheme->setChoice(choice);
            QApplication::processEvents();
            const QString theme = choice == ColorScheme::Choice::Dark ? "dark" : "light";
            int checked = 0;
            for (QLabel *label : page->findChildren<QLabel *>()) {
                if (!label->isVisible() || label->text().isEmpty())
                    continue;
                const QColor background = backgroundBehind(label);
                const QColor text = label->palette().color(QPalette::WindowText);
                const QString what = QStringLiteral("%1 theme, label %2 \"%3\"")
                                         .arg(theme, label->objectName(), label->text().left(60));
                QVERIFY2(contrastRatio(text, background) >= 4.5,
                         qPrintable(QStringLiteral("%1: %2 on %3, %4:1")
                                        .arg(what, text.name(), background.name())
                                        .arg(contrastRatio(text, background), 0, 'f', 2)));
                // Colours written into rich text: a chip's own pair, or text on the label's.
                static const QRegularExpression pair(
                    QStringLiteral("background-color:(#[0-9a-f]{6}); color:(#[0-9a-f]{6})"));
                for (auto it = pair.globalMatch(label->text()); it.hasNext();) {
                    const auto m = it.next();
                    QVERIFY2(contrastRatio(QColor(m.captured(2)), QColor(m.captured(1))) >= 4.5,
                             qPrintable(what + ": " + m.captured(0)));
                }
                static const QRegularExpression alone(
                    QStringLiteral("style='color:(#[0-9a-f]{6})'"));
                for (auto it = alone.globalMatch(label->text()); it.hasNext();) {
                    const auto m = it.next();
                    QVERIFY2(contrastRatio(QColor(m.captured(1)), background) >= 4.5,
                             qPrintable(what + ": " + m.captured(0)));
                }
                ++checked;
            }
            QVERIFY(checked >= 5);
            QVERIFY(page->findChild<QLabel *>("dnsCommandLabel")->isVisible());
        }
        scheme->setChoice(ColorScheme::Choice::FollowSystem);
        delete banner;
    }
};

QTEST_MAIN(DnsInspectorTest)
#include "dns_inspector_test.moc"

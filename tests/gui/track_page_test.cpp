// The Track page as a widget: progress is kept across windows and can be reset; Reset This
// Step undoes a step; the hints for a busy port (the app's own agent holding it too) show
// when provoked; Open a Terminal Here starts the desktop's terminal with the alias; the steps
// can be walked with the keyboard and name themselves to a screen reader.
#include "TrackTestEnvironment.h"
#include "track/TrackPage.h"
#include "track/TrackProcesses.h"
#include "track/TrackProgress.h"
#include "track/TrackRunPane.h"
#include "track/TrackStepView.h"

#include <QFile>
#include <QFileInfo>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace qonsul::ui;
using namespace qonsul::ui::testing;

namespace {

void runAll(TrackPage &page)
{
    const TrackStep &step = page.steps().at(page.stepList()->currentRow());
    for (int i = 0; i < step.commands.size(); ++i) {
        const int run = page.runCommand(i);
        QVERIFY(QTest::qWaitFor([&] { return page.processes()->isFinished(run); }, 20000));
    }
}

bool itemDone(const TrackPage &page, int row)
{
    return page.stepList()->item(row)->text().startsWith(QStringLiteral("✓"));
}

} // namespace

class TrackPageTest : public QObject
{
    Q_OBJECT

    QTemporaryDir configHome;

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("QONSUL"))
            QSKIP("QONSUL (the built qonsul) is not set; ctest sets it");
        qputenv("XDG_CONFIG_HOME", configHome.path().toUtf8());
    }

    void init() { TrackProgress().resetAll(); }

    void progressIsKeptAndCanBeReset()
    {
        QTemporaryDir dir;
        const TrackEnvironment environment = trackTestEnvironment(dir);
        {
            TrackPage page(environment);
            page.show();
            QCOMPARE(page.currentStepId(), QStringLiteral("install"));
            QVERIFY(!itemDone(page, 0));
            runAll(page);
            QTRY_VERIFY2_WITH_TIMEOUT(itemDone(page, 0), qPrintable(page.stepView()->resultText()),
                                      10000);
            QVERIFY(page.stepView()->resultText().contains(QLatin1String("This step is done")));
            page.showStep(QStringLiteral("kv"));
        }
        {
            // Another window (the next start of the app) finds both where the learner was and
            // what is done.
            TrackPage page(environment);
            QCOMPARE(page.currentStepId(), QStringLiteral("kv"));
            QVERIFY(itemDone(page, 0));
            QCOMPARE(page.stepList()->item(0)->data(Qt::AccessibleTextRole).toString(),
                     QStringLiteral("Step 1, Install: done"));
            QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("trackResetProgress")),
                              Qt::LeftButton);
            QVERIFY(!itemDone(page, 0));
        }
        TrackPage page(environment);
        QVERIFY(!itemDone(page, 0));
    }

    void resetThisStepUndoesIt()
    {
        QTemporaryDir dir;
        TrackPage page(trackTestEnvironment(dir));
        page.show();
        page.showStep(QStringLiteral("install"));
        runAll(page);
        QTRY_VERIFY_WITH_TIMEOUT(itemDone(page, 0), 10000);
        const QString link = page.processes()->environment().home + "/.local/bin/qonsul";
        QVERIFY(QFileInfo(link).isSymLink());
        QTest::mouseClick(page.stepView()->resetButton(), Qt::LeftButton);
        QVERIFY(!itemDone(page, 0));
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo(link).isSymLink(), 10000);
        // The check after the reset says the step is to do again.
        const int checks = page.checksDone();
        QTRY_VERIFY_WITH_TIMEOUT(page.checksDone() > checks, 10000);
        QVERIFY(!page.lastVerdict().passed());
        QVERIFY(!itemDone(page, 0));
    }

    void aBusyPortIsNamedAndTheAppsAgentCanStepAside()
    {
        QTemporaryDir dir;
        TrackPage page(trackTestEnvironment(dir));
        page.show();
        const TrackEnvironment &environment = page.processes()->environment();
        QTcpServer holder;
        QVERIFY(holder.listen(QHostAddress::LocalHost, quint16(environment.httpPort)));
        page.showStep(QStringLiteral("agent"));
        const int run = page.runCommand(0);
        QTRY_VERIFY_WITH_TIMEOUT(page.processes()->isFinished(run), 20000);
        QTRY_VERIFY(page.stepView()->hintText().contains(QLatin1String("The port is busy")));
        QVERIFY(page.stepView()->hintText().contains(environment.devHttpAddress()));
        QVERIFY(page.stepView()->stopEmbeddedButton()->isHidden());
        // Once the port is free, the next run starts afresh: the old hint goes.
        holder.close();
        page.runCommand(0);
        QVERIFY(!page.stepView()->hintText().contains(QLatin1String("The port is busy")));
        page.processes()->stopRole(QStringLiteral("agent"));
        QVERIFY(holder.listen(QHostAddress::LocalHost, quint16(environment.httpPort)));

        // The same, while the app's own agent serves that address: the hint offers to stop it.
        page.setEmbeddedAgentAddress(environment.devHttpAddress());
        QSignalSpy stopAsked(&page, &TrackPage::stopEmbeddedAgentRequested);
        page.showStep(QStringLiteral("services"));
        page.showStep(QStringLiteral("agent"));
        const int again = page.runCommand(0);
        QTRY_VERIFY_WITH_TIMEOUT(page.processes()->isFinished(again), 20000);
        QTRY_VERIFY(
            page.stepView()->hintText().contains(QLatin1String("this app's own dev agent")));
        QVERIFY(page.stepView()->stopEmbeddedButton()->isVisible());
        QTest::mouseClick(page.stepView()->stopEmbeddedButton(), Qt::LeftButton);
        QCOMPARE(stopAsked.size(), 1);
    }

    void theAppsAgentStartingLateIsCheckedAgain()
    {
        // The window's first check can run before the app's own agent listens; once it does,
        // the step is checked again without a click.
        QTemporaryDir dir;
        TrackPage page(trackTestEnvironment(dir));
        page.showStep(QStringLiteral("services"));
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(page.checksDone() > 0, 10000);
        const int checks = page.checksDone();
        page.setEmbeddedAgentAddress(page.processes()->environment().devHttpAddress());
        QTRY_VERIFY_WITH_TIMEOUT(page.checksDone() > checks, 10000);
    }

    void aStepNotDoneIsCheckedAgainOnItsOwn()
    {
        // A sidecar's check passes seconds after it starts; the result follows by itself.
        QTemporaryDir dir;
        TrackPage page(trackTestEnvironment(dir));
        page.showStep(QStringLiteral("services"));
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(page.checksDone() > 0, 10000);
        QVERIFY(!page.lastVerdict().passed());
        const int checks = page.checksDone();
        QTRY_VERIFY_WITH_TIMEOUT(page.checksDone() > checks, 10000);
    }

    void aRunningProcessShowsWithItsStopButton()
    {
        QTemporaryDir dir;
        TrackPage page(trackTestEnvironment(dir));
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(page.checksDone() > 0, 10000); // the one on showing
        page.runLine(QStringLiteral("sleep 60"));
        QTRY_COMPARE(page.runPane()->runningCount(), 1);
        // A typed line may be an agent that keeps running: it is checked while it runs.
        const int checks = page.checksDone();
        QTRY_VERIFY_WITH_TIMEOUT(page.checksDone() > checks, 10000);
        QCOMPARE(page.runPane()->runningCount(), 1);
        auto *stop = page.runPane()->findChild<QPushButton *>(QStringLiteral("trackStop-typed1"));
        QVERIFY(stop);
        QTest::mouseClick(stop, Qt::LeftButton);
        QTRY_COMPARE(page.runPane()->runningCount(), 0);
    }

    void aCommandsOutputHasRoomWhileAProcessRuns()
    {
        // The page's size in the app's first window (1280×820 less the sidebar, menu and
        // status bar); dig prints about twenty lines, the result a few.
        QTemporaryDir dir;
        TrackPage page(trackTestEnvironment(dir));
        page.resize(1130, 770);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.runLine(QStringLiteral("sleep 60"));
        QTRY_COMPARE(page.runPane()->runningCount(), 1);
        const int run = page.runLine(QStringLiteral("seq 1 20"));
        QVERIFY(QTest::qWaitFor([&] { return page.processes()->isFinished(run); }, 20000));
        auto *output =
            page.runPane()->findChild<QPlainTextEdit *>(QStringLiteral("trackRunOutput"));
        QVERIFY(output);
        const int lines = output->viewport()->height() / output->fontMetrics().lineSpacing();
        QVERIFY2(lines >= 8, qPrintable(QStringLiteral("%1 lines of output in sight").arg(lines)));
        QTest::mouseClick(
            page.runPane()->findChild<QPushButton *>(QStringLiteral("trackStop-typed1")),
            Qt::LeftButton);
        QTRY_COMPARE(page.runPane()->runningCount(), 0);
    }

    void aPageClosedWhileAProcessRunsStopsIt()
    {
        QTemporaryDir dir;
        const QString pidFile = dir.path() + QStringLiteral("/sleep.pid");
        auto *page = new TrackPage(trackTestEnvironment(dir));
        page->show();
        page->runLine(QStringLiteral("echo $$ > %1; exec sleep 60").arg(pidFile));
        QTRY_VERIFY(QFileInfo(pidFile).size() > 0);
        QFile file(pidFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray pid = file.readAll().trimmed();
        QVERIFY(QFileInfo::exists(QStringLiteral("/proc/") + QString::fromLatin1(pid)));
        delete page;
        QVERIFY(!QFileInfo::exists(QStringLiteral("/proc/") + QString::fromLatin1(pid)));
    }

    void theTerminalHasTheAlias()
    {
        QTemporaryDir dir;
        const QString record = dir.path() + QStringLiteral("/terminal.txt");
        const QString fake = dir.path() + QStringLiteral("/terminal.sh");
        QFile script(fake);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(
            QStringLiteral("#!/bin/sh\necho \"$@\" > '%1'\npwd >> '%1'\n").arg(record).toUtf8());
        script.close();
        script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        qputenv("QONSUL_TERMINAL", fake.toUtf8());
        TrackPage page(trackTestEnvironment(dir));
        page.show();
        QTest::mouseClick(page.stepView()->terminalButton(), Qt::LeftButton);
        const auto recorded = [&record] {
            QFile file(record);
            return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
        };
        QTRY_VERIFY(recorded().count(QLatin1Char('\n')) == 2);
        const QString text = recorded();
        const QString workDir = page.processes()->environment().workDir;
        QVERIFY2(
            text.startsWith(QStringLiteral("-e bash --rcfile %1/.qonsul-bashrc -i").arg(workDir)),
            qPrintable(text));
        QVERIFY(text.contains(workDir + QLatin1Char('\n')));
        QFile rc(workDir + QStringLiteral("/.qonsul-bashrc"));
        QVERIFY(rc.open(QIODevice::ReadOnly));
        const QString rcText = QString::fromUtf8(rc.readAll());
        QVERIFY(rcText.contains(QLatin1String("alias consul=qonsul")));
        QVERIFY(rcText.contains(QFileInfo(qEnvironmentVariable("QONSUL")).absolutePath()));
        qunsetenv("QONSUL_TERMINAL");
        // Without any terminal, the page says what to install.
        qputenv("QONSUL_TERMINAL", "/nonexistent/terminal");
        QTest::mouseClick(page.stepView()->terminalButton(), Qt::LeftButton);
        QTRY_VERIFY(page.stepView()->hintText().contains(QLatin1String("did not start")));
        qunsetenv("QONSUL_TERMINAL");
    }

    void theKeyboardWalksTheSteps()
    {
        QTemporaryDir dir;
        TrackPage page(trackTestEnvironment(dir));
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.stepList()->setFocus();
        page.stepList()->setCurrentRow(0);
        QTest::keyClick(page.stepList(), Qt::Key_Down);
        QCOMPARE(page.currentStepId(), QStringLiteral("agent"));
        QTest::keyClick(page.stepList(), Qt::Key_End);
        QCOMPARE(page.currentStepId(), QStringLiteral("next"));
        // Every button of a step says what it does to a screen reader.
        page.showStep(QStringLiteral("connect"));
        for (int i = 0; i < page.stepView()->commandCount(); ++i) {
            QVERIFY(!page.stepView()->runButton(i)->accessibleName().isEmpty());
            QVERIFY(!page.stepView()->copyButton(i)->accessibleName().isEmpty());
            QVERIFY(page.stepView()->runButton(i)->focusPolicy() & Qt::TabFocus);
        }
        QVERIFY(page.stepView()->showButton()->text().contains(QLatin1String("Topology")));
    }
};

QTEST_MAIN(TrackPageTest)
#include "track_page_test.moc"

#include "WindowMenus.h"

#include "AppLanguage.h"
#include "MainWindow.h"
#include "common/ColorScheme.h"
#include "common/OpenExternally.h"
#include "connection/AgentConnection.h"
#include "util/Version.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QUrl>
#include <algorithm>

namespace qonsul::ui {

WindowMenus::WindowMenus(MainWindow *window) : QObject(window), m_window(window)
{
    QMenuBar *bar = window->menuBar();

    QMenu *file = bar->addMenu(tr("&File"));
    m_connect = file->addAction(tr("&Connect to Agent…"), window, &MainWindow::showConnectDialog);
    m_connect->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_connect->setStatusTip(tr("Talk to another Qonsul or Consul agent at any HTTP address"));
    m_useEmbedded =
        file->addAction(tr("Use &Embedded Agent"), window, &MainWindow::useEmbeddedAgent);
    m_useEmbedded->setStatusTip(tr("Go back to the dev agent this app runs itself"));
    file->addSeparator();
    m_quit = file->addAction(tr("&Quit"), window, &QWidget::close);
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);

    QMenu *view = bar->addMenu(tr("&View"));
    m_refresh = view->addAction(tr("&Refresh"), window, &MainWindow::refresh);
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_find = view->addAction(tr("&Find…"), window, &MainWindow::focusFilter);
    m_find->setShortcut(QKeySequence::Find);
    view->addSeparator();
    for (int page = 0; page < MainWindow::PageCount; ++page) {
        QAction *action =
            view->addAction(window->pageTitle(MainWindow::Page(page)), window,
                            [window, page] { window->goToPage(MainWindow::Page(page)); });
        if (page < 9)
            action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + page)));
        m_pages.append(action);
    }
    view->addSeparator();
    m_darkMode = view->addAction(tr("&Dark Mode"));
    m_darkMode->setCheckable(true);
    m_darkMode->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(m_darkMode, &QAction::triggered, this, [this](bool dark) {
        m_window->colorScheme()->setChoice(dark ? ColorScheme::Choice::Dark
                                                : ColorScheme::Choice::Light);
        update();
    });
    m_followSystem = view->addAction(tr("Follow &System Colors"));
    m_followSystem->setCheckable(true);
    connect(m_followSystem, &QAction::triggered, this, [this](bool follow) {
        ColorScheme *scheme = m_window->colorScheme();
        if (follow)
            scheme->setChoice(ColorScheme::Choice::FollowSystem);
        else
            scheme->setChoice(scheme->isDark() ? ColorScheme::Choice::Dark
                                               : ColorScheme::Choice::Light);
        update();
    });
    connect(window->colorScheme(), &ColorScheme::darkChanged, this, &WindowMenus::update);
    QMenu *language = view->addMenu(tr("&Language"));
    auto *languages = new QActionGroup(this);
    // Each language named in itself, as language menus do, so that a learner finds theirs.
    const std::pair<QString, QString> choices[] = {
        {QString(), tr("Follow the &System")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("ja"), QStringLiteral("日本語")},
    };
    for (const auto &[code, name] : choices) {
        QAction *action = language->addAction(name);
        action->setCheckable(true);
        action->setChecked(languageChoice() == code);
        action->setData(code);
        languages->addAction(action);
        connect(action, &QAction::triggered, this, [this, code] { chooseLanguage(code); });
        m_languages.append(action);
    }

    QMenu *go = bar->addMenu(tr("&Go"));
    m_back = go->addAction(tr("&Back"), window, &MainWindow::goBack);
    m_back->setShortcut(QKeySequence::Back);
    m_forward = go->addAction(tr("&Forward"), window, &MainWindow::goForward);
    m_forward->setShortcut(QKeySequence::Forward);

    QMenu *help = bar->addMenu(tr("&Help"));
    m_track = help->addAction(tr("&Getting Started Track"), this,
                              [window] { window->openRoute(QStringLiteral("track")); });
    m_track->setShortcut(QKeySequence::HelpContents);
    m_tutorial = help->addAction(tr("Consul's Getting Started &Tutorial"), this, [window] {
        openExternally(window, QUrl(QString::fromLatin1(tutorialUrl())));
    });
    help->addSeparator();
    m_about = help->addAction(tr("&About Qonsul"), this, &WindowMenus::showAbout);
    m_about->setMenuRole(QAction::AboutRole);
    QAction *aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);

    update();
}

const char *WindowMenus::tutorialUrl()
{
    return "https://developer.hashicorp.com/consul/tutorials/get-started-vms";
}

void WindowMenus::update()
{
    const AgentConnection *connection = m_window->connection();
    m_useEmbedded->setEnabled(connection->mode() != AgentConnection::Mode::Embedded &&
                              connection->mode() != AgentConnection::Mode::Connecting);
    m_back->setEnabled(m_window->history().canGoBack());
    m_forward->setEnabled(m_window->history().canGoForward());
    const bool hasPages = m_window->hasPages();
    m_refresh->setEnabled(hasPages);
    m_find->setEnabled(hasPages);
    for (QAction *page : m_pages)
        page->setEnabled(hasPages);
    const ColorScheme *scheme = m_window->colorScheme();
    m_darkMode->setChecked(scheme->isDark());
    m_followSystem->setChecked(scheme->choice() == ColorScheme::Choice::FollowSystem);
}

void WindowMenus::chooseLanguage(const QString &language)
{
    if (language == languageChoice())
        return;
    setLanguageChoice(language);
    auto *box = new QMessageBox(
        QMessageBox::Question, tr("Language"),
        tr("Qonsul speaks the language chosen from its next start. Restart it now? The "
           "embedded agent restarts too."),
        QMessageBox::NoButton, m_window);
    box->setObjectName(QStringLiteral("languageRestart"));
    QPushButton *restart = box->addButton(tr("Restart Now"), QMessageBox::AcceptRole);
    box->addButton(tr("Later"), QMessageBox::RejectRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(restart, &QPushButton::clicked, this, [this] {
        // The same command line, on the same page, started once this process is gone: its
        // embedded agent must have let go of the port first.
        QStringList arguments = QCoreApplication::arguments().mid(1);
        if (arguments.isEmpty() || arguments.first() != QLatin1String("desktop"))
            arguments.prepend(QStringLiteral("desktop"));
        arguments.erase(
            std::remove_if(arguments.begin(), arguments.end(),
                           [](const QString &a) { return a.startsWith(QLatin1String("-page=")); }),
            arguments.end());
        arguments.append(QStringLiteral("-page=") + m_window->currentRoute());
        if (!m_window->close())
            return;
        QProcess::startDetached(
            QStringLiteral("sh"),
            QStringList{QStringLiteral("-c"),
                        QStringLiteral("while kill -0 %1 2>/dev/null; do sleep 0.1; done; "
                                       "exec \"$0\" \"$@\"")
                            .arg(QCoreApplication::applicationPid()),
                        QCoreApplication::applicationFilePath()} +
                arguments);
    });
    box->open();
}

void WindowMenus::showAbout()
{
    QMessageBox::about(
        m_window, tr("About Qonsul"),
        tr("<h3>Qonsul %1</h3>"
           "<p>A desktop lab for learning service discovery the way HashiCorp Consul does it: "
           "an agent with Consul's HTTP API, DNS interface and CLI, and this window onto it.</p>"
           "<p>Follows the behaviour of Consul %2. Works with real Consul agents too "
           "(File ▸ Connect to Agent…).</p>"
           "<p>Built with Qt %3.</p>")
            .arg(QString::fromLatin1(qonsulVersion), QString::fromLatin1(consulCompatibleVersion),
                 QString::fromLatin1(qVersion())));
}

} // namespace qonsul::ui

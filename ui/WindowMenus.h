#pragma once
// The main window's menu bar and shortcuts: File (Connect to Agent…, Use Embedded Agent, Quit),
// View (Refresh, one entry per page on Ctrl+1…Ctrl+N, Find, Dark Mode, Follow System Colors,
// Language), Go (Back, Forward) and Help (Getting Started Track, About, Consul's tutorial). The
// actions call MainWindow; update() sets what is enabled and checked from its state.

#include <QList>
#include <QObject>

class QAction;

namespace qonsul::ui {

class MainWindow;

class WindowMenus : public QObject
{
    Q_OBJECT
public:
    explicit WindowMenus(MainWindow *window);

    void update();

    QAction *connectAction() const { return m_connect; }
    QAction *useEmbeddedAction() const { return m_useEmbedded; }
    QAction *quitAction() const { return m_quit; }
    QAction *refreshAction() const { return m_refresh; }
    QAction *findAction() const { return m_find; }
    QAction *darkModeAction() const { return m_darkMode; }
    QAction *followSystemAction() const { return m_followSystem; }
    QAction *backAction() const { return m_back; }
    QAction *forwardAction() const { return m_forward; }
    QAction *aboutAction() const { return m_about; }
    QAction *tutorialAction() const { return m_tutorial; }
    QAction *trackAction() const { return m_track; }
    // View ▸ Language: follow the system, English, 日本語 (in that order).
    const QList<QAction *> &languageActions() const { return m_languages; }
    // View ▸ <page>, in sidebar order.
    const QList<QAction *> &pageActions() const { return m_pages; }

    // Where Help ▸ Consul's Tutorial leads: the Getting Started track the README follows.
    static const char *tutorialUrl();

private:
    void showAbout();
    // Keeps the choice; the app speaks it from its next start, which it offers to do now.
    void chooseLanguage(const QString &language);

    MainWindow *m_window;
    QAction *m_connect;
    QAction *m_useEmbedded;
    QAction *m_quit;
    QAction *m_refresh;
    QAction *m_find;
    QAction *m_darkMode;
    QAction *m_followSystem;
    QAction *m_back;
    QAction *m_forward;
    QAction *m_about;
    QAction *m_tutorial;
    QAction *m_track;
    QList<QAction *> m_languages;
    QList<QAction *> m_pages;
};

} // namespace qonsul::ui

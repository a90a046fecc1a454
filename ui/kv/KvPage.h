#pragma once
// The Key/Value page: folder navigation with breadcrumbs, a name filter, the keys and
// folders of the current folder (live through a blocking ?keys query), and the editor.
// Deleting asks first; a folder is deleted with everything under it.

#include "api/ApiConfig.h"

#include <QWidget>

class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace qonsul {
class ApiClient;
class BlockingWatch;
} // namespace qonsul

namespace qonsul::ui {

class EmptyState;
class ErrorBanner;
class KvBreadcrumbs;
class KvEditor;
class KvListModel;

class KvPage : public QWidget
{
    Q_OBJECT
public:
    explicit KvPage(const ApiConfig &config, QWidget *parent = nullptr);

    QString prefix() const { return m_prefix; }
    KvListModel *model() const { return m_model; }
    KvEditor *editor() const { return m_editor; }

    // Shows the folder `prefix` ("" for the root, else ending in "/").
    void openFolder(const QString &prefix);
    void openKey(const QString &key);
    void createInCurrentFolder();
    // Asks for confirmation (a child QMessageBox), then deletes the key or folder tree.
    void requestDelete(const QString &key);
    // Puts the keyboard focus in the search field (Edit ▸ Find).
    Q_INVOKABLE void focusFilter();

Q_SIGNALS:
    // The user (or a call) opened a folder or a key; `route` as MainWindow::openRoute takes
    // it ("kv", "kv/redis/", "kv/redis/config/minconns"), for the window's history.
    void routeChanged(const QString &route);
    // A delete went through (after confirmation).
    void deleted(const QString &key);

private:
    void onKeys(const QJsonValue &value);
    void activate(const QModelIndex &index);
    void updateEmptyState();
    // Highlights the key the editor shows, when it is in the current folder.
    void selectRowOf(const QString &key);

    ApiClient *m_client;
    BlockingWatch *m_watch = nullptr;
    QString m_prefix;
    KvBreadcrumbs *m_crumbs;
    QLineEdit *m_filter;
    QPushButton *m_create;
    QPushButton *m_deleteSelected;
    ErrorBanner *m_error;
    KvListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QStackedWidget *m_listStack;
    QTableView *m_view;
    EmptyState *m_empty;
    QStackedWidget *m_editorStack;
    EmptyState *m_editorHint;
    KvEditor *m_editor;
    bool m_loaded = false;
};

} // namespace qonsul::ui

#pragma once
// The Key/Value page: folder navigation with breadcrumbs; the current folder as a list of its
// keys and folders, or as a tree of everything under it (both live through a blocking ?keys
// query); a search through the paths and values under the folder; the key view and editor;
// and copy, rename, delete, export and import of keys and folders.

#include "api/ApiConfig.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QMenu;
class QModelIndex;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QTimer;
class QToolButton;
class QTreeView;

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
class KvOperations;
class KvSearch;
class KvSearchResultModel;
struct KvSearchResult;
class KvTreeModel;

class KvPage : public QWidget
{
    Q_OBJECT
public:
    // Folders: the keys and folders directly in the current folder. Tree: everything under it.
    enum class ViewMode { Folders, Tree };

    explicit KvPage(const ApiConfig &config, QWidget *parent = nullptr);

    QString prefix() const { return m_prefix; }
    ViewMode viewMode() const { return m_viewMode; }
    KvListModel *model() const { return m_model; }
    KvTreeModel *treeModel() const { return m_treeModel; }
    KvSearchResultModel *searchResults() const { return m_results; }
    KvEditor *editor() const { return m_editor; }
    KvOperations *operations() const { return m_operations; }

    // Shows the folder `prefix` ("" for the root, else ending in "/").
    void openFolder(const QString &prefix);
    void openKey(const QString &key);
    void createInCurrentFolder();
    // Switches between the folder list and the tree (remembered for the next start).
    void setViewMode(ViewMode mode);
    // Searches paths and values under the current folder; "" goes back to the list or tree.
    void search(const QString &text);
    // Asks for confirmation (a child QMessageBox), then deletes the key or folder tree.
    void requestDelete(const QString &key);
    // The key or folder selected in the list, tree or search results ("" if none).
    QString selectedKey() const;

Q_SIGNALS:
    // A delete went through (after confirmation).
    void deleted(const QString &key);
    // A search's results are in the results list.
    void searchFinished(const QString &text);

private:
    void startWatch();
    void onKeys(const QJsonValue &value);
    void onSearchFinished(const KvSearchResult &result);
    void activate(const QModelIndex &index);
    void updateListStack();
    // Highlights the key the editor shows in the list or tree, when it is there.
    void selectKey(const QString &key);
    void showOperationResult(const QString &message, bool ok);
    void onRenamed(const QString &from, const QString &to);
    void fillActionsMenu(QMenu *menu, const QString &key);

    ApiClient *m_client;
    BlockingWatch *m_watch = nullptr;
    QString m_prefix;
    ViewMode m_viewMode = ViewMode::Folders;
    KvBreadcrumbs *m_crumbs;
    QLineEdit *m_searchField;
    QTimer *m_searchDelay;
    KvSearch *m_search;
    QToolButton *m_foldersMode;
    QToolButton *m_treeMode;
    QPushButton *m_create;
    QPushButton *m_deleteSelected;
    QToolButton *m_more;
    ErrorBanner *m_error;
    ErrorBanner *m_operationError;
    QLabel *m_notice;       // what the last copy, rename, import or export did
    QLabel *m_searchStatus; // how many keys the search looked at and matched
    KvListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    KvTreeModel *m_treeModel;
    KvSearchResultModel *m_results;
    QStackedWidget *m_listStack;
    QTableView *m_view;
    QTreeView *m_tree;
    QTableView *m_resultsView;
    EmptyState *m_empty;
    QStackedWidget *m_editorStack;
    EmptyState *m_editorHint;
    KvEditor *m_editor;
    KvOperations *m_operations;
    bool m_loaded = false;
    bool m_searchDone = false;
};

} // namespace qonsul::ui

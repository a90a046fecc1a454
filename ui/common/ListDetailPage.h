#pragma once
// The shape the Services and Nodes pages share: a title with the total, a search field
// (ListFilter's phrase, with completions for the tags and metadata present) and a health
// choice, an error banner, the table or an empty state saying why it is empty, and a detail
// view that replaces the list when a row is opened.

#include <QWidget>

class QAbstractItemModel;
class QComboBox;
class QCompleter;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QStringListModel;
class QTableView;

namespace qonsul::ui {

class EmptyState;
class ErrorBanner;
class ListFilterProxy;
class PageHeader;

class ListDetailPage : public QWidget
{
    Q_OBJECT
public:
    QTableView *view() const { return m_view; }
    ListFilterProxy *proxy() const { return m_proxy; }
    QLineEdit *filterEdit() const { return m_filter; }
    QComboBox *healthFilter() const { return m_health; }
    ErrorBanner *errorBanner() const { return m_error; }
    EmptyState *emptyState() const { return m_empty; }
    bool isShowingDetail() const;
    void showList();
    // Shows the list and puts the keyboard focus in its search field (Edit ▸ Find).
    Q_INVOKABLE void focusFilter();
    // The list's route as MainWindow::openRoute takes it: "services", "nodes".
    QString route() const { return m_route; }

Q_SIGNALS:
    // A row was opened (double-click or Enter); `key` is its KeyRole.
    void rowActivated(const QString &key);
    // The user (or a call) went somewhere on this page; `route` as MainWindow::openRoute
    // takes it, for the window's Back/Forward history.
    void routeChanged(const QString &route);

protected:
    // Object names start with `objectPrefix`: "service" → serviceTable, serviceFilter, …
    ListDetailPage(const QString &title, const QString &objectPrefix, const QString &route,
                   QWidget *parent);

    // The list's model (a ListPageModel) and the detail view; call once.
    void setContent(QAbstractItemModel *model, QWidget *detail);
    // What the page says while its model has no rows; shown once markLoaded() was called.
    void setEmptyText(const QString &title, const QString &hint);
    // The first answer arrived: from now on an empty model means "there are none".
    void markLoaded();
    void showDetail();
    // A widget between the search field and the list (a hint of what to do next).
    void addAboveList(QWidget *widget);

    // The page was shown or hidden (another page is up): the pages follow the agent only while
    // they are on screen, as Consul's web UI follows only the route it shows.
    virtual void visibilityChanged(bool visible) { Q_UNUSED(visible); }
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void applyFilter();
    void updateListStack();
    void offerCompletions();
    void completeLastWord(const QString &completion);

    QAbstractItemModel *m_model = nullptr;
    ListFilterProxy *m_proxy;
    QStackedWidget *m_pages;
    QWidget *m_listPage;
    QStackedWidget *m_listStack;
    QTableView *m_view;
    EmptyState *m_empty;
    ErrorBanner *m_error;
    PageHeader *m_header;
    QLineEdit *m_filter;
    QComboBox *m_health;
    QLabel *m_filterProblem;
    QCompleter *m_completer;
    QStringListModel *m_completions;
    QWidget *m_detail = nullptr;
    QString m_route;
    QString m_emptyTitle;
    QString m_emptyHint;
    bool m_loaded = false;
};

} // namespace qonsul::ui

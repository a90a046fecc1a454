#pragma once
// The Nodes page: every catalog node with health and address, the leader marked, a text
// filter, and the detail of one node. Live through NodeHealthFeed.

#include "api/ApiConfig.h"

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace qonsul::ui {

class EmptyState;
class ErrorBanner;
class NodeDetailView;
class NodeHealthFeed;
class NodeListModel;
class PageHeader;

class NodesPage : public QWidget
{
    Q_OBJECT
public:
    explicit NodesPage(const ApiConfig &config, QWidget *parent = nullptr);

    NodeListModel *model() const { return m_model; }
    NodeDetailView *detail() const { return m_detail; }
    void openNode(const QString &name);
    void showList();
    // Puts the keyboard focus in the search field (Edit ▸ Find).
    Q_INVOKABLE void focusFilter();

Q_SIGNALS:
    // The user (or a call) went somewhere on this page; `route` as MainWindow::openRoute
    // takes it, for the window's Back/Forward history.
    void routeChanged(const QString &route);

private:
    NodeHealthFeed *m_feed;
    NodeListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QStackedWidget *m_pages;
    QWidget *m_listPage;
    QStackedWidget *m_listStack;
    QTableView *m_view;
    EmptyState *m_empty;
    ErrorBanner *m_error;
    PageHeader *m_header;
    QLineEdit *m_filter;
    NodeDetailView *m_detail;
};

} // namespace qonsul::ui

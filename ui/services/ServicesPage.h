#pragma once
// The Services page: the list of services with health summaries and tags, a text filter,
// and the detail of one service. Live through ServiceHealthFeed.

#include "api/ApiConfig.h"

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace qonsul::ui {

class EmptyState;
class ErrorBanner;
class PageHeader;
class ServiceDetailView;
class ServiceHealthFeed;
class ServiceListModel;

class ServicesPage : public QWidget
{
    Q_OBJECT
public:
    explicit ServicesPage(const ApiConfig &config, QWidget *parent = nullptr);

    ServiceListModel *model() const { return m_model; }
    ServiceDetailView *detail() const { return m_detail; }
    void openService(const QString &name);
    void showList();
    // Puts the keyboard focus in the search field (Edit ▸ Find).
    Q_INVOKABLE void focusFilter();

Q_SIGNALS:
    // The user (or a call) went somewhere on this page; `route` as MainWindow::openRoute
    // takes it, for the window's Back/Forward history.
    void routeChanged(const QString &route);

private:
    void updateEmptyState();

    ServiceHealthFeed *m_feed;
    ServiceListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QStackedWidget *m_pages;
    QWidget *m_listPage;
    QStackedWidget *m_listStack;
    QTableView *m_view;
    EmptyState *m_empty;
    ErrorBanner *m_error;
    PageHeader *m_header;
    QLineEdit *m_filter;
    ServiceDetailView *m_detail;
    bool m_loaded = false;
};

} // namespace qonsul::ui

#pragma once
// The Intentions page, as Consul's web UI has it: every intention, the one that decides first
// at the top (highest precedence), filtered as you type; Create, Edit (or a double click) and
// Delete (asked first). Followed with blocking queries, so intentions made from a terminal
// (`qonsul intention create -deny web db`) show at once. Its Topology tab draws the services
// that call each other through Connect, each call coloured by what decides it and marked with
// what the proxies saw; a click on a call flips it.

#include "api/ApiConfig.h"
#include "api/ConnectApi.h"
#include "intentions/ConnectTopology.h"

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace qonsul {
class ApiClient;
class BlockingWatch;
} // namespace qonsul

namespace qonsul::ui {

class ErrorBanner;
class IntentionEditor;
class IntentionListModel;
class PageHeader;
class TopologyView;

class IntentionsPage : public QWidget
{
    Q_OBJECT
public:
    explicit IntentionsPage(const ApiConfig &api, QWidget *parent = nullptr);

    IntentionListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    ErrorBanner *errorBanner() const { return m_error; }
    // The intention the table selects, or nullptr.
    const IntentionEntry *selected() const;

    // Opens the editor for a new intention (optionally from `source` to `destination`), or
    // for the selected one; Save writes it. Returns the editor (a child of the page).
    IntentionEditor *createIntention(const QString &source = QString(),
                                     const QString &destination = QString());
    IntentionEditor *editSelected();
    // Asks, then deletes the selected intention.
    void deleteSelected();
    // The Topology tab's click: the exact intention for the pair flips its action; without one,
    // the editor opens for a new one that decides the other way.
    IntentionEditor *flipEdge(const QString &source, const QString &destination);
    QTabWidget *tabs() const { return m_tabs; }
    // "list" or "topology" (routes intentions, intentions/topology); false for another name.
    bool showTab(const QString &name);
    TopologyView *topologyView() const { return m_topology; }
    Q_INVOKABLE void focusFilter();

Q_SIGNALS:
    // A write finished (the list follows through its blocking query).
    void saved(bool ok);

private:
    void save(const IntentionEntry &intention);
    void updateButtons();
    QStringList knownServices() const;
    void readCatalog(const QStringList &services);
    void updateTopology();

    ApiClient *m_client;
    BlockingWatch *m_watch;
    IntentionListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    PageHeader *m_header;
    ErrorBanner *m_error;
    QLineEdit *m_filter;
    QPushButton *m_create;
    QPushButton *m_edit;
    QPushButton *m_delete;
    QTableView *m_table;
    QStringList m_services;
    QTabWidget *m_tabs;
    TopologyView *m_topology;
    BlockingWatch *m_catalogWatch;
    BlockingWatch *m_eventsWatch;
    QList<QJsonObject> m_catalogEntries;
    QList<ProxyEventEntry> m_events;
    int m_catalogRound = 0; // answers of an older read are dropped
};

} // namespace qonsul::ui

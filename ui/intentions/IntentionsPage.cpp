#include "intentions/IntentionsPage.h"

#include "api/ApiClient.h"
#include "api/BlockingWatch.h"
#include "api/CatalogApi.h"
#include "common/Confirmation.h"
#include "common/ErrorBanner.h"
#include "common/PageHeader.h"
#include "common/TableViews.h"
#include "intentions/IntentionEditor.h"
#include "intentions/IntentionListModel.h"
#include "intentions/TopologyView.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <memory>

namespace qonsul::ui {

IntentionsPage::IntentionsPage(const ApiConfig &api, QWidget *parent)
    : QWidget(parent), m_client(new ApiClient(api, this)),
      m_watch(new BlockingWatch(m_client, ConnectApi::intentions().request, this)),
      m_model(new IntentionListModel(this)), m_proxy(new QSortFilterProxyModel(this)),
      m_header(new PageHeader(tr("Intentions"), this)), m_error(new ErrorBanner(this)),
      m_filter(new QLineEdit(this)), m_create(new QPushButton(tr("Create"), this)),
      m_edit(new QPushButton(tr("Edit"), this)), m_delete(new QPushButton(tr("Delete"), this)),
      m_table(new QTableView(this)), m_tabs(new QTabWidget(this)),
      m_topology(new TopologyView(this)),
      m_catalogWatch(new BlockingWatch(m_client, CatalogApi::services().request, this)),
      m_eventsWatch(new BlockingWatch(m_client, ConnectApi::proxyEvents().request, this))
{
    setObjectName(QStringLiteral("intentionsPage"));
    m_filter->setObjectName(QStringLiteral("intentionsFilter"));
    m_filter->setPlaceholderText(tr("Search by source or destination"));
    m_filter->setClearButtonEnabled(true);
    m_create->setObjectName(QStringLiteral("intentionCreate"));
    m_edit->setObjectName(QStringLiteral("intentionEdit"));
    m_delete->setObjectName(QStringLiteral("intentionDelete"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ValueRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_table->setObjectName(QStringLiteral("intentionsTable"));
    m_table->setAccessibleName(tr("Intentions"));
    m_table->setModel(m_proxy);
    setUpTable(m_table);
    m_table->sortByColumn(IntentionListModel::Precedence, Qt::DescendingOrder);
    m_table->horizontalHeader()->setSectionResizeMode(IntentionListModel::Description,
                                                      QHeaderView::Stretch);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_create);
    bar->addWidget(m_edit);
    bar->addWidget(m_delete);
    auto *list = new QWidget(this);
    auto *listLayout = new QVBoxLayout(list);
    listLayout->addLayout(bar);
    listLayout->addWidget(m_table, 1);
    m_tabs->setObjectName(QStringLiteral("intentionsTabs"));
    m_tabs->addTab(list, tr("&List"));
    m_tabs->addTab(m_topology, tr("&Topology"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_error);
    layout->addWidget(m_tabs, 1);

    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_create, &QPushButton::clicked, this, [this] { createIntention(); });
    connect(m_edit, &QPushButton::clicked, this, &IntentionsPage::editSelected);
    connect(m_delete, &QPushButton::clicked, this, &IntentionsPage::deleteSelected);
    connect(m_table, &QTableView::doubleClicked, this, &IntentionsPage::editSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &IntentionsPage::updateButtons);
    connect(m_watch, &BlockingWatch::changed, this, [this](quint64, const QJsonValue &value) {
        m_error->clear();
        m_model->setRows(intentionsFromJson(value));
        m_header->setCount(m_model->rowCount());
        updateButtons();
        updateTopology();
    });
    connect(m_watch, &BlockingWatch::failed, this, [this](const QString &error) {
        m_error->showError(error, error.contains(QLatin1String("Connect must be enabled"))
                                      ? tr("Intentions are part of Connect: start the agent "
                                           "with -dev, or with {\"connect\": {\"enabled\": "
                                           "true}} in a config file.")
                                      : tr("The page tries again by itself."));
    });
    m_watch->start();
    // The catalog's services: the names the editor offers, and (with their proxies'
    // upstreams) the topology.
    connect(m_catalogWatch, &BlockingWatch::changed, this,
            [this](quint64, const QJsonValue &value) { readCatalog(value.toObject().keys()); });
    m_catalogWatch->start();
    connect(m_eventsWatch, &BlockingWatch::changed, this, [this](quint64, const QJsonValue &value) {
        m_events = proxyEventsFromJson(value);
        updateTopology();
    });
    m_eventsWatch->start();
    connect(m_topology, &TopologyView::edgeClicked, this, &IntentionsPage::flipEdge);
    updateButtons();
}

const IntentionEntry *IntentionsPage::selected() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    return &m_model->rowAt(m_proxy->mapToSource(rows.front()).row());
}

void IntentionsPage::updateButtons()
{
    m_edit->setEnabled(selected() != nullptr);
    m_delete->setEnabled(selected() != nullptr);
}

QStringList IntentionsPage::knownServices() const
{
    QStringList names;
    for (const QString &name : m_services)
        if (!name.endsWith(QLatin1String("-sidecar-proxy")) && name != QLatin1String("consul"))
            names << name;
    return names;
}

void IntentionsPage::readCatalog(const QStringList &services)
{
    m_services = services;
    const int round = ++m_catalogRound;
    auto entries = std::make_shared<QList<QJsonObject>>();
    auto pending = std::make_shared<int>(int(services.size()));
    if (services.isEmpty()) {
        m_catalogEntries.clear();
        updateTopology();
        return;
    }
    for (const QString &name : services) {
        ApiCall *call =
            m_client->start(ApiRequest::get(QStringLiteral("/v1/catalog/service/") + name));
        connect(call, &ApiCall::finished, this, [this, round, entries, pending](ApiCall *done) {
            for (const QJsonValue &v : QJsonDocument::fromJson(done->response().body).array())
                entries->append(v.toObject());
            if (--*pending > 0 || round != m_catalogRound)
                return;
            m_catalogEntries = *entries;
            updateTopology();
        });
    }
}

bool IntentionsPage::showTab(const QString &name)
{
    if (name == QLatin1String("list"))
        m_tabs->setCurrentIndex(0);
    else if (name == QLatin1String("topology"))
        m_tabs->setCurrentWidget(m_topology);
    else
        return false;
    return true;
}

void IntentionsPage::updateTopology()
{
    m_topology->setTopology(buildTopology(m_catalogEntries, m_model->rows(), m_events));
}

IntentionEditor *IntentionsPage::flipEdge(const QString &source, const QString &destination)
{
    const TopologyEdge *edge = m_topology->topology().edge(source, destination);
    if (!edge)
        return nullptr;
    for (const IntentionEntry &i : m_model->rows()) {
        if (i.sourceName == source && i.destinationName == destination) {
            IntentionEntry flipped = i;
            flipped.action = i.action == QLatin1String("allow") ? QStringLiteral("deny")
                                                                : QStringLiteral("allow");
            save(flipped);
            return nullptr;
        }
    }
    IntentionEditor *editor = createIntention(source, destination);
    editor->setAction(edge->allowed ? QStringLiteral("deny") : QStringLiteral("allow"));
    return editor;
}

IntentionEditor *IntentionsPage::createIntention(const QString &source, const QString &destination)
{
    auto *editor = new IntentionEditor(IntentionEntry{}, knownServices(), this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    if (!source.isEmpty())
        editor->setSource(source);
    if (!destination.isEmpty())
        editor->setDestination(destination);
    connect(editor, &QDialog::accepted, this, [this, editor] { save(editor->intention()); });
    editor->open();
    return editor;
}

IntentionEditor *IntentionsPage::editSelected()
{
    const IntentionEntry *current = selected();
    if (!current)
        return nullptr;
    auto *editor = new IntentionEditor(*current, knownServices(), this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &QDialog::accepted, this, [this, editor] { save(editor->intention()); });
    editor->open();
    return editor;
}

void IntentionsPage::save(const IntentionEntry &intention)
{
    const auto done = [this](const QString &error) {
        if (!error.isEmpty())
            m_error->showError(tr("The intention was not saved: %1").arg(error),
                               tr("An intention from the same source to the same destination "
                                  "may exist already: edit that one."));
        else
            m_error->clear();
        Q_EMIT saved(error.isEmpty());
    };
    if (intention.id.isEmpty())
        m_client->start(ConnectApi::createIntention(intention), this,
                        [done](const Expected<QString> &id) { done(id ? QString() : id.error()); });
    else
        m_client->start(ConnectApi::updateIntention(intention), this,
                        [done](const Expected<Empty> &r) { done(r ? QString() : r.error()); });
}

void IntentionsPage::deleteSelected()
{
    const IntentionEntry *current = selected();
    if (!current)
        return;
    const IntentionEntry doomed = *current;
    askToConfirm(
        this, QStringLiteral("intentionDeleteConfirm"), tr("Delete Intention"),
        tr("Delete the intention <b>%1</b>? Connections it decided are then decided by "
           "the next intention that matches, or by the default.")
            .arg(doomed.toString().toHtmlEscaped()),
        tr("Delete"), [this, doomed] {
            m_client->start(
                ConnectApi::deleteIntention(doomed.id), this, [this](const Expected<Empty> &r) {
                    if (!r)
                        m_error->showError(tr("The intention was not deleted: %1").arg(r.error()),
                                           tr("Try again."));
                    Q_EMIT saved(bool(r));
                });
        });
}

void IntentionsPage::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

} // namespace qonsul::ui

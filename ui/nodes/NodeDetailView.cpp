#include "nodes/NodeDetailView.h"

#include "api/ApiClient.h"
#include "api/BlockingWatch.h"
#include "api/CatalogApi.h"
#include "common/Advice.h"
#include "common/CheckListModel.h"
#include "common/ErrorBanner.h"
#include "common/TableViews.h"
#include "nodes/NodeServiceModel.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace qonsul::ui {

namespace {

QTableView *makeTable(QAbstractItemModel *model, const QString &name, int sortColumn,
                      QWidget *parent)
{
    auto *proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(model);
    proxy->setSortRole(ValueRole);
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(proxy);
    setUpTable(view);
    view->sortByColumn(sortColumn, Qt::AscendingOrder);
    return view;
}

} // namespace

NodeDetailView::NodeDetailView(const ApiConfig &config, QWidget *parent)
    : QWidget(parent), m_client(new ApiClient(config, this)), m_title(new QLabel(this)),
      m_address(new QLabel(this)), m_error(new ErrorBanner(this)), m_tabs(new QTabWidget(this)),
      m_checks(new CheckListModel(this)), m_services(new NodeServiceModel(this))
{
    setObjectName(QStringLiteral("nodeDetail"));
    auto *back = new QPushButton(tr("‹ All Nodes"), this);
    back->setObjectName(QStringLiteral("backToNodes"));
    back->setFlat(true);
    connect(back, &QPushButton::clicked, this, &NodeDetailView::backRequested);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);

    QTableView *checkView =
        makeTable(m_checks, QStringLiteral("nodeCheckTable"), CheckListModel::Name, this);
    checkView->horizontalHeader()->setSectionResizeMode(CheckListModel::Output,
                                                        QHeaderView::Stretch);
    m_tabs->addTab(checkView, tr("Health Checks"));
    m_tabs->addTab(
        makeTable(m_services, QStringLiteral("nodeServiceTable"), NodeServiceModel::Service, this),
        tr("Services"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(back, 0, Qt::AlignLeft);
    layout->addWidget(m_title);
    layout->addWidget(m_address);
    layout->addWidget(m_error);
    layout->addWidget(m_tabs, 1);
}

void NodeDetailView::showNode(const QString &name)
{
    if (name == m_name && m_checkWatch)
        return;
    m_name = name;
    m_title->setText(name);
    m_address->clear();
    m_error->clear();
    m_checks->setRows({});
    m_services->setRows({});
    delete m_checkWatch;
    delete m_nodeWatch;
    m_checkWatch = new BlockingWatch(
        m_client, ApiRequest::get(QStringLiteral("/v1/health/node/") + name), this);
    m_nodeWatch = new BlockingWatch(
        m_client, ApiRequest::get(QStringLiteral("/v1/catalog/node/") + name), this);
    connect(m_checkWatch, &BlockingWatch::changed, this, [this](quint64, const QJsonValue &value) {
        m_error->clear();
        m_checks->setRows(HealthApi::checksFromJson(value));
    });
    connect(m_nodeWatch, &BlockingWatch::changed, this, [this](quint64, const QJsonValue &value) {
        m_error->clear();
        const QJsonObject object = value.toObject();
        if (value.isNull() || object.isEmpty()) {
            m_address->setText(tr("This node is not in the catalog (any more)."));
            m_services->setRows({});
            return;
        }
        m_address->setText(
            tr("Address: %1").arg(object.value("Node").toObject().value("Address").toString()));
        QList<NodeService> services;
        const QJsonObject map = object.value("Services").toObject();
        for (auto it = map.begin(); it != map.end(); ++it) {
            const QJsonObject s = it.value().toObject();
            NodeService service;
            service.id = s.value("ID").toString();
            service.service = s.value("Service").toString();
            service.address = s.value("Address").toString();
            service.port = s.value("Port").toInt();
            for (const QJsonValue &tag : s.value("Tags").toArray())
                service.tags.append(tag.toString());
            services.append(service);
        }
        m_services->setRows(services);
    });
    for (BlockingWatch *watch : {m_checkWatch, m_nodeWatch}) {
        connect(watch, &BlockingWatch::failed, this, [this](const QString &error) {
            m_error->showError(tr("Could not read node %1: %2").arg(m_name, error), retryAdvice());
        });
        watch->start();
    }
}

} // namespace qonsul::ui

#include "services/ServicesPage.h"

#include "common/Advice.h"
#include "common/EmptyState.h"
#include "common/ErrorBanner.h"
#include "common/PageHeader.h"
#include "common/TableViews.h"
#include "services/ServiceDetailView.h"
#include "services/ServiceHealthFeed.h"
#include "services/ServiceListModel.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace qonsul::ui {

ServicesPage::ServicesPage(const ApiConfig &config, QWidget *parent)
    : QWidget(parent), m_feed(new ServiceHealthFeed(config, this)),
      m_model(new ServiceListModel(this)), m_proxy(new QSortFilterProxyModel(this)),
      m_pages(new QStackedWidget(this)), m_listPage(new QWidget(this)),
      m_listStack(new QStackedWidget(this)), m_view(new QTableView(this)),
      m_empty(new EmptyState(this)), m_error(new ErrorBanner(this)),
      m_header(new PageHeader(tr("Services"), this)), m_filter(new QLineEdit(this)),
      m_detail(new ServiceDetailView(config, this))
{
    setObjectName(QStringLiteral("servicesPage"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ValueRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_view->setObjectName(QStringLiteral("serviceTable"));
    m_view->setModel(m_proxy);
    setUpTable(m_view);
    m_view->horizontalHeader()->resizeSection(ServiceListModel::Health, 220);
    m_view->sortByColumn(ServiceListModel::Name, Qt::AscendingOrder);

    m_filter->setObjectName(QStringLiteral("serviceFilter"));
    m_filter->setPlaceholderText(tr("Search by name, tag or health"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);

    m_empty->setTitle(tr("Loading services…"));
    m_listStack->addWidget(m_empty);
    m_listStack->addWidget(m_view);

    auto *listLayout = new QVBoxLayout(m_listPage);
    listLayout->addWidget(m_header);
    listLayout->addWidget(m_filter);
    listLayout->addWidget(m_error);
    listLayout->addWidget(m_listStack, 1);

    m_pages->addWidget(m_listPage);
    m_pages->addWidget(m_detail);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    connect(m_view, &QTableView::activated, this,
            [this](const QModelIndex &index) { openService(index.data(KeyRole).toString()); });
    connect(m_detail, &ServiceDetailView::backRequested, this, &ServicesPage::showList);
    connect(m_feed, &ServiceHealthFeed::summariesChanged, this,
            [this](const QList<ServiceSummary> &summaries) {
                m_error->clear();
                m_loaded = true;
                m_model->setRows(summaries);
                updateEmptyState();
            });
    connect(m_feed, &ServiceHealthFeed::failed, this, [this](const QString &error) {
        m_error->showError(tr("Could not read the services: %1").arg(error), retryAdvice());
    });
    m_feed->start();
}

void ServicesPage::openService(const QString &name)
{
    m_detail->showService(name);
    m_pages->setCurrentWidget(m_detail);
    Q_EMIT routeChanged(QStringLiteral("services/") + name);
}

void ServicesPage::showList()
{
    m_pages->setCurrentWidget(m_listPage);
    Q_EMIT routeChanged(QStringLiteral("services"));
}

void ServicesPage::focusFilter()
{
    showList();
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void ServicesPage::updateEmptyState()
{
    m_header->setCount(m_model->rowCount());
    if (m_model->rowCount() > 0) {
        m_listStack->setCurrentWidget(m_view);
        return;
    }
    m_empty->setTitle(tr("There are no services."));
    m_empty->setHint(
        tr("Register one from a terminal:<br><code>qonsul services register -name web "
           "-port 80</code><br><br>or put <code>{\"service\": {\"name\": \"web\", \"port\": "
           "80}}</code> in a config directory and run <code>qonsul reload</code>. It shows up "
           "here at once."));
    m_listStack->setCurrentWidget(m_empty);
}

} // namespace qonsul::ui

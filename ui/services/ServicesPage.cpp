#include "services/ServicesPage.h"

#include "common/Advice.h"
#include "common/ErrorBanner.h"
#include "services/FirstServiceHint.h"
#include "services/ServiceDetailView.h"
#include "services/ServiceListModel.h"
#include "services/ServiceSummaryFeed.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QTableView>

namespace qonsul::ui {

ServicesPage::ServicesPage(const ApiConfig &config, QWidget *parent)
    : ListDetailPage(tr("Services"), QStringLiteral("service"), QStringLiteral("services"), parent),
      m_feed(new ServiceSummaryFeed(config, this)), m_model(new ServiceListModel(this)),
      m_detail(new ServiceDetailView(config, this)), m_firstService(new FirstServiceHint(this))
{
    setObjectName(QStringLiteral("servicesPage"));
    setContent(m_model, m_detail);
    view()->horizontalHeader()->resizeSection(ServiceListModel::Health, 220);
    view()->sortByColumn(ServiceListModel::Name, Qt::AscendingOrder);
    filterEdit()->setPlaceholderText(
        tr("Search by name, tag:rails, meta:version=2 or status:critical"));
    setEmptyText(
        tr("There are no services."),
        tr("Register one from a terminal:<br><code>qonsul services register -name web "
           "-port 80</code><br><br>or put <code>{\"service\": {\"name\": \"web\", \"port\": "
           "80}}</code> in a config directory and run <code>qonsul reload</code>. It shows up "
           "here at once."));

    addAboveList(m_firstService);
    connect(m_firstService, &FirstServiceHint::writeFailed, this,
            [this](const QString &error) { errorBanner()->showError(error, QString()); });

    connect(this, &ListDetailPage::rowActivated, this, &ServicesPage::openService);
    connect(m_detail, &ServiceDetailView::backRequested, this, &ServicesPage::showList);
    connect(m_feed, &ServiceSummaryFeed::rowsChanged, this, [this](const QList<ServiceRow> &rows) {
        errorBanner()->clear();
        m_model->setRows(rows);
        markLoaded();
        QStringList names;
        for (const ServiceRow &row : rows)
            names << row.summary.name;
        m_firstService->followServices(names);
    });
    connect(m_feed, &ServiceSummaryFeed::failed, this, [this](const QString &error) {
        errorBanner()->showError(tr("Could not read the services: %1").arg(error), retryAdvice());
    });
    connect(filterEdit(), &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.contains(QLatin1String("meta:"), Qt::CaseInsensitive))
            m_feed->wantMetadata();
    });
}

void ServicesPage::visibilityChanged(bool visible)
{
    m_feed->setActive(visible);
}

void ServicesPage::offerFirstService(const QString &configDir, std::function<void()> reload)
{
    m_firstService->setConfigDir(configDir, std::move(reload));
}

void ServicesPage::openService(const QString &name)
{
    m_detail->showService(name);
    showDetail();
    Q_EMIT routeChanged(route() + QLatin1Char('/') + name);
}

} // namespace qonsul::ui

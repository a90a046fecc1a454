#include "services/ServiceDetailView.h"

#include "api/ApiClient.h"
#include "api/BlockingWatch.h"
#include "common/Advice.h"
#include "common/CheckDetailsPane.h"
#include "common/CheckListModel.h"
#include "common/Confirmation.h"
#include "common/ErrorBanner.h"
#include "common/TableViews.h"
#include "services/InstanceDeregistration.h"
#include "services/ServiceInstanceModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace qonsul::ui {

ServiceDetailView::ServiceDetailView(const ApiConfig &config, QWidget *parent)
    : QWidget(parent), m_client(new ApiClient(config, this)), m_title(new QLabel(this)),
      m_tags(new QLabel(this)), m_error(new ErrorBanner(this)),
      m_instances(new ServiceInstanceModel(this)), m_instanceProxy(new QSortFilterProxyModel(this)),
      m_instanceView(new QTableView(this)), m_checks(new CheckListModel(this)),
      m_checkProxy(new QSortFilterProxyModel(this)), m_checkView(new QTableView(this)),
      m_checkDetails(new CheckDetailsPane(m_client, this)), m_checksTitle(new QLabel(this)),
      m_deregister(new QPushButton(tr("Deregister instance…"), this))
{
    setObjectName(QStringLiteral("serviceDetail"));
    auto *back = new QPushButton(tr("‹ All Services"), this);
    back->setObjectName(QStringLiteral("backToServices"));
    back->setFlat(true);
    connect(back, &QPushButton::clicked, this, &ServiceDetailView::backRequested);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_tags->setObjectName(QStringLiteral("serviceTags"));
    m_tags->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_instanceProxy->setSourceModel(m_instances);
    m_instanceProxy->setSortRole(ValueRole);
    m_instanceView->setObjectName(QStringLiteral("instanceTable"));
    m_instanceView->setModel(m_instanceProxy);
    setUpTable(m_instanceView);
    m_instanceView->sortByColumn(ServiceInstanceModel::Node, Qt::AscendingOrder);
    fitHeightToRows(m_instanceView);

    m_checkProxy->setSourceModel(m_checks);
    m_checkProxy->setSortRole(ValueRole);
    m_checkView->setObjectName(QStringLiteral("instanceCheckTable"));
    m_checkView->setModel(m_checkProxy);
    setUpCheckTable(m_checkView);
    m_checkView->sortByColumn(CheckListModel::Name, Qt::AscendingOrder);
    fitHeightToRows(m_checkView);

    auto *checksBox = new QWidget(this);
    auto *checksLayout = new QVBoxLayout(checksBox);
    checksLayout->setContentsMargins(0, 0, 0, 0);
    checksLayout->addWidget(m_checksTitle);
    checksLayout->addWidget(m_checkView);

    m_deregister->setObjectName(QStringLiteral("deregisterInstance"));
    m_deregister->setToolTip(tr("Remove the selected instance from the catalog"));
    m_deregister->setEnabled(false);
    connect(m_deregister, &QPushButton::clicked, this,
            &ServiceDetailView::deregisterSelectedInstance);
    auto *instancesBox = new QWidget(this);
    auto *instancesLayout = new QVBoxLayout(instancesBox);
    instancesLayout->setContentsMargins(0, 0, 0, 0);
    auto *instanceActions = new QHBoxLayout;
    instanceActions->addWidget(new QLabel(tr("<b>Instances</b>"), this));
    instanceActions->addStretch(1);
    instanceActions->addWidget(m_deregister);
    instancesLayout->addLayout(instanceActions);
    instancesLayout->addWidget(m_instanceView);

    // The tables are as tall as their rows (one instance takes one row, not half the page);
    // the selected check's details take the rest.
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(instancesBox);
    splitter->addWidget(checksBox);
    splitter->addWidget(m_checkDetails);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 0);
    splitter->setStretchFactor(2, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(back, 0, Qt::AlignLeft);
    layout->addWidget(m_title);
    layout->addWidget(m_tags);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);

    connect(m_instanceView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ServiceDetailView::showChecksOfCurrent);
    connect(m_checkView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ServiceDetailView::showCurrentCheckDetails);
}

void ServiceDetailView::showService(const QString &name)
{
    if (name == m_name && m_watch)
        return;
    m_name = name;
    m_title->setText(name);
    m_tags->clear();
    m_error->clear();
    m_instances->setRows({});
    m_checks->setRows({});
    m_checkDetails->clear();
    m_pendingInstance.clear();
    m_pendingCheck.clear();
    delete m_watch;
    m_watch = new BlockingWatch(
        m_client, ApiRequest::get(QStringLiteral("/v1/health/service/") + name), this);
    connect(m_watch, &BlockingWatch::changed, this,
            [this](quint64, const QJsonValue &value) { onEntries(value); });
    connect(m_watch, &BlockingWatch::failed, this, [this](const QString &error) {
        m_error->showError(tr("Could not read the instances of %1: %2").arg(m_name, error),
                           retryAdvice());
    });
    m_watch->start();
}

void ServiceDetailView::onEntries(const QJsonValue &value)
{
    m_error->clear();
    const QList<ServiceEntry> entries = HealthApi::serviceEntriesFromJson(value);
    m_instances->setRows(entries);
    QSet<QString> tags;
    for (const ServiceEntry &entry : entries)
        tags.unite(QSet<QString>(entry.service.tags.begin(), entry.service.tags.end()));
    QStringList sorted(tags.begin(), tags.end());
    sorted.sort();
    if (entries.isEmpty())
        m_tags->setText(tr("No instances are registered any more. It may have been deregistered."));
    else
        m_tags->setText(sorted.isEmpty() ? tr("Tags: none")
                                         : tr("Tags: %1").arg(sorted.join(QStringLiteral(", "))));
    if (!m_pendingInstance.isEmpty()) {
        const int row = m_instances->rowOfKey(m_pendingInstance);
        if (row >= 0) {
            m_pendingInstance.clear();
            m_instanceView->setCurrentIndex(
                m_instanceProxy->mapFromSource(m_instances->index(row, 0)));
        }
    }
    if (!m_instanceView->currentIndex().isValid() && m_instanceProxy->rowCount() > 0) {
        // The least healthy instance first: the one a learner came to look at.
        int worst = 0;
        const auto severityAt = [this](int row) {
            return m_instanceProxy->index(row, ServiceInstanceModel::ServiceChecks)
                       .data(ValueRole)
                       .toInt() +
                   m_instanceProxy->index(row, ServiceInstanceModel::NodeChecks)
                       .data(ValueRole)
                       .toInt();
        };
        for (int row = 1; row < m_instanceProxy->rowCount(); ++row) {
            if (severityAt(row) > severityAt(worst))
                worst = row;
        }
        m_instanceView->setCurrentIndex(m_instanceProxy->index(worst, 0));
    }
    showChecksOfCurrent();
}

void ServiceDetailView::showChecksOfCurrent()
{
    const QModelIndex current = m_instanceView->currentIndex();
    updateDeregisterButton();
    if (!current.isValid()) {
        m_checksTitle->setText(tr("Select an instance to see its checks."));
        m_checks->setRows({});
        return;
    }
    const int row = m_instances->rowOfKey(current.data(KeyRole).toString());
    if (row < 0)
        return;
    const ServiceEntry &entry = m_instances->rowAt(row);
    m_checksTitle->setText(tr("<b>Checks of %1 on %2</b> (%3)")
                               .arg(entry.service.id.toHtmlEscaped(),
                                    entry.node.node.toHtmlEscaped(),
                                    ServiceInstanceModel::addressOf(entry)));
    m_checks->setRows(entry.checks);
    if (!m_pendingCheck.isEmpty() && selectCheck(m_pendingCheck))
        m_pendingCheck.clear();
    selectWorstCheck(m_checkView);
    showCurrentCheckDetails();
}

void ServiceDetailView::showCurrentCheckDetails()
{
    const QModelIndex current = m_checkView->currentIndex();
    const int row = current.isValid() ? m_checks->rowOfKey(current.data(KeyRole).toString()) : -1;
    if (row < 0) {
        m_checkDetails->clear();
        return;
    }
    m_checkDetails->showCheck(m_checks->rowAt(row));
}

bool ServiceDetailView::selectCheck(const QString &checkId)
{
    for (int row = 0; row < m_checks->rowCount(); ++row) {
        if (m_checks->rowAt(row).checkId != checkId)
            continue;
        m_checkView->setCurrentIndex(m_checkProxy->mapFromSource(m_checks->index(row, 0)));
        return true;
    }
    return false;
}

void ServiceDetailView::showCheck(const QString &node, const QString &serviceId,
                                  const QString &checkId)
{
    m_pendingInstance = ServiceInstanceModel::instanceKey(node, serviceId);
    m_pendingCheck = checkId;
    if (selectInstance(node, serviceId)) {
        m_pendingInstance.clear();
        if (selectCheck(checkId))
            m_pendingCheck.clear();
    }
}

bool ServiceDetailView::selectInstance(const QString &node, const QString &serviceId)
{
    const int row = m_instances->rowOfKey(ServiceInstanceModel::instanceKey(node, serviceId));
    if (row < 0)
        return false;
    m_instanceView->setCurrentIndex(m_instanceProxy->mapFromSource(m_instances->index(row, 0)));
    return true;
}

void ServiceDetailView::deregisterSelectedInstance()
{
    const QModelIndex current = m_instanceView->currentIndex();
    const int row =
        current.isValid() ? m_instances->rowOfKey(current.data(KeyRole).toString()) : -1;
    if (row < 0)
        return;
    const ServiceEntry &entry = m_instances->rowAt(row);
    auto *job = new InstanceDeregistration(m_client, entry.node.node, entry.service.id, this);
    m_deregistration = job;
    connect(job, &InstanceDeregistration::routeFound, this,
            [this, job] { confirmDeregistration(job); });
    connect(job, &InstanceDeregistration::finished, this, [this, job](const QString &error) {
        job->deleteLater();
        m_deregistration = nullptr;
        updateDeregisterButton();
        if (!error.isEmpty())
            m_error->showError(
                tr("Could not deregister %1 on %2: %3").arg(job->serviceId(), job->node(), error),
                retryAdvice());
    });
    updateDeregisterButton();
    job->start();
}

void ServiceDetailView::confirmDeregistration(InstanceDeregistration *job)
{
    const QString id = job->serviceId().toHtmlEscaped();
    const QString node = job->node().toHtmlEscaped();
    const QString how =
        job->route() == DeregistrationRoute::Agent
            ? tr("The agent this app talks to registered it, so the agent forgets it (as "
                 "<code>qonsul services deregister -id=%1</code> does) and removes it from the "
                 "catalog.")
                  .arg(id)
            : tr("It is removed from the catalog. If an agent on %1 registered it, that agent "
                 "puts it back at its next sync: deregister it on that agent instead.")
                  .arg(node);
    askToConfirm(
        this, QStringLiteral("deregisterInstanceConfirm"), tr("Deregister instance"),
        tr("Deregister the instance <b>%1</b> on node <b>%2</b>?<br><br>%3").arg(id, node, how),
        tr("Deregister"), [job] { job->deregister(); },
        [this, job] {
            job->deleteLater();
            m_deregistration = nullptr;
            updateDeregisterButton();
        });
}

void ServiceDetailView::updateDeregisterButton()
{
    // One deregistration at a time: asking twice would stack confirmation boxes.
    m_deregister->setEnabled(m_instanceView->currentIndex().isValid() && !m_deregistration);
}

} // namespace qonsul::ui

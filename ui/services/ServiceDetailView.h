#pragma once
// One service (Consul UI's service detail): its tags, its instances (node, address:port,
// check summaries) and the checks of the selected instance with their output. Follows
// /v1/health/service/<name> with a blocking query. The selected instance can be
// deregistered after confirming (see InstanceDeregistration for how).

#include "api/ApiConfig.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;
class QSortFilterProxyModel;

namespace qonsul {
class ApiClient;
class BlockingWatch;
} // namespace qonsul

namespace qonsul::ui {

class CheckDetailsPane;
class CheckListModel;
class ErrorBanner;
class InstanceDeregistration;
class ServiceInstanceModel;

class ServiceDetailView : public QWidget
{
    Q_OBJECT
public:
    explicit ServiceDetailView(const ApiConfig &config, QWidget *parent = nullptr);

    void showService(const QString &name);
    QString serviceName() const { return m_name; }
    ServiceInstanceModel *instanceModel() const { return m_instances; }
    CheckListModel *checkModel() const { return m_checks; }
    // Selects the instance of `serviceId` on `node`; false when there is none.
    bool selectInstance(const QString &node, const QString &serviceId);
    // Selects the check `checkId` of the selected instance; false when it has none.
    bool selectCheck(const QString &checkId);
    // Selects that instance and check, now or when the instances arrive.
    void showCheck(const QString &node, const QString &serviceId, const QString &checkId);
    CheckDetailsPane *checkDetails() const { return m_checkDetails; }
    // Asks to confirm, then deregisters the selected instance.
    void deregisterSelectedInstance();

Q_SIGNALS:
    void backRequested();

private:
    void onEntries(const QJsonValue &value);
    void showChecksOfCurrent();
    void showCurrentCheckDetails();
    void confirmDeregistration(InstanceDeregistration *job);
    void updateDeregisterButton();

    ApiClient *m_client;
    BlockingWatch *m_watch = nullptr;
    QString m_name;
    QLabel *m_title;
    QLabel *m_tags;
    ErrorBanner *m_error;
    ServiceInstanceModel *m_instances;
    QSortFilterProxyModel *m_instanceProxy;
    QTableView *m_instanceView;
    CheckListModel *m_checks;
    QSortFilterProxyModel *m_checkProxy;
    QTableView *m_checkView;
    CheckDetailsPane *m_checkDetails;
    QLabel *m_checksTitle;
    QString m_pendingInstance; // instance key, selected when the instances arrive
    QString m_pendingCheck;
    QPushButton *m_deregister;
    QPointer<InstanceDeregistration> m_deregistration; // the one in progress
};

} // namespace qonsul::ui

#pragma once
// One service (Consul UI's service detail): its tags, its instances (node, address:port,
// check summaries) and the checks of the selected instance with their output. Follows
// /v1/health/service/<name> with a blocking query.

#include "api/ApiConfig.h"

#include <QWidget>

class QLabel;
class QTableView;
class QSortFilterProxyModel;

namespace qonsul {
class ApiClient;
class BlockingWatch;
} // namespace qonsul

namespace qonsul::ui {

class CheckListModel;
class ErrorBanner;
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

Q_SIGNALS:
    void backRequested();

private:
    void onEntries(const QJsonValue &value);
    void showChecksOfCurrent();

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
    QLabel *m_checksTitle;
};

} // namespace qonsul::ui

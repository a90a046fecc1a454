#pragma once
// One node (Consul UI's node detail): its address, then tabs Health Checks and Services.
// Follows /v1/health/node/<name> and /v1/catalog/node/<name> with blocking queries.

#include "api/ApiConfig.h"

#include <QWidget>

class QLabel;
class QTabWidget;

namespace qonsul {
class ApiClient;
class BlockingWatch;
} // namespace qonsul

namespace qonsul::ui {

class CheckListModel;
class ErrorBanner;
class NodeServiceModel;

class NodeDetailView : public QWidget
{
    Q_OBJECT
public:
    explicit NodeDetailView(const ApiConfig &config, QWidget *parent = nullptr);

    void showNode(const QString &name);
    QString nodeName() const { return m_name; }
    CheckListModel *checkModel() const { return m_checks; }
    NodeServiceModel *serviceModel() const { return m_services; }

Q_SIGNALS:
    void backRequested();

private:
    ApiClient *m_client;
    BlockingWatch *m_checkWatch = nullptr;
    BlockingWatch *m_nodeWatch = nullptr;
    QString m_name;
    QLabel *m_title;
    QLabel *m_address;
    ErrorBanner *m_error;
    QTabWidget *m_tabs;
    CheckListModel *m_checks;
    NodeServiceModel *m_services;
};

} // namespace qonsul::ui

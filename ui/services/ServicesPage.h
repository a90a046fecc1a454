#pragma once
// The Services page: every service with its health summary, instance count and tags, a search
// by name, tag, metadata and status plus a health choice, and the detail of one service.
// Live through ServiceSummaryFeed (two blocking queries, however many services there are).

#include "api/ApiConfig.h"
#include "common/ListDetailPage.h"

namespace qonsul::ui {

class ServiceDetailView;
class ServiceSummaryFeed;
class ServiceListModel;

class ServicesPage : public ListDetailPage
{
    Q_OBJECT
public:
    explicit ServicesPage(const ApiConfig &config, QWidget *parent = nullptr);

    ServiceListModel *model() const { return m_model; }
    ServiceDetailView *detail() const { return m_detail; }
    void openService(const QString &name);

protected:
    void visibilityChanged(bool visible) override;

private:
    ServiceSummaryFeed *m_feed;
    ServiceListModel *m_model;
    ServiceDetailView *m_detail;
};

} // namespace qonsul::ui

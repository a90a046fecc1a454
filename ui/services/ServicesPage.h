#pragma once
// The Services page: every service with its health summary, instance count and tags, a search
// by name, tag, metadata and status plus a health choice, and the detail of one service.
// Live through ServiceSummaryFeed (two blocking queries, however many services there are).

#include "api/ApiConfig.h"
#include "common/ListDetailPage.h"

#include <functional>

namespace qonsul::ui {

class FirstServiceHint;

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
    // What to do next while there is no service but Consul's own (see FirstServiceHint).
    void offerFirstService(const QString &configDir, std::function<void()> reload);
    FirstServiceHint *firstServiceHint() const { return m_firstService; }

protected:
    void visibilityChanged(bool visible) override;

private:
    ServiceSummaryFeed *m_feed;
    ServiceListModel *m_model;
    ServiceDetailView *m_detail;
    FirstServiceHint *m_firstService;
};

} // namespace qonsul::ui

#pragma once
// A node's Lock Sessions tab: the sessions the node holds, live through a blocking query on
// /v1/session/node/<node>, and Invalidate (PUT /v1/session/destroy/<id>) for the selected
// one after confirming, which releases or deletes the keys it locks.

#include "api/ApiConfig.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace qonsul {
class ApiClient;
class BlockingWatch;
} // namespace qonsul

namespace qonsul::ui {

class ErrorBanner;
class NodeSessionModel;

class NodeSessionsView : public QWidget
{
    Q_OBJECT
public:
    explicit NodeSessionsView(const ApiConfig &config, QWidget *parent = nullptr);

    void showNode(const QString &name);
    NodeSessionModel *model() const { return m_model; }
    // Selects the session `id`; false when the node holds none such.
    bool selectSession(const QString &id);
    // Asks to confirm, then invalidates the selected session.
    void invalidateSelected();

Q_SIGNALS:
    void sessionCountChanged(int count);

private:
    void updateHint();

    ApiClient *m_client;
    BlockingWatch *m_watch = nullptr;
    QString m_node;
    NodeSessionModel *m_model;
    QTableView *m_view;
    QLabel *m_hint;
    ErrorBanner *m_error;
    QPushButton *m_invalidate;
};

} // namespace qonsul::ui

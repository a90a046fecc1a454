#include "nodes/NodeSessionsView.h"

#include "api/ApiClient.h"
#include "api/BlockingWatch.h"
#include "api/SessionApi.h"
#include "common/Advice.h"
#include "common/Confirmation.h"
#include "common/ErrorBanner.h"
#include "common/TableViews.h"
#include "nodes/NodeSessionModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace qonsul::ui {

NodeSessionsView::NodeSessionsView(const ApiConfig &config, QWidget *parent)
    : QWidget(parent), m_client(new ApiClient(config, this)), m_model(new NodeSessionModel(this)),
      m_view(
          sortedTable(m_model, QStringLiteral("nodeSessionTable"), NodeSessionModel::Name, this)),
      m_hint(new QLabel(this)), m_error(new ErrorBanner(this)),
      m_invalidate(new QPushButton(tr("Invalidate…"), this))
{
    setObjectName(QStringLiteral("nodeSessions"));
    m_view->horizontalHeader()->resizeSection(NodeSessionModel::Id, 290);
    for (int column :
         {NodeSessionModel::Behavior, NodeSessionModel::Ttl, NodeSessionModel::LockDelay})
        m_view->horizontalHeader()->resizeSection(column, 90);

    m_hint->setObjectName(QStringLiteral("nodeSessionHint"));
    m_hint->setWordWrap(true);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_invalidate->setObjectName(QStringLiteral("invalidateSession"));
    m_invalidate->setToolTip(tr("End the selected session: the keys it locks are released "
                                "(or deleted, with behavior delete)"));
    m_invalidate->setEnabled(false);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_hint, 1);
    actions->addWidget(m_invalidate, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(actions);
    layout->addWidget(m_error);
    layout->addWidget(m_view, 1);

    connect(m_invalidate, &QPushButton::clicked, this, &NodeSessionsView::invalidateSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { m_invalidate->setEnabled(current.isValid()); });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, [this] {
            updateHint();
            Q_EMIT sessionCountChanged(m_model->rowCount());
        });
    updateHint();
}

void NodeSessionsView::showNode(const QString &name)
{
    if (name == m_node && m_watch)
        return;
    m_node = name;
    m_error->clear();
    m_model->setRows({});
    delete m_watch;
    m_watch = new BlockingWatch(m_client, SessionApi::node(name).request, this);
    connect(m_watch, &BlockingWatch::changed, this, [this](quint64, const QJsonValue &value) {
        m_error->clear();
        m_model->setRows(SessionApi::sessionsFromJson(value));
        m_invalidate->setEnabled(m_view->currentIndex().isValid());
    });
    connect(m_watch, &BlockingWatch::failed, this, [this](const QString &error) {
        m_error->showError(tr("Could not read the sessions of %1: %2").arg(m_node, error),
                           retryAdvice());
    });
    m_watch->start();
}

bool NodeSessionsView::selectSession(const QString &id)
{
    const int row = m_model->rowOfKey(id);
    if (row < 0)
        return false;
    auto *proxy = static_cast<QSortFilterProxyModel *>(m_view->model());
    m_view->setCurrentIndex(proxy->mapFromSource(m_model->index(row, 0)));
    return true;
}

void NodeSessionsView::invalidateSelected()
{
    const QModelIndex current = m_view->currentIndex();
    const int row = current.isValid() ? m_model->rowOfKey(current.data(KeyRole).toString()) : -1;
    if (row < 0)
        return;
    const SessionEntry session = m_model->rowAt(row);
    const QString name = session.name.isEmpty() ? session.id : session.name;
    askToConfirm(
        this, QStringLiteral("invalidateSessionConfirm"), tr("Invalidate session"),
        tr("Invalidate the session <b>%1</b> (%2)?<br><br>The keys it locks are %3, and new "
           "locks on them wait out its lock delay of %4.")
            .arg(name.toHtmlEscaped(), session.id.toHtmlEscaped(),
                 session.behavior == QLatin1String("delete") ? tr("deleted") : tr("released"),
                 session.lockDelayText()),
        tr("Invalidate"), [this, id = session.id] {
            m_client->start(SessionApi::destroy(id), this, [this, id](const Expected<bool> &done) {
                if (!done || !*done)
                    m_error->showError(
                        tr("Could not invalidate session %1: %2")
                            .arg(id, done ? tr("the agent did not confirm") : done.error()),
                        retryAdvice());
            });
        });
}

void NodeSessionsView::updateHint()
{
    if (m_model->rowCount() > 0) {
        m_hint->setText(tr("A session ties the locks it holds on keys to this node's health. "
                           "Invalidating it releases them (or deletes the keys, with behavior "
                           "delete)."));
        return;
    }
    m_hint->setText(tr("This node holds no lock sessions. <code>qonsul lock</code> creates one, "
                       "as does <code>PUT /v1/session/create</code>."));
}

} // namespace qonsul::ui

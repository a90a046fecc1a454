#include "nodes/RoundTripTimeView.h"

#include "api/ApiClient.h"
#include "api/BlockingWatch.h"
#include "common/Advice.h"
#include "common/ErrorBanner.h"
#include "common/QuietLabel.h"
#include "common/TableViews.h"
#include "nodes/NodeRoundTripModel.h"
#include "nodes/RoundTripGraph.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

namespace qonsul::ui {

RoundTripTimeView::RoundTripTimeView(const ApiConfig &config, QWidget *parent)
    : QWidget(parent), m_client(new ApiClient(config, this)), m_error(new ErrorBanner(this)),
      m_about(new QuietLabel(QString(), this)), m_graph(new RoundTripGraph(this)),
      m_model(new NodeRoundTripModel(this)),
      m_table(sortedTable(m_model, QStringLiteral("roundTripTable"), NodeRoundTripModel::RoundTrip,
                          this))
{
    setObjectName(QStringLiteral("nodeRoundTrip"));
    m_error->setObjectName(QStringLiteral("roundTripError"));

    auto *stats = new QHBoxLayout;
    const QStringList names = {tr("Minimum time"), tr("Median time"), tr("Maximum time")};
    for (const QString &name : names) {
        auto *value = new QLabel(this);
        QFont big = value->font();
        big.setPointSizeF(big.pointSizeF() * 1.6);
        big.setBold(true);
        value->setFont(big);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_stats.append(value);
        auto *stat = new QVBoxLayout;
        stat->addWidget(new QuietLabel(name, this));
        stat->addWidget(value);
        stats->addLayout(stat);
        stats->addSpacing(32);
    }
    stats->addStretch(1);

    m_about->setObjectName(QStringLiteral("roundTripAbout"));
    m_about->setWordWrap(true);
    m_about->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_table->horizontalHeader()->resizeSection(NodeRoundTripModel::Node, 160);
    m_table->horizontalHeader()->resizeSection(NodeRoundTripModel::RoundTrip, 150);

    auto *body = new QHBoxLayout;
    body->addWidget(m_graph, 1);
    body->addWidget(m_table, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addWidget(m_error);
    layout->addLayout(stats);
    layout->addWidget(m_about);
    layout->addLayout(body, 1);
}

void RoundTripTimeView::showNode(const QString &name)
{
    if (name == m_node && m_watch)
        return;
    m_node = name;
    m_about->setText(
        tr("Estimated from the network coordinates that the agents work out from how long their "
           "gossip probes take (serf's Vivaldi). <code>qonsul rtt %1</code> prints the same "
           "estimate, and <code>?near=%1</code> sorts catalog answers by it.")
            .arg(name.toHtmlEscaped()));
    showTimes({});
    m_error->clear();
    delete m_watch;
    const auto read = CoordinateApi::nodes();
    m_watch = new BlockingWatch(m_client, read.request, this);
    connect(m_watch, &BlockingWatch::answered, this,
            [this, parse = read.parse](quint64, const ApiResponse &answer) {
                const Expected<QList<CoordinateEntryRecord>> coordinates = parse(answer);
                if (!coordinates) {
                    m_error->showError(
                        tr("Could not read the network coordinates: %1").arg(coordinates.error()),
                        retryAdvice());
                    return;
                }
                m_error->clear();
                showTimes(roundTripTimesFrom(m_node, *coordinates));
            });
    connect(m_watch, &BlockingWatch::failed, this, [this](const QString &error) {
        m_error->showError(tr("Could not read the network coordinates: %1").arg(error),
                           retryAdvice());
    });
    m_watch->start();
}

QString RoundTripTimeView::statText(int stat) const
{
    return m_stats.at(stat)->text();
}

void RoundTripTimeView::showTimes(RoundTripTimes times)
{
    const bool wasAvailable = hasTimes();
    m_times = std::move(times);
    const QLocale here;
    const double values[] = {m_times.minMs, m_times.medianMs, m_times.maxMs};
    for (int i = 0; i < m_stats.size(); ++i)
        m_stats.at(i)->setText(formatMilliseconds(values[i], here));
    m_graph->setTimes(m_times);
    m_model->setRows(m_times.others);
    // Segments are an Enterprise feature: the column says something only when one is named.
    const bool segments = std::any_of(m_times.others.begin(), m_times.others.end(),
                                      [](const NodeRoundTrip &o) { return !o.segment.isEmpty(); });
    m_table->setColumnHidden(NodeRoundTripModel::Segment, !segments);
    if (hasTimes() != wasAvailable)
        Q_EMIT availabilityChanged(hasTimes());
}

} // namespace qonsul::ui

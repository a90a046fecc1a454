#pragma once
// A node's Round Trip Time tab (Consul UI's): how far, by the network coordinates, the node is
// from every other node of its segment. Minimum, median and maximum, the graph, and the nodes
// nearest first. Follows /v1/coordinate/nodes with a blocking query; there is nothing to show
// (and the page hides the tab, as Consul's) until the node and another have a coordinate.

#include "api/ApiConfig.h"
#include "nodes/RoundTripTimes.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace qonsul {
class ApiClient;
class BlockingWatch;
} // namespace qonsul

namespace qonsul::ui {

class ErrorBanner;
class NodeRoundTripModel;
class RoundTripGraph;

class RoundTripTimeView : public QWidget
{
    Q_OBJECT
public:
    explicit RoundTripTimeView(const ApiConfig &config, QWidget *parent = nullptr);

    void showNode(const QString &name);
    const RoundTripTimes &times() const { return m_times; }
    bool hasTimes() const { return !m_times.others.isEmpty(); }
    // "Minimum time", "Median time", "Maximum time": the values as shown.
    QString statText(int stat) const;
    RoundTripGraph *graph() const { return m_graph; }
    NodeRoundTripModel *model() const { return m_model; }

Q_SIGNALS:
    // Whether there is anything to show changed.
    void availabilityChanged(bool available);

private:
    void showTimes(RoundTripTimes times);

    ApiClient *m_client;
    BlockingWatch *m_watch = nullptr;
    QString m_node;
    RoundTripTimes m_times;
    QList<QLabel *> m_stats;
    ErrorBanner *m_error;
    QLabel *m_about;
    RoundTripGraph *m_graph;
    NodeRoundTripModel *m_model;
    QTableView *m_table;
};

} // namespace qonsul::ui

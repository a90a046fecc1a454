#pragma once
// The Connect topology drawn: services in columns from callers to the called, an arrow per
// upstream coloured by what decides it (green: an allow intention, red: a deny, grey dashed:
// no intention, the default allows), labelled with the deciding intention and what the
// proxies last reported on it ("✕ 3 refused" in red when connections were refused). A click
// on an arrow asks to flip it (edgeClicked).

#include "intentions/ConnectTopology.h"

#include <QHash>
#include <QWidget>

namespace qonsul::ui {

class TopologyView : public QWidget
{
    Q_OBJECT
public:
    explicit TopologyView(QWidget *parent = nullptr);

    void setTopology(ConnectTopology topology);
    const ConnectTopology &topology() const { return m_topology; }
    // Where a service's box is centred, and the middle of an edge's arrow (for clicks and
    // tests); a null point for an unknown one.
    QPointF serviceCentre(const QString &service) const;
    QPointF edgeMiddle(const QString &source, const QString &destination) const;

    QSize sizeHint() const override { return QSize(640, 400); }

Q_SIGNALS:
    void edgeClicked(const QString &source, const QString &destination);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    // Column of each service: 0 for those nobody calls, then one past their furthest caller.
    QHash<QString, int> columns() const;

    ConnectTopology m_topology;
};

} // namespace qonsul::ui

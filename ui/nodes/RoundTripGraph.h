#pragma once
// The Round Trip Time tab's picture (Consul UI's tomography graph): one line out from the
// centre per other node, spread evenly round the circle, as long as its estimated round trip
// next to the longest; rings at 25, 50, 75 and 100 % of that, labelled in ms. Hovering a line
// says which node it is and how far. Above 360 nodes, an even sample of them is drawn.

#include "nodes/RoundTripTimes.h"

#include <QWidget>

namespace qonsul::ui {

class RoundTripGraph : public QWidget
{
    Q_OBJECT
public:
    explicit RoundTripGraph(QWidget *parent = nullptr);

    void setTimes(const RoundTripTimes &times);
    // The lines drawn, in drawing order (clockwise from the top).
    const QList<NodeRoundTrip> &lines() const { return m_lines; }
    // The end of a line in the widget (for tests), and the line nearest a point (or -1).
    QPointF lineEnd(int line) const;
    int lineAt(QPointF at) const;

    QSize sizeHint() const override { return QSize(360, 360); }
    QSize minimumSizeHint() const override { return QSize(240, 240); }

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    QPointF centre() const;
    double radius() const;
    double angleOf(int line) const; // degrees clockwise from the top

    QList<NodeRoundTrip> m_lines;
    double m_maxMs = 0;
};

} // namespace qonsul::ui

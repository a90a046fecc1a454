#pragma once
// The gossip view's picture. Left, the members: a ring of named circles for a lab, a disc of
// dots for a large simulated pool. Each is filled with how most of the others see it (green
// alive, amber suspected, red failed, grey left; hollow when its process is down), ringed
// amber with the number that suspect it, flashed green when it refutes, and ringed blue once
// it knows the news shown. Probes of the last moment are lines from prober to target: green
// acked, amber acked through others (indirect probes), red unanswered. Right, that news
// spreading: the fraction of the live members that know it over time, next to the model of
// serf's convergence simulator (dashed). A legend says so on the picture.

#include "common/PaintStats.h"
#include "lab/GossipScene.h"

#include <QPixmap>
#include <QWidget>

namespace qonsul::ui {

class GossipView : public QWidget
{
    Q_OBJECT
public:
    explicit GossipView(QWidget *parent = nullptr);

    void setScene(GossipScene scene, const QString &caption);
    const GossipScene &scene() const { return m_scene; }
    // The centre of a member's mark in the widget (for tests, and clicks).
    QPointF nodeCentre(int node) const;
    // The member under a point, or -1.
    int nodeAt(QPointF at) const;
    void setSelected(int node);
    int selected() const { return m_selected; }

    const PaintStats &paintStats() const { return m_paintStats; }

    QSize sizeHint() const override { return QSize(900, 520); }

Q_SIGNALS:
    void nodeClicked(int node);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    bool large() const;
    QRectF poolArea() const;
    QRectF curveArea() const;
    double markRadius() const;
    void drawPool(QPainter &p);
    void drawCurve(QPainter &p);
    void drawLegend(QPainter &p);
    // What stays the same from frame to frame (the legend, the chart's frame), redrawn only
    // when the size, palette or pool size change.
    const QPixmap &background();
    // A large pool's dots: every look (how it is seen × knows the news × suspected × down)
    // side by side, drawn once per radius and palette.
    const QPixmap &sprites(double radius);
    static double spriteCell(double radius);
    static int spriteIndex(SeenAs as, bool knows, bool suspected, bool down);

    GossipScene m_scene;
    QString m_caption;
    int m_selected = -1;
    QPixmap m_background;
    QPixmap m_sprites;
    double m_spriteRadius = 0;
    qint64 m_spriteKey = -1;
    QSize m_backgroundSize;
    qint64 m_backgroundKey = -1;
    PaintStats m_paintStats;
};

} // namespace qonsul::ui

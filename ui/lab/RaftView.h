#pragma once
// The Raft view's picture: the servers in a ring, each with its name, role (the leader ringed
// in gold, a candidate dashed), term and log (entries coloured by term, the committed ones
// filled), and the messages in flight between them, each kind in its own style: vote requests
// large and orange (pre-votes hollow), votes granted green and refused red, appends blue with
// the number of entries they carry, heartbeats (empty appends) small and grey, snapshots
// purple; a lost message stops half-way under a red cross. A legend says so on the picture.

#include "common/PaintStats.h"
#include "lab/RaftScene.h"

#include <QWidget>

namespace qonsul::ui {

class RaftView : public QWidget
{
    Q_OBJECT
public:
    explicit RaftView(QWidget *parent = nullptr);

    void setScene(RaftScene scene, const QString &caption);
    const RaftScene &scene() const { return m_scene; }
    // The centre of a node's circle in the widget (for tests, and clicks).
    QPointF nodeCentre(int node) const;

    const PaintStats &paintStats() const { return m_paintStats; }

    QSize sizeHint() const override { return QSize(640, 480); }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    RaftScene m_scene;
    QString m_caption;
    PaintStats m_paintStats;
};

} // namespace qonsul::ui

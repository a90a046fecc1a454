#pragma once
// Two groups of the lab's nodes side by side: drag nodes from one to the other (or select
// and press the arrow buttons, keyboard-only) to say where the network is to be cut. New
// nodes start in the first group; a node keeps its group as the lab changes.

#include <QStringList>
#include <QWidget>

class QListWidget;
class QPushButton;

namespace qonsul::ui {

class PartitionEditor : public QWidget
{
    Q_OBJECT
public:
    explicit PartitionEditor(QWidget *parent = nullptr);

    // The lab's nodes, in order.
    void setNodes(const QStringList &names);
    QStringList groupA() const;
    QStringList groupB() const;
    // Moves a node to the other group.
    void moveNode(const QString &name);
    // Both groups non-empty: a cut has two sides.
    bool canCut() const;

Q_SIGNALS:
    void groupsChanged();

private:
    void moveSelected(QListWidget *from, QListWidget *to);
    void sortGroups();

    QListWidget *m_a;
    QListWidget *m_b;
    QPushButton *m_toB;
    QPushButton *m_toA;
    bool m_rearranging = false; // our own inserts, not a drop
};

} // namespace qonsul::ui

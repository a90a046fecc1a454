#include "lab/PartitionEditor.h"

#include "common/QuietLabel.h"

#include <QGridLayout>
#include <QListWidget>
#include <QPushButton>
#include <QTimer>

namespace qonsul::ui {

namespace {

QStringList namesIn(const QListWidget *list)
{
    QStringList names;
    for (int i = 0; i < list->count(); ++i)
        names << list->item(i)->text();
    return names;
}

QListWidget *groupList(const QString &objectName, const QString &accessibleName, QWidget *parent)
{
    auto *list = new QListWidget(parent);
    list->setObjectName(objectName);
    list->setAccessibleName(accessibleName);
    list->setDragDropMode(QAbstractItemView::DragDrop);
    list->setDefaultDropAction(Qt::MoveAction);
    list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    list->setFlow(QListView::LeftToRight);
    list->setWrapping(true);
    list->setSpacing(4);
    list->setFixedHeight(list->fontMetrics().height() * 2 + 20);
    return list;
}

// n2 before n10.
bool labOrder(const QString &a, const QString &b)
{
    return a.size() != b.size() ? a.size() < b.size() : a < b;
}

} // namespace

PartitionEditor::PartitionEditor(QWidget *parent)
    : QWidget(parent), m_a(groupList(QStringLiteral("labGroupA"), tr("Group A"), this)),
      m_b(groupList(QStringLiteral("labGroupB"), tr("Group B"), this)),
      m_toB(new QPushButton(QStringLiteral("→"), this)),
      m_toA(new QPushButton(QStringLiteral("←"), this))
{
    m_toB->setToolTip(tr("Move the selected nodes of group A to group B"));
    m_toB->setAccessibleName(tr("Move to group B"));
    m_toA->setToolTip(tr("Move the selected nodes of group B to group A"));
    m_toA->setAccessibleName(tr("Move to group A"));
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QuietLabel(tr("Group A"), this), 0, 0);
    layout->addWidget(new QuietLabel(tr("Group B"), this), 0, 2);
    layout->addWidget(m_a, 1, 0);
    auto *arrows = new QVBoxLayout;
    arrows->addWidget(m_toB);
    arrows->addWidget(m_toA);
    layout->addLayout(arrows, 1, 1);
    layout->addWidget(m_b, 1, 2);
    layout->setColumnStretch(0, 1);
    layout->setColumnStretch(2, 1);

    connect(m_toB, &QPushButton::clicked, this, [this] { moveSelected(m_a, m_b); });
    connect(m_toA, &QPushButton::clicked, this, [this] { moveSelected(m_b, m_a); });
    // A drop inserts in the target and then removes from the source: look once both are done.
    for (QListWidget *list : {m_a, m_b})
        connect(list->model(), &QAbstractItemModel::rowsInserted, this, [this] {
            if (m_rearranging)
                return;
            QTimer::singleShot(0, this, [this] {
                sortGroups();
                Q_EMIT groupsChanged();
            });
        });
}

void PartitionEditor::setNodes(const QStringList &names)
{
    const QStringList b = groupB();
    const QStringList a = groupA();
    QStringList keepA;
    QStringList keepB;
    for (const QString &name : names)
        (b.contains(name) ? keepB : keepA) << name;
    if (keepA == a && keepB == b)
        return;
    m_rearranging = true;
    m_a->clear();
    m_b->clear();
    m_a->addItems(keepA);
    m_b->addItems(keepB);
    m_rearranging = false;
    Q_EMIT groupsChanged();
}

QStringList PartitionEditor::groupA() const
{
    return namesIn(m_a);
}

QStringList PartitionEditor::groupB() const
{
    return namesIn(m_b);
}

void PartitionEditor::moveNode(const QString &name)
{
    for (auto [from, to] : {std::pair{m_a, m_b}, std::pair{m_b, m_a}}) {
        const QList<QListWidgetItem *> found = from->findItems(name, Qt::MatchExactly);
        if (found.isEmpty())
            continue;
        from->clearSelection();
        found.front()->setSelected(true);
        moveSelected(from, to);
        return;
    }
}

bool PartitionEditor::canCut() const
{
    return m_a->count() > 0 && m_b->count() > 0;
}

void PartitionEditor::moveSelected(QListWidget *from, QListWidget *to)
{
    const QList<QListWidgetItem *> selected = from->selectedItems();
    if (selected.isEmpty())
        return;
    m_rearranging = true;
    for (QListWidgetItem *item : selected)
        to->addItem(from->takeItem(from->row(item)));
    m_rearranging = false;
    sortGroups();
    Q_EMIT groupsChanged();
}

void PartitionEditor::sortGroups()
{
    for (QListWidget *list : {m_a, m_b}) {
        QStringList names = namesIn(list);
        // A drop may have duplicated a name (copy instead of move): keep one.
        names.removeDuplicates();
        std::sort(names.begin(), names.end(), labOrder);
        if (names == namesIn(list))
            continue;
        m_rearranging = true;
        list->clear();
        list->addItems(names);
        m_rearranging = false;
    }
}

} // namespace qonsul::ui

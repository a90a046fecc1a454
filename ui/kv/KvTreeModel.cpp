#include "kv/KvTreeModel.h"

#include "common/KeyedTableModel.h"

#include <QApplication>
#include <QStyle>
#include <algorithm>
#include <iterator>

namespace qonsul::ui {

KvTreeModel::KvTreeModel(QObject *parent)
    : QAbstractItemModel(parent), m_root(std::make_unique<KvTreeNode>())
{
}

KvTreeModel::~KvTreeModel() = default;

void KvTreeModel::setPrefix(const QString &prefix)
{
    if (prefix == m_root->key)
        return;
    // A different folder shares nothing with the old tree: this is the one place for a reset.
    beginResetModel();
    m_root = std::make_unique<KvTreeNode>();
    m_root->key = prefix;
    m_keys.clear();
    endResetModel();
}

QString KvTreeModel::prefix() const
{
    return m_root->key;
}

void KvTreeModel::setKeys(const QStringList &answer)
{
    const QString &prefix = m_root->key;
    QStringList keys;
    keys.reserve(answer.size());
    for (const QString &key : answer) {
        if (key.startsWith(prefix) && key.size() > prefix.size())
            keys.append(key);
    }
    if (!std::is_sorted(keys.begin(), keys.end()))
        std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    // The difference of two sorted lists in one pass.
    QStringList added;
    QStringList removed;
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < m_keys.size() || j < keys.size()) {
        if (j == keys.size() || (i < m_keys.size() && m_keys.at(i) < keys.at(j)))
            removed.append(m_keys.at(i++));
        else if (i == m_keys.size() || keys.at(j) < m_keys.at(i))
            added.append(keys.at(j++));
        else {
            ++i;
            ++j;
        }
    }
    if (added.isEmpty() && removed.isEmpty())
        return; // a value changed somewhere under the prefix; the keys did not
    // Past a few hundred changes, one merge beats a signal per key.
    constexpr qsizetype oneByOneLimit = 500;
    if (added.size() + removed.size() > oneByOneLimit) {
        const std::unique_ptr<KvTreeNode> fresh = buildKvTree(prefix, keys);
        merge(m_root.get(), fresh.get(), QModelIndex());
    } else {
        for (const QString &key : std::as_const(removed))
            removeKey(key);
        for (const QString &key : std::as_const(added))
            addKey(key);
    }
    m_keys = std::move(keys);
}

void KvTreeModel::addKey(const QString &key)
{
    KvTreeNode *node = m_root.get();
    QModelIndex where;
    qsizetype start = node->key.size();
    while (start < key.size()) {
        const qsizetype slash = key.indexOf(QLatin1Char('/'), start);
        const qsizetype end = slash < 0 ? key.size() : slash + 1;
        const QString name = key.mid(start, end - start);
        if (KvTreeNode *existing = node->child(name)) {
            node = existing;
            where = index(existing->row(), 0, where);
            start = end;
            continue;
        }
        // The rest of the path is new: build it, then insert it as one row.
        auto branch = std::make_unique<KvTreeNode>();
        branch->name = name;
        branch->key = node->key + name;
        KvTreeNode *tip = branch.get();
        for (start = end; start < key.size(); start = tip->key.size()) {
            const qsizetype nextSlash = key.indexOf(QLatin1Char('/'), start);
            auto next = std::make_unique<KvTreeNode>();
            next->name = key.mid(start, (nextSlash < 0 ? key.size() : nextSlash + 1) - start);
            next->key = tip->key + next->name;
            next->parent = tip;
            tip->children.push_back(std::move(next));
            tip = tip->children.back().get();
        }
        tip->stored = true;
        branch->parent = node;
        const auto at =
            std::lower_bound(node->children.begin(), node->children.end(), name,
                             [](const std::unique_ptr<KvTreeNode> &n, const QString &k) {
                                 return kvTreeNameLess(n->name, k);
                             });
        const int row = int(at - node->children.begin());
        beginInsertRows(where, row, row);
        node->children.insert(at, std::move(branch));
        endInsertRows();
        return;
    }
    // The key's node was there already: a folder that only deeper keys implied until now.
    if (node != m_root.get() && !node->stored) {
        node->stored = true;
        Q_EMIT dataChanged(where, where);
    }
}

void KvTreeModel::removeKey(const QString &key)
{
    KvTreeNode *node = nodeOfKey(key);
    if (!node)
        return;
    if (!node->children.empty()) {
        // A folder key went, the keys in it stay: the folder stays, implied by them.
        node->stored = false;
        const QModelIndex at = indexOf(node);
        Q_EMIT dataChanged(at, at);
        return;
    }
    // Implied folders that held nothing else go with it.
    KvTreeNode *gone = node;
    while (gone->parent != m_root.get() && !gone->parent->stored &&
           gone->parent->children.size() == 1)
        gone = gone->parent;
    KvTreeNode *parent = gone->parent;
    const int row = gone->row();
    beginRemoveRows(indexOf(parent), row, row);
    parent->children.erase(parent->children.begin() + row);
    endRemoveRows();
}

void KvTreeModel::merge(KvTreeNode *mine, KvTreeNode *theirs, const QModelIndex &where)
{
    auto &have = mine->children;
    auto &want = theirs->children;
    std::size_t i = 0;
    std::size_t j = 0;
    auto less = [](const std::unique_ptr<KvTreeNode> &a, const std::unique_ptr<KvTreeNode> &b) {
        return kvTreeNameLess(a->name, b->name);
    };
    while (i < have.size() || j < want.size()) {
        if (j == want.size() || (i < have.size() && less(have[i], want[j]))) {
            // A run of rows that are gone goes in one removal.
            std::size_t end = i + 1;
            while (end < have.size() && (j == want.size() || less(have[end], want[j])))
                ++end;
            beginRemoveRows(where, int(i), int(end - 1));
            have.erase(have.begin() + qsizetype(i), have.begin() + qsizetype(end));
            endRemoveRows();
            continue;
        }
        if (i == have.size() || less(want[j], have[i])) {
            // A run of new rows goes in one insertion, each with its whole subtree.
            std::size_t end = j + 1;
            while (end < want.size() && (i == have.size() || less(want[end], have[i])))
                ++end;
            const std::size_t count = end - j;
            beginInsertRows(where, int(i), int(i + count - 1));
            for (std::size_t k = j; k < end; ++k)
                want[k]->parent = mine;
            have.insert(have.begin() + qsizetype(i),
                        std::make_move_iterator(want.begin() + qsizetype(j)),
                        std::make_move_iterator(want.begin() + qsizetype(end)));
            endInsertRows();
            i += count;
            j = end;
            continue;
        }
        KvTreeNode *same = have[i].get();
        const QModelIndex sameIndex = index(int(i), 0, where);
        if (same->stored != want[j]->stored) {
            same->stored = want[j]->stored;
            Q_EMIT dataChanged(sameIndex, sameIndex);
        }
        if (!same->children.empty() || !want[j]->children.empty())
            merge(same, want[j].get(), sameIndex);
        ++i;
        ++j;
    }
}

KvTreeNode *KvTreeModel::nodeAt(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<KvTreeNode *>(index.internalPointer()) : m_root.get();
}

QModelIndex KvTreeModel::indexOf(KvTreeNode *node) const
{
    if (!node || node == m_root.get())
        return QModelIndex();
    return createIndex(node->row(), 0, node);
}

KvTreeNode *KvTreeModel::nodeOfKey(const QString &key) const
{
    const QString &prefix = m_root->key;
    if (!key.startsWith(prefix) || key.size() == prefix.size())
        return nullptr;
    KvTreeNode *node = m_root.get();
    qsizetype start = prefix.size();
    while (node && start < key.size()) {
        const qsizetype slash = key.indexOf(QLatin1Char('/'), start);
        const qsizetype end = slash < 0 ? key.size() : slash + 1;
        node = node->child(key.mid(start, end - start));
        start = end;
    }
    return node;
}

QModelIndex KvTreeModel::indexOfKey(const QString &key) const
{
    return indexOf(nodeOfKey(key));
}

qsizetype KvTreeModel::nodeCount() const
{
    return m_root->descendantCount();
}

QModelIndex KvTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const KvTreeNode *node = nodeAt(parent);
    if (column != 0 || row < 0 || std::size_t(row) >= node->children.size())
        return QModelIndex();
    return createIndex(row, column, node->children[std::size_t(row)].get());
}

QModelIndex KvTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return QModelIndex();
    return indexOf(nodeAt(child)->parent);
}

int KvTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeAt(parent)->children.size());
}

int KvTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant KvTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return QVariant();
    const KvTreeNode *node = nodeAt(index);
    switch (role) {
    case Qt::DisplayRole:
        return node->name;
    case KeyRole:
    case Qt::ToolTipRole:
        return node->key;
    case Qt::DecorationRole:
        return QApplication::style()->standardIcon(node->isFolder() ? QStyle::SP_DirIcon
                                                                    : QStyle::SP_FileIcon);
    default:
        return QVariant();
    }
}

QVariant KvTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (section == 0 && orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return tr("Key");
    return QVariant();
}

} // namespace qonsul::ui

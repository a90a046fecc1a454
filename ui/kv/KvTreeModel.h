#pragma once
// Every key under a KV prefix as a tree (the Key/Value page's tree view), fed with the flat
// answer of GET /v1/kv/<prefix>?keys. setKeys() applies each new answer as row inserts and
// removals under the parents that changed, never a reset, so expanded folders, selection and
// scroll position survive live updates. A few changed keys are applied one by one (an update
// to a 50,000-key tree takes milliseconds); many at once, e.g. the first answer, by building
// the new tree and merging it in, a run of new siblings in one insertion.
//
// One column. Qt::DisplayRole is the node's name ("config/", "minconns"), KeyRole the full
// key, Qt::DecorationRole a folder or file icon, Qt::ToolTipRole the full key.

#include "kv/KvTree.h"

#include <QAbstractItemModel>
#include <memory>

namespace qonsul::ui {

class KvTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    explicit KvTreeModel(QObject *parent = nullptr);
    ~KvTreeModel() override;

    // The folder the tree shows ("" for the whole store). Changing it empties the tree.
    void setPrefix(const QString &prefix);
    QString prefix() const;
    // Makes the tree hold exactly `keys` (those under the prefix).
    void setKeys(const QStringList &keys);

    // The index of `key` (a key or a folder ending in "/"), or an invalid index.
    QModelIndex indexOfKey(const QString &key) const;
    // Nodes in the tree, folders included.
    qsizetype nodeCount() const;

    QModelIndex index(int row, int column,
                      const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    KvTreeNode *nodeAt(const QModelIndex &index) const;
    QModelIndex indexOf(KvTreeNode *node) const;
    KvTreeNode *nodeOfKey(const QString &key) const;
    // Makes `mine` (shown at `where`) look like `theirs`, taking new subtrees out of `theirs`.
    void merge(KvTreeNode *mine, KvTreeNode *theirs, const QModelIndex &where);
    void addKey(const QString &key);
    void removeKey(const QString &key);

    std::unique_ptr<KvTreeNode> m_root;
    QStringList m_keys; // the keys the tree holds, sorted
};

} // namespace qonsul::ui

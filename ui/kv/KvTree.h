#pragma once
// The keys under a KV prefix as a tree of folders and keys, built from the flat answer of
// GET /v1/kv/<prefix>?keys (no separator). A folder is a path part ending in "/"; folders that
// only deeper keys imply are nodes too. Siblings are ordered folders first, then by name: the
// order KvTreeModel shows and merges in.

#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

namespace qonsul::ui {

struct KvTreeNode
{
    QString name;        // "config/" or "minconns"; empty for the root
    QString key;         // the full key ("redis/config/"); the prefix for the root
    bool stored = false; // the key itself is in the store (a folder only when made explicitly)
    KvTreeNode *parent = nullptr;
    std::vector<std::unique_ptr<KvTreeNode>> children;

    bool isFolder() const { return key.isEmpty() || key.endsWith(QLatin1Char('/')); }
    // This node's position among its parent's children (0 for the root).
    int row() const;
    // The child called `name`, or nullptr.
    KvTreeNode *child(const QString &name) const;
    // Every node below this one.
    qsizetype descendantCount() const;
};

// Sibling order: folders before keys, then by name.
bool kvTreeNameLess(const QString &a, const QString &b);

// The tree of `keys` under `prefix` ("" or a folder key). Keys outside the prefix and the
// prefix itself are left out; the keys need not be sorted.
std::unique_ptr<KvTreeNode> buildKvTree(const QString &prefix, QStringList keys);

} // namespace qonsul::ui

#include "kv/KvTree.h"

#include <algorithm>

namespace qonsul::ui {

namespace {

bool nodeLess(const std::unique_ptr<KvTreeNode> &a, const std::unique_ptr<KvTreeNode> &b)
{
    return kvTreeNameLess(a->name, b->name);
}

// Iterative, so a deep tree cannot overflow the stack.
void sortChildren(KvTreeNode *root)
{
    std::vector<KvTreeNode *> pending{root};
    while (!pending.empty()) {
        KvTreeNode *node = pending.back();
        pending.pop_back();
        std::sort(node->children.begin(), node->children.end(), nodeLess);
        for (const auto &child : node->children) {
            if (!child->children.empty())
                pending.push_back(child.get());
        }
    }
}

KvTreeNode *appendChild(KvTreeNode *parent, const QString &name)
{
    auto node = std::make_unique<KvTreeNode>();
    node->name = name;
    node->key = parent->key + name;
    node->parent = parent;
    parent->children.push_back(std::move(node));
    return parent->children.back().get();
}

} // namespace

bool kvTreeNameLess(const QString &a, const QString &b)
{
    const bool aFolder = a.endsWith(QLatin1Char('/'));
    const bool bFolder = b.endsWith(QLatin1Char('/'));
    if (aFolder != bFolder)
        return aFolder;
    return a < b;
}

int KvTreeNode::row() const
{
    if (!parent)
        return 0;
    const auto &siblings = parent->children;
    const auto it = std::lower_bound(siblings.begin(), siblings.end(), name,
                                     [](const std::unique_ptr<KvTreeNode> &n, const QString &k) {
                                         return kvTreeNameLess(n->name, k);
                                     });
    return int(it - siblings.begin());
}

KvTreeNode *KvTreeNode::child(const QString &childName) const
{
    const auto it = std::lower_bound(children.begin(), children.end(), childName,
                                     [](const std::unique_ptr<KvTreeNode> &n, const QString &k) {
                                         return kvTreeNameLess(n->name, k);
                                     });
    return it != children.end() && (*it)->name == childName ? it->get() : nullptr;
}

qsizetype KvTreeNode::descendantCount() const
{
    qsizetype count = 0;
    std::vector<const KvTreeNode *> pending{this};
    while (!pending.empty()) {
        const KvTreeNode *node = pending.back();
        pending.pop_back();
        count += qsizetype(node->children.size());
        for (const auto &c : node->children)
            pending.push_back(c.get());
    }
    return count;
}

std::unique_ptr<KvTreeNode> buildKvTree(const QString &prefix, QStringList keys)
{
    auto root = std::make_unique<KvTreeNode>();
    root->key = prefix;
    // Sorted, every folder's keys are contiguous: a key's folders are either the open chain of
    // the key before it or new, so the tree grows by appending and never looks anything up.
    if (!std::is_sorted(keys.begin(), keys.end()))
        std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    std::vector<KvTreeNode *> chain{root.get()}; // chain[d]: the open folder at depth d
    for (const QString &key : keys) {
        if (!key.startsWith(prefix) || key.size() == prefix.size())
            continue;
        qsizetype start = prefix.size();
        std::size_t depth = 0;
        while (true) {
            const qsizetype slash = key.indexOf(QLatin1Char('/'), start);
            if (slash < 0) {
                appendChild(chain[depth], key.mid(start))->stored = true;
                break;
            }
            const QStringView folderName = QStringView(key).mid(start, slash + 1 - start);
            ++depth;
            if (chain.size() <= depth || chain[depth]->name != folderName) {
                chain.resize(depth);
                chain.push_back(appendChild(chain[depth - 1], folderName.toString()));
            }
            start = slash + 1;
            if (start == key.size()) {
                chain[depth]->stored = true; // the folder key itself, e.g. "redis/"
                break;
            }
        }
    }
    sortChildren(root.get());
    return root;
}

} // namespace qonsul::ui

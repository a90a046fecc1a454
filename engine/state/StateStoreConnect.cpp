// The Connect tables of the state store: intentions, and the CA's roots and configuration.
#include "state/IntentionText.h"
#include "state/StateStore.h"

namespace qonsul::state {

const Intention *StateStore::intention(const std::string &id) const
{
    auto it = m_intentions.find(id);
    return it == m_intentions.end() ? nullptr : &it->second;
}

std::vector<const Intention *> StateStore::intentions() const
{
    std::vector<const Intention *> out;
    out.reserve(m_intentions.size());
    for (const auto &[_, intention] : m_intentions)
        out.push_back(&intention);
    return out;
}

const Intention *StateStore::intentionBetween(const Intention &like) const
{
    for (const auto &[_, i] : m_intentions)
        if (i.sourceNs == like.sourceNs && i.sourceName == like.sourceName &&
            i.destinationNs == like.destinationNs && i.destinationName == like.destinationName)
            return &i;
    return nullptr;
}

std::string StateStore::intentionSet(uint64_t index, Intention intention, bool create)
{
    auto existing = m_intentions.find(intention.id);
    if (!create && existing == m_intentions.end())
        return "Cannot modify non-existent intention: '" + intention.id + "'";
    if (create && existing != m_intentions.end())
        return "Intention ID already exists: '" + intention.id + "'";
    // One intention per exact pair, whatever its action (Consul's duplicate check).
    if (const Intention *other = intentionBetween(intention); other && other->id != intention.id)
        return "duplicate intention found: " + intentionText(*other);
    if (existing != m_intentions.end()) {
        intention.createIndex = existing->second.createIndex;
        intention.createdAtNs = existing->second.createdAtNs;
    } else {
        intention.createIndex = index;
    }
    intention.modifyIndex = index;
    m_intentions[intention.id] = std::move(intention);
    touch(index, topic::intentions);
    return {};
}

bool StateStore::intentionDelete(uint64_t index, const std::string &id)
{
    if (!m_intentions.erase(id))
        return false;
    touch(index, topic::intentions);
    return true;
}

const CaRoot *StateStore::activeCaRoot() const
{
    for (const CaRoot &root : m_caRoots)
        if (root.active)
            return &root;
    return nullptr;
}

void StateStore::caSet(uint64_t index, std::vector<CaRoot> roots, std::optional<CaConfig> config)
{
    for (CaRoot &root : roots) {
        const CaRoot *before = nullptr;
        for (const CaRoot &old : m_caRoots)
            if (old.id == root.id)
                before = &old;
        if (!before) {
            root.createIndex = root.modifyIndex = index;
            continue;
        }
        root.createIndex = before->createIndex;
        root.modifyIndex = before->modifyIndex;
        if (!(*before == root))
            root.modifyIndex = index;
    }
    m_caRoots = std::move(roots);
    touch(index, topic::caRoots);
    if (config) {
        config->createIndex = m_caConfig ? m_caConfig->createIndex : index;
        config->modifyIndex = index;
        m_caConfig = std::move(config);
        touch(index, topic::caConfig);
    }
}

} // namespace qonsul::state

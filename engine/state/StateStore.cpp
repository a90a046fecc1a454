#include "state/StateStore.h"

#include <algorithm>
#include <cctype>

namespace qonsul::state {

std::string lowered(const std::string &s)
{
    std::string out = s;
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

uint64_t StateStore::topicIndex(const std::string &topic) const
{
    auto it = m_topicIndex.find(topic);
    return it == m_topicIndex.end() ? 0 : it->second;
}

void StateStore::touch(uint64_t index, const std::string &topic)
{
    m_topicIndex[topic] = index;
    m_changes.topics.push_back(topic);
}

ChangeSet StateStore::takeChanges()
{
    ChangeSet out = std::move(m_changes);
    m_changes.clear();
    return out;
}

} // namespace qonsul::state

#include "http/endpoints/CatalogFilters.h"

#include "state/StateStore.h"

#include <algorithm>

namespace qonsul::http {

bool matchesNodeMeta(const HttpRequest &req, const state::Node &node)
{
    for (const QString &filter : req.values(QStringLiteral("node-meta"))) {
        const int colon = filter.indexOf(QLatin1Char(':'));
        const std::string key = filter.left(colon < 0 ? filter.size() : colon).toStdString();
        const std::string value = colon < 0 ? std::string() : filter.mid(colon + 1).toStdString();
        auto it = node.meta.find(key);
        if (it == node.meta.end() || it->second != value)
            return false;
    }
    return true;
}

bool matchesTags(const HttpRequest &req, const state::Service &service)
{
    for (const QString &tag : req.values(QStringLiteral("tag"))) {
        const std::string want = state::lowered(tag.toStdString());
        if (std::none_of(service.tags.begin(), service.tags.end(),
                         [&](const std::string &t) { return state::lowered(t) == want; }))
            return false;
    }
    return true;
}

uint64_t watchTopicAndNodes(const state::StateStore &store, state::WatchSet &watch,
                            const std::string &topic)
{
    watch.addTopic(topic);
    watch.addTopic(state::topic::nodes);
    return std::max(store.topicIndex(topic), store.topicIndex(state::topic::nodes));
}

} // namespace qonsul::http

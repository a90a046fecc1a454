#include "http/endpoints/CatalogFilters.h"

#include "state/StateStore.h"
#include "util/VivaldiDistance.h"

#include <algorithm>
#include <limits>
#include <map>

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

namespace {

// Coordinates of other sizes cannot be compared: such a node goes last.
double estimatedRtt(const state::Coordinate &a, const state::Coordinate &b)
{
    if (a.vec.size() != b.vec.size())
        return std::numeric_limits<double>::infinity();
    return util::vivaldiDistance({a.vec, a.height, a.adjustment}, {b.vec, b.height, b.adjustment});
}

} // namespace

std::vector<size_t> nearOrder(const HttpRequest &req, const state::StateStore &store,
                              const std::string &agentNode, const std::vector<std::string> &nodes)
{
    std::vector<size_t> order(nodes.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::string near = req.value(QStringLiteral("near")).toStdString();
    if (near.empty())
        return order;
    if (near == "_agent")
        near = agentNode;
    std::map<std::string, const state::Coordinate *> byNode;
    for (const state::CoordinateEntry *e : store.coordinates())
        if (e->segment.empty())
            byNode[state::lowered(e->node)] = &e->coord;
    const auto from = byNode.find(state::lowered(near));
    if (from == byNode.end())
        return order;
    std::vector<double> distance(nodes.size(), std::numeric_limits<double>::infinity());
    for (size_t i = 0; i < nodes.size(); ++i)
        if (const auto to = byNode.find(state::lowered(nodes[i])); to != byNode.end())
            distance[i] = estimatedRtt(*from->second, *to->second);
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return distance[a] < distance[b]; });
    return order;
}

} // namespace qonsul::http

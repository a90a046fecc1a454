#pragma once
// What one reader depends on: the topics (tables, one service, one node …) and KV keys or
// prefixes whose change must wake it. Built by a read, registered by a blocking query.

#include <string>
#include <vector>

namespace qonsul::state {

// Topic names used by the state store and its readers.
namespace topic {
inline const std::string kv = "kv";
inline const std::string nodes = "nodes";
inline const std::string services = "services";
inline const std::string checks = "checks";
inline const std::string sessions = "sessions";
inline std::string node(const std::string &lowerName)
{
    return "node:" + lowerName;
}
inline std::string service(const std::string &lowerName)
{
    return "service:" + lowerName;
}
// The instances that accept Connect traffic for a service: its proxies and native instances.
inline std::string connect(const std::string &lowerName)
{
    return "connect:" + lowerName;
}
inline const std::string intentions = "intentions";
inline const std::string coordinates = "coordinates";
inline const std::string caRoots = "connect-ca-roots";
inline const std::string caConfig = "connect-ca-config";
inline std::string session(const std::string &id)
{
    return "session:" + id;
}
inline std::string nodeSessions(const std::string &lowerNode)
{
    return "node-sessions:" + lowerNode;
}
} // namespace topic

struct WatchSet
{
    std::vector<std::string> topics;
    std::vector<std::string> kvKeys;
    std::vector<std::string> kvPrefixes;

    void addTopic(std::string t) { topics.push_back(std::move(t)); }
    void addKvKey(std::string k) { kvKeys.push_back(std::move(k)); }
    void addKvPrefix(std::string p) { kvPrefixes.push_back(std::move(p)); }
};

// What one applied command changed: the state store fills it, the watch hub consumes it.
struct ChangeSet
{
    std::vector<std::string> topics;
    std::vector<std::string> kvKeys;

    bool empty() const { return topics.empty() && kvKeys.empty(); }
    void clear()
    {
        topics.clear();
        kvKeys.clear();
    }
};

} // namespace qonsul::state

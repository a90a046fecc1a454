#pragma once
// The rows of the state store's tables. Plain data with Consul's field meanings; every row
// carries the Raft indexes at which it was created and last modified.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace qonsul::state {

using StringMap = std::map<std::string, std::string>;

struct KvEntry
{
    std::string key;
    std::string value;
    uint64_t flags = 0;
    uint64_t lockIndex = 0;
    std::string session;
    uint64_t createIndex = 0;
    uint64_t modifyIndex = 0;

    bool operator==(const KvEntry &) const = default;
};

struct Node
{
    std::string id;
    std::string name;
    std::string address;
    std::string datacenter;
    StringMap taggedAddresses;
    StringMap meta;
    uint64_t createIndex = 0;
    uint64_t modifyIndex = 0;

    bool operator==(const Node &) const = default;
};

struct ServiceWeights
{
    int passing = 1;
    int warning = 1;

    bool operator==(const ServiceWeights &) const = default;
};

struct Service
{
    std::string node;
    std::string id;
    std::string name;
    std::vector<std::string> tags;
    std::string address;
    StringMap meta;
    int port = 0;
    ServiceWeights weights;
    bool enableTagOverride = false;
    std::string kind;
    uint64_t createIndex = 0;
    uint64_t modifyIndex = 0;

    bool operator==(const Service &) const = default;
};

namespace health {
inline constexpr const char *passing = "passing";
inline constexpr const char *warning = "warning";
inline constexpr const char *critical = "critical";
} // namespace health

// How a check runs, as the catalog shows it (HealthCheck.Definition). Durations are Go duration
// strings ("10s"); empty or false fields are left out of the JSON.
struct HealthCheckDefinition
{
    std::string http;
    bool tlsSkipVerify = false;
    std::map<std::string, std::vector<std::string>> header;
    std::string method;
    std::string body;
    std::string tcp;
    std::string interval;
    std::string timeout;
    std::string deregisterCriticalServiceAfter;

    bool operator==(const HealthCheckDefinition &) const = default;
};

struct Check
{
    std::string node;
    std::string checkId;
    std::string name;
    std::string status = health::critical;
    std::string notes;
    std::string output;
    std::string serviceId;
    std::string serviceName;
    std::vector<std::string> serviceTags;
    HealthCheckDefinition definition;
    uint64_t createIndex = 0;
    uint64_t modifyIndex = 0;

    bool operator==(const Check &) const = default;
};

enum class SessionBehavior { Release, Delete };

struct Session
{
    std::string id;
    std::string name;
    std::string node;
    std::vector<std::string> checks;
    int64_t lockDelayNs = 15'000'000'000;
    SessionBehavior behavior = SessionBehavior::Release;
    std::string ttl; // as given, e.g. "30s"; empty = no TTL
    uint64_t createIndex = 0;
    uint64_t modifyIndex = 0;

    bool operator==(const Session &) const = default;
};

} // namespace qonsul::state

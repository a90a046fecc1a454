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

// One upstream of a Connect proxy (Consul's structs.Upstream): where the proxy listens for the
// local app, and which service it reaches for it.
struct Upstream
{
    std::string destinationType = "service"; // or "prepared_query"
    std::string destinationNamespace;
    std::string destinationName;
    std::string datacenter;
    std::string localBindAddress;
    int localBindPort = 0;
    std::string configJson; // the free "Config" object, as compact JSON; "" = none

    bool operator==(const Upstream &) const = default;
};

// What a service of kind connect-proxy proxies for (Consul's ConnectProxyConfig).
struct ServiceProxy
{
    std::string destinationServiceName;
    std::string destinationServiceId;
    std::string localServiceAddress;
    int localServicePort = 0;
    std::string configJson; // the free "Config" object, as compact JSON; "" = none
    std::vector<Upstream> upstreams;

    bool operator==(const ServiceProxy &) const = default;
};

namespace kind {
inline constexpr const char *connectProxy = "connect-proxy";
}

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
    ServiceProxy proxy;         // kind connect-proxy only
    bool connectNative = false; // speaks Connect itself (Connect.Native)
    uint64_t createIndex = 0;
    uint64_t modifyIndex = 0;

    // The service whose Connect traffic this instance accepts: a proxy's destination, a native
    // service's own name; "" for the rest.
    const std::string &connectTarget() const
    {
        static const std::string none;
        if (kind == kind::connectProxy)
            return proxy.destinationServiceName;
        return connectNative ? name : none;
    }

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

enum class IntentionAction { Allow, Deny };

// A rule of the service mesh: may connections from source reach destination (reference §15).
// Times are Unix nanoseconds, UTC.
struct Intention
{
    std::string id; // UUID
    std::string description;
    std::string sourceNs = "default";
    std::string sourceName;
    std::string destinationNs = "default";
    std::string destinationName;
    std::string sourceType = "consul";
    IntentionAction action = IntentionAction::Allow;
    StringMap meta;
    int precedence = 0;
    int64_t createdAtNs = 0;
    int64_t updatedAtNs = 0;
    uint64_t createIndex = 0;
    uint64_t modifyIndex = 0;

    bool operator==(const Intention &) const = default;
};

// One root certificate of the Connect CA (Consul's structs.CARoot). The signing key stays in
// the record so that any server that becomes leader can sign; the API never shows it.
struct CaRoot
{
    std::string id;   // the signing key id, colon-separated hex
    std::string name; // "Consul CA Root Cert"
    uint64_t serialNumber = 0;
    std::string signingKeyId; // colon-separated hex
    int64_t notBeforeNs = 0;
    int64_t notAfterNs = 0;
    std::string rootCertPem;
    std::vector<std::string> intermediateCertPems; // the cross-signed cert after a rotation
    std::string signingKeyPem;                     // private
    bool active = false;
    int64_t rotatedOutAtNs = 0;
    std::string privateKeyType = "ec";
    int privateKeyBits = 256;
    uint64_t createIndex = 0;
    uint64_t modifyIndex = 0;

    bool operator==(const CaRoot &) const = default;
};

// The CA's configuration (Consul's structs.CAConfiguration): the provider and its settings.
struct CaConfig
{
    std::string clusterId; // UUID: the trust domain is <clusterId>.consul
    std::string provider = "consul";
    // The provider's settings as a compact JSON object (LeafCertTTL, RotationPeriod, PrivateKey,
    // RootCert …): values keep their JSON types, as Consul's map[string]interface{} does.
    std::string configJson;
    uint64_t createIndex = 0;
    uint64_t modifyIndex = 0;

    bool operator==(const CaConfig &) const = default;
};

// A node's network coordinate (serf's Vivaldi), as the agents send it to the catalog: times
// in seconds.
struct Coordinate
{
    std::vector<double> vec;
    double error = 0;
    double adjustment = 0;
    double height = 0;

    bool operator==(const Coordinate &) const = default;
};

// One node's coordinate in the catalog (Consul's structs.Coordinate).
struct CoordinateEntry
{
    std::string node;
    std::string segment; // "" : the default network segment
    Coordinate coord;

    bool operator==(const CoordinateEntry &) const = default;
};

} // namespace qonsul::state

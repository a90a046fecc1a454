#include "http/RecordJson.h"

#include "http/ConnectJson.h"

#include <QByteArray>

namespace qonsul::http {

void writeStringMap(JsonWriter &w, const state::StringMap &m)
{
    w.beginObject();
    for (const auto &[k, v] : m)
        w.field(k, v);
    w.endObject();
}

void writeStrings(JsonWriter &w, const std::vector<std::string> &list)
{
    w.beginArray();
    for (const auto &s : list)
        w.value(s);
    w.endArray();
}

static void writeWeights(JsonWriter &w, const state::ServiceWeights &weights)
{
    w.beginObject().field("Passing", weights.passing).field("Warning", weights.warning).endObject();
}

// The node fields that a Node and a ServiceNode share, in Consul's order.
static void writeNodeIdentity(JsonWriter &w, const state::Node &n)
{
    w.field("ID", n.id);
    w.field("Node", n.name);
    w.field("Address", n.address);
    w.field("Datacenter", n.datacenter);
    w.key("TaggedAddresses");
    writeStringMap(w, n.taggedAddresses);
}

// Every replicated record ends with the Raft indexes it was created and last modified at.
static void writeRaftIndex(JsonWriter &w, uint64_t createIndex, uint64_t modifyIndex)
{
    w.field("CreateIndex", createIndex);
    w.field("ModifyIndex", modifyIndex);
}

void writeCoordinate(JsonWriter &w, const state::Coordinate &c)
{
    w.beginObject();
    w.key("Vec").beginArray();
    for (double component : c.vec)
        w.value(component);
    w.endArray();
    w.field("Error", c.error);
    w.field("Adjustment", c.adjustment);
    w.field("Height", c.height);
    w.endObject();
}

void writeKvPair(JsonWriter &w, const state::KvEntry &e)
{
    w.beginObject();
    w.field("LockIndex", e.lockIndex);
    w.field("Key", e.key);
    w.field("Flags", e.flags);
    w.key("Value");
    if (e.value.empty())
        w.null();
    else
        w.value(QByteArray::fromRawData(e.value.data(), qsizetype(e.value.size()))
                    .toBase64()
                    .toStdString());
    if (!e.session.empty())
        w.field("Session", e.session);
    writeRaftIndex(w, e.createIndex, e.modifyIndex);
    w.endObject();
}

void writeNode(JsonWriter &w, const state::Node &n)
{
    w.beginObject();
    writeNodeIdentity(w, n);
    w.key("Meta");
    writeStringMap(w, n.meta);
    writeRaftIndex(w, n.createIndex, n.modifyIndex);
    w.endObject();
}

void writeUpstream(JsonWriter &w, const state::Upstream &u)
{
    w.beginObject();
    if (!u.destinationType.empty())
        w.field("DestinationType", u.destinationType);
    if (!u.destinationNamespace.empty())
        w.field("DestinationNamespace", u.destinationNamespace);
    w.field("DestinationName", u.destinationName);
    w.field("Datacenter", u.datacenter);
    w.field("LocalBindAddress", u.localBindAddress);
    w.field("LocalBindPort", u.localBindPort);
    if (!u.configJson.empty()) {
        w.key("Config");
        writeJsonObjectText(w, u.configJson);
    }
    w.key("MeshGateway").beginObject().endObject();
    w.endObject();
}

void writeServiceProxy(JsonWriter &w, const state::ServiceProxy &p)
{
    w.beginObject();
    if (!p.destinationServiceName.empty())
        w.field("DestinationServiceName", p.destinationServiceName);
    if (!p.destinationServiceId.empty())
        w.field("DestinationServiceID", p.destinationServiceId);
    if (!p.localServiceAddress.empty())
        w.field("LocalServiceAddress", p.localServiceAddress);
    if (p.localServicePort)
        w.field("LocalServicePort", p.localServicePort);
    if (!p.configJson.empty() && p.configJson != "{}") {
        w.key("Config");
        writeJsonObjectText(w, p.configJson);
    }
    if (!p.upstreams.empty()) {
        w.key("Upstreams").beginArray();
        for (const state::Upstream &u : p.upstreams)
            writeUpstream(w, u);
        w.endArray();
    }
    w.key("MeshGateway").beginObject().endObject();
    w.endObject();
}

void writeServiceConnect(JsonWriter &w, const state::Service &s)
{
    w.beginObject();
    if (s.connectNative)
        w.field("Native", true);
    w.endObject();
}

void writeServiceNode(JsonWriter &w, const state::Node &n, const state::Service &s)
{
    w.beginObject();
    writeNodeIdentity(w, n);
    w.key("NodeMeta");
    writeStringMap(w, n.meta);
    w.field("ServiceKind", s.kind);
    w.field("ServiceID", s.id);
    w.field("ServiceName", s.name);
    w.key("ServiceTags");
    writeStrings(w, s.tags);
    w.field("ServiceAddress", s.address);
    w.key("ServiceWeights");
    writeWeights(w, s.weights);
    w.key("ServiceMeta");
    writeStringMap(w, s.meta);
    w.field("ServicePort", s.port);
    w.field("ServiceEnableTagOverride", s.enableTagOverride);
    w.key("ServiceProxy");
    writeServiceProxy(w, s.proxy);
    w.key("ServiceConnect");
    writeServiceConnect(w, s);
    writeRaftIndex(w, s.createIndex, s.modifyIndex);
    w.endObject();
}

void writeNodeService(JsonWriter &w, const state::Service &s)
{
    w.beginObject();
    if (!s.kind.empty())
        w.field("Kind", s.kind);
    w.field("ID", s.id);
    w.field("Service", s.name);
    w.key("Tags");
    writeStrings(w, s.tags);
    w.field("Address", s.address);
    w.key("Meta");
    writeStringMap(w, s.meta);
    w.field("Port", s.port);
    w.key("Weights");
    writeWeights(w, s.weights);
    w.field("EnableTagOverride", s.enableTagOverride);
    w.key("Proxy");
    writeServiceProxy(w, s.proxy);
    w.key("Connect");
    writeServiceConnect(w, s);
    writeRaftIndex(w, s.createIndex, s.modifyIndex);
    w.endObject();
}

void writeAgentService(JsonWriter &w, const state::Service &s, const std::string &contentHash)
{
    w.beginObject();
    if (!s.kind.empty())
        w.field("Kind", s.kind);
    w.field("ID", s.id);
    w.field("Service", s.name);
    w.key("Tags");
    writeStrings(w, s.tags);
    w.key("Meta");
    writeStringMap(w, s.meta);
    w.field("Port", s.port);
    w.field("Address", s.address);
    w.key("Weights");
    writeWeights(w, s.weights);
    w.field("EnableTagOverride", s.enableTagOverride);
    if (!contentHash.empty())
        w.field("ContentHash", contentHash);
    if (s.kind == state::kind::connectProxy) {
        w.key("Proxy");
        writeServiceProxy(w, s.proxy);
    }
    if (s.connectNative)
        w.key("Connect").beginObject().field("Native", true).endObject();
    w.endObject();
}

void writeCheckDefinition(JsonWriter &w, const state::HealthCheckDefinition &d)
{
    w.beginObject();
    if (!d.http.empty())
        w.field("HTTP", d.http);
    if (d.tlsSkipVerify)
        w.field("TLSSkipVerify", true);
    if (!d.header.empty()) {
        w.key("Header").beginObject();
        for (const auto &[name, values] : d.header) {
            w.key(name);
            writeStrings(w, values);
        }
        w.endObject();
    }
    if (!d.method.empty())
        w.field("Method", d.method);
    if (!d.body.empty())
        w.field("Body", d.body);
    if (!d.tcp.empty())
        w.field("TCP", d.tcp);
    if (!d.interval.empty())
        w.field("Interval", d.interval);
    if (!d.timeout.empty())
        w.field("Timeout", d.timeout);
    if (!d.deregisterCriticalServiceAfter.empty())
        w.field("DeregisterCriticalServiceAfter", d.deregisterCriticalServiceAfter);
    w.endObject();
}

void writeCheck(JsonWriter &w, const state::Check &c)
{
    w.beginObject();
    w.field("Node", c.node);
    w.field("CheckID", c.checkId);
    w.field("Name", c.name);
    w.field("Status", c.status);
    w.field("Notes", c.notes);
    w.field("Output", c.output);
    w.field("ServiceID", c.serviceId);
    w.field("ServiceName", c.serviceName);
    w.key("ServiceTags");
    writeStrings(w, c.serviceTags);
    w.key("Definition");
    writeCheckDefinition(w, c.definition);
    writeRaftIndex(w, c.createIndex, c.modifyIndex);
    w.endObject();
}

void writeSession(JsonWriter &w, const state::Session &s)
{
    w.beginObject();
    w.field("ID", s.id);
    w.field("Name", s.name);
    w.field("Node", s.node);
    w.key("Checks");
    writeStrings(w, s.checks);
    w.field("LockDelay", s.lockDelayNs);
    w.field("Behavior", s.behavior == state::SessionBehavior::Delete ? "delete" : "release");
    w.field("TTL", s.ttl);
    writeRaftIndex(w, s.createIndex, s.modifyIndex);
    w.endObject();
}

void writeNodeInfo(JsonWriter &w, const state::Node &n,
                   const std::vector<const state::Service *> &services,
                   const std::vector<const state::Check *> &checks)
{
    // Unlike Node, NodeInfo has no Datacenter and no Raft indexes of its own.
    w.beginObject();
    w.field("ID", n.id);
    w.field("Node", n.name);
    w.field("Address", n.address);
    w.key("TaggedAddresses");
    writeStringMap(w, n.taggedAddresses);
    w.key("Meta");
    writeStringMap(w, n.meta);
    w.key("Services").beginArray();
    for (const state::Service *s : services)
        writeNodeService(w, *s);
    w.endArray();
    w.key("Checks").beginArray();
    for (const state::Check *c : checks)
        writeCheck(w, *c);
    w.endArray();
    w.endObject();
}

} // namespace qonsul::http

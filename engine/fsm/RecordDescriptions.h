#pragma once
// The state records' fields in CBOR (see CborRecord.h): nodes, services, checks, sessions,
// intentions, the CA's roots and configuration, KV entries.

#include "fsm/CborRecord.h"
#include "state/Records.h"

namespace qonsul::fsm::cbor {

// Each record's fields, once for writing and reading: `io` is an Encoder (T const) or a
// Decoder (T mutable). Short keys: a log holds millions of these.

template <class Io, RecordOf<state::Node> T> void describe(Io &io, T &n)
{
    io.field("id", n.id);
    io.field("name", n.name);
    io.field("addr", n.address);
    io.field("dc", n.datacenter);
    io.field("tagged", n.taggedAddresses);
    io.field("meta", n.meta);
    io.field("ci", n.createIndex);
    io.field("mi", n.modifyIndex);
}

template <class Io, RecordOf<state::Coordinate> T> void describe(Io &io, T &c)
{
    io.field("vec", c.vec);
    io.field("error", c.error);
    io.field("adjustment", c.adjustment);
    io.field("height", c.height);
}

template <class Io, RecordOf<state::CoordinateEntry> T> void describe(Io &io, T &e)
{
    io.field("node", e.node);
    io.field("segment", e.segment);
    io.record("coord", e.coord);
}

template <class Io, RecordOf<state::Service> T> void describe(Io &io, T &s)
{
    io.field("node", s.node);
    io.field("id", s.id);
    io.field("name", s.name);
    io.field("tags", s.tags);
    io.field("addr", s.address);
    io.field("meta", s.meta);
    io.field("port", s.port);
    io.field("wpass", s.weights.passing);
    io.field("wwarn", s.weights.warning);
    io.field("eto", s.enableTagOverride);
    io.field("kind", s.kind);
    io.record("proxy", s.proxy);
    io.field("native", s.connectNative);
    io.field("ci", s.createIndex);
    io.field("mi", s.modifyIndex);
}

template <class Io, RecordOf<state::Upstream> T> void describe(Io &io, T &u)
{
    io.field("type", u.destinationType);
    io.field("ns", u.destinationNamespace);
    io.field("name", u.destinationName);
    io.field("dc", u.datacenter);
    io.field("baddr", u.localBindAddress);
    io.field("bport", u.localBindPort);
    io.field("config", u.configJson);
}

template <class Io, RecordOf<state::ServiceProxy> T> void describe(Io &io, T &p)
{
    io.field("dname", p.destinationServiceName);
    io.field("did", p.destinationServiceId);
    io.field("laddr", p.localServiceAddress);
    io.field("lport", p.localServicePort);
    io.field("config", p.configJson);
    io.records("upstreams", p.upstreams);
}

template <class Io, RecordOf<state::Intention> T> void describe(Io &io, T &i)
{
    io.field("id", i.id);
    io.field("desc", i.description);
    io.field("sns", i.sourceNs);
    io.field("sname", i.sourceName);
    io.field("dns", i.destinationNs);
    io.field("dname", i.destinationName);
    io.field("stype", i.sourceType);
    io.enumeration("action", i.action, state::IntentionAction::Deny);
    io.field("meta", i.meta);
    io.field("prec", i.precedence);
    io.field("created", i.createdAtNs);
    io.field("updated", i.updatedAtNs);
    io.field("ci", i.createIndex);
    io.field("mi", i.modifyIndex);
}

template <class Io, RecordOf<state::CaRoot> T> void describe(Io &io, T &r)
{
    io.field("id", r.id);
    io.field("name", r.name);
    io.field("serial", r.serialNumber);
    io.field("skid", r.signingKeyId);
    io.field("nbf", r.notBeforeNs);
    io.field("naf", r.notAfterNs);
    io.field("cert", r.rootCertPem);
    io.field("inter", r.intermediateCertPems);
    io.field("key", r.signingKeyPem);
    io.field("active", r.active);
    io.field("rotated", r.rotatedOutAtNs);
    io.field("ktype", r.privateKeyType);
    io.field("kbits", r.privateKeyBits);
    io.field("ci", r.createIndex);
    io.field("mi", r.modifyIndex);
}

template <class Io, RecordOf<state::CaConfig> T> void describe(Io &io, T &c)
{
    io.field("cluster", c.clusterId);
    io.field("provider", c.provider);
    io.field("config", c.configJson);
    io.field("ci", c.createIndex);
    io.field("mi", c.modifyIndex);
}

template <class Io, RecordOf<state::HealthCheckDefinition> T> void describe(Io &io, T &d)
{
    io.field("http", d.http);
    io.field("tlsskip", d.tlsSkipVerify);
    io.field("header", d.header);
    io.field("method", d.method);
    io.field("body", d.body);
    io.field("tcp", d.tcp);
    io.field("interval", d.interval);
    io.field("timeout", d.timeout);
    io.field("dcsa", d.deregisterCriticalServiceAfter);
}

template <class Io, RecordOf<state::Check> T> void describe(Io &io, T &c)
{
    io.field("node", c.node);
    io.field("id", c.checkId);
    io.field("name", c.name);
    io.field("status", c.status);
    io.field("notes", c.notes);
    io.field("output", c.output);
    io.field("sid", c.serviceId);
    io.field("sname", c.serviceName);
    io.field("stags", c.serviceTags);
    io.record("def", c.definition);
    io.field("ci", c.createIndex);
    io.field("mi", c.modifyIndex);
}

template <class Io, RecordOf<state::Session> T> void describe(Io &io, T &s)
{
    io.field("id", s.id);
    io.field("name", s.name);
    io.field("node", s.node);
    io.field("checks", s.checks);
    io.field("lockdelay", s.lockDelayNs);
    io.enumeration("behavior", s.behavior, state::SessionBehavior::Delete);
    io.field("ttl", s.ttl);
    io.field("ci", s.createIndex);
    io.field("mi", s.modifyIndex);
}

template <class Io, RecordOf<state::KvEntry> T> void describe(Io &io, T &e)
{
    io.field("key", e.key);
    io.field("value", e.value);
    io.field("flags", e.flags);
    io.field("lock", e.lockIndex);
    io.field("session", e.session);
    io.field("ci", e.createIndex);
    io.field("mi", e.modifyIndex);
}

} // namespace qonsul::fsm::cbor

#include "http/CatalogBody.h"

namespace qonsul::http {

state::Service catalogServiceFromBody(JsonBody &svc)
{
    state::Service s;
    s.id = svc.string("ID");
    s.name = svc.string("Service");
    s.tags = svc.strings("Tags");
    s.address = svc.string("Address");
    s.meta = svc.stringMap("Meta");
    s.port = int(svc.integer("Port"));
    s.kind = svc.string("Kind");
    s.enableTagOverride = svc.boolean("EnableTagOverride");
    if (auto weights = svc.object("Weights")) {
        s.weights.passing = int(weights->integer("Passing", 1));
        s.weights.warning = int(weights->integer("Warning", 1));
    }
    return s;
}

state::Check catalogCheckFromBody(JsonBody &b)
{
    state::Check c;
    c.node = b.string("Node");
    c.checkId = b.string("CheckID");
    c.name = b.string("Name");
    c.status = b.string("Status", state::health::critical);
    c.notes = b.string("Notes");
    c.output = b.string("Output");
    c.serviceId = b.string("ServiceID");
    if (auto def = b.object("Definition")) {
        c.definition.http = def->string("HTTP");
        c.definition.tlsSkipVerify = def->boolean("TLSSkipVerify");
        c.definition.method = def->string("Method");
        c.definition.body = def->string("Body");
        c.definition.tcp = def->string("TCP");
        c.definition.interval = def->string("Interval");
        c.definition.timeout = def->string("Timeout");
        c.definition.deregisterCriticalServiceAfter = def->string("DeregisterCriticalServiceAfter");
        c.definition.header = def->stringLists("Header");
    }
    return c;
}

} // namespace qonsul::http

#include "agent/endpoints/CheckBody.h"

#include "state/Records.h"

namespace qonsul::http {

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

QStringList qList(const std::vector<std::string> &list)
{
    QStringList out;
    for (const std::string &s : list)
        out.append(q(s));
    return out;
}

} // namespace

bool isValidCheckStatus(const std::string &status)
{
    return status.empty() || status == state::health::passing || status == state::health::warning ||
           status == state::health::critical;
}

checks::CheckDefinition checkFromBody(JsonBody &b)
{
    checks::CheckDefinition d;
    d.id = q(b.string("ID"));
    d.name = q(b.string("Name"));
    d.notes = q(b.string("Notes"));
    d.serviceId = q(b.string("ServiceID"));
    d.token = q(b.string("Token"));
    d.status = q(b.string("Status"));
    d.args = qList(b.has("Args") ? b.strings("Args") : b.strings("ScriptArgs"));
    d.http = q(b.string("HTTP"));
    for (const auto &[name, values] : b.stringLists("Header"))
        d.header.insert(q(name), qList(values));
    d.method = q(b.string("Method"));
    d.body = q(b.string("Body"));
    d.tlsSkipVerify = b.boolean("TLSSkipVerify");
    d.tcp = q(b.string("TCP"));
    d.grpc = q(b.string("GRPC"));
    d.grpcUseTls = b.boolean("GRPCUseTLS");
    d.dockerContainerId = q(b.string("DockerContainerID"));
    d.shell = q(b.string("Shell"));
    d.aliasNode = q(b.string("AliasNode"));
    d.aliasService = q(b.string("AliasService"));
    d.intervalNs = b.duration("Interval");
    d.timeoutNs = b.duration("Timeout");
    d.ttlNs = b.duration("TTL");
    d.deregisterCriticalServiceAfterNs = b.duration("DeregisterCriticalServiceAfter");
    d.outputMaxSize = int(b.integer("OutputMaxSize"));
    d.successBeforePassing = int(b.integer("SuccessBeforePassing"));
    d.failuresBeforeCritical = int(b.integer("FailuresBeforeCritical"));
    return d;
}

} // namespace qonsul::http

// The UI endpoints' answers (/v1/internal/ui/nodes, …/node/<name>, …/services), decoded
// with simdjson rather than QJsonDocument: the desktop re-reads a whole list after every
// change, and the node dump is 5.7 MB for 500 nodes with 5,000 services, where QJsonDocument
// plus QJsonValue lookups took 50 ms of the Nodes page's 100 ms budget and simdjson takes 5
// (tests/bench/desktop_bench.py). Lenient as the QJsonValue readers are: a missing field,
// null or a value of another type reads as empty.

#include "UiApi.h"

#include <simdjson.h>

namespace qonsul::UiApi {

namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

QString textOf(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString text(const object &o, std::string_view key)
{
    std::string_view value;
    return o[key].get(value) ? QString() : textOf(value);
}

QStringList texts(const object &o, std::string_view key)
{
    QStringList list;
    array items;
    if (o[key].get(items))
        return list;
    for (element item : items) {
        std::string_view value;
        list.append(item.get(value) ? QString() : textOf(value));
    }
    return list;
}

QMap<QString, QString> textMap(const object &o, std::string_view key)
{
    QMap<QString, QString> map;
    object fields;
    if (o[key].get(fields))
        return map;
    for (auto field : fields) {
        std::string_view value;
        map.insert(textOf(field.key), field.value.get(value) ? QString() : textOf(value));
    }
    return map;
}

// Ports and indexes as JSON numbers; simdjson keeps integers exact up to 2^64 - 1.
quint64 number(const object &o, std::string_view key)
{
    uint64_t value = 0;
    if (!o[key].get(value))
        return value;
    int64_t negative = 0;
    if (!o[key].get(negative))
        return quint64(negative);
    double real = 0;
    return o[key].get(real) ? 0 : quint64(real);
}

NodeService nodeServiceOf(const object &o)
{
    NodeService service;
    service.kind = text(o, "Kind");
    service.id = text(o, "ID");
    service.service = text(o, "Service");
    service.tags = texts(o, "Tags");
    service.address = text(o, "Address");
    service.meta = textMap(o, "Meta");
    service.port = int(number(o, "Port"));
    return service;
}

HealthCheck checkOf(const object &o)
{
    HealthCheck check;
    check.node = text(o, "Node");
    check.checkId = text(o, "CheckID");
    check.name = text(o, "Name");
    check.status = text(o, "Status");
    check.notes = text(o, "Notes");
    check.output = text(o, "Output");
    check.serviceId = text(o, "ServiceID");
    check.serviceName = text(o, "ServiceName");
    check.modifyIndex = number(o, "ModifyIndex");
    return check;
}

NodeInfo nodeInfoOf(const object &o)
{
    NodeInfo info;
    info.id = text(o, "ID");
    info.node = text(o, "Node");
    info.address = text(o, "Address");
    info.taggedAddresses = textMap(o, "TaggedAddresses");
    info.meta = textMap(o, "Meta");
    array items;
    if (!o["Services"].get(items)) {
        info.services.reserve(qsizetype(items.size()));
        for (element item : items) {
            object service;
            info.services.append(item.get(service) ? NodeService() : nodeServiceOf(service));
        }
    }
    if (!o["Checks"].get(items)) {
        info.checks.reserve(qsizetype(items.size()));
        for (element item : items) {
            object check;
            info.checks.append(item.get(check) ? HealthCheck() : checkOf(check));
        }
    }
    return info;
}

Expected<element> parse(simdjson::dom::parser &parser, const QByteArray &body)
{
    element root;
    if (const auto error = parser.parse(body.constData(), size_t(body.size())).get(root))
        return makeError(QStringLiteral("invalid character in JSON answer: %1")
                             .arg(QString::fromUtf8(simdjson::error_message(error))));
    return root;
}

} // namespace

Expected<QList<ServiceSummary>> serviceSummariesFromBody(const QByteArray &body)
{
    simdjson::dom::parser parser;
    const Expected<element> root = parse(parser, body);
    if (!root)
        return makeError(root.error());
    QList<ServiceSummary> summaries;
    array items;
    if (root->get(items))
        return summaries;
    summaries.reserve(qsizetype(items.size()));
    for (element item : items) {
        object o;
        if (item.get(o)) {
            summaries.append(ServiceSummary());
            continue;
        }
        ServiceSummary summary;
        summary.kind = text(o, "Kind");
        summary.name = text(o, "Name");
        summary.datacenter = text(o, "Datacenter");
        summary.tags = texts(o, "Tags");
        summary.nodes = texts(o, "Nodes");
        summary.externalSources = texts(o, "ExternalSources");
        // Consul added InstanceCount in 1.7; before, Nodes has one entry per instance.
        uint64_t instances = 0;
        summary.instanceCount =
            o["InstanceCount"].get(instances) ? int(summary.nodes.size()) : int(instances);
        summary.checks.passing = int(number(o, "ChecksPassing"));
        summary.checks.warning = int(number(o, "ChecksWarning"));
        summary.checks.critical = int(number(o, "ChecksCritical"));
        summaries.append(std::move(summary));
    }
    return summaries;
}

Expected<QList<NodeInfo>> nodeDumpFromBody(const QByteArray &body)
{
    simdjson::dom::parser parser;
    const Expected<element> root = parse(parser, body);
    if (!root)
        return makeError(root.error());
    QList<NodeInfo> nodes;
    array items;
    if (root->get(items)) // null (no nodes) or not a list
        return nodes;
    nodes.reserve(qsizetype(items.size()));
    for (element item : items) {
        object node;
        nodes.append(item.get(node) ? NodeInfo() : nodeInfoOf(node));
    }
    return nodes;
}

Expected<NodeInfo> nodeInfoFromBody(const QByteArray &body)
{
    simdjson::dom::parser parser;
    const Expected<element> root = parse(parser, body);
    if (!root)
        return makeError(root.error());
    object node;
    return root->get(node) ? NodeInfo() : nodeInfoOf(node);
}

} // namespace qonsul::UiApi

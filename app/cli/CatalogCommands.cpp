// `qonsul catalog datacenters|nodes|services`.

#include "CatalogFormat.h"
#include "Commands.h"
#include "api/CatalogApi.h"
#include "api/SyncCall.h"

namespace qonsul::cli {

namespace {

// The node-meta map as query options (node-meta=key:value, repeated).
QueryOptions withNodeMeta(QueryOptions options, const QMap<QString, QString> &nodeMeta)
{
    for (auto it = nodeMeta.begin(); it != nodeMeta.end(); ++it)
        options.nodeMeta.append({it.key(), it.value()});
    return options;
}

class CatalogDatacentersCommand : public ClientCommand
{
public:
    explicit CatalogDatacentersCommand(Ui &ui) : ClientCommand(ui) { addHttpFlags(true); }

    QString synopsis() const override { return QStringLiteral("Lists all known datacenters"); }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul catalog datacenters [options]

  Lists the known datacenters, nearest first (by the servers' round-trip time).

      $ qonsul catalog datacenters
)"));
    }

    int run(const QStringList &args) override
    {
        if (!parseFlagsOnly(args))
            return 1;
        auto client = makeClient();
        if (!client)
            return 1;
        const auto datacenters = callSync(*client, CatalogApi::datacenters());
        if (!datacenters) {
            // Consul reports the error but still exits 0 here.
            ui().error(QStringLiteral("Error listing datacenters: ") + datacenters.error());
            return 0;
        }
        for (const QString &datacenter : *datacenters)
            ui().output(datacenter);
        return 0;
    }
};

class CatalogNodesCommand : public ClientCommand
{
public:
    explicit CatalogNodesCommand(Ui &ui) : ClientCommand(ui)
    {
        m_flags.addBool("detailed", &m_detailed,
                        "Also show full node IDs, tagged addresses and node metadata.");
        m_flags.addString("near", &m_near,
                          "Sort nodes by estimated round-trip time from this node; \"_agent\" "
                          "means the agent's own node.");
        m_flags.addMap("node-meta", &m_nodeMeta,
                       "Only list nodes with this `key=value` metadata. Repeat to require "
                       "several.");
        m_flags.addString("service", &m_service,
                          "Only list nodes providing the service with this `id or name`.");
        m_flags.addString("filter", &m_filter, "Filter expression passed to the agent.");
        addHttpFlags(true);
    }

    QString synopsis() const override
    {
        return QStringLiteral("Lists all nodes in the given datacenter");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul catalog nodes [options]

  Lists the nodes of a datacenter (by default the agent's).

      $ qonsul catalog nodes
      $ qonsul catalog nodes -detailed
      $ qonsul catalog nodes -service=web
      $ qonsul catalog nodes -node-meta="foo=bar"
      $ qonsul catalog nodes -near=node-web
)"));
    }

    int run(const QStringList &args) override
    {
        if (!parseFlagsOnly(args))
            return 1;
        auto client = makeClient();
        if (!client)
            return 1;
        QueryOptions options = withNodeMeta(m_http.queryOptions(), m_nodeMeta);
        options.near = m_near;
        options.filter = m_filter;

        QList<CatalogNode> nodes;
        if (!m_service.isEmpty()) {
            const auto instances =
                callSync(*client, CatalogApi::service(m_service, QString(), options));
            if (!instances) {
                ui().error(QStringLiteral("Error listing nodes for service: ") + instances.error());
                return 1;
            }
            for (const CatalogService &instance : *instances) {
                CatalogNode node;
                node.id = instance.id;
                node.node = instance.node;
                node.address = instance.address;
                node.datacenter = instance.datacenter;
                node.taggedAddresses = instance.taggedAddresses;
                node.meta = instance.nodeMeta;
                node.createIndex = instance.createIndex;
                node.modifyIndex = instance.modifyIndex;
                nodes.append(node);
            }
        } else {
            const auto listed = callSync(*client, CatalogApi::nodes(options));
            if (!listed) {
                ui().error(QStringLiteral("Error listing nodes: ") + listed.error());
                return 1;
            }
            nodes = *listed;
        }
        if (nodes.isEmpty()) {
            ui().error(
                QStringLiteral("No nodes match the given query - try expanding your search."));
            return 0;
        }
        ui().output(formatCatalogNodes(nodes, m_detailed));
        return 0;
    }

private:
    bool m_detailed = false;
    QString m_near;
    QMap<QString, QString> m_nodeMeta;
    QString m_service;
    QString m_filter;
};

class CatalogServicesCommand : public ClientCommand
{
public:
    explicit CatalogServicesCommand(Ui &ui) : ClientCommand(ui)
    {
        m_flags.addString("node", &m_node,
                          "Only list the services of the node with this `id or name`.");
        m_flags.addMap("node-meta", &m_nodeMeta,
                       "Only list services on nodes with this `key=value` metadata. Repeat to "
                       "require several.");
        m_flags.addBool("tags", &m_tags,
                        "Show each service's tags, comma-separated, beside its name.");
        addHttpFlags(true);
    }

    QString synopsis() const override
    {
        return QStringLiteral("Lists all registered services in a datacenter");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul catalog services [options]

  Lists the services registered in a datacenter (by default the agent's).

      $ qonsul catalog services
      $ qonsul catalog services -tags
      $ qonsul catalog services -node=web
      $ qonsul catalog services -node-meta="foo=bar"
)"));
    }

    int run(const QStringList &args) override
    {
        if (!parseFlagsOnly(args))
            return 1;
        auto client = makeClient();
        if (!client)
            return 1;
        const QueryOptions options = withNodeMeta(m_http.queryOptions(), m_nodeMeta);

        QMap<QString, QStringList> services;
        if (!m_node.isEmpty()) {
            const auto node = callSync(*client, CatalogApi::node(m_node, options));
            if (!node) {
                ui().error(QStringLiteral("Error listing services for node: ") + node.error());
                return 1;
            }
            if (node->has_value()) {
                for (const NodeService &service : (*node)->services)
                    services[service.service].append(service.tags);
            }
        } else {
            const auto listed = callSync(*client, CatalogApi::services(options));
            if (!listed) {
                ui().error(QStringLiteral("Error listing services: ") + listed.error());
                return 1;
            }
            services = *listed;
        }
        if (services.isEmpty()) {
            ui().error(
                QStringLiteral("No services match the given query - try expanding your search."));
            return 0;
        }
        if (m_tags) {
            ui().output(formatServicesWithTags(services));
        } else {
            for (auto it = services.begin(); it != services.end(); ++it)
                ui().output(it.key());
        }
        return 0;
    }

private:
    QString m_node;
    QMap<QString, QString> m_nodeMeta;
    bool m_tags = false;
};

} // namespace

std::unique_ptr<Command> makeCatalogDatacentersCommand(Ui &ui)
{
    return std::make_unique<CatalogDatacentersCommand>(ui);
}

std::unique_ptr<Command> makeCatalogNodesCommand(Ui &ui)
{
    return std::make_unique<CatalogNodesCommand>(ui);
}

std::unique_ptr<Command> makeCatalogServicesCommand(Ui &ui)
{
    return std::make_unique<CatalogServicesCommand>(ui);
}

} // namespace qonsul::cli

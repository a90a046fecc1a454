#include "AgentWatches.h"

#include "agent/Agent.h"

namespace qonsul::cli {

namespace {

const QString agentLog = QStringLiteral("agent");

// How Consul's log names a handler: Go's %v of its args ("[a b]"), or the script.
QString handlerText(const WatchDefinition &watch)
{
    if (!watch.args.isEmpty())
        return QLatin1Char('[') + watch.args.join(QLatin1Char(' ')) + QLatin1Char(']');
    return watch.handler;
}

} // namespace

struct AgentWatches::Running
{
    std::unique_ptr<ApiClient> client;
    std::unique_ptr<WatchPlan> plan;
    std::unique_ptr<WatchHandler> handler;
};

AgentWatches::AgentWatches(Agent &agent, QObject *parent) : QObject(parent), m_agent(agent)
{
    connect(&agent, &Agent::reloaded, this, &AgentWatches::restart);
}

AgentWatches::~AgentWatches() = default;

void AgentWatches::restart()
{
    m_running.clear();
    Logger &logger = m_agent.logger();
    for (const WatchDefinition &watch : m_agent.config().watches) {
        auto running = std::make_unique<Running>();
        ApiConfig config;
        config.address = m_agent.localHttpAddress();
        config.token = watch.token;
        config.datacenter = watch.datacenter;
        running->client = std::make_unique<ApiClient>(config);
        running->plan = std::make_unique<WatchPlan>(running->client.get(), watch);
        running->handler = std::make_unique<WatchHandler>(watch.args, watch.handler, true);
        const QString handler = handlerText(watch);
        if (!watch.handler.isEmpty())
            logger.warn(agentLog, QStringLiteral("The 'handler' field in watches has been "
                                                 "deprecated and replaced with the 'args' "
                                                 "field. See https://www.consul.io/docs/agent/"
                                                 "watches.html"));
        WatchHandler *runner = running->handler.get();
        connect(running->plan.get(), &WatchPlan::changed, runner, &WatchHandler::run);
        connect(running->plan.get(), &WatchPlan::failed, this,
                [&logger, type = watch.type](const QString &error) {
                    logger.error(QStringLiteral("consul.watch"),
                                 QStringLiteral("Watch (type: %1) errored: %2").arg(type, error));
                });
        connect(runner, &WatchHandler::finished, this,
                [&logger, handler](const QString &error, const QByteArray &output) {
                    if (!error.isEmpty())
                        logger.error(agentLog, QStringLiteral("Failed to run watch handler "
                                                              "'%1': %2")
                                                   .arg(handler, error));
                    logger.debug(agentLog, QStringLiteral("watch handler '%1' output: %2")
                                               .arg(handler, QString::fromUtf8(output)));
                });
        running->plan->start();
        m_running.push_back(std::move(running));
    }
}

} // namespace qonsul::cli

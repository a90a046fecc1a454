#pragma once
// The `watches` of an agent's config, run by the agent's process as Consul's agent runs them:
// each follows its view through the agent's own HTTP API and runs its handler once per
// change, output captured and logged, a failure logged and the watch going on. Rebuilt from
// the agent's config after each reload.

#include "WatchPlan.h"

#include <QObject>
#include <memory>
#include <vector>

namespace qonsul {
class Agent;
}

namespace qonsul::cli {

class AgentWatches : public QObject
{
    Q_OBJECT
public:
    explicit AgentWatches(Agent &agent, QObject *parent = nullptr);
    ~AgentWatches() override;

    // Stops the watches running and starts those of the agent's config now.
    void restart();

private:
    struct Running;
    Agent &m_agent;
    std::vector<std::unique_ptr<Running>> m_running;
};

} // namespace qonsul::cli

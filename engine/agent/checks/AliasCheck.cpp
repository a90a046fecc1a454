#include "agent/checks/AliasCheck.h"

#include "state/StateStore.h"

namespace qonsul::checks {

CheckResult AliasCheck::evaluate(const std::vector<const state::Check *> &checks,
                                 const std::string &self) const
{
    std::string health = state::health::passing;
    QString message = QStringLiteral("No checks found.");
    const std::string node = m_node.toStdString();
    const std::string service = m_serviceId.toStdString();
    for (const state::Check *check : checks) {
        if (check->checkId == self)
            continue;
        if (!node.empty() && state::lowered(check->node) != state::lowered(node))
            continue;
        // Node-level checks (no service) count for every service of the node.
        if (!check->serviceId.empty() && check->serviceId != service)
            continue;
        if (check->status == state::health::critical || check->status == state::health::warning) {
            health = check->status;
            message = QStringLiteral("Aliased check \"%1\" failing: %2")
                          .arg(QString::fromStdString(check->name),
                               QString::fromStdString(check->output));
            if (check->status == state::health::critical)
                break;
        } else if (health == state::health::passing) {
            message = QStringLiteral("All checks passing.");
        }
    }
    return CheckResult{health, message};
}

} // namespace qonsul::checks

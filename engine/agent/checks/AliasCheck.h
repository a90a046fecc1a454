#pragma once
// Alias check: mirrors the health of another service instance (and/or node). Critical if any
// check of the target (or a node-level check of its node) is critical, else warning if one is
// warning, else passing — "No checks found." when there is nothing to mirror.
//
// Pure: the owner calls evaluate() with the checks it sees whenever they may have changed (the
// agent's own checks for a local target, the catalog's checks of `node` otherwise).

#include "agent/checks/CheckProbe.h"
#include "state/Records.h"

#include <QString>
#include <vector>

namespace qonsul::checks {

class AliasCheck
{
public:
    AliasCheck(QString node, QString serviceId)
        : m_node(std::move(node)), m_serviceId(std::move(serviceId))
    {
    }

    const QString &node() const { return m_node; }
    const QString &serviceId() const { return m_serviceId; }
    // `self`: the alias check's own ID, never mirrored.
    CheckResult evaluate(const std::vector<const state::Check *> &checks,
                         const std::string &self) const;

private:
    QString m_node;
    QString m_serviceId;
};

} // namespace qonsul::checks

#pragma once
// A health check's definition and timing in words, for the check details pane: what runs
// (the command, URL or address), how often and for how long, where it was written, when it
// last ran and runs next. From the catalog's HealthCheck alone for checks of other nodes
// (Consul shows little of them), and from the agent's own account (LocalCheckDetails) for
// checks of the agent's node.

#include "api/AgentApi.h"
#include "api/Records.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace qonsul::ui {

struct DescriptionRow
{
    QString label; // "Command"
    QString value; // plain text

    bool operator==(const DescriptionRow &) const = default;
};

// `local`: the agent's details when the check is one of its own; `now` for "3 s ago".
QList<DescriptionRow> describeCheck(const HealthCheck &check,
                                    const std::optional<LocalCheckDetails> &local,
                                    const QDateTime &now);

// What maintenance mode means for this check's node or service, and how to end it.
QString maintenanceExplanation(const HealthCheck &check);

// A command line as a shell would need it typed: arguments with spaces or quotes quoted.
QString shellQuoted(const QStringList &args);

// "in 7 s", "3 s ago", "in 2 min" (whole seconds below two minutes), "just now".
QString relativeTime(const QDateTime &when, const QDateTime &now);

} // namespace qonsul::ui

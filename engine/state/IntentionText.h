#pragma once
// How Consul names an intention in errors and reasons (its Intention.String()):
// "DENY default/web => default/db (ID: <uuid>, Precedence: 9)".

#include "state/Records.h"

#include <string>

namespace qonsul::state {

inline const char *intentionActionName(IntentionAction action)
{
    return action == IntentionAction::Allow ? "allow" : "deny";
}

inline std::string intentionText(const Intention &i)
{
    return std::string(i.action == IntentionAction::Allow ? "ALLOW" : "DENY") + " " + i.sourceNs +
           "/" + i.sourceName + " => " + i.destinationNs + "/" + i.destinationName +
           " (ID: " + i.id + ", Precedence: " + std::to_string(i.precedence) + ")";
}

} // namespace qonsul::state

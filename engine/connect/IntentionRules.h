#pragma once
// Consul's rules for intentions (reference §15): validation, precedence, the evaluation order,
// matching by source or destination, and the decision for one connection. Pure functions over
// the state store's records, shared by the agent's authorize endpoint and the proxy.

#include "state/Records.h"

#include <string>
#include <vector>

namespace qonsul::connect {

inline constexpr const char *wildcard = "*";

// What a client asked to write, before validation: the action and source type as given.
struct IntentionInput
{
    state::Intention intention; // action ignored: see `action`
    std::string action;         // "allow" or "deny" to be valid
};

// Consul's checks, in its order; empty when the intention is valid.
std::vector<std::string> validateIntention(const IntentionInput &input);
// The errors as Consul's multierror prints them ("1 error occurred:\n\t* …\n\n").
std::string multiErrorText(const std::vector<std::string> &errors);

// 9 exact → exact, 8 * → exact, 6 exact → *, 5 * → *.
int intentionPrecedence(const state::Intention &intention);

// Sorts into evaluation order: precedence high to low, then by source namespace, source,
// destination namespace and destination.
void sortByPrecedence(std::vector<const state::Intention *> &intentions);

enum class MatchBy { Source, Destination };
// The intentions that apply to `name` on the given side (exact or wildcard), in evaluation
// order.
std::vector<const state::Intention *>
matchIntentions(const std::vector<const state::Intention *> &all, MatchBy by,
                const std::string &name, const std::string &ns = "default");

struct Decision
{
    bool allowed = true;
    const state::Intention *intention = nullptr; // the one that decided; null: the default
    std::string reason;                          // the authorize endpoint's Reason
};

// Whether `source` may connect to `destination`. With no match the default is allow, as with
// ACLs disabled.
Decision decide(const std::vector<const state::Intention *> &all, const std::string &source,
                const std::string &destination);
// The same over intentions already matched by destination (in evaluation order).
Decision decideMatched(const std::vector<const state::Intention *> &matchedByDestination,
                       const std::string &source);

} // namespace qonsul::connect

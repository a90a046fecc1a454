#include "connect/IntentionRules.h"

#include "state/IntentionText.h"

#include <algorithm>
#include <tuple>

namespace qonsul::connect {

namespace {

// Consul's limits on opaque values (structs.metaValueMaxLength and friends).
constexpr size_t metaMaxKeyPairs = 64;
constexpr size_t metaKeyMaxLength = 128;
constexpr size_t metaValueMaxLength = 512;

// Exact parts of a namespace/name pair: a wildcard can only follow an exact value.
int exactParts(const std::string &ns, const std::string &name)
{
    if (ns == wildcard)
        return 0;
    if (name == wildcard)
        return 1;
    return 2;
}

void checkSide(const std::string &label, const std::string &ns, const std::string &name,
               std::vector<std::string> &errors)
{
    if (ns != wildcard && ns.find('*') != std::string::npos)
        errors.push_back(label + "NS: wildcard character '*' cannot be used with partial values");
    if (name != wildcard) {
        if (name.find('*') != std::string::npos)
            errors.push_back(label +
                             "Name: wildcard character '*' cannot be used with partial values");
        if (ns == wildcard)
            errors.push_back(label + "Name: exact value cannot follow wildcard namespace");
    }
}

bool matches(const std::string &pattern, const std::string &value)
{
    return pattern == wildcard || pattern == value;
}

} // namespace

std::vector<std::string> validateIntention(const IntentionInput &input)
{
    const state::Intention &i = input.intention;
    std::vector<std::string> errors;
    if (i.sourceNs.empty())
        errors.emplace_back("SourceNS must be set");
    if (i.sourceName.empty())
        errors.emplace_back("SourceName must be set");
    if (i.destinationNs.empty())
        errors.emplace_back("DestinationNS must be set");
    if (i.destinationName.empty())
        errors.emplace_back("DestinationName must be set");
    checkSide("Source", i.sourceNs, i.sourceName, errors);
    checkSide("Destination", i.destinationNs, i.destinationName, errors);
    if (i.description.size() > metaValueMaxLength)
        errors.push_back("Description exceeds maximum length " +
                         std::to_string(metaValueMaxLength));
    if (i.meta.size() > metaMaxKeyPairs)
        errors.push_back("Meta exceeds maximum element count " + std::to_string(metaMaxKeyPairs));
    for (const auto &[key, value] : i.meta) {
        if (key.size() > metaKeyMaxLength)
            errors.push_back("Meta key \"" + key + "\" exceeds maximum length " +
                             std::to_string(metaKeyMaxLength));
        if (value.size() > metaValueMaxLength)
            errors.push_back("Meta value for key \"" + key + "\" exceeds maximum length " +
                             std::to_string(metaValueMaxLength));
    }
    if (input.action != "allow" && input.action != "deny")
        errors.emplace_back("Action must be set to 'allow' or 'deny'");
    if (i.sourceType != "consul")
        errors.emplace_back("SourceType must be set to 'consul'");
    return errors;
}

std::string multiErrorText(const std::vector<std::string> &errors)
{
    if (errors.size() == 1)
        return "1 error occurred:\n\t* " + errors.front() + "\n\n";
    std::string out = std::to_string(errors.size()) + " errors occurred:";
    for (const std::string &error : errors)
        out += "\n\t* " + error;
    return out + "\n\n";
}

int intentionPrecedence(const state::Intention &i)
{
    int max = 3;
    switch (exactParts(i.destinationNs, i.destinationName)) {
    case 2:
        max = 9;
        break;
    case 1:
        max = 6;
        break;
    default:
        break;
    }
    return max - (2 - exactParts(i.sourceNs, i.sourceName));
}

void sortByPrecedence(std::vector<const state::Intention *> &intentions)
{
    std::stable_sort(
        intentions.begin(), intentions.end(),
        [](const state::Intention *a, const state::Intention *b) {
            if (a->precedence != b->precedence)
                return a->precedence > b->precedence;
            return std::tie(a->sourceNs, a->sourceName, a->destinationNs, a->destinationName) <
                   std::tie(b->sourceNs, b->sourceName, b->destinationNs, b->destinationName);
        });
}

std::vector<const state::Intention *>
matchIntentions(const std::vector<const state::Intention *> &all, MatchBy by,
                const std::string &name, const std::string &ns)
{
    std::vector<const state::Intention *> out;
    for (const state::Intention *i : all) {
        const bool hit = by == MatchBy::Destination
                             ? matches(i->destinationNs, ns) && matches(i->destinationName, name)
                             : matches(i->sourceNs, ns) && matches(i->sourceName, name);
        if (hit)
            out.push_back(i);
    }
    sortByPrecedence(out);
    return out;
}

Decision decideMatched(const std::vector<const state::Intention *> &matchedByDestination,
                       const std::string &source)
{
    for (const state::Intention *i : matchedByDestination)
        if (matches(i->sourceNs, "default") && matches(i->sourceName, source))
            return Decision{i->action == state::IntentionAction::Allow, i,
                            "Matched intention: " + state::intentionText(*i)};
    return Decision{true, nullptr, "ACLs disabled, access is allowed by default"};
}

Decision decide(const std::vector<const state::Intention *> &all, const std::string &source,
                const std::string &destination)
{
    return decideMatched(matchIntentions(all, MatchBy::Destination, destination), source);
}

} // namespace qonsul::connect

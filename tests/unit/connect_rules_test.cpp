// Connect's pure rules: intention validation, precedence, evaluation order, matching and the
// decision for a connection (reference §15), and SPIFFE identities (§14.1).
#include "connect/IntentionRules.h"
#include "connect/Spiffe.h"
#include "state/IntentionText.h"

#include <QtTest>

using namespace qonsul;
using namespace qonsul::connect;

namespace {

state::Intention make(const std::string &source, const std::string &destination,
                      state::IntentionAction action, const std::string &id = "id")
{
    state::Intention i;
    i.id = id;
    i.sourceName = source;
    i.destinationName = destination;
    i.action = action;
    i.precedence = intentionPrecedence(i);
    return i;
}

std::vector<const state::Intention *> pointers(const std::vector<state::Intention> &list)
{
    std::vector<const state::Intention *> out;
    for (const auto &i : list)
        out.push_back(&i);
    return out;
}

std::vector<std::string> names(const std::vector<const state::Intention *> &list)
{
    std::vector<std::string> out;
    for (const auto *i : list)
        out.push_back(i->sourceName + ">" + i->destinationName);
    return out;
}

constexpr auto allow = state::IntentionAction::Allow;
constexpr auto deny = state::IntentionAction::Deny;

} // namespace

class ConnectRulesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void precedenceFollowsConsulsTable()
    {
        QCOMPARE(make("web", "db", allow).precedence, 9);
        QCOMPARE(make("*", "db", allow).precedence, 8);
        QCOMPARE(make("web", "*", allow).precedence, 6);
        QCOMPARE(make("*", "*", allow).precedence, 5);
    }

    void listsAreInEvaluationOrder()
    {
        const std::vector<state::Intention> all = {
            make("*", "*", deny),     make("web", "*", allow), make("*", "db", deny),
            make("web", "db", allow), make("api", "db", deny), make("*", "cache", allow)};
        auto list = pointers(all);
        sortByPrecedence(list);
        // Precedence first, then source and destination in lexical order.
        QCOMPARE(names(list),
                 (std::vector<std::string>{"api>db", "web>db", "*>cache", "*>db", "web>*", "*>*"}));
    }

    void matchingByDestinationAndSourceIncludesWildcards()
    {
        const std::vector<state::Intention> all = {make("*", "*", deny), make("web", "*", allow),
                                                   make("*", "db", deny), make("web", "db", allow),
                                                   make("api", "cache", allow)};
        QCOMPARE(names(matchIntentions(pointers(all), MatchBy::Destination, "db")),
                 (std::vector<std::string>{"web>db", "*>db", "web>*", "*>*"}));
        QCOMPARE(names(matchIntentions(pointers(all), MatchBy::Source, "web")),
                 (std::vector<std::string>{"web>db", "*>db", "web>*", "*>*"}));
        QCOMPARE(names(matchIntentions(pointers(all), MatchBy::Destination, "nothing")),
                 (std::vector<std::string>{"web>*", "*>*"}));
    }

    void theMostPreciseMatchDecides()
    {
        const std::vector<state::Intention> all = {make("*", "db", deny, "a"),
                                                   make("web", "db", allow, "b")};
        const Decision web = decide(pointers(all), "web", "db");
        QVERIFY(web.allowed);
        QCOMPARE(web.intention->id, std::string("b"));
        QCOMPARE(web.reason,
                 std::string("Matched intention: ALLOW default/web => default/db (ID: b, "
                             "Precedence: 9)"));
        const Decision api = decide(pointers(all), "api", "db");
        QVERIFY(!api.allowed);
        QCOMPARE(api.reason, std::string("Matched intention: DENY default/* => default/db (ID: a, "
                                         "Precedence: 8)"));
    }

    void noMatchAllowsAsWithAclsOff()
    {
        const std::vector<state::Intention> all = {make("web", "db", deny)};
        const Decision d = decide(pointers(all), "web", "cache");
        QVERIFY(d.allowed);
        QVERIFY(!d.intention);
        QCOMPARE(d.reason, std::string("ACLs disabled, access is allowed by default"));
        QVERIFY(decide({}, "a", "b").allowed);
    }

    void aDenyAllIsOverriddenByAnExactAllow()
    {
        const std::vector<state::Intention> all = {make("*", "*", deny), make("web", "db", allow)};
        QVERIFY(decide(pointers(all), "web", "db").allowed);
        QVERIFY(!decide(pointers(all), "web", "cache").allowed);
        QVERIFY(!decide(pointers(all), "api", "db").allowed);
    }

    void validationNamesEveryProblem()
    {
        IntentionInput input;
        input.intention.sourceName = "we*b";
        input.intention.destinationName = "";
        input.intention.sourceType = "other";
        input.action = "permit";
        const std::vector<std::string> errors = validateIntention(input);
        QCOMPARE(
            errors,
            (std::vector<std::string>{
                "DestinationName must be set",
                "SourceName: wildcard character '*' cannot be used with partial values",
                "Action must be set to 'allow' or 'deny'", "SourceType must be set to 'consul'"}));
        QCOMPARE(multiErrorText({"a"}), std::string("1 error occurred:\n\t* a\n\n"));
        QCOMPARE(multiErrorText({"a", "b"}), std::string("2 errors occurred:\n\t* a\n\t* b\n\n"));

        IntentionInput good;
        good.intention.sourceName = "*";
        good.intention.destinationName = "db";
        good.action = "deny";
        QVERIFY(validateIntention(good).empty());

        IntentionInput exactAfterWildcardNs = good;
        exactAfterWildcardNs.intention.sourceNs = "*";
        exactAfterWildcardNs.intention.sourceName = "web";
        QCOMPARE(
            validateIntention(exactAfterWildcardNs),
            (std::vector<std::string>{"SourceName: exact value cannot follow wildcard namespace"}));

        IntentionInput longMeta = good;
        longMeta.intention.meta[std::string(129, 'k')] = "v";
        longMeta.intention.description = std::string(513, 'd');
        QCOMPARE(validateIntention(longMeta).size(), size_t(2));
    }

    void intentionTextIsConsuls()
    {
        state::Intention i = make("web", "socat", deny, "0f");
        QCOMPARE(state::intentionText(i),
                 std::string("DENY default/web => default/socat (ID: 0f, Precedence: 9)"));
    }

    void spiffeServiceIdsRoundTrip()
    {
        const ServiceIdentity id{"11111111-2222-3333-4444-555555555555.consul", "default", "dc1",
                                 "web"};
        QCOMPARE(id.uri(), std::string("spiffe://11111111-2222-3333-4444-555555555555.consul/ns/"
                                       "default/dc/dc1/svc/web"));
        const ParsedSpiffe parsed = parseSpiffe(id.uri());
        QCOMPARE(parsed.kind, SpiffeKind::Service);
        QCOMPARE(parsed.service, id);

        const ServiceIdentity odd{"td.consul", "default", "dc1", "a b/c"};
        QCOMPARE(odd.uri(), std::string("spiffe://td.consul/ns/default/dc/dc1/svc/a%20b%2Fc"));
        QCOMPARE(parseSpiffe(odd.uri()).service.service, std::string("a b/c"));
    }

    void spiffeParsingRefusesWhatIsNotAServiceId()
    {
        QCOMPARE(parseSpiffe("https://td/ns/default/dc/dc1/svc/web").kind, SpiffeKind::NotSpiffe);
        QCOMPARE(parseSpiffe("").kind, SpiffeKind::NotSpiffe);
        QCOMPARE(parseSpiffe("spiffe://td").kind, SpiffeKind::Other);
        QCOMPARE(parseSpiffe("spiffe:///ns/default/dc/dc1/svc/web").kind, SpiffeKind::Other);
        QCOMPARE(parseSpiffe("spiffe://td/ns/default/dc/dc1/svc/").kind, SpiffeKind::Other);
        QCOMPARE(parseSpiffe("spiffe://td/ns/default/dc/dc1/svc/web/x").kind, SpiffeKind::Other);
        QCOMPARE(parseSpiffe("spiffe://td/ns/default/dc/dc1/svc/w%zz").kind, SpiffeKind::Other);
        QCOMPARE(parseSpiffe("spiffe://td/ns/default/dc/dc1/svc/web?x=1").kind, SpiffeKind::Other);
        const ParsedSpiffe agent = parseSpiffe("SPIFFE://td/agent/client/dc/dc1/id/abc");
        QCOMPARE(agent.kind, SpiffeKind::Agent);
        QCOMPARE(agent.agent.nodeId, std::string("abc"));
    }
};

QTEST_GUILESS_MAIN(ConnectRulesTest)
#include "connect_rules_test.moc"

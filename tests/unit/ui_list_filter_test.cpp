// The search phrase of the Services and Nodes lists (ListFilter): plain words, tag:, meta:
// with and without a value, status:, the health choice, words it cannot read, and the
// completions it offers.
#include "common/ListFilter.h"

#include <QtTest>

using namespace qonsul;
using namespace qonsul::ui;

namespace {

FilterSubject web()
{
    FilterSubject s;
    s.texts = {"web", "10.0.0.9"};
    s.tags = {"rails", "v1"};
    s.meta = {{"version", {"1", "2"}}, {"team", {"shop"}}};
    s.checks = {2, 0, 1};
    return s;
}

bool matches(const QString &phrase, const FilterSubject &subject = web())
{
    return ListFilter::parse(phrase).matches(subject);
}

} // namespace

class ListFilterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anEmptyPhraseMatchesEverything()
    {
        QVERIFY(matches(QString()));
        QVERIFY(matches(QStringLiteral("   ")));
        QVERIFY(ListFilter::parse(QString()).problem().isEmpty());
    }

    void wordsAreLookedForInNameAndAddressIgnoringCase()
    {
        QVERIFY(matches(QStringLiteral("WE")));
        QVERIFY(matches(QStringLiteral("0.0.9")));
        QVERIFY(matches(QStringLiteral("web 10.0"))); // all words must match
        QVERIFY(!matches(QStringLiteral("web db")));
        QVERIFY(!matches(QStringLiteral("rails"))); // a tag is not a word of the name
    }

    void tagsMatchWholeIgnoringCase()
    {
        QVERIFY(matches(QStringLiteral("tag:rails")));
        QVERIFY(matches(QStringLiteral("Tag:RAILS tag:v1")));
        QVERIFY(!matches(QStringLiteral("tag:rail")));
        QVERIFY(!matches(QStringLiteral("tag:rails tag:v2")));
    }

    void metadataByKeyOrKeyAndValue()
    {
        QVERIFY(matches(QStringLiteral("meta:version=1")));
        QVERIFY(matches(QStringLiteral("meta:version=2"))); // any instance's value
        QVERIFY(!matches(QStringLiteral("meta:version=3")));
        QVERIFY(matches(QStringLiteral("meta:team")));
        QVERIFY(!matches(QStringLiteral("meta:owner")));
        QVERIFY(matches(QStringLiteral("meta:TEAM=Shop")));
        QVERIFY(!matches(QStringLiteral("meta:team=")));     // an empty value is a value
        QVERIFY(matches(QStringLiteral("meta:url=a=b"), [] { // '=' after the first is value
            FilterSubject s;
            s.meta = {{"url", {"a=b"}}};
            return s;
        }()));
    }

    void statusWordsAndTheHealthChoiceNeedACheckInThatState()
    {
        QVERIFY(matches(QStringLiteral("status:critical")));
        QVERIFY(matches(QStringLiteral("status:passing")));
        QVERIFY(!matches(QStringLiteral("status:warning")));
        ListFilter filter = ListFilter::parse(QStringLiteral("web"));
        filter.setHealth(ListFilter::Health::Warning);
        QVERIFY(!filter.matches(web()));
        filter.setHealth(ListFilter::Health::Critical);
        QVERIFY(filter.matches(web()));
        FilterSubject noChecks;
        noChecks.texts = {"web"};
        QVERIFY(!filter.matches(noChecks));
        filter.setHealth(ListFilter::Health::Any);
        QVERIFY(filter.matches(noChecks));
    }

    void unreadableWordsAreNamedAndLeftOut()
    {
        const ListFilter filter = ListFilter::parse(QStringLiteral("tag: meta:=x status:sick web"));
        QVERIFY(filter.problem().contains(QStringLiteral("tag:rails")));
        QVERIFY(filter.problem().contains(QStringLiteral("meta:version=2")));
        QVERIFY(filter.problem().contains(QStringLiteral("passing, warning or critical")));
        QVERIFY(filter.matches(web())); // only "web" is left
        // An unknown prefix is an ordinary word (addresses have colons).
        QVERIFY(ListFilter::parse(QStringLiteral("10.0.0.9:80")).problem().isEmpty());
    }

    void suggestionsAreEveryTagAndMetadataValueOnce()
    {
        FilterSubject db;
        db.tags = {"primary", "v1"};
        db.meta = {{"version", {"2"}}};
        QCOMPARE(ListFilter::suggestions({web(), db}),
                 QStringList({"meta:team=shop", "meta:version=1", "meta:version=2", "tag:primary",
                              "tag:rails", "tag:v1"}));
    }
};

QTEST_GUILESS_MAIN(ListFilterTest)
#include "ui_list_filter_test.moc"

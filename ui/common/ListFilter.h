#pragma once
// What the Services and Nodes lists can be narrowed by, and the search phrase that says it.
// A phrase is words separated by spaces, all of which must match (Consul 1.6 UI's phrase
// search): a plain word is looked for in the row's name or address, `tag:rails` needs that
// tag, `meta:version=2` that metadata value (`meta:version` only the key), and
// `status:critical` a check in that state. Case is ignored throughout.

#include "api/HealthApi.h"

#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <optional>

namespace qonsul::ui {

// The facts about one row that a filter looks at.
struct FilterSubject
{
    QStringList texts; // matched by plain words: name, address
    QStringList tags;
    QMap<QString, QStringList> meta; // key → values (instances of a service may differ)
    CheckCounts checks;
};

class ListFilter
{
public:
    // The health choice offered beside the search field: rows with a check in that state.
    enum class Health { Any, Critical, Warning, Passing };

    static ListFilter parse(const QString &phrase);

    void setHealth(Health health) { m_health = health; }
    Health health() const { return m_health; }
    bool matches(const FilterSubject &subject) const;
    // What part of the phrase could not be read and how to write it; empty when all was read.
    // The unreadable words are left out of the filter.
    QString problem() const { return m_problems.join(QLatin1Char(' ')); }

    // The search words that would suggest each tag and metadata value of `subjects`:
    // "tag:rails", "meta:version=2", …, sorted, without duplicates.
    static QStringList suggestions(const QList<FilterSubject> &subjects);

private:
    struct MetaTerm
    {
        QString key;
        std::optional<QString> value;
    };

    QStringList m_words;
    QStringList m_tags;
    QList<MetaTerm> m_meta;
    QList<Health> m_statuses;
    Health m_health = Health::Any;
    QStringList m_problems;
};

} // namespace qonsul::ui

Q_DECLARE_METATYPE(qonsul::ui::FilterSubject)

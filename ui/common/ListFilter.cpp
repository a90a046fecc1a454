#include "common/ListFilter.h"

#include <QSet>
#include <algorithm>

namespace qonsul::ui {

namespace {

bool hasHealth(const CheckCounts &checks, ListFilter::Health health)
{
    switch (health) {
    case ListFilter::Health::Any:
        return true;
    case ListFilter::Health::Critical:
        return checks.critical > 0;
    case ListFilter::Health::Warning:
        return checks.warning > 0;
    case ListFilter::Health::Passing:
        return checks.passing > 0;
    }
    return true;
}

bool containsIgnoringCase(const QStringList &list, const QString &item)
{
    return list.contains(item, Qt::CaseInsensitive);
}

} // namespace

ListFilter ListFilter::parse(const QString &phrase)
{
    ListFilter filter;
    const QStringList words = phrase.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &word : words) {
        const QString lower = word.toLower();
        if (lower.startsWith(QLatin1String("tag:"))) {
            const QString tag = word.mid(4);
            if (tag.isEmpty())
                filter.m_problems << QStringLiteral("“tag:” needs a tag, e.g. tag:rails.");
            else
                filter.m_tags << tag;
        } else if (lower.startsWith(QLatin1String("meta:"))) {
            const QString term = word.mid(5);
            const qsizetype equals = term.indexOf(QLatin1Char('='));
            const QString key = equals < 0 ? term : term.left(equals);
            if (key.isEmpty())
                filter.m_problems << QStringLiteral(
                    "“meta:” needs a key and maybe a value, e.g. meta:version=2.");
            else if (equals < 0)
                filter.m_meta.append({key, std::nullopt});
            else
                filter.m_meta.append({key, term.mid(equals + 1)});
        } else if (lower.startsWith(QLatin1String("status:"))) {
            const QString status = lower.mid(7);
            if (status == QLatin1String("critical"))
                filter.m_statuses << Health::Critical;
            else if (status == QLatin1String("warning"))
                filter.m_statuses << Health::Warning;
            else if (status == QLatin1String("passing"))
                filter.m_statuses << Health::Passing;
            else
                filter.m_problems << QStringLiteral(
                    "“status:” is passing, warning or critical, e.g. status:critical.");
        } else {
            filter.m_words << word;
        }
    }
    return filter;
}

bool ListFilter::matches(const FilterSubject &subject) const
{
    if (!hasHealth(subject.checks, m_health))
        return false;
    for (Health status : m_statuses)
        if (!hasHealth(subject.checks, status))
            return false;
    for (const QString &word : m_words) {
        if (std::none_of(subject.texts.begin(), subject.texts.end(), [&word](const QString &t) {
                return t.contains(word, Qt::CaseInsensitive);
            }))
            return false;
    }
    for (const QString &tag : m_tags)
        if (!containsIgnoringCase(subject.tags, tag))
            return false;
    for (const MetaTerm &term : m_meta) {
        bool found = false;
        for (auto it = subject.meta.begin(); it != subject.meta.end() && !found; ++it) {
            if (it.key().compare(term.key, Qt::CaseInsensitive) != 0)
                continue;
            found = !term.value || containsIgnoringCase(it.value(), *term.value);
        }
        if (!found)
            return false;
    }
    return true;
}

QStringList ListFilter::suggestions(const QList<FilterSubject> &subjects)
{
    QSet<QString> words;
    for (const FilterSubject &subject : subjects) {
        for (const QString &tag : subject.tags)
            words.insert(QStringLiteral("tag:") + tag);
        for (auto it = subject.meta.begin(); it != subject.meta.end(); ++it)
            for (const QString &value : it.value())
                words.insert(QStringLiteral("meta:%1=%2").arg(it.key(), value));
    }
    QStringList sorted(words.begin(), words.end());
    sorted.sort(Qt::CaseInsensitive);
    return sorted;
}

} // namespace qonsul::ui

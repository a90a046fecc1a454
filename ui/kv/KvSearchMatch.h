#pragma once
// Whether a KV pair matches the Key/Value page's search, and the one-line excerpt of its value
// the results list shows. Pure functions: the search runs them on a worker thread.

#include "api/KvApi.h"

#include <QString>
#include <optional>

namespace qonsul::ui {

struct KvSearchHit
{
    QString key;
    QString excerpt; // one line of the value around the match (or its start)
    bool inKey = false;
    bool inValue = false;
    bool operator==(const KvSearchHit &) const = default;
};

// The value as text, or nullopt when it is not valid UTF-8 (binary data).
std::optional<QString> kvValueText(const QByteArray &value);

// The hit when the key or the value contains `text` (case-insensitive), else nullopt. A value
// that is not UTF-8 text is matched by its key only, and its excerpt says how long it is.
std::optional<KvSearchHit> matchKvPair(const KvPair &pair, const QString &text);

// At most `length` characters of `value` on one line (line breaks and tabs become spaces),
// starting a few characters before `at`, so that the match shows near the start with some
// context; "…" marks a cut.
QString kvValueExcerpt(const QString &value, qsizetype at, qsizetype length = 80);

} // namespace qonsul::ui

#pragma once
// The two table layouts of Consul's CLI, as pure functions:
// - columnize (ryanuber/columnize): cells split on a delimiter, trimmed, each column padded
//   to its widest cell, columns joined by two spaces, last column not padded, no final
//   newline. Used by members, catalog nodes, …
// - tabwrite (Go's text/tabwriter with padding 6, flags 0): tab-terminated cells padded to
//   the widest cell of their column block plus the padding. Used by kv get -detailed and
//   catalog services -tags.

#include <QString>
#include <QStringList>

namespace qonsul::cli {

// Unit separator: the delimiter our callers put between cells.
inline constexpr QChar cellDelimiter = QChar(0x1f);

QString columnize(const QStringList &lines, QChar delimiter = cellDelimiter);

// `text` is lines separated by '\n' whose cells end with '\t'; the text after a line's last
// tab is not part of any column.
QString tabwrite(const QString &text, int minWidth = 0, int padding = 6);

// Columns are measured in Unicode code points, as Go counts runes.
int displayWidth(const QString &text);

} // namespace qonsul::cli

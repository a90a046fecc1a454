#pragma once
// `kv` output and input formats as pure functions: the -detailed block, and the JSON of
// `kv export` / `kv import`.

#include "api/KvApi.h"
#include "util/Expected.h"

#include <QList>
#include <QString>

namespace qonsul::cli {

// The label/value block of `kv get -detailed` (no final newline).
QString formatKvDetailed(const KvPair &pair, bool base64Value);

// One entry of the export format: {"key": …, "flags": …, "value": "<base64>"}.
struct KvExportEntry
{
    QString key;
    quint64 flags = 0;
    QString value; // base64
};

// Tab-indented JSON array as Go's json.MarshalIndent(entries, "", "\t") writes it.
QString formatKvExport(const QList<KvPair> &pairs);
// Reads the export format back; field names match case-insensitively like Go's decoder.
Expected<QList<KvExportEntry>> parseKvExport(const QByteArray &json);

// A string as Go's encoding/json quotes it (HTML-safe escapes included).
QString goJsonQuote(const QString &text);

} // namespace qonsul::cli

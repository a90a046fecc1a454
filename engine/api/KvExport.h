#pragma once
// The JSON of `qonsul kv export` and `kv import` (Consul's impexp format): an array of
// {"key", "flags", "value" (base64)}. One encoder and decoder for the CLI and the desktop app.

#include "KvApi.h"
#include "util/Expected.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace qonsul {

// One entry of the export format as written in the file.
struct KvExportEntry
{
    QString key;
    quint64 flags = 0;
    QString value; // base64
};

// Tab-indented JSON array as Go's json.MarshalIndent(entries, "", "\t") writes it.
QString formatKvExport(const QList<KvPair> &pairs);

// Reads the export format back the way Go's decoder does: field names match
// case-insensitively, unknown fields are ignored, null leaves a field empty, and a value of the
// wrong type is an error in Go's words (the first one found). `badEntry`, when given, receives
// the index of the entry an error is about, or -1 when it is about the whole document.
Expected<QList<KvExportEntry>> parseKvExport(const QByteArray &json, qsizetype *badEntry = nullptr);

// An export document as pairs ready to write (values decoded). Stricter than `kv import`, which
// stops half-way: every entry is checked first, and the error names the entry (number from 1
// and key) and what is wrong with it.
Expected<QList<KvPair>> decodeKvExport(const QByteArray &json);

} // namespace qonsul

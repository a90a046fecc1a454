#pragma once
// The `kv get -detailed` block as a pure function (the JSON of `kv export` / `kv import` is
// api/KvExport.h, shared with the desktop app).

#include "api/KvApi.h"

#include <QString>

namespace qonsul::cli {

// The label/value block of `kv get -detailed` (no final newline).
QString formatKvDetailed(const KvPair &pair, bool base64Value);

} // namespace qonsul::cli

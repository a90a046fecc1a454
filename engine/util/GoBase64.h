#pragma once
// Strict standard base64 like Go's base64.StdEncoding, shared by the CLI's `kv put -base64`
// and `kv import` and the desktop app's KV import, so they accept and refuse the same input.

#include "util/Expected.h"

#include <QByteArray>

namespace qonsul {

// The decoded bytes, or Go's error text ("illegal base64 data at input byte 4").
Expected<QByteArray> decodeBase64Strict(const QByteArray &text);

} // namespace qonsul

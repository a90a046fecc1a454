#pragma once
// The DATA argument of `kv put` and `kv import`: a literal, "@file" for a file's contents, or
// "-" for standard input. Errors are worded like Consul's.

#include "util/Expected.h"

#include <QByteArray>
#include <QString>

namespace qonsul::cli {

Expected<QByteArray> readDataArgument(const QString &data);

// Strict standard base64 like Go's base64.StdEncoding, with its error text
// ("illegal base64 data at input byte 4").
Expected<QByteArray> decodeBase64Strict(const QByteArray &text);

} // namespace qonsul::cli

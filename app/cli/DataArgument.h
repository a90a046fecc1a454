#pragma once
// The DATA argument of `kv put` and `kv import`: a literal, "@file" for a file's contents, or
// "-" for standard input. Errors are worded like Consul's.

#include "util/Expected.h"

#include <QByteArray>
#include <QString>

namespace qonsul::cli {

Expected<QByteArray> readDataArgument(const QString &data);

} // namespace qonsul::cli

#pragma once
// Turns -config-dir / -config-file arguments into the ordered list of files to load
// (reference §13.1).

#include "util/Expected.h"

#include <QString>
#include <QStringList>

namespace qonsul {

// A directory yields every `*.json` file directly inside it (no recursion, symlinks
// followed, hidden files included) in lexical file-name order; a file yields itself if it
// ends in `.json`. `*.hcl` files are an error (`HCL config files are not supported yet:
// <file>`). Files with other extensions are skipped, with a line in `warnings`, as Consul
// does without -config-format. A path that does not exist is an error.
Expected<QStringList> expandConfigPath(const QString &path, QStringList &warnings);

} // namespace qonsul

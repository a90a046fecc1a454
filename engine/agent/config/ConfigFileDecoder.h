#pragma once
// Decodes one JSON config file into what it sets (snake_case keys, as Consul's files use).

#include "agent/config/ConfigFragment.h"
#include "util/Expected.h"

#include <QByteArray>
#include <QString>

namespace qonsul {

// `fileName` is used in error messages and as each service's sourceFile. Unknown keys are
// `invalid config key <name>`; keys Consul has but Qonsul does not implement yet are
// `<what> is not supported yet`; both prefixed with `<file>:<line>:<col>: `.
Expected<ConfigFragment> decodeConfigFile(const QByteArray &contents, const QString &fileName);

} // namespace qonsul

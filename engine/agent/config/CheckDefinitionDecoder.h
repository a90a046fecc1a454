#pragma once
// Decodes one check definition object of a config file (reference §13.3): a top-level
// `check`/`checks` entry or the `check`/`checks` of a service. Durations are Go duration
// strings; the definition is validated as Consul validates a check type, and errors name the
// file, line, column and field.

#include "agent/checks/CheckDefinition.h"
#include "agent/config/ConfigFieldReader.h"
#include "agent/config/JsonSource.h"
#include "util/Expected.h"

namespace qonsul {

// `path` names the object in errors ("check", "checks[1]", "service.check"). Inside a service
// (`inService`) `service_id` is not accepted and the name may be left out.
Expected<checks::CheckDefinition> decodeCheckDefinition(const ConfigFieldReader &reader,
                                                        const JsonValue &object,
                                                        const QString &path, bool inService);

// A `check` object or a `checks` array of them, appended to `out`.
MaybeError decodeChecks(const ConfigFieldReader &reader, const JsonMember &member,
                        const QString &path, bool inService, QVector<checks::CheckDefinition> &out);

} // namespace qonsul

#pragma once
// Service definitions as `services register` reads them: config files holding "service": {…}
// or "services": […] with snake_case keys (the agent's -config-dir format), turned into the
// agent API's registration JSON (Go field names: "ID", "Name", "EnableTagOverride", …).
// Only JSON files are read; HCL is not supported.

#include "util/Expected.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace qonsul::cli {

// The API field name for a config-file key: "enable_tag_override" → "EnableTagOverride",
// "service_id" → "ServiceID", "grpc_use_tls" → "GRPCUseTLS", "args" → "Args".
QString apiFieldName(const QString &configKey);

// One service definition object (file form) in API form. Keys inside maps (meta, headers,
// proxy config, tagged address names) are kept as they are.
QJsonObject serviceDefinitionToApi(const QJsonObject &definition);

// The definitions of one config file's JSON text; `fileName` is only used in messages.
Expected<QList<QJsonObject>> servicesFromJson(const QByteArray &json, const QString &fileName);
// Every definition of the given files, in order.
Expected<QList<QJsonObject>> servicesFromFiles(const QStringList &files);

} // namespace qonsul::cli

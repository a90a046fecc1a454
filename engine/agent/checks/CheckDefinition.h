#pragma once
// One health check as a user defines it: a `check`/`checks` entry of a config file (alone or
// inside a service), the `Check`/`Checks` of PUT /v1/agent/service/register, or the body of
// PUT /v1/agent/check/register. Consul splits this into CheckDefinition and CheckType; the
// fields set decide what kind of check it is.

#include "state/Records.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <cstdint>

namespace qonsul::checks {

// In the order Consul tries them: a definition with both `ttl` and `http` is a TTL check.
enum class CheckKind { Ttl, Http, Tcp, Grpc, Docker, Script, Alias, None };

QString checkKindName(CheckKind kind);

struct CheckDefinition
{
    QString id; // defaults to the name (standalone) or service:<id>[:N] (service checks)
    QString name;
    QString notes;
    QString serviceId;
    QString token;
    QString status; // initial status; empty: critical

    QStringList args; // script: program and arguments, run without a shell
    QString http;     // URL
    QMap<QString, QStringList> header;
    QString method; // default GET
    QString body;
    bool tlsSkipVerify = false;
    QString tcp; // host:port
    QString grpc;
    bool grpcUseTls = false;
    QString dockerContainerId;
    QString shell;
    QString aliasNode;
    QString aliasService;

    int64_t intervalNs = 0;
    int64_t timeoutNs = 0;
    int64_t ttlNs = 0;
    int64_t deregisterCriticalServiceAfterNs = 0;
    int outputMaxSize = 0; // 0: the default (4096 bytes)
    int successBeforePassing = 0;
    int failuresBeforeCritical = 0;

    // Where a config-file check was written ("web.json:4:14", field "service.check"), for
    // errors found after loading (such as script checks being disabled). Empty for the API.
    QString location;
    QString field;

    CheckKind kind() const;
    bool isScript() const { return !args.isEmpty(); }
    bool isAlias() const { return !aliasNode.isEmpty() || !aliasService.isEmpty(); }
    // Consul's CheckType.Validate(): empty when valid, else the reason
    // ("Interval must be > 0 for Script, HTTP, or TCP checks").
    QString validate() const;
    // HealthCheck.Definition as the catalog shows it.
    state::HealthCheckDefinition catalogDefinition() const;
    // The runtime fields only (not where it was written): whether a reload must restart it.
    bool sameBehaviour(const CheckDefinition &other) const;

    bool operator==(const CheckDefinition &) const = default;
};

// Output size limit when a check sets none (Consul's DefaultBufSize).
inline constexpr int defaultOutputMaxSize = 4096;

} // namespace qonsul::checks

#include "common/CheckDescription.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

namespace qonsul::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CheckDescription", text);
}

QString clockTime(const QDateTime &when)
{
    return QLocale().toString(when.toLocalTime().time(), QStringLiteral("HH:mm:ss"));
}

// What kind of check it is, from the agent's type or, for other nodes, from the catalog's
// definition (Consul 1.6 shows HTTP and TCP there; a check with only an interval is a script).
QString typeOf(const HealthCheck &check, const std::optional<LocalCheckDetails> &local)
{
    if (local)
        return local->type;
    if (check.checkId == QLatin1String("serfHealth"))
        return QStringLiteral("serf");
    if (!check.definition.http.isEmpty())
        return QStringLiteral("http");
    if (!check.definition.tcp.isEmpty())
        return QStringLiteral("tcp");
    if (!check.definition.interval.isEmpty())
        return QStringLiteral("script");
    return QString();
}

QString typeText(const QString &type)
{
    if (type == QLatin1String("script"))
        return tr("script: the agent runs a command; exit code 0 is passing, 1 warning, "
                  "anything else critical");
    if (type == QLatin1String("http"))
        return tr("HTTP: the agent sends a request; a 2xx answer is passing, 429 warning, "
                  "anything else (or no answer) critical");
    if (type == QLatin1String("tcp"))
        return tr("TCP: the agent opens a connection; passing when it is accepted");
    if (type == QLatin1String("ttl"))
        return tr("TTL: the application reports its state through the HTTP API, and the "
                  "check turns critical when no report arrives in time");
    if (type == QLatin1String("alias"))
        return tr("alias: mirrors the health of another service or node");
    if (type == QLatin1String("serf"))
        return tr("gossip: the agent's membership in the cluster (Serf)");
    return tr("not in the catalog (a TTL check, or a check registered in the catalog "
              "directly: Consul's catalog does not say which)");
}

QString withDefault(const QString &used, const QString &written, const QString &why)
{
    if (used.isEmpty())
        return written;
    if (written.isEmpty())
        return tr("%1 (%2)").arg(used, why);
    if (written != used)
        return tr("%1 (%2 was written; %3)").arg(used, written, why);
    return used;
}

} // namespace

QString shellQuoted(const QStringList &args)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    QStringList quoted;
    for (const QString &arg : args) {
        if (plain.match(arg).hasMatch())
            quoted << arg;
        else
            quoted << QLatin1Char('\'') + QString(arg).replace(u'\'', QLatin1String("'\\''")) +
                          QLatin1Char('\'');
    }
    return quoted.join(QLatin1Char(' '));
}

QString relativeTime(const QDateTime &when, const QDateTime &now)
{
    const qint64 ms = now.msecsTo(when);
    if (ms > -1000 && ms <= 0)
        return tr("just now");
    if (ms > 0 && ms < 1000)
        return tr("in under 1 s");
    const qint64 magnitude = qAbs(ms) / 1000;
    const QString amount =
        magnitude < 120 ? tr("%1 s").arg(magnitude) : tr("%1 min").arg(magnitude / 60);
    return ms > 0 ? tr("in %1").arg(amount) : tr("%1 ago").arg(amount);
}

QString maintenanceExplanation(const HealthCheck &check)
{
    static const QLatin1String servicePrefix("_service_maintenance:");
    const bool node = !check.checkId.startsWith(servicePrefix);
    const QString reason = check.notes.isEmpty() ? tr("none given") : check.notes;
    if (node)
        return tr("Node %1 is in maintenance mode, on purpose: every service on it is left out "
                  "of DNS answers and of passing-only health queries until it ends. Reason: "
                  "%2. End it with: qonsul maint -disable (on that node's agent)")
            .arg(check.node, reason);
    const QString serviceId = check.checkId.mid(servicePrefix.size());
    return tr("Service %1 on %2 is in maintenance mode, on purpose: it is left out of DNS "
              "answers and of passing-only health queries until it ends. Reason: %3. End it "
              "with: qonsul maint -disable -service=%1")
        .arg(serviceId, check.node, reason);
}

QList<DescriptionRow> describeCheck(const HealthCheck &check,
                                    const std::optional<LocalCheckDetails> &local,
                                    const QDateTime &now)
{
    QList<DescriptionRow> rows;
    if (check.isMaintenance()) {
        rows << DescriptionRow{tr("Type"), tr("maintenance mode (not a probe: nothing runs)")};
        return rows;
    }
    const QString type = typeOf(check, local);
    rows << DescriptionRow{tr("Type"), typeText(type)};
    if (type == QLatin1String("serf")) {
        rows << DescriptionRow{tr("Kept by"),
                               tr("the servers: passing while the node's agent answers gossip, "
                                  "critical when it stops answering or leaves")};
        return rows;
    }

    if (local) {
        if (!local->args.isEmpty())
            rows << DescriptionRow{tr("Command"),
                                   tr("%1 (run without a shell)").arg(shellQuoted(local->args))};
        if (!local->http.isEmpty())
            rows << DescriptionRow{
                tr("Request"),
                QStringLiteral("%1 %2").arg(
                    local->method.isEmpty() ? QStringLiteral("GET") : local->method, local->http)};
        if (!local->tcp.isEmpty())
            rows << DescriptionRow{tr("Address"), local->tcp};
        if (!local->aliasService.isEmpty())
            rows << DescriptionRow{tr("Mirrors"), tr("service %1").arg(local->aliasService)};
        else if (!local->aliasNode.isEmpty())
            rows << DescriptionRow{tr("Mirrors"), tr("node %1").arg(local->aliasNode)};
        if (!local->ttl.isEmpty())
            rows << DescriptionRow{tr("TTL"), local->ttl};
        if (!local->runsEvery.isEmpty())
            rows << DescriptionRow{tr("Interval"), withDefault(local->runsEvery, local->interval,
                                                               tr("the agent's minimum interval"))};
        if (!local->timesOutAfter.isEmpty())
            rows << DescriptionRow{
                tr("Timeout"),
                withDefault(local->timesOutAfter, local->timeout,
                            local->timeout.isEmpty() ? tr("the default") : tr("adjusted"))};
    } else {
        if (!check.definition.http.isEmpty())
            rows << DescriptionRow{tr("Request"),
                                   QStringLiteral("%1 %2").arg(check.definition.method.isEmpty()
                                                                   ? QStringLiteral("GET")
                                                                   : check.definition.method,
                                                               check.definition.http)};
        if (!check.definition.tcp.isEmpty())
            rows << DescriptionRow{tr("Address"), check.definition.tcp};
        if (!check.definition.interval.isEmpty())
            rows << DescriptionRow{tr("Interval"), check.definition.interval};
        if (!check.definition.timeout.isEmpty())
            rows << DescriptionRow{tr("Timeout"), check.definition.timeout};
    }
    const QString deregister = local ? local->deregisterCriticalServiceAfter
                                     : check.definition.deregisterCriticalServiceAfter;
    if (!deregister.isEmpty())
        rows << DescriptionRow{
            tr("Deregistered"),
            tr("after %1 critical (deregister_critical_service_after)").arg(deregister)};

    if (!local) {
        rows << DescriptionRow{
            tr("Runs on"),
            tr("the agent of node %1. The agent this app talks to knows only what the catalog "
               "holds about it: last and next runs are not shown.")
                .arg(check.node)};
        return rows;
    }
    if (local->source == QLatin1String("file"))
        rows << DescriptionRow{tr("Defined in"), local->location.isEmpty()
                                                     ? tr("a configuration file")
                                                     : local->location};
    else if (local->source == QLatin1String("api"))
        rows << DescriptionRow{tr("Defined by"), tr("the HTTP API (a register request)")};

    if (local->type == QLatin1String("ttl")) {
        rows << DescriptionRow{
            tr("Last report"),
            local->lastRun.isValid()
                ? tr("%1, %2").arg(clockTime(local->lastRun), relativeTime(local->lastRun, now))
                : tr("none yet")};
        if (local->ttlExpires.isValid())
            rows << DescriptionRow{local->ttlExpires > now ? tr("Runs out") : tr("Ran out"),
                                   tr("%1, %2").arg(clockTime(local->ttlExpires),
                                                    relativeTime(local->ttlExpires, now))};
        return rows;
    }
    if (local->runsEvery.isEmpty())
        return rows; // nothing is scheduled (alias checks follow the catalog)
    QString last = tr("not yet");
    if (local->running && local->lastRun.isValid())
        last = tr("running now (started %1)").arg(relativeTime(local->lastRun, now));
    else if (local->lastRun.isValid())
        last = tr("%1, %2").arg(clockTime(local->lastRun), relativeTime(local->lastRun, now)) +
               (local->lastRunDuration.isEmpty() ? QString()
                                                 : tr(", took %1").arg(local->lastRunDuration));
    rows << DescriptionRow{tr("Last run"), last};
    QString next = tr("after the current run, plus the interval");
    if (local->nextRun.isValid())
        next = tr("%1, %2").arg(clockTime(local->nextRun), local->nextRun > now
                                                               ? relativeTime(local->nextRun, now)
                                                               : tr("due now"));
    rows << DescriptionRow{tr("Next run"), next};
    return rows;
}

} // namespace qonsul::ui

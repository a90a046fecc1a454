#include "TrackHints.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace qonsul::ui {

namespace {

// "listen tcp 127.0.0.1:8500: bind: …" → "127.0.0.1:8500"; socat says "bind(5, {AF=2
// 0.0.0.0:8181}, 16): Address already in use".
QString busyAddress(const QString &output)
{
    static const QRegularExpression listen(QStringLiteral(R"(listen (?:tcp|udp) ([0-9.]+:\d+))"));
    static const QRegularExpression socat(QStringLiteral(R"(AF=2 ([0-9.]+:\d+))"));
    for (const QRegularExpression *pattern : {&listen, &socat}) {
        const QRegularExpressionMatch match = pattern->match(output);
        if (match.hasMatch())
            return match.captured(1);
    }
    return QString();
}

} // namespace

std::optional<TrackHint> hintForCommand(const QString &command, int exitCode, const QString &output,
                                        const TrackEnvironment &environment)
{
    if (output.contains(QLatin1String("already in use"), Qt::CaseInsensitive)) {
        const QString address = busyAddress(output);
        const QString port = address.section(QLatin1Char(':'), -1);
        const bool devAgent = command.contains(QLatin1String("agent -dev"));
        if (devAgent && environment.embeddedAgentOnDevAddress)
            return TrackHint{TrackHint::Kind::EmbeddedAgentInTheWay,
                             QCoreApplication::translate(
                                 "Track",
                                 "The port is busy: this app's own dev agent holds %1. Stop it and "
                                 "run the command again; the app's pages then follow your agent.")
                                 .arg(environment.devHttpAddress())};
        return TrackHint{
            TrackHint::Kind::PortBusy,
            QCoreApplication::translate(
                "Track", "The port is busy: something already listens on %1. An agent or proxy "
                         "of an earlier step may still run (its Stop button is under Running), "
                         "or another program has it: %2 shows which.")
                .arg(address.isEmpty() ? QCoreApplication::translate("Track", "its address")
                                       : address,
                     hintCode(QStringLiteral("ss -ltnup 'sport = :%1'")
                                  .arg(port.isEmpty() ? QStringLiteral("8500") : port)))};
    }
    if (output.contains(QLatin1String("Scripts are disabled")))
        return TrackHint{TrackHint::Kind::ScriptChecksDisabled,
                         QCoreApplication::translate(
                             "Track",
                             "Script checks are not enabled: this agent refuses checks that run "
                             "commands. Stop it and start it again with %1 (as in step 5), then "
                             "reload.")
                             .arg(hintCode(QStringLiteral("-enable-script-checks=true")))};
    // The command's own agent did not answer (its HTTP API): nothing else can be told.
    const bool noAgent = output.contains(QLatin1String("Error connecting to Consul agent")) ||
                         (output.contains(QLatin1String("/v1/")) &&
                          output.contains(QLatin1String("connection refused")));
    if (command.contains(QLatin1String("consul join")) && exitCode > 0 && !noAgent) {
        static const QRegularExpression address(
            QStringLiteral(R"(Error joining address '([^']*)')"));
        const QString tried = address.match(output).captured(1);
        return TrackHint{
            TrackHint::Kind::WrongJoinAddress,
            QCoreApplication::translate(
                "Track", "The join went to %1, where no agent listens for gossip. agent-one is "
                         "on %2 and agent-two on %3 (gossip on port 8301): %4")
                .arg(tried.isEmpty() ? QCoreApplication::translate("Track", "an address")
                                     : hintCode(tried),
                     environment.n1, environment.n2,
                     hintCode(environment.expand(
                         QStringLiteral("consul join -http-addr={n1}:8500 {n2}"))))};
    }
    if (exitCode > 0 && noAgent) {
        return TrackHint{TrackHint::Kind::NothingAnswers,
                         QCoreApplication::translate(
                             "Track", "No agent answered. Start the agent of this step first "
                                      "(the commands that keep running), then run this again.")};
    }
    // nc through web's upstream: silence is what a deny does, and also what a sidecar does
    // in its first seconds, before its check passes and Consul offers it to web.
    static const QRegularExpression netcat(QStringLiteral(R"((^|[|;&]\s*)nc\s)"));
    if (exitCode == 0 && output.trimmed().isEmpty() && netcat.match(command).hasMatch() &&
        command.contains(QString::number(environment.upstreamPort)))
        return TrackHint{
            TrackHint::Kind::NothingCameBack,
            QCoreApplication::translate(
                "Track",
                "Nothing came back. An intention that denies web → socat does that (after %1 it "
                "is what should happen). Otherwise both sidecars must run, and Consul hands web "
                "only a sidecar whose check passes, up to 10 s after it starts: run it again "
                "in a moment. The result below says which it is.")
                .arg(hintCode(QStringLiteral("consul intention create -deny web socat")))};
    return std::nullopt;
}

} // namespace qonsul::ui

#include "Command.h"

namespace qonsul::cli {

std::optional<QStringList> Command::parseFlags(const QStringList &args)
{
    Expected<QStringList> rest = m_flags.parse(args);
    if (!rest) {
        m_ui.errorRaw(m_flags.parseErrorText(rest.error()));
        return std::nullopt;
    }
    return *rest;
}

namespace {

QString tooManyArguments(int expected, qsizetype got)
{
    return QStringLiteral("Too many arguments (expected %1, got %2)").arg(expected).arg(got);
}

} // namespace

bool Command::parseFlagsOnly(const QStringList &args)
{
    const auto rest = parseFlags(args);
    if (!rest)
        return false;
    if (!rest->isEmpty()) {
        m_ui.error(tooManyArguments(0, rest->size()));
        return false;
    }
    return true;
}

std::optional<QString> Command::parseFlagsAndKey(const QStringList &args)
{
    const auto rest = parseFlags(args);
    if (!rest)
        return std::nullopt;
    if (rest->size() > 1) {
        m_ui.error(tooManyArguments(1, rest->size()));
        return std::nullopt;
    }
    QString key = rest->value(0);
    if (key.startsWith(QLatin1Char('/')))
        key.remove(0, 1);
    return key;
}

void ClientCommand::addHttpFlags(bool readFlags)
{
    m_http.addClientFlags(m_flags);
    if (readFlags)
        m_http.addServerFlags(m_flags);
}

std::unique_ptr<ApiClient> ClientCommand::makeClient()
{
    const ApiConfig config = m_http.config();
    QString error;
    if (const Expected<QUrl> url = config.baseUrl(); !url)
        error = url.error();
    else if (const Expected<QString> token = config.effectiveToken(); !token)
        error = token.error();
    if (!error.isEmpty()) {
        ui().error(QStringLiteral("Error connecting to Consul agent: ") + error);
        return nullptr;
    }
    return std::make_unique<ApiClient>(config);
}

} // namespace qonsul::cli

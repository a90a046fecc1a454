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

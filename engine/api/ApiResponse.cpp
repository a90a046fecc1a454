#include "ApiResponse.h"

namespace qonsul {

QString ApiResponse::errorText() const
{
    if (isTransportFailure())
        return transportError;
    return QStringLiteral("Unexpected response code: %1 (%2)")
        .arg(statusCode)
        .arg(QString::fromUtf8(body));
}

std::optional<Error> requireOk(const ApiResponse &response)
{
    if (response.statusCode == 200)
        return std::nullopt;
    return makeError(response.errorText());
}

} // namespace qonsul

#include "EventFilters.h"

#include <QRegularExpression>
#include <utility>

namespace qonsul::cli {

std::optional<QString> eventFilterError(const QString &node, const QString &service,
                                        const QString &tag)
{
    const std::pair<const QString &, const char *> filters[] = {
        {node, "node"}, {service, "service"}, {tag, "tag"}};
    for (const auto &[pattern, what] : filters) {
        const QRegularExpression re(pattern);
        if (!pattern.isEmpty() && !re.isValid())
            return QStringLiteral("Failed to compile %1 filter regexp: error parsing regexp: "
                                  "%2: `%3`")
                .arg(QLatin1String(what), re.errorString(), pattern);
    }
    if (!tag.isEmpty() && service.isEmpty())
        return QStringLiteral("Cannot provide tag filter without service filter.");
    return std::nullopt;
}

} // namespace qonsul::cli

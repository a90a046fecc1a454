#include "EventFilters.h"

#include <QRegularExpression>
#include <utility>

namespace qonsul::cli {

void EventFilterFlags::addTo(FlagSet &flags)
{
    flags.addString("node", &node, "Regular expression to filter on node names.");
    flags.addString("service", &service, "Regular expression to filter on service instances.");
    flags.addString("tag", &tag,
                    "Regular expression to filter on service tags. Must be used with -service.");
}

std::optional<QString> EventFilterFlags::error() const
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

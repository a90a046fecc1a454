#include "agent/config/WatchDefinition.h"

#include <utility>

namespace qonsul {

std::optional<QString> validateWatch(const WatchDefinition &watch)
{
    QStringList given;
    for (const auto &[name, value] : {std::pair{"key", watch.key},
                                      {"prefix", watch.prefix},
                                      {"service", watch.service},
                                      {"tag", watch.tag},
                                      {"state", watch.state},
                                      {"name", watch.name}})
        if (!value.isEmpty())
            given.append(QLatin1String(name));
    if (watch.passingOnly)
        given.append(QStringLiteral("passingonly"));
    auto only = [&given](const QStringList &allowed) -> std::optional<QString> {
        QStringList extra;
        for (const QString &name : given)
            if (!allowed.contains(name))
                extra.append(name);
        if (extra.isEmpty())
            return std::nullopt;
        extra.sort();
        return QStringLiteral("Invalid parameters: [%1]").arg(extra.join(QLatin1Char(' ')));
    };
    const QString &type = watch.type;
    if (type == QLatin1String("key")) {
        if (auto error = only({QStringLiteral("key")}))
            return error;
        if (watch.key.isEmpty())
            return QStringLiteral("Must specify a single key to watch");
    } else if (type == QLatin1String("keyprefix")) {
        if (auto error = only({QStringLiteral("prefix")}))
            return error;
        if (watch.prefix.isEmpty())
            return QStringLiteral("Must specify a single prefix to watch");
    } else if (type == QLatin1String("services") || type == QLatin1String("nodes")) {
        if (auto error = only({}))
            return error;
    } else if (type == QLatin1String("service")) {
        if (auto error = only(
                {QStringLiteral("service"), QStringLiteral("tag"), QStringLiteral("passingonly")}))
            return error;
        if (watch.service.isEmpty())
            return QStringLiteral("Must specify a single service to watch");
    } else if (type == QLatin1String("checks")) {
        if (auto error = only({QStringLiteral("service"), QStringLiteral("state")}))
            return error;
        if (!watch.service.isEmpty() && !watch.state.isEmpty())
            return QStringLiteral("Cannot specify service and state");
    } else if (type == QLatin1String("event")) {
        if (auto error = only({QStringLiteral("name")}))
            return error;
    } else {
        return QStringLiteral("Unsupported watch type: %1").arg(type);
    }
    return std::nullopt;
}

} // namespace qonsul

#include "agent/UserEvents.h"

#include <QCborMap>
#include <QCborValue>
#include <QRegularExpression>

namespace qonsul {

namespace {

const QString gossipPrefix = QStringLiteral("consul:event:");

// Go's regexp.MatchString: a match anywhere in the text.
bool searches(const QString &pattern, const QString &text)
{
    const QRegularExpression re(pattern);
    return re.isValid() && re.match(text).hasMatch();
}

QString regexError(const QString &pattern)
{
    const QRegularExpression re(pattern);
    return re.isValid() ? QString() : re.errorString();
}

} // namespace

bool UserEvent::matches(const QString &node, const std::vector<Service> &services) const
{
    if (!nodeFilter.isEmpty() && !searches(nodeFilter, node))
        return false;
    if (serviceFilter.isEmpty())
        return true;
    for (const Service &service : services) {
        if (!searches(serviceFilter, service.id))
            continue;
        if (tagFilter.isEmpty())
            return true;
        for (const QString &tag : service.tags)
            if (searches(tagFilter, tag))
                return true;
    }
    return false;
}

QString validateUserEvent(const UserEvent &event)
{
    if (event.name.isEmpty())
        return QStringLiteral("User event missing name");
    if (!event.tagFilter.isEmpty() && event.serviceFilter.isEmpty())
        return QStringLiteral("Cannot provide tag filter without service filter");
    const std::pair<const QString &, const char *> filters[] = {
        {event.nodeFilter, "node"}, {event.serviceFilter, "service"}, {event.tagFilter, "tag"}};
    for (const auto &[pattern, what] : filters) {
        if (const QString error = regexError(pattern); !error.isEmpty())
            return QStringLiteral("Invalid %1 filter: %2").arg(QLatin1String(what), error);
    }
    return {};
}

QString gossipEventName(const QString &name)
{
    return gossipPrefix + name;
}

QString userEventNameOf(const QString &gossipName)
{
    return gossipName.startsWith(gossipPrefix) ? gossipName.mid(gossipPrefix.size()) : QString();
}

// The keys are those of Consul's msgpack encoding of the event.
QByteArray encodeUserEvent(const UserEvent &event)
{
    QCborMap map;
    map.insert(QStringLiteral("ID"), event.id);
    map.insert(QStringLiteral("n"), event.name);
    if (event.payload)
        map.insert(QStringLiteral("p"), *event.payload);
    if (!event.nodeFilter.isEmpty())
        map.insert(QStringLiteral("nf"), event.nodeFilter);
    if (!event.serviceFilter.isEmpty())
        map.insert(QStringLiteral("sf"), event.serviceFilter);
    if (!event.tagFilter.isEmpty())
        map.insert(QStringLiteral("tf"), event.tagFilter);
    map.insert(QStringLiteral("v"), event.version);
    return QCborValue(map).toCbor();
}

Expected<UserEvent> decodeUserEvent(const QByteArray &bytes)
{
    QCborParserError error;
    const QCborValue value = QCborValue::fromCbor(bytes, &error);
    if (error.error != QCborError::NoError || !value.isMap())
        return makeError(QStringLiteral("not an encoded user event"));
    const QCborMap map = value.toMap();
    auto text = [&](const char *key, QString *out) {
        const QCborValue v = map.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        *out = v.toString();
        return v.isString();
    };
    UserEvent event;
    const QCborValue payload = map.value(QStringLiteral("p"));
    const QCborValue version = map.value(QStringLiteral("v"));
    if (!text("ID", &event.id) || !text("n", &event.name) || !text("nf", &event.nodeFilter) ||
        !text("sf", &event.serviceFilter) || !text("tf", &event.tagFilter) ||
        !(payload.isUndefined() || payload.isByteArray()) || !version.isInteger())
        return makeError(QStringLiteral("a user event field has the wrong type"));
    if (payload.isByteArray())
        event.payload = payload.toByteArray();
    event.version = int(version.toInteger());
    return event;
}

uint64_t userEventIndex(const QString &uuid)
{
    // 8-4-4-4-12 hex digits: the first three groups are one half, the last two the other.
    if (uuid.size() != 36)
        return 0;
    bool lowOk = false;
    bool highOk = false;
    const uint64_t low =
        (uuid.mid(0, 8) + uuid.mid(9, 4) + uuid.mid(14, 4)).toULongLong(&lowOk, 16);
    const uint64_t high = (uuid.mid(19, 4) + uuid.mid(24, 12)).toULongLong(&highOk, 16);
    return lowOk && highOk ? low ^ high : 0;
}

void UserEventLog::add(UserEvent event)
{
    m_events.push_back(std::move(event));
    while (m_events.size() > capacity)
        m_events.pop_front();
}

} // namespace qonsul

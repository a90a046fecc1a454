#pragma once
// Consul's user events on one agent (agent/user_event.go): what one carries through gossip
// (its ID, name, payload and the filters that pick the agents that take it), the checks made
// before one is fired, and the ring of the newest 256 taken here that /v1/event/list shows.
// Gossip carries the event as "consul:event:<name>" with this record, encoded, as payload.

#include "util/Expected.h"

#include <QByteArray>
#include <QString>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

namespace qonsul {

struct UserEvent
{
    QString id; // a UUID, given when fired
    QString name;
    std::optional<QByteArray> payload; // none: JSON null
    QString nodeFilter;                // regular expressions, "" for none
    QString serviceFilter;
    QString tagFilter;
    int version = 1;
    uint64_t ltime = 0; // the gossip Lamport time it came with (0 in the fire's answer)

    // What local state the filters are matched against.
    struct Service
    {
        QString id;
        std::vector<QString> tags;
    };
    // Whether an agent on `node` with these services takes the event (Consul matches the
    // service filter against service IDs, the tag filter against their tags).
    bool matches(const QString &node, const std::vector<Service> &services) const;
};

// Consul's validateUserEventParams: "" or why not ("User event missing name", …).
QString validateUserEvent(const UserEvent &event);

// The name the event has in gossip, and back ("" when a gossip event is not a Consul one).
QString gossipEventName(const QString &name);
QString userEventNameOf(const QString &gossipName);

QByteArray encodeUserEvent(const UserEvent &event);
Expected<UserEvent> decodeUserEvent(const QByteArray &bytes);

// Consul's uuidToUint64: the blocking index of the event list, the two halves of the newest
// event's ID XOR-ed (0 for what is not a UUID).
uint64_t userEventIndex(const QString &uuid);

// The newest `capacity` events taken here, oldest first.
class UserEventLog
{
public:
    static constexpr size_t capacity = 256;
    static constexpr const char *topic = "agent-user-events";

    void add(UserEvent event);
    const std::deque<UserEvent> &events() const { return m_events; }

private:
    std::deque<UserEvent> m_events;
};

} // namespace qonsul

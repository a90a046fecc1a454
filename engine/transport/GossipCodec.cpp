#include "transport/GossipCodec.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>

namespace qonsul::transport {

using namespace gossip;

namespace {

constexpr int wireVersion = 1;
enum Type : int {
    PingType = 0,
    IndirectPingType,
    AckType,
    NackType,
    AliveType,
    SuspectType,
    DeadType,
    PushPullType,
    UserEventType
};

QString text(const std::string &s)
{
    return QString::fromStdString(s);
}

QCborMap tagsOf(const std::map<std::string, std::string> &tags)
{
    QCborMap map;
    for (const auto &[key, value] : tags)
        map.insert(text(key), text(value));
    return map;
}

QCborValue bytesOf(const std::string &bytes)
{
    return QByteArray(bytes.data(), qsizetype(bytes.size()));
}

// Lamport times go out as CBOR's signed integers: past 2^63 they would wrap, and a decoder
// refuses what is negative.
QCborArray encode(const Message &message)
{
    if (const auto *m = std::get_if<Ping>(&message))
        return {PingType, qint64(m->seq), text(m->target), text(m->source)};
    if (const auto *m = std::get_if<IndirectPing>(&message))
        return {IndirectPingType,       qint64(m->seq), text(m->target),
                text(m->targetAddress), m->wantNack,    text(m->source)};
    if (const auto *m = std::get_if<Ack>(&message))
        return {AckType, qint64(m->seq), bytesOf(m->payload)};
    if (const auto *m = std::get_if<Nack>(&message))
        return {NackType, qint64(m->seq)};
    if (const auto *m = std::get_if<Alive>(&message))
        return {AliveType, text(m->member.name), text(m->member.address),
                qint64(m->member.incarnation), tagsOf(m->member.tags)};
    if (const auto *m = std::get_if<Suspect>(&message))
        return {SuspectType, qint64(m->incarnation), text(m->name), text(m->from)};
    if (const auto *m = std::get_if<Dead>(&message))
        return {DeadType, qint64(m->incarnation), text(m->name), text(m->from)};
    if (const auto *m = std::get_if<UserEvent>(&message))
        return {UserEventType, qint64(m->ltime), text(m->name), bytesOf(m->payload)};
    const auto &p = std::get<PushPull>(message);
    QCborArray states;
    for (const PushPullState &s : p.states)
        states.append(QCborArray{text(s.member.name), text(s.member.address),
                                 qint64(s.member.incarnation), tagsOf(s.member.tags),
                                 int(s.state)});
    QCborArray events;
    for (const UserEvent &e : p.events)
        events.append(QCborArray{qint64(e.ltime), text(e.name), bytesOf(e.payload)});
    return {PushPullType, p.join, p.reply, states, qint64(p.eventLTime), events};
}

// Reads the fields of one message array in order, remembering the first problem.
class Fields
{
public:
    Fields(const QCborArray &array, const GossipCodecLimits &limits, int count)
        : m_array(array), m_limits(limits)
    {
        if (array.size() != count)
            fail(QStringLiteral("a message of type %1 has %2 fields, not %3")
                     .arg(array.at(0).toInteger())
                     .arg(array.size())
                     .arg(count));
        m_next = 1;
    }
    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    void fail(const QString &why)
    {
        if (m_error.isEmpty())
            m_error = why;
    }

    uint32_t u32()
    {
        const QCborValue v = take();
        if (!v.isInteger() || v.toInteger() < 0 || v.toInteger() > 0xffffffffLL)
            fail(QStringLiteral("field %1 is not a 32-bit unsigned number").arg(m_next - 1));
        return uint32_t(v.toInteger());
    }
    uint64_t lamport()
    {
        const QCborValue v = take();
        return lamportOf(v, m_next - 1);
    }
    uint64_t lamportOf(const QCborValue &v, qsizetype field)
    {
        if (!v.isInteger() || v.toInteger() < 0)
            fail(QStringLiteral("field %1 is not a Lamport time").arg(field));
        return uint64_t(v.toInteger());
    }
    std::string payloadOf(const QCborValue &v, qsizetype field)
    {
        if (!v.isByteArray() || v.toByteArray().size() > m_limits.maxEventPayload) {
            fail(QStringLiteral("field %1 is not a payload of at most %2 bytes")
                     .arg(field)
                     .arg(m_limits.maxEventPayload));
            return {};
        }
        const QByteArray bytes = v.toByteArray();
        return std::string(bytes.constData(), size_t(bytes.size()));
    }
    bool flag()
    {
        const QCborValue v = take();
        if (!v.isBool())
            fail(QStringLiteral("field %1 is not a boolean").arg(m_next - 1));
        return v.toBool();
    }
    std::string string()
    {
        const QCborValue v = take();
        return textOf(v, m_next - 1);
    }
    std::map<std::string, std::string> tags()
    {
        const QCborValue v = take();
        return tagsFrom(v, m_next - 1);
    }
    QCborValue take() { return m_next < m_array.size() ? m_array.at(m_next++) : QCborValue(); }

    std::string textOf(const QCborValue &v, qsizetype field)
    {
        if (!v.isString() || v.toString().size() > m_limits.maxText) {
            fail(QStringLiteral("field %1 is not a string of at most %2 characters")
                     .arg(field)
                     .arg(m_limits.maxText));
            return {};
        }
        return v.toString().toStdString();
    }
    std::map<std::string, std::string> tagsFrom(const QCborValue &v, qsizetype field)
    {
        std::map<std::string, std::string> tags;
        const QCborMap map = v.toMap();
        if (!v.isMap() || map.size() > m_limits.maxTags) {
            fail(QStringLiteral("field %1 is not a map of at most %2 tags")
                     .arg(field)
                     .arg(m_limits.maxTags));
            return tags;
        }
        for (auto it = map.constBegin(); it != map.constEnd(); ++it)
            tags[textOf(it.key(), field)] = textOf(it.value(), field);
        return tags;
    }

private:
    const QCborArray &m_array;
    const GossipCodecLimits &m_limits;
    qsizetype m_next = 1;
    QString m_error;
};

Expected<Message> decode(const QCborValue &value, const GossipCodecLimits &limits)
{
    if (!value.isArray() || value.toArray().isEmpty() || !value.toArray().at(0).isInteger())
        return makeError(QStringLiteral("a message is not an array led by its type"));
    const QCborArray array = value.toArray();
    const qint64 type = array.at(0).toInteger();
    auto finish = [&](Fields &f, Message m) -> Expected<Message> {
        if (!f.ok())
            return makeError(f.error());
        return m;
    };
    switch (type) {
    case PingType: {
        Fields f(array, limits, 4);
        Ping m{f.u32(), f.string(), f.string()};
        return finish(f, m);
    }
    case IndirectPingType: {
        Fields f(array, limits, 6);
        IndirectPing m;
        m.seq = f.u32();
        m.target = f.string();
        m.targetAddress = f.string();
        m.wantNack = f.flag();
        m.source = f.string();
        return finish(f, m);
    }
    case AckType: {
        Fields f(array, limits, 3);
        Ack m;
        m.seq = f.u32();
        m.payload = f.payloadOf(f.take(), 2);
        return finish(f, m);
    }
    case NackType: {
        Fields f(array, limits, 2);
        return finish(f, Nack{f.u32()});
    }
    case AliveType: {
        Fields f(array, limits, 5);
        Alive m;
        m.member.name = f.string();
        m.member.address = f.string();
        m.member.incarnation = f.u32();
        m.member.tags = f.tags();
        return finish(f, m);
    }
    case SuspectType:
    case DeadType: {
        Fields f(array, limits, 4);
        const uint32_t incarnation = f.u32();
        std::string name = f.string();
        std::string from = f.string();
        if (type == SuspectType)
            return finish(f, Suspect{incarnation, std::move(name), std::move(from)});
        return finish(f, Dead{incarnation, std::move(name), std::move(from)});
    }
    case UserEventType: {
        Fields f(array, limits, 4);
        UserEvent m;
        m.ltime = f.lamport();
        m.name = f.string();
        m.payload = f.payloadOf(f.take(), 3);
        return finish(f, m);
    }
    case PushPullType: {
        Fields f(array, limits, 6);
        if (!f.ok())
            return makeError(f.error());
        PushPull m;
        m.join = f.flag();
        m.reply = f.flag();
        const QCborValue states = f.take();
        if (!states.isArray() || states.toArray().size() > limits.maxMembers)
            return makeError(QStringLiteral("a push/pull's members are not a list of at most %1")
                                 .arg(limits.maxMembers));
        for (const QCborValue &item : states.toArray()) {
            if (!item.isArray())
                return makeError(QStringLiteral("a push/pull member is not an array"));
            const QCborArray fields = item.toArray();
            if (fields.size() != 5)
                return makeError(
                    QStringLiteral("a push/pull member has %1 fields, not 5").arg(fields.size()));
            Fields s(fields, limits, int(fields.size()));
            PushPullState state;
            state.member.name = s.textOf(fields.at(0), 0);
            state.member.address = s.textOf(fields.at(1), 1);
            const QCborValue incarnation = fields.at(2);
            if (!incarnation.isInteger() || incarnation.toInteger() < 0 ||
                incarnation.toInteger() > 0xffffffffLL)
                s.fail(QStringLiteral("field 2 is not a 32-bit unsigned number"));
            state.member.incarnation = uint32_t(incarnation.toInteger());
            state.member.tags = s.tagsFrom(fields.at(3), 3);
            const QCborValue st = fields.at(4);
            if (!st.isInteger() || st.toInteger() < 0 || st.toInteger() > int(MemberState::Left))
                s.fail(QStringLiteral("field 4 is not a member state"));
            state.state = MemberState(st.toInteger());
            if (!s.ok())
                return makeError(QStringLiteral("a push/pull member: ") + s.error());
            m.states.push_back(std::move(state));
        }
        m.eventLTime = f.lamport();
        const QCborValue events = f.take();
        if (!events.isArray() || events.toArray().size() > limits.maxEvents)
            return makeError(QStringLiteral("a push/pull's events are not a list of at most %1")
                                 .arg(limits.maxEvents));
        for (const QCborValue &item : events.toArray()) {
            const QCborArray fields = item.toArray();
            if (!item.isArray() || fields.size() != 3)
                return makeError(QStringLiteral("a push/pull event is not an array of 3 fields"));
            Fields e(fields, limits, 3);
            UserEvent event;
            event.ltime = e.lamportOf(fields.at(0), 0);
            event.name = e.textOf(fields.at(1), 1);
            event.payload = e.payloadOf(fields.at(2), 2);
            if (!e.ok())
                return makeError(QStringLiteral("a push/pull event: ") + e.error());
            m.events.push_back(std::move(event));
        }
        return finish(f, m);
    }
    default:
        return makeError(QStringLiteral("unknown message type %1").arg(type));
    }
}

} // namespace

QByteArray encodeGossipPacket(const Packet &packet)
{
    QCborArray messages;
    for (const Message &message : packet.messages)
        messages.append(encode(message));
    return QCborValue(QCborArray{wireVersion, messages}).toCbor();
}

Expected<Packet> decodeGossipPacket(const QByteArray &bytes, const GossipCodecLimits &limits)
{
    if (bytes.size() > limits.maxBytes)
        return makeError(QStringLiteral("a gossip packet of %1 bytes is over the limit of %2")
                             .arg(bytes.size())
                             .arg(limits.maxBytes));
    QCborParserError parseError;
    const QCborValue root = QCborValue::fromCbor(bytes, &parseError);
    if (parseError.error != QCborError::NoError)
        return makeError(QStringLiteral("not CBOR: %1").arg(parseError.errorString()));
    const QCborArray top = root.toArray();
    if (!root.isArray() || top.size() != 2 || !top.at(0).isInteger() || !top.at(1).isArray())
        return makeError(QStringLiteral("not a gossip packet"));
    if (top.at(0).toInteger() != wireVersion)
        return makeError(
            QStringLiteral("gossip wire version %1 is not spoken here").arg(top.at(0).toInteger()));
    const QCborArray messages = top.at(1).toArray();
    if (messages.isEmpty() || messages.size() > limits.maxMessages)
        return makeError(QStringLiteral("a gossip packet carries 1 to %1 messages, not %2")
                             .arg(limits.maxMessages)
                             .arg(messages.size()));
    Packet packet;
    for (const QCborValue &value : messages) {
        Expected<Message> message = decode(value, limits);
        if (!message)
            return makeError(message.error());
        packet.messages.push_back(std::move(*message));
    }
    return packet;
}

QByteArray encodeCoordinate(const Coordinate &coordinate)
{
    QCborArray vec;
    for (double component : coordinate.vec)
        vec.append(component);
    return QCborValue(
               QCborArray{1, vec, coordinate.error, coordinate.adjustment, coordinate.height})
        .toCbor();
}

Expected<Coordinate> decodeCoordinate(const QByteArray &bytes)
{
    const QCborArray array = QCborValue::fromCbor(bytes).toArray();
    if (array.size() != 5 || array.at(0).toInteger() != 1 || !array.at(1).isArray() ||
        array.at(1).toArray().size() > 64)
        return makeError(QStringLiteral("not an encoded coordinate"));
    auto number = [](const QCborValue &v, double *out) {
        if (!v.isDouble() && !v.isInteger())
            return false;
        *out = v.toDouble();
        return true;
    };
    Coordinate c;
    for (const QCborValue &component : array.at(1).toArray()) {
        double value = 0;
        if (!number(component, &value))
            return makeError(QStringLiteral("a coordinate component is not a number"));
        c.vec.push_back(value);
    }
    if (!number(array.at(2), &c.error) || !number(array.at(3), &c.adjustment) ||
        !number(array.at(4), &c.height))
        return makeError(QStringLiteral("a coordinate field is not a number"));
    return c;
}

} // namespace qonsul::transport

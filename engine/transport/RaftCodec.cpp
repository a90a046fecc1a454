#include "transport/RaftCodec.h"

#include <QCborArray>
#include <QCborValue>
#include <limits>

namespace qonsul::transport {

using namespace raft;

namespace {

constexpr int wireVersion = 1;
enum Type : int {
    VoteRequestType = 0,
    VoteResponseType,
    AppendRequestType,
    AppendResponseType,
    SnapshotRequestType,
    SnapshotResponseType,
    TimeoutNowType
};

qint64 n(uint64_t v)
{
    return qint64(v); // indexes and terms stay far below 2^63
}

QByteArray bytes(const std::string &s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

QCborArray encodeEntry(const Entry &e)
{
    return {n(e.index), n(e.term), int(e.type), bytes(e.data)};
}

QCborArray encodeSnapshot(const Snapshot &s)
{
    return {n(s.meta.index), n(s.meta.term), QString::fromStdString(s.meta.configuration.encode()),
            n(s.meta.configurationIndex), s.data ? bytes(*s.data) : QByteArray()};
}

QCborArray encodeBody(const MessageBody &body)
{
    if (const auto *m = std::get_if<VoteRequest>(&body))
        return {VoteRequestType, m->preVote, m->leadershipTransfer, n(m->lastLogIndex),
                n(m->lastLogTerm)};
    if (const auto *m = std::get_if<VoteResponse>(&body))
        return {VoteResponseType, m->preVote, m->granted};
    if (const auto *m = std::get_if<AppendRequest>(&body)) {
        QCborArray entries;
        for (const Entry &e : m->entries)
            entries.append(encodeEntry(e));
        return {AppendRequestType, n(m->prevLogIndex), n(m->prevLogTerm),
                entries,           n(m->leaderCommit), n(m->round)};
    }
    if (const auto *m = std::get_if<AppendResponse>(&body))
        return {AppendResponseType, m->success,         n(m->matchIndex), n(m->hintIndex),
                n(m->hintTerm),     n(m->lastLogIndex), n(m->round)};
    if (const auto *m = std::get_if<SnapshotRequest>(&body))
        return {SnapshotRequestType, encodeSnapshot(m->snapshot), n(m->round)};
    if (const auto *m = std::get_if<SnapshotResponse>(&body))
        return {SnapshotResponseType, m->success, n(m->matchIndex), n(m->round)};
    return {TimeoutNowType};
}

// Reads an array's fields in order, remembering the first problem.
class Reader
{
public:
    Reader(const QCborArray &array, qsizetype from, const RaftCodecLimits &limits)
        : m_array(array), m_next(from), m_limits(limits)
    {
    }
    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    void fail(const QString &why)
    {
        if (m_error.isEmpty())
            m_error = why;
    }
    void expectEnd(const char *what)
    {
        if (m_next != m_array.size())
            fail(QStringLiteral("%1 has %2 fields, not %3")
                     .arg(QLatin1String(what))
                     .arg(m_array.size())
                     .arg(m_next));
    }
    QCborValue take()
    {
        const qsizetype field = m_next++;
        return field < m_array.size() ? m_array.at(field) : QCborValue();
    }
    uint64_t u64()
    {
        const QCborValue v = take();
        if (!v.isInteger() || v.toInteger() < 0)
            fail(QStringLiteral("field %1 is not an unsigned number").arg(m_next - 1));
        return uint64_t(v.toInteger());
    }
    bool flag()
    {
        const QCborValue v = take();
        if (!v.isBool())
            fail(QStringLiteral("field %1 is not a boolean").arg(m_next - 1));
        return v.toBool();
    }
    std::string text()
    {
        const QCborValue v = take();
        if (!v.isString() || v.toString().size() > m_limits.maxText) {
            fail(QStringLiteral("field %1 is not a string of at most %2 characters")
                     .arg(m_next - 1)
                     .arg(m_limits.maxText));
            return {};
        }
        return v.toString().toStdString();
    }
    std::string longText()
    {
        const QCborValue v = take();
        if (!v.isString())
            fail(QStringLiteral("field %1 is not a string").arg(m_next - 1));
        return v.toString().toStdString();
    }
    std::string data()
    {
        const QCborValue v = take();
        if (!v.isByteArray())
            fail(QStringLiteral("field %1 is not bytes").arg(m_next - 1));
        const QByteArray b = v.toByteArray();
        return std::string(b.constData(), size_t(b.size()));
    }
    QCborArray array()
    {
        const QCborValue v = take();
        if (!v.isArray())
            fail(QStringLiteral("field %1 is not an array").arg(m_next - 1));
        return v.toArray();
    }

private:
    const QCborArray &m_array;
    qsizetype m_next;
    const RaftCodecLimits &m_limits;
    QString m_error;
};

Entry decodeEntry(const QCborArray &array, Reader &outer, const RaftCodecLimits &limits)
{
    Reader r(array, 0, limits);
    Entry e;
    e.index = r.u64();
    e.term = r.u64();
    const uint64_t type = r.u64();
    if (type > uint64_t(EntryType::Configuration))
        r.fail(QStringLiteral("entry type %1 is unknown").arg(type));
    e.type = EntryType(type);
    e.data = r.data();
    r.expectEnd("an entry");
    if (!r.ok())
        outer.fail(QStringLiteral("entry %1: ").arg(e.index) + r.error());
    return e;
}

Snapshot decodeSnapshot(const QCborArray &array, Reader &outer, const RaftCodecLimits &limits)
{
    Reader r(array, 0, limits);
    Snapshot s;
    s.meta.index = r.u64();
    s.meta.term = r.u64();
    const std::string configuration = r.longText();
    s.meta.configurationIndex = r.u64();
    s.data = std::make_shared<const std::string>(r.data());
    r.expectEnd("a snapshot");
    if (std::optional<Configuration> c = Configuration::decode(configuration))
        s.meta.configuration = std::move(*c);
    else
        r.fail(QStringLiteral("the snapshot's configuration does not decode"));
    if (!r.ok())
        outer.fail(r.error());
    return s;
}

Expected<MessageBody> decodeBody(int type, Reader &r, const RaftCodecLimits &limits)
{
    MessageBody body;
    switch (type) {
    case VoteRequestType: {
        VoteRequest m;
        m.preVote = r.flag();
        m.leadershipTransfer = r.flag();
        m.lastLogIndex = r.u64();
        m.lastLogTerm = r.u64();
        body = m;
        break;
    }
    case VoteResponseType: {
        VoteResponse m;
        m.preVote = r.flag();
        m.granted = r.flag();
        body = m;
        break;
    }
    case AppendRequestType: {
        AppendRequest m;
        m.prevLogIndex = r.u64();
        m.prevLogTerm = r.u64();
        const QCborArray entries = r.array();
        if (entries.size() > limits.maxEntries)
            r.fail(QStringLiteral("an append of %1 entries is over the limit of %2")
                       .arg(entries.size())
                       .arg(limits.maxEntries));
        for (qsizetype i = 0; r.ok() && i < entries.size(); ++i) {
            if (!entries.at(i).isArray()) {
                r.fail(QStringLiteral("an entry is not an array"));
                break;
            }
            m.entries.push_back(decodeEntry(entries.at(i).toArray(), r, limits));
        }
        m.leaderCommit = r.u64();
        m.round = r.u64();
        body = std::move(m);
        break;
    }
    case AppendResponseType: {
        AppendResponse m;
        m.success = r.flag();
        m.matchIndex = r.u64();
        m.hintIndex = r.u64();
        m.hintTerm = r.u64();
        m.lastLogIndex = r.u64();
        m.round = r.u64();
        body = m;
        break;
    }
    case SnapshotRequestType: {
        SnapshotRequest m;
        m.snapshot = decodeSnapshot(r.array(), r, limits);
        m.round = r.u64();
        body = std::move(m);
        break;
    }
    case SnapshotResponseType: {
        SnapshotResponse m;
        m.success = r.flag();
        m.matchIndex = r.u64();
        m.round = r.u64();
        body = m;
        break;
    }
    case TimeoutNowType:
        body = TimeoutNow{};
        break;
    default:
        return makeError(QStringLiteral("unknown Raft message type %1").arg(type));
    }
    r.expectEnd("the message");
    if (!r.ok())
        return makeError(r.error());
    return body;
}

} // namespace

QByteArray encodeRaftMessage(const Message &message)
{
    QCborArray top{wireVersion};
    const QCborArray body = encodeBody(message.body);
    top.append(body.at(0));
    top.append(QString::fromStdString(message.from));
    top.append(QString::fromStdString(message.to));
    top.append(n(message.term));
    for (qsizetype i = 1; i < body.size(); ++i)
        top.append(body.at(i));
    return QCborValue(top).toCbor();
}

Expected<Message> decodeRaftMessage(const QByteArray &bytes, const RaftCodecLimits &limits)
{
    if (bytes.size() > limits.maxBytes)
        return makeError(QStringLiteral("a Raft message of %1 bytes is over the limit of %2")
                             .arg(bytes.size())
                             .arg(limits.maxBytes));
    QCborParserError parseError;
    const QCborValue root = QCborValue::fromCbor(bytes, &parseError);
    if (parseError.error != QCborError::NoError)
        return makeError(QStringLiteral("not CBOR: %1").arg(parseError.errorString()));
    const QCborArray top = root.toArray();
    if (!root.isArray() || top.size() < 5 || !top.at(0).isInteger() || !top.at(1).isInteger())
        return makeError(QStringLiteral("not a Raft message"));
    if (top.at(0).toInteger() != wireVersion)
        return makeError(QStringLiteral("Raft wire version %1 is not %2")
                             .arg(top.at(0).toInteger())
                             .arg(wireVersion));
    Reader r(top, 2, limits);
    Message message;
    message.from = r.text();
    message.to = r.text();
    message.term = r.u64();
    const qint64 type = top.at(1).toInteger();
    if (!r.ok())
        return makeError(r.error());
    if (type < 0 || type > std::numeric_limits<int>::max())
        return makeError(QStringLiteral("unknown Raft message type %1").arg(type));
    Expected<MessageBody> body = decodeBody(int(type), r, limits);
    if (!body)
        return makeError(body.error());
    message.body = std::move(*body);
    return message;
}

} // namespace qonsul::transport

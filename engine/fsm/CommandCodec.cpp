#include "fsm/CommandCodec.h"

#include "fsm/CborRecord.h"
#include "fsm/RecordDescriptions.h"

#include <algorithm>
#include <utility>

namespace qonsul::fsm {

namespace cbor {

// The commands' fields. In this namespace, with the records', for the Encoder and Decoder to
// find them.

template <class Io, RecordOf<KvCommand> T> void describe(Io &io, T &kv)
{
    io.enumeration("op", kv.op, KvOp::DeleteTree);
    io.field("key", kv.key);
    io.field("value", kv.value);
    io.field("flags", kv.flags);
    io.field("cas", kv.casIndex);
    io.field("session", kv.session);
}

template <class Io, RecordOf<RegisterCommand> T> void describe(Io &io, T &r)
{
    io.record("node", r.node);
    io.optionalRecord("service", r.service);
    io.records("checks", r.checks);
    io.field("skipnode", r.skipNodeUpdate);
}

template <class Io, RecordOf<DeregisterCommand> T> void describe(Io &io, T &d)
{
    io.field("node", d.node);
    io.field("sid", d.serviceId);
    io.field("cid", d.checkId);
}

template <class Io, RecordOf<SessionCreateCommand> T> void describe(Io &io, T &c)
{
    io.record("session", c.session);
}

template <class Io, RecordOf<SessionDestroyCommand> T> void describe(Io &io, T &c)
{
    io.field("id", c.id);
}

template <class Io, RecordOf<IntentionCommand> T> void describe(Io &io, T &c)
{
    io.enumeration("op", c.op, IntentionOp::Delete);
    io.record("intention", c.intention);
}

template <class Io, RecordOf<CaSetCommand> T> void describe(Io &io, T &c)
{
    io.records("roots", c.roots);
    io.optionalRecord("config", c.config);
}

template <class Io, RecordOf<CoordinateBatchCommand> T> void describe(Io &io, T &c)
{
    io.records("updates", c.updates);
}

template <class Io, RecordOf<TxnKvOp> T> void describe(Io &io, T &op)
{
    io.enumeration("verb", op.verb, TxnKvVerb::Unknown);
    io.field("key", op.key);
    io.field("value", op.value);
    io.field("flags", op.flags);
    io.field("index", op.index);
    io.field("session", op.session);
    io.field("unknown", op.unknownVerb);
}

template <class Io, RecordOf<TxnCatalogOp> T> void describe(Io &io, T &op)
{
    io.enumeration("table", op.table, TxnCatalogTable::Check);
    io.enumeration("verb", op.verb, TxnCatalogVerb::Unknown);
    io.field("unknown", op.unknownVerb);
    io.record("node", op.node);
    io.record("service", op.service);
    io.record("check", op.check);
    io.field("index", op.index);
}

// A Txn operation: {"kv": {...}} or {"catalog": {...}}.
template <class Io, RecordOf<TxnOp> T> void describe(Io &io, T &op)
{
    io.alternative("kv", op);
    io.alternative("catalog", op);
}

template <class Io, RecordOf<TxnCommand> T> void describe(Io &io, T &t)
{
    io.records("ops", t.ops);
}

} // namespace cbor

namespace {

using cbor::Decoder;
using cbor::Encoder;
using cbor::Item;

// The names the body's kind is written with, in the order of Command::body's alternatives.
constexpr const char *bodyKinds[] = {
    "kv",  "register",  "deregister", "session-create", "session-destroy",
    "txn", "intention", "ca-set",     "coordinates"};
static_assert(std::size(bodyKinds) == std::variant_size_v<decltype(Command::body)>);

} // namespace

QByteArray encodeCommand(const Command &command)
{
    QByteArray bytes;
    QCborStreamWriter out(&bytes);
    out.startMap(4);
    out.append(QLatin1StringView("v"));
    out.append(qint64(commandFormatVersion));
    out.append(QLatin1StringView("at"));
    out.append(qint64(command.proposedAtMs));
    out.append(QLatin1StringView("kind"));
    out.append(QLatin1StringView(bodyKinds[command.body.index()]));
    out.append(QLatin1StringView("body"));
    Encoder encoder(out);
    std::visit([&encoder](const auto &body) { encoder.write(body); }, command.body);
    out.endMap();
    return bytes;
}

Expected<Command> decodeCommand(const QByteArray &bytes)
{
    QCborStreamReader in(bytes);
    Item root;
    if (!read(in, root, 0) || in.lastError() != QCborError::NoError)
        return makeError(
            QStringLiteral("command: not well-formed CBOR (%1)").arg(in.lastError().toString()));
    if (in.currentOffset() != bytes.size())
        return makeError(QStringLiteral("command: %1 bytes after its end")
                             .arg(bytes.size() - in.currentOffset()));
    if (root.type != Item::Type::Map)
        return makeError(QStringLiteral("command: not a map"));

    QString error;
    Decoder top(root, error, QStringLiteral("command"));
    int64_t version = 0;
    top.field("v", version);
    if (error.isEmpty() && version != commandFormatVersion)
        return makeError(QStringLiteral("command: format version %1 is not %2")
                             .arg(version)
                             .arg(commandFormatVersion));
    Command command;
    top.field("at", command.proposedAtMs);
    std::string kind;
    top.field("kind", kind);
    const Item *body = top.find("body", Item::Type::Map);
    if (error.isEmpty() && !body)
        return makeError(QStringLiteral("command: no body"));
    if (!error.isEmpty())
        return makeError(error);
    const auto known = std::find(std::begin(bodyKinds), std::end(bodyKinds), kind);
    if (known == std::end(bodyKinds))
        return makeError(
            QStringLiteral("command: unknown kind \"%1\"").arg(QString::fromStdString(kind)));
    // The alternative of Command::body at the kind's index.
    const size_t index = size_t(known - std::begin(bodyKinds));
    [&]<size_t... I>(std::index_sequence<I...>)
    {
        ((I == index ? (void)top.read(*body, command.body.template emplace<I>(), "body") : void()),
         ...);
    }
    (std::make_index_sequence<std::size(bodyKinds)>());
    if (!error.isEmpty())
        return makeError(error);
    return command;
}

} // namespace qonsul::fsm

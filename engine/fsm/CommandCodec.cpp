#include "fsm/CommandCodec.h"

#include <QCborStreamReader>
#include <QCborStreamWriter>
#include <algorithm>
#include <concepts>
#include <cstring>
#include <limits>
#include <utility>

namespace qonsul::fsm {

namespace {

template <class T, class Record>
concept RecordOf = std::same_as<std::remove_const_t<T>, Record>;

// Each record's fields, once for writing and reading: `io` is an Encoder (T const) or a
// Decoder (T mutable). Short keys: a log holds millions of these.

template <class Io, RecordOf<state::Node> T> void describe(Io &io, T &n)
{
    io.field("id", n.id);
    io.field("name", n.name);
    io.field("addr", n.address);
    io.field("dc", n.datacenter);
    io.field("tagged", n.taggedAddresses);
    io.field("meta", n.meta);
    io.field("ci", n.createIndex);
    io.field("mi", n.modifyIndex);
}

template <class Io, RecordOf<state::Service> T> void describe(Io &io, T &s)
{
    io.field("node", s.node);
    io.field("id", s.id);
    io.field("name", s.name);
    io.field("tags", s.tags);
    io.field("addr", s.address);
    io.field("meta", s.meta);
    io.field("port", s.port);
    io.field("wpass", s.weights.passing);
    io.field("wwarn", s.weights.warning);
    io.field("eto", s.enableTagOverride);
    io.field("kind", s.kind);
    io.record("proxy", s.proxy);
    io.field("native", s.connectNative);
    io.field("ci", s.createIndex);
    io.field("mi", s.modifyIndex);
}

template <class Io, RecordOf<state::Upstream> T> void describe(Io &io, T &u)
{
    io.field("type", u.destinationType);
    io.field("ns", u.destinationNamespace);
    io.field("name", u.destinationName);
    io.field("dc", u.datacenter);
    io.field("baddr", u.localBindAddress);
    io.field("bport", u.localBindPort);
    io.field("config", u.configJson);
}

template <class Io, RecordOf<state::ServiceProxy> T> void describe(Io &io, T &p)
{
    io.field("dname", p.destinationServiceName);
    io.field("did", p.destinationServiceId);
    io.field("laddr", p.localServiceAddress);
    io.field("lport", p.localServicePort);
    io.field("config", p.configJson);
    io.records("upstreams", p.upstreams);
}

template <class Io, RecordOf<state::Intention> T> void describe(Io &io, T &i)
{
    io.field("id", i.id);
    io.field("desc", i.description);
    io.field("sns", i.sourceNs);
    io.field("sname", i.sourceName);
    io.field("dns", i.destinationNs);
    io.field("dname", i.destinationName);
    io.field("stype", i.sourceType);
    io.enumeration("action", i.action, state::IntentionAction::Deny);
    io.field("meta", i.meta);
    io.field("prec", i.precedence);
    io.field("created", i.createdAtNs);
    io.field("updated", i.updatedAtNs);
    io.field("ci", i.createIndex);
    io.field("mi", i.modifyIndex);
}

template <class Io, RecordOf<state::CaRoot> T> void describe(Io &io, T &r)
{
    io.field("id", r.id);
    io.field("name", r.name);
    io.field("serial", r.serialNumber);
    io.field("skid", r.signingKeyId);
    io.field("nbf", r.notBeforeNs);
    io.field("naf", r.notAfterNs);
    io.field("cert", r.rootCertPem);
    io.field("inter", r.intermediateCertPems);
    io.field("key", r.signingKeyPem);
    io.field("active", r.active);
    io.field("rotated", r.rotatedOutAtNs);
    io.field("ktype", r.privateKeyType);
    io.field("kbits", r.privateKeyBits);
    io.field("ci", r.createIndex);
    io.field("mi", r.modifyIndex);
}

template <class Io, RecordOf<state::CaConfig> T> void describe(Io &io, T &c)
{
    io.field("cluster", c.clusterId);
    io.field("provider", c.provider);
    io.field("config", c.configJson);
    io.field("ci", c.createIndex);
    io.field("mi", c.modifyIndex);
}

template <class Io, RecordOf<state::HealthCheckDefinition> T> void describe(Io &io, T &d)
{
    io.field("http", d.http);
    io.field("tlsskip", d.tlsSkipVerify);
    io.field("header", d.header);
    io.field("method", d.method);
    io.field("body", d.body);
    io.field("tcp", d.tcp);
    io.field("interval", d.interval);
    io.field("timeout", d.timeout);
    io.field("dcsa", d.deregisterCriticalServiceAfter);
}

template <class Io, RecordOf<state::Check> T> void describe(Io &io, T &c)
{
    io.field("node", c.node);
    io.field("id", c.checkId);
    io.field("name", c.name);
    io.field("status", c.status);
    io.field("notes", c.notes);
    io.field("output", c.output);
    io.field("sid", c.serviceId);
    io.field("sname", c.serviceName);
    io.field("stags", c.serviceTags);
    io.record("def", c.definition);
    io.field("ci", c.createIndex);
    io.field("mi", c.modifyIndex);
}

template <class Io, RecordOf<state::Session> T> void describe(Io &io, T &s)
{
    io.field("id", s.id);
    io.field("name", s.name);
    io.field("node", s.node);
    io.field("checks", s.checks);
    io.field("lockdelay", s.lockDelayNs);
    io.enumeration("behavior", s.behavior, state::SessionBehavior::Delete);
    io.field("ttl", s.ttl);
    io.field("ci", s.createIndex);
    io.field("mi", s.modifyIndex);
}

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

// The names the body's kind is written with, in the order of Command::body's alternatives.
constexpr const char *bodyKinds[] = {
    "kv",  "register",  "deregister", "session-create", "session-destroy",
    "txn", "intention", "ca-set"};
static_assert(std::size(bodyKinds) == std::variant_size_v<decltype(Command::body)>);

class Encoder
{
public:
    explicit Encoder(QCborStreamWriter &out) : m_out(out) {}

    void field(const char *key, const std::string &value)
    {
        m_out.append(QLatin1StringView(key));
        m_out.append(QByteArray::fromStdString(value));
    }
    void field(const char *key, uint64_t value)
    {
        m_out.append(QLatin1StringView(key));
        m_out.append(quint64(value));
    }
    void field(const char *key, int64_t value)
    {
        m_out.append(QLatin1StringView(key));
        m_out.append(qint64(value));
    }
    void field(const char *key, int value) { field(key, int64_t(value)); }
    void field(const char *key, bool value)
    {
        m_out.append(QLatin1StringView(key));
        m_out.append(value);
    }
    void field(const char *key, const std::vector<std::string> &values)
    {
        m_out.append(QLatin1StringView(key));
        m_out.startArray(quint64(values.size()));
        for (const std::string &value : values)
            m_out.append(QByteArray::fromStdString(value));
        m_out.endArray();
    }
    void field(const char *key, const state::StringMap &map)
    {
        m_out.append(QLatin1StringView(key));
        m_out.startMap(quint64(map.size()));
        for (const auto &[name, value] : map) {
            m_out.append(QByteArray::fromStdString(name));
            m_out.append(QByteArray::fromStdString(value));
        }
        m_out.endMap();
    }
    void field(const char *key, const std::map<std::string, std::vector<std::string>> &map)
    {
        m_out.append(QLatin1StringView(key));
        m_out.startMap(quint64(map.size()));
        for (const auto &[name, values] : map) {
            m_out.append(QByteArray::fromStdString(name));
            m_out.startArray(quint64(values.size()));
            for (const std::string &value : values)
                m_out.append(QByteArray::fromStdString(value));
            m_out.endArray();
        }
        m_out.endMap();
    }
    template <class E> void enumeration(const char *key, E value, E)
    {
        field(key, uint64_t(value));
    }
    template <class T> void record(const char *key, const T &value)
    {
        m_out.append(QLatin1StringView(key));
        write(value);
    }
    template <class T> void optionalRecord(const char *key, const std::optional<T> &value)
    {
        if (value)
            record(key, *value);
    }
    template <class T> void records(const char *key, const std::vector<T> &values)
    {
        m_out.append(QLatin1StringView(key));
        m_out.startArray(quint64(values.size()));
        for (const T &value : values)
            write(value);
        m_out.endArray();
    }
    // One alternative of a variant: written under its key when it is the one held.
    void alternative(const char *key, const TxnOp &op)
    {
        if (std::strcmp(key, "kv") == 0 && std::holds_alternative<TxnKvOp>(op))
            record(key, std::get<TxnKvOp>(op));
        else if (std::strcmp(key, "catalog") == 0 && std::holds_alternative<TxnCatalogOp>(op))
            record(key, std::get<TxnCatalogOp>(op));
    }

    template <class T> void write(const T &value)
    {
        m_out.startMap();
        describe(*this, value);
        m_out.endMap();
    }

private:
    QCborStreamWriter &m_out;
};

// The decoded CBOR, kept whole: unsigned integers stay exact (QCborValue would turn those
// past 2^63 into doubles).
struct Entry;
struct Item
{
    enum class Type { Null, Unsigned, Negative, Bool, Bytes, Array, Map } type = Type::Null;
    uint64_t number = 0; // Unsigned: the value; Negative: -1 - value
    bool flag = false;
    std::string bytes; // byte and text strings alike
    std::vector<Item> array;
    std::vector<Entry> map;
};
struct Entry
{
    std::string key;
    Item value;
};

constexpr int maxDepth = 16;

bool readString(QCborStreamReader &in, std::string &out)
{
    if (in.isByteArray()) {
        auto chunk = in.readByteArray();
        for (; chunk.status == QCborStreamReader::Ok; chunk = in.readByteArray())
            out.append(chunk.data.constData(), size_t(chunk.data.size()));
        return chunk.status == QCborStreamReader::EndOfString;
    }
    auto chunk = in.readString();
    for (; chunk.status == QCborStreamReader::Ok; chunk = in.readString())
        out += chunk.data.toStdString();
    return chunk.status == QCborStreamReader::EndOfString;
}

bool read(QCborStreamReader &in, Item &out, int depth)
{
    if (depth > maxDepth)
        return false;
    if (in.isUnsignedInteger()) {
        out.type = Item::Type::Unsigned;
        out.number = in.toUnsignedInteger();
        return in.next();
    }
    if (in.isNegativeInteger()) {
        out.type = Item::Type::Negative;
        out.number = quint64(in.toNegativeInteger()) - 1;
        return in.next();
    }
    if (in.isBool()) {
        out.type = Item::Type::Bool;
        out.flag = in.toBool();
        return in.next();
    }
    if (in.isNull()) {
        out.type = Item::Type::Null;
        return in.next();
    }
    if (in.isByteArray() || in.isString()) {
        out.type = Item::Type::Bytes;
        return readString(in, out.bytes);
    }
    if (in.isArray() || in.isMap()) {
        const bool isMap = in.isMap();
        out.type = isMap ? Item::Type::Map : Item::Type::Array;
        if (!in.enterContainer())
            return false;
        while (in.lastError() == QCborError::NoError && in.hasNext()) {
            if (isMap) {
                Entry entry;
                if (!(in.isString() || in.isByteArray()) || !readString(in, entry.key) ||
                    !read(in, entry.value, depth + 1))
                    return false;
                out.map.push_back(std::move(entry));
            } else {
                Item item;
                if (!read(in, item, depth + 1))
                    return false;
                out.array.push_back(std::move(item));
            }
        }
        return in.lastError() == QCborError::NoError && in.leaveContainer();
    }
    return false; // floats, tags and undefined are not in a command
}

class Decoder
{
public:
    Decoder(const Item &map, QString &error, QString path)
        : m_map(map), m_error(error), m_path(std::move(path))
    {
    }

    void field(const char *key, std::string &out)
    {
        if (const Item *item = find(key, Item::Type::Bytes))
            out = item->bytes;
    }
    void field(const char *key, uint64_t &out)
    {
        if (const Item *item = find(key, Item::Type::Unsigned))
            out = item->number;
    }
    void field(const char *key, int64_t &out)
    {
        const Item *item = find(key);
        if (!item)
            return;
        constexpr uint64_t limit = uint64_t(std::numeric_limits<int64_t>::max());
        if (item->type == Item::Type::Unsigned && item->number <= limit)
            out = int64_t(item->number);
        else if (item->type == Item::Type::Negative && item->number <= limit)
            out = -1 - int64_t(item->number);
        else
            fail(key, "is not a 64-bit integer");
    }
    void field(const char *key, int &out)
    {
        int64_t wide = out;
        field(key, wide);
        if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max())
            fail(key, "is out of range");
        else
            out = int(wide);
    }
    void field(const char *key, bool &out)
    {
        if (const Item *item = find(key, Item::Type::Bool))
            out = item->flag;
    }
    void field(const char *key, std::vector<std::string> &out)
    {
        if (const Item *item = find(key, Item::Type::Array))
            out = strings(key, *item);
    }
    void field(const char *key, state::StringMap &out)
    {
        const Item *item = find(key, Item::Type::Map);
        if (!item)
            return;
        out.clear();
        for (const Entry &entry : item->map) {
            if (entry.value.type != Item::Type::Bytes)
                return fail(key, "has a value that is not a string");
            out[entry.key] = entry.value.bytes;
        }
    }
    void field(const char *key, std::map<std::string, std::vector<std::string>> &out)
    {
        const Item *item = find(key, Item::Type::Map);
        if (!item)
            return;
        out.clear();
        for (const Entry &entry : item->map) {
            if (entry.value.type != Item::Type::Array)
                return fail(key, "has a value that is not a list");
            out[entry.key] = strings(key, entry.value);
        }
    }
    template <class E> void enumeration(const char *key, E &out, E last)
    {
        uint64_t value = uint64_t(out);
        field(key, value);
        if (value > uint64_t(last))
            return fail(key, "names no known value");
        out = E(value);
    }
    template <class T> void record(const char *key, T &out)
    {
        if (const Item *item = find(key, Item::Type::Map))
            read(*item, out, key);
    }
    template <class T> void optionalRecord(const char *key, std::optional<T> &out)
    {
        if (const Item *item = find(key, Item::Type::Map)) {
            out.emplace();
            read(*item, *out, key);
        }
    }
    template <class T> void records(const char *key, std::vector<T> &out)
    {
        const Item *item = find(key, Item::Type::Array);
        if (!item)
            return;
        out.clear();
        for (const Item &element : item->array) {
            if (element.type != Item::Type::Map)
                return fail(key, "has an element that is not a map");
            read(element, out.emplace_back(), key);
        }
    }
    void alternative(const char *key, TxnOp &out)
    {
        if (!find(key, Item::Type::Map))
            return;
        if (std::strcmp(key, "kv") == 0)
            record(key, out.template emplace<TxnKvOp>());
        else
            record(key, out.template emplace<TxnCatalogOp>());
        m_alternatives++;
    }

    template <class T> void read(const Item &map, T &out, const char *key)
    {
        Decoder inner(map, m_error, m_path + QLatin1Char('.') + QLatin1StringView(key));
        describe(inner, out);
        if constexpr (std::is_same_v<T, TxnOp>) {
            if (inner.m_alternatives != 1 && m_error.isEmpty())
                inner.fail("kv", "and catalog: exactly one of them is needed");
        }
    }

    const Item *find(const char *key, std::optional<Item::Type> type = std::nullopt)
    {
        for (const Entry &entry : m_map.map) {
            if (entry.key != key)
                continue;
            if (type && entry.value.type != *type) {
                fail(key, "has the wrong type");
                return nullptr;
            }
            return &entry.value;
        }
        return nullptr;
    }

    void fail(const char *key, const char *what)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("%1.%2 %3")
                          .arg(m_path, QLatin1StringView(key), QLatin1StringView(what));
    }

private:
    std::vector<std::string> strings(const char *key, const Item &array)
    {
        std::vector<std::string> out;
        for (const Item &element : array.array) {
            if (element.type != Item::Type::Bytes) {
                fail(key, "has an element that is not a string");
                return {};
            }
            out.push_back(element.bytes);
        }
        return out;
    }

    const Item &m_map;
    QString &m_error;
    QString m_path;
    int m_alternatives = 0;
};

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

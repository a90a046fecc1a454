#pragma once
// The CBOR form of the FSM's records, shared by the command codec (the Raft log, RPC) and the
// snapshot codec: each record describes its fields once (RecordDescriptions.h, and the
// commands' in CommandCodec.cpp) for an Encoder and a Decoder to walk. Decoding keeps every
// unsigned integer exact and names the path of what is wrong. Internal to fsm/.

#include "fsm/Command.h"

#include <QCborStreamReader>
#include <QCborStreamWriter>
#include <QString>
#include <bit>
#include <concepts>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace qonsul::fsm::cbor {

template <class T, class Record>
concept RecordOf = std::same_as<std::remove_const_t<T>, Record>;
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
    // Doubles go as their IEEE bits: exact, and a command holds no CBOR floats.
    void field(const char *key, double value) { field(key, std::bit_cast<uint64_t>(value)); }
    void field(const char *key, const std::vector<double> &values)
    {
        m_out.append(QLatin1StringView(key));
        m_out.startArray(quint64(values.size()));
        for (double value : values)
            m_out.append(quint64(std::bit_cast<uint64_t>(value)));
        m_out.endArray();
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
    // A template, so that only the command codec, which describes the alternatives, builds it.
    template <class Op = TxnOp> void alternative(const char *key, const Op &op)
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

inline bool readString(QCborStreamReader &in, std::string &out)
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

inline bool read(QCborStreamReader &in, Item &out, int depth)
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
    void field(const char *key, double &out)
    {
        uint64_t bits = std::bit_cast<uint64_t>(out);
        field(key, bits);
        out = std::bit_cast<double>(bits);
    }
    void field(const char *key, std::vector<double> &out)
    {
        const Item *item = find(key, Item::Type::Array);
        if (!item)
            return;
        out.clear();
        for (const Item &value : item->array) {
            if (value.type != Item::Type::Unsigned)
                return fail(key, "has a value that is not a number");
            out.push_back(std::bit_cast<double>(value.number));
        }
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
    template <class Op = TxnOp> void alternative(const char *key, Op &out)
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

} // namespace qonsul::fsm::cbor

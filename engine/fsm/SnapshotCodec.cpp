#include "fsm/SnapshotCodec.h"

#include "fsm/CborRecord.h"
#include "fsm/RecordDescriptions.h"

namespace qonsul::fsm {

namespace cbor {

// A topic's or a deleted key's index: the maps of name → index, as rows.
struct IndexRow
{
    std::string name;
    uint64_t index = 0;
};

struct SnapshotBody
{
    int64_t version = snapshotFormatVersion;
    uint64_t index = 0;
    std::vector<IndexRow> topics;
    std::vector<state::KvEntry> kv;
    std::vector<IndexRow> tombstones;
    std::vector<state::Node> nodes;
    std::vector<state::Service> services;
    std::vector<state::Check> checks;
    std::vector<state::Session> sessions;
    std::vector<state::Intention> intentions;
    std::vector<state::CaRoot> roots;
    std::optional<state::CaConfig> caConfig;
    std::vector<state::CoordinateEntry> coordinates;
};

template <class Io, RecordOf<IndexRow> T> void describe(Io &io, T &r)
{
    io.field("name", r.name);
    io.field("index", r.index);
}

template <class Io, RecordOf<SnapshotBody> T> void describe(Io &io, T &s)
{
    io.field("v", s.version);
    io.field("index", s.index);
    io.records("topics", s.topics);
    io.records("kv", s.kv);
    io.records("tombstones", s.tombstones);
    io.records("nodes", s.nodes);
    io.records("services", s.services);
    io.records("checks", s.checks);
    io.records("sessions", s.sessions);
    io.records("intentions", s.intentions);
    io.records("roots", s.roots);
    io.optionalRecord("caconfig", s.caConfig);
    io.records("coordinates", s.coordinates);
}

} // namespace cbor

namespace {

std::vector<cbor::IndexRow> rows(const std::map<std::string, uint64_t> &map)
{
    std::vector<cbor::IndexRow> out;
    out.reserve(map.size());
    for (const auto &[name, index] : map)
        out.push_back({name, index});
    return out;
}

std::map<std::string, uint64_t> map(const std::vector<cbor::IndexRow> &rows)
{
    std::map<std::string, uint64_t> out;
    for (const cbor::IndexRow &row : rows)
        out[row.name] = row.index;
    return out;
}

} // namespace

QByteArray encodeSnapshot(const state::StateStore::Tables &t)
{
    cbor::SnapshotBody body{snapshotFormatVersion,
                            t.lastIndex,
                            rows(t.topicIndex),
                            t.kv,
                            rows(t.kvTombstones),
                            t.nodes,
                            t.services,
                            t.checks,
                            t.sessions,
                            t.intentions,
                            t.caRoots,
                            t.caConfig,
                            t.coordinates};
    QByteArray bytes;
    QCborStreamWriter out(&bytes);
    cbor::Encoder(out).write(body);
    return bytes;
}

Expected<state::StateStore::Tables> decodeSnapshot(const QByteArray &bytes)
{
    QCborStreamReader in(bytes);
    cbor::Item root;
    if (!read(in, root, 0) || in.lastError() != QCborError::NoError)
        return makeError(
            QStringLiteral("snapshot: not well-formed CBOR (%1)").arg(in.lastError().toString()));
    if (in.currentOffset() != bytes.size())
        return makeError(QStringLiteral("snapshot: %1 bytes after its end")
                             .arg(bytes.size() - in.currentOffset()));
    if (root.type != cbor::Item::Type::Map)
        return makeError(QStringLiteral("snapshot: not a map"));
    QString error;
    cbor::Decoder top(root, error, QStringLiteral("snapshot"));
    cbor::SnapshotBody body;
    body.version = 0;
    describe(top, body);
    if (!error.isEmpty())
        return makeError(error);
    if (body.version != snapshotFormatVersion)
        return makeError(QStringLiteral("snapshot: format version %1 is not %2")
                             .arg(body.version)
                             .arg(snapshotFormatVersion));
    state::StateStore::Tables t;
    t.lastIndex = body.index;
    t.topicIndex = map(body.topics);
    t.kv = std::move(body.kv);
    t.kvTombstones = map(body.tombstones);
    t.nodes = std::move(body.nodes);
    t.services = std::move(body.services);
    t.checks = std::move(body.checks);
    t.sessions = std::move(body.sessions);
    t.intentions = std::move(body.intentions);
    t.caRoots = std::move(body.roots);
    t.caConfig = std::move(body.caConfig);
    t.coordinates = std::move(body.coordinates);
    return t;
}

} // namespace qonsul::fsm

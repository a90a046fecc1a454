#include "raft/SnapshotArchive.h"

#include "util/JsonWriter.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <archive.h>
#include <archive_entry.h>
#include <map>
#include <memory>

namespace qonsul::raft {

namespace {

constexpr const char *metaName = "meta.json";
constexpr const char *stateName = "state.bin";
constexpr const char *sumsName = "SHA256SUMS";
// Bounds on what a read may make us hold: the metadata is a few hundred bytes; the state is
// the whole store, which a learner's lab keeps far below this.
constexpr qint64 maxMetaBytes = 1 << 20;
constexpr qint64 maxStateBytes = qint64(1) << 30;

struct ArchiveFree
{
    void operator()(archive *a) const { archive_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

struct EntryFree
{
    void operator()(archive_entry *e) const { archive_entry_free(e); }
};

// Raft's old-style peer list (msgpack: an array of address strings), kept in the metadata for
// tools that still read it.
QByteArray encodePeers(const QString &address)
{
    const QByteArray text = address.toUtf8();
    QByteArray out;
    out.append(char(0x91)); // an array of one
    if (text.size() < 32) {
        out.append(char(0xa0 | text.size()));
    } else {
        out.append(char(0xd9));
        out.append(char(std::min<qsizetype>(text.size(), 255)));
    }
    out.append(text.left(255));
    return out;
}

QByteArray encodeMeta(const ArchiveMeta &meta)
{
    JsonWriter w;
    w.beginObject();
    w.field("Version", meta.version);
    w.field("ID", meta.id);
    w.field("Index", meta.index);
    w.field("Term", meta.term);
    w.field("Peers", QString::fromLatin1(encodePeers(meta.serverAddress).toBase64()));
    w.key("Configuration").beginObject().key("Servers").beginArray();
    w.beginObject();
    w.field("Suffrage", 0);
    w.field("ID", meta.serverId);
    w.field("Address", meta.serverAddress);
    w.endObject();
    w.endArray().endObject();
    w.field("ConfigurationIndex", meta.configurationIndex);
    w.field("Size", meta.size);
    w.endObject();
    return w.take() + '\n'; // as Go's json.Encoder ends it
}

Expected<ArchiveMeta> decodeMeta(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(QStringLiteral("failed to decode snapshot metadata: %1")
                             .arg(doc.isObject() || error.error != QJsonParseError::NoError
                                      ? error.errorString()
                                      : QStringLiteral("not a JSON object")));
    const QJsonObject o = doc.object();
    ArchiveMeta meta;
    meta.version = o.value(QStringLiteral("Version")).toInt();
    meta.id = o.value(QStringLiteral("ID")).toString();
    meta.index = static_cast<uint64_t>(o.value(QStringLiteral("Index")).toDouble());
    meta.term = static_cast<uint64_t>(o.value(QStringLiteral("Term")).toDouble());
    meta.size = static_cast<int64_t>(o.value(QStringLiteral("Size")).toDouble());
    meta.configurationIndex =
        static_cast<uint64_t>(o.value(QStringLiteral("ConfigurationIndex")).toDouble());
    const QJsonObject server = o.value(QStringLiteral("Configuration"))
                                   .toObject()
                                   .value(QStringLiteral("Servers"))
                                   .toArray()
                                   .first()
                                   .toObject();
    meta.serverId = server.value(QStringLiteral("ID")).toString();
    meta.serverAddress = server.value(QStringLiteral("Address")).toString();
    return meta;
}

QByteArray sha256Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

Error archiveError(const QString &what, archive *a)
{
    const char *text = archive_error_string(a);
    return makeError(QStringLiteral("%1: %2").arg(what, text ? QString::fromUtf8(text)
                                                             : QStringLiteral("unknown error")));
}

la_ssize_t appendToByteArray(archive *, void *out, const void *data, size_t size)
{
    static_cast<QByteArray *>(out)->append(static_cast<const char *>(data), qsizetype(size));
    return la_ssize_t(size);
}

} // namespace

QString ArchiveMeta::makeId(uint64_t term, uint64_t index, int64_t unixMs)
{
    return QStringLiteral("%1-%2-%3").arg(term).arg(index).arg(unixMs);
}

Expected<QByteArray> writeSnapshotArchive(ArchiveMeta meta, const QByteArray &state)
{
    meta.size = state.size();
    const QByteArray metaJson = encodeMeta(meta);
    const QByteArray sums =
        sha256Hex(metaJson) + "  " + metaName + '\n' + sha256Hex(state) + "  " + stateName + '\n';

    QByteArray out;
    ArchivePtr a(archive_write_new());
    if (archive_write_add_filter_gzip(a.get()) != ARCHIVE_OK ||
        archive_write_set_format_ustar(a.get()) != ARCHIVE_OK ||
        archive_write_set_bytes_in_last_block(a.get(), 1) != ARCHIVE_OK ||
        archive_write_open(a.get(), &out, nullptr, appendToByteArray, nullptr) != ARCHIVE_OK)
        return archiveError(QStringLiteral("failed to start snapshot archive"), a.get());

    const time_t now = QDateTime::currentSecsSinceEpoch();
    for (const auto &[name, bytes] : {std::pair{metaName, &metaJson}, std::pair{stateName, &state},
                                      std::pair{sumsName, &sums}}) {
        std::unique_ptr<archive_entry, EntryFree> entry(archive_entry_new());
        archive_entry_set_pathname(entry.get(), name);
        archive_entry_set_size(entry.get(), bytes->size());
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_perm(entry.get(), 0600);
        archive_entry_set_mtime(entry.get(), now, 0);
        if (archive_write_header(a.get(), entry.get()) != ARCHIVE_OK ||
            archive_write_data(a.get(), bytes->constData(), size_t(bytes->size())) !=
                la_ssize_t(bytes->size()))
            return archiveError(QStringLiteral("failed to write %1").arg(QLatin1String(name)),
                                a.get());
    }
    if (archive_write_close(a.get()) != ARCHIVE_OK)
        return archiveError(QStringLiteral("failed to finalize snapshot"), a.get());
    return out;
}

Expected<SnapshotContents> readSnapshotArchive(const QByteArray &bytes)
{
    // Consul insists on gzip before it looks at the tar; libarchive would also take a bare tar.
    if (bytes.isEmpty())
        return makeError(QStringLiteral("failed to decompress snapshot: EOF"));
    if (bytes.size() < 2 || uchar(bytes[0]) != 0x1f || uchar(bytes[1]) != 0x8b)
        return makeError(QStringLiteral("failed to decompress snapshot: gzip: invalid header"));

    const QString readFailed = QStringLiteral("failed to read snapshot file: ");
    ArchivePtr a(archive_read_new());
    archive_read_support_filter_gzip(a.get());
    archive_read_support_format_tar(a.get());
    if (archive_read_open_memory(a.get(), bytes.constData(), size_t(bytes.size())) != ARCHIVE_OK)
        return archiveError(readFailed + QStringLiteral("failed reading snapshot"), a.get());

    std::map<std::string, QByteArray> files;
    archive_entry *entry = nullptr;
    for (;;) {
        const int r = archive_read_next_header(a.get(), &entry);
        if (r == ARCHIVE_EOF)
            break;
        if (r != ARCHIVE_OK)
            return archiveError(readFailed + QStringLiteral("failed reading snapshot"), a.get());
        const std::string name = archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "";
        if (name != metaName && name != stateName && name != sumsName)
            return makeError(readFailed + QStringLiteral("unexpected file \"%1\" in snapshot")
                                              .arg(QString::fromStdString(name)));
        const qint64 limit = name == stateName ? maxStateBytes : maxMetaBytes;
        QByteArray &content = files[name];
        char buffer[65536];
        for (;;) {
            const la_ssize_t n = archive_read_data(a.get(), buffer, sizeof buffer);
            if (n < 0)
                return archiveError(readFailed + QStringLiteral("failed reading snapshot"),
                                    a.get());
            if (n == 0)
                break;
            if (content.size() + n > limit)
                return makeError(readFailed + QStringLiteral("%1 is larger than %2 bytes")
                                                  .arg(QString::fromStdString(name))
                                                  .arg(limit));
            content.append(buffer, qsizetype(n));
        }
    }

    // Every file needs its sum, and every sum its file.
    const QString integrity =
        readFailed + QStringLiteral("failed checking integrity of snapshot: ");
    std::map<std::string, QByteArray> sums;
    for (const QByteArray &line : files[sumsName].split('\n')) {
        if (line.isEmpty())
            continue;
        const qsizetype gap = line.indexOf("  ");
        if (gap != 64)
            return makeError(integrity + QStringLiteral("malformed line in SHA256SUMS: %1")
                                             .arg(QString::fromUtf8(line.left(100))));
        sums[line.mid(gap + 2).toStdString()] = line.left(gap).toLower();
    }
    for (const char *name : {metaName, stateName}) {
        auto sum = sums.find(name);
        if (sum == sums.end())
            return makeError(integrity + QStringLiteral("file missing for \"%1\"").arg(name));
        if (!files.count(name) || sum->second != sha256Hex(files[name]))
            return makeError(integrity + QStringLiteral("hash check failed for \"%1\"").arg(name));
        sums.erase(sum);
    }
    if (!sums.empty())
        return makeError(integrity + QStringLiteral("list missing hash for \"%1\"")
                                         .arg(QString::fromStdString(sums.begin()->first)));

    Expected<ArchiveMeta> meta = decodeMeta(files[metaName]);
    if (!meta)
        return makeError(readFailed + meta.error());
    return SnapshotContents{std::move(*meta), std::move(files[stateName])};
}

} // namespace qonsul::raft

// /v1/snapshot: GET hands out the server's state as Consul's snapshot archive, PUT restores
// one. The archive is built and checked here (raft/SnapshotArchive); the server swaps the state.
#include "http/Endpoints.h"
#include "http/Router.h"
#include "raft/SnapshotArchive.h"
#include "server/Server.h"

#include <QDateTime>

namespace qonsul::http {

namespace {

// A restore holds the archive and the decoded state in memory at once.
constexpr quint64 maxArchiveBytes = 256ull * 1024 * 1024;

HttpResponse saveSnapshot(const EndpointContext &context)
{
    server::Server &server = context.server;
    const raft::StoredSnapshot snapshot = server.captureSnapshot();
    raft::ArchiveMeta meta;
    meta.id = raft::ArchiveMeta::makeId(snapshot.term, snapshot.index,
                                        QDateTime::currentMSecsSinceEpoch());
    meta.index = snapshot.index;
    meta.term = snapshot.term;
    meta.serverId = context.nodeId;
    meta.serverAddress = server.peers().value(0);
    Expected<QByteArray> archive = raft::writeSnapshotArchive(meta, snapshot.data);
    if (!archive)
        return HttpResponse::text(500, archive.error());
    HttpResponse response;
    response.contentType = "application/x-gzip"; // what Go's content sniffing says of it
    response.body = std::move(*archive);
    response.headers.append({"X-Consul-Index", QByteArray::number(qulonglong(snapshot.index))});
    response.headers.append(
        {"X-Consul-Knownleader", server.isLeader() ? QByteArray("true") : QByteArray("false")});
    response.headers.append({QByteArray("X-Consul-Lastcontact"), QByteArray("0")});
    return response;
}

HttpResponse restoreSnapshot(const EndpointContext &context, const HttpRequest &req)
{
    Expected<raft::SnapshotContents> contents = raft::readSnapshotArchive(req.body);
    if (!contents)
        return HttpResponse::text(500, contents.error());
    Expected<uint64_t> restored =
        context.server.restoreSnapshot(contents->state, contents->meta.index);
    if (!restored)
        return HttpResponse::text(500, restored.error());
    return HttpResponse::empty();
}

} // namespace

void registerSnapshotEndpoints(Router &router, const EndpointContext &context)
{
    Route &route = router.exact(QStringLiteral("/v1/snapshot"));
    route.methods["GET"] =
        WriteHandler([&context](const HttpRequest &) { return saveSnapshot(context); });
    route.methods["PUT"] =
        WriteHandler([&context](const HttpRequest &req) { return restoreSnapshot(context, req); });
    route.maxBodyBytes = maxArchiveBytes;
    route.bodyTooLarge = [](std::optional<quint64>) {
        return HttpResponse::text(
            413,
            QStringLiteral("Snapshot archive too large, max size: %1 bytes").arg(maxArchiveBytes));
    };
}

} // namespace qonsul::http

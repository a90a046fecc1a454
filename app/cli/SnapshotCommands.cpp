// `qonsul snapshot save|restore|inspect`: a server's whole state as one archive file, written and
// checked by the CLI, restored by the leader.

#include "Commands.h"
#include "api/GoErrorText.h"
#include "api/SnapshotApi.h"
#include "api/SyncCall.h"
#include "raft/SnapshotArchive.h"

#include <QFile>
#include <cerrno>
#include <cstdio>

namespace qonsul::cli {

namespace {

// The one FILE argument every snapshot command takes, or Consul's complaint about it.
std::optional<QString> fileArgument(const QStringList &rest, Ui &ui)
{
    if (rest.isEmpty()) {
        ui.error(QStringLiteral("Missing FILE argument"));
        return std::nullopt;
    }
    if (rest.size() > 1) {
        ui.error(QStringLiteral("Too many arguments (expected 1, got %1)").arg(rest.size()));
        return std::nullopt;
    }
    return rest.first();
}

Expected<QByteArray> readWholeFile(const QString &path)
{
    QFile file(path);
    errno = 0;
    if (!file.open(QIODevice::ReadOnly))
        return makeError(goPathError(QStringLiteral("open"), path, errno));
    return file.readAll();
}

class SnapshotSaveCommand : public ClientCommand
{
public:
    explicit SnapshotSaveCommand(Ui &ui) : ClientCommand(ui) { addHttpFlags(true); }

    QString synopsis() const override
    {
        return QStringLiteral("Saves snapshot of Consul server state");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul snapshot save [options] FILE

  Retrieves an atomic, point-in-time snapshot of the state of the Consul servers
  (key/value entries, the catalog, sessions, intentions, the CA) and writes it to
  FILE. The file is checked after it is written; until then it is FILE.unverified.

  The leader takes the snapshot unless -stale is given, when any server may.

      $ qonsul snapshot save backup.snap
)"));
    }

    int run(const QStringList &args) override
    {
        const auto rest = parseFlags(args);
        if (!rest)
            return 1;
        const auto file = fileArgument(*rest, ui());
        if (!file)
            return 1;
        auto client = makeClient();
        if (!client)
            return 1;
        const auto saved = callSync(*client, SnapshotApi::save(m_http.queryOptions()));
        if (!saved)
            return fail(QStringLiteral("Error saving snapshot: ") + saved.error());

        // Written aside and renamed only once it reads back whole, as Consul does: a broken
        // transfer never leaves a file that looks like a good snapshot.
        const QString unverified = *file + QStringLiteral(".unverified");
        QFile out(unverified);
        errno = 0;
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(QStringLiteral("Error creating unverified snapshot file: ") +
                        goPathError(QStringLiteral("open"), unverified, errno));
        if (out.write(saved->archive) != saved->archive.size() || !out.flush())
            return fail(QStringLiteral("Error writing unverified snapshot file: ") +
                        out.errorString());
        out.close();

        const Expected<QByteArray> written = readWholeFile(unverified);
        if (!written)
            return fail(QStringLiteral("Error opening snapshot file for verify: ") +
                        written.error());
        if (const auto contents = raft::readSnapshotArchive(*written); !contents)
            return fail(QStringLiteral("Error verifying snapshot file: ") + contents.error());
        // Go's *os.LinkError reads "rename OLD NEW: <errno text>".
        if (::rename(QFile::encodeName(unverified).constData(),
                     QFile::encodeName(*file).constData()) != 0)
            return fail(QStringLiteral("Error renaming unverified snapshot file: ") +
                        goPathError(QStringLiteral("rename"), unverified + QLatin1Char(' ') + *file,
                                    errno));
        ui().output(
            QStringLiteral("Saved and verified snapshot to index %1").arg(saved->meta.lastIndex));
        return 0;
    }

private:
    int fail(const QString &message)
    {
        ui().error(message);
        return 1;
    }
};

class SnapshotRestoreCommand : public ClientCommand
{
public:
    explicit SnapshotRestoreCommand(Ui &ui) : ClientCommand(ui) { addHttpFlags(true); }

    QString synopsis() const override
    {
        return QStringLiteral("Restores snapshot of Consul server state");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul snapshot restore [options] FILE

  Replaces the whole state of the Consul servers with the snapshot in FILE, one
  that "qonsul snapshot save" wrote. Everything written since is lost, and
  blocking queries wake up to see the restored state.

      $ qonsul snapshot restore backup.snap
)"));
    }

    int run(const QStringList &args) override
    {
        const auto rest = parseFlags(args);
        if (!rest)
            return 1;
        const auto file = fileArgument(*rest, ui());
        if (!file)
            return 1;
        auto client = makeClient();
        if (!client)
            return 1;
        const Expected<QByteArray> archive = readWholeFile(*file);
        if (!archive) {
            ui().error(QStringLiteral("Error opening snapshot file: ") + archive.error());
            return 1;
        }
        WriteOptions options;
        options.datacenter = m_http.queryOptions().datacenter;
        const auto restored = callSync(*client, SnapshotApi::restore(*archive, options));
        if (!restored) {
            ui().error(QStringLiteral("Error restoring snapshot: ") + restored.error());
            return 1;
        }
        ui().output(QStringLiteral("Restored snapshot"));
        return 0;
    }
};

class SnapshotInspectCommand : public Command
{
public:
    using Command::Command;

    QString synopsis() const override
    {
        return QStringLiteral("Displays information about a Consul snapshot file");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul snapshot inspect [options] FILE

  Checks the snapshot in FILE and prints its metadata: the Raft index and term
  it was taken at, its id, size and version. No agent is needed.

      $ qonsul snapshot inspect backup.snap
)"));
    }

    int run(const QStringList &args) override
    {
        const auto rest = parseFlags(args);
        if (!rest)
            return 1;
        const auto file = fileArgument(*rest, ui());
        if (!file)
            return 1;
        const Expected<QByteArray> archive = readWholeFile(*file);
        if (!archive) {
            ui().error(QStringLiteral("Error opening snapshot file: ") + archive.error());
            return 1;
        }
        const auto contents = raft::readSnapshotArchive(*archive);
        if (!contents) {
            ui().error(QStringLiteral("Error verifying snapshot: ") + contents.error());
            return 1;
        }
        // Consul's tabwriter (padding 6) on these keys: the values start in column 13.
        const raft::ArchiveMeta &meta = contents->meta;
        const auto row = [](const char *key, const QString &value) {
            return QString::fromLatin1(key).leftJustified(13, QLatin1Char(' ')) + value;
        };
        ui().output(row("ID", meta.id));
        ui().output(row("Size", QString::number(meta.size)));
        ui().output(row("Index", QString::number(meta.index)));
        ui().output(row("Term", QString::number(meta.term)));
        ui().output(row("Version", QString::number(meta.version)));
        return 0;
    }
};

} // namespace

std::unique_ptr<Command> makeSnapshotCommand(Ui &ui)
{
    return std::make_unique<GroupCommand>(
        ui, QStringLiteral("Saves, restores and inspects snapshots of Consul server state"),
        QStringLiteral(R"(
Usage: qonsul snapshot <subcommand> [options] [args]

  Saves, restores and inspects point-in-time snapshots of the servers' state:
  key/value entries, the catalog, sessions, intentions and the CA. For example:

      $ qonsul snapshot save backup.snap
      $ qonsul snapshot inspect backup.snap
      $ qonsul snapshot restore backup.snap

  A snapshot holds Qonsul's state encoding: real Consul cannot restore it, nor
  Qonsul Consul's. Each subcommand has its own help (-h).
)"));
}

std::unique_ptr<Command> makeSnapshotSaveCommand(Ui &ui)
{
    return std::make_unique<SnapshotSaveCommand>(ui);
}

std::unique_ptr<Command> makeSnapshotRestoreCommand(Ui &ui)
{
    return std::make_unique<SnapshotRestoreCommand>(ui);
}

std::unique_ptr<Command> makeSnapshotInspectCommand(Ui &ui)
{
    return std::make_unique<SnapshotInspectCommand>(ui);
}

} // namespace qonsul::cli

// `qonsul kv export` and `qonsul kv import`: a prefix as JSON and back.

#include "Commands.h"
#include "DataArgument.h"
#include "api/KvApi.h"
#include "api/KvExport.h"
#include "api/SyncCall.h"
#include "util/GoBase64.h"

namespace qonsul::cli {

namespace {

class KvExportCommand : public ClientCommand
{
public:
    explicit KvExportCommand(Ui &ui) : ClientCommand(ui) { addHttpFlags(true); }

    QString synopsis() const override
    {
        return QStringLiteral("Exports a tree from the KV store as JSON");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul kv export [KEY_OR_PREFIX]

  Writes every key-value pair under the prefix to stdout as JSON, the format
  "qonsul kv import" reads back.

      $ qonsul kv export vault
)"));
    }

    int run(const QStringList &args) override
    {
        const auto parsed = parseFlagsAndKey(args);
        if (!parsed)
            return 1;
        const QString key = *parsed;
        auto client = makeClient();
        if (!client)
            return 1;
        const auto pairs = callSync(*client, KvApi::list(key, m_http.queryOptions()));
        if (!pairs) {
            ui().error(QStringLiteral("Error querying Consul agent: ") + pairs.error());
            return 1;
        }
        ui().output(formatKvExport(*pairs));
        return 0;
    }
};

class KvImportCommand : public ClientCommand
{
public:
    explicit KvImportCommand(Ui &ui) : ClientCommand(ui) { addHttpFlags(true); }

    QString synopsis() const override
    {
        return QStringLiteral("Imports a tree stored as JSON to the KV store");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul kv import [DATA]

  Writes the key-value pairs of a "qonsul kv export" JSON document. DATA is the
  JSON itself, "@file" to read a file, or "-" to read standard input.

      $ qonsul kv import @filename.json
      $ cat filename.json | qonsul kv import -
)"));
    }

    int run(const QStringList &args) override
    {
        const auto rest = parseFlags(args);
        if (!rest)
            return 1;
        if (rest->isEmpty())
            return fail(QStringLiteral("Error! Missing DATA argument"));
        if (rest->size() > 1)
            return fail(
                QStringLiteral("Error! Too many arguments (expected 1, got %1)").arg(rest->size()));
        if (rest->first().isEmpty())
            return fail(QStringLiteral("Error! Empty DATA argument"));
        const Expected<QByteArray> data = readDataArgument(rest->first());
        if (!data)
            return fail(QStringLiteral("Error! ") + data.error());
        auto client = makeClient();
        if (!client)
            return 1;
        const Expected<QList<KvExportEntry>> entries = parseKvExport(*data);
        if (!entries)
            return fail(QStringLiteral("Cannot unmarshal data: ") + entries.error());

        for (const KvExportEntry &entry : *entries) {
            const Expected<QByteArray> value = decodeBase64Strict(entry.value.toLatin1());
            if (!value)
                return fail(QStringLiteral("Error base 64 decoding value for key %1: %2")
                                .arg(entry.key, value.error()));
            KvPair pair;
            pair.key = entry.key;
            pair.flags = entry.flags;
            pair.value = *value;
            const auto ok = callSync(*client, KvApi::put(pair));
            if (!ok)
                return fail(QStringLiteral("Error! Failed writing data for key %1: %2")
                                .arg(pair.key, ok.error()));
            ui().output(QStringLiteral("Imported: ") + pair.key);
        }
        return 0;
    }

private:
    int fail(const QString &message)
    {
        ui().error(message);
        return 1;
    }
};

} // namespace

std::unique_ptr<Command> makeKvExportCommand(Ui &ui)
{
    return std::make_unique<KvExportCommand>(ui);
}

std::unique_ptr<Command> makeKvImportCommand(Ui &ui)
{
    return std::make_unique<KvImportCommand>(ui);
}

} // namespace qonsul::cli

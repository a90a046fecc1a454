// `qonsul kv get`: one value, a prefix (-recurse) or key names (-keys).

#include "Commands.h"
#include "KvFormat.h"
#include "api/KvApi.h"
#include "api/SyncCall.h"

namespace qonsul::cli {

namespace {

class KvGetCommand : public ClientCommand
{
public:
    explicit KvGetCommand(Ui &ui) : ClientCommand(ui)
    {
        m_flags.addBool("base64", &m_base64,
                        "Print values base64-encoded. The default value is false.");
        m_flags.addBool("detailed", &m_detailed,
                        "Print the key's metadata (indexes, flags, session) along with its value. "
                        "The default value is false.");
        m_flags.addBool("keys", &m_keys,
                        "List the names of the keys under the prefix instead of values, usually "
                        "with -separator. The default value is false.");
        m_flags.addBool("recurse", &m_recurse,
                        "Treat the key as a prefix and print every pair under it. The default "
                        "value is false.");
        m_flags.addString("separator", &m_separator,
                          "With -keys, list names only up to the first occurrence of this string "
                          "after the prefix. The default value is \"/\".");
        addHttpFlags(true);
    }

    QString synopsis() const override
    {
        return QStringLiteral("Retrieves or lists data from the KV store");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul kv get [options] [KEY_OR_PREFIX]

  Prints the value stored at KEY in the key-value store, or an error if there is
  no such key. A key without data prints an empty line. Without a key, the root
  of the store ("") is used, which needs -recurse or -keys.

      $ qonsul kv get redis/config/minconns
      $ qonsul kv get -detailed redis/config/minconns
      $ qonsul kv get -recurse redis/config
      $ qonsul kv get -keys redis/
)"));
    }

    int run(const QStringList &args) override
    {
        const auto parsed = parseFlagsAndKey(args);
        if (!parsed)
            return 1;
        const QString key = *parsed;
        if (key.isEmpty() && !(m_recurse || m_keys)) {
            ui().error(QStringLiteral("Error! Missing KEY argument"));
            return 1;
        }
        auto client = makeClient();
        if (!client)
            return 1;
        const QueryOptions options = m_http.queryOptions();

        if (m_keys) {
            const auto keys = callSync(*client, KvApi::keys(key, m_separator, options));
            if (!keys)
                return queryFailed(keys.error());
            for (const QString &name : *keys)
                ui().output(name);
            return 0;
        }
        if (m_recurse) {
            const auto pairs = callSync(*client, KvApi::list(key, options));
            if (!pairs)
                return queryFailed(pairs.error());
            for (qsizetype i = 0; i < pairs->size(); ++i) {
                const KvPair &pair = pairs->at(i);
                if (m_detailed) {
                    ui().output(formatKvDetailed(pair, m_base64));
                    if (i < pairs->size() - 1)
                        ui().output(QString());
                } else {
                    ui().outputBytes(pair.key.toUtf8() + ':' +
                                     (m_base64 ? pair.value.toBase64() : pair.value));
                }
            }
            return 0;
        }
        const auto pair = callSync(*client, KvApi::get(key, options));
        if (!pair)
            return queryFailed(pair.error());
        if (!pair->has_value()) {
            ui().error(QStringLiteral("Error! No key exists at: ") + key);
            return 1;
        }
        if (m_detailed)
            ui().output(formatKvDetailed(**pair, m_base64));
        else // Consul ≥ 1.0.2 encodes single values with -base64 too
            ui().outputBytes(m_base64 ? (*pair)->value.toBase64() : (*pair)->value);
        return 0;
    }

private:
    int queryFailed(const QString &error)
    {
        ui().error(QStringLiteral("Error querying Consul agent: ") + error);
        return 1;
    }

    bool m_base64 = false;
    bool m_detailed = false;
    bool m_keys = false;
    bool m_recurse = false;
    QString m_separator = QStringLiteral("/");
};

} // namespace

std::unique_ptr<Command> makeKvGetCommand(Ui &ui)
{
    return std::make_unique<KvGetCommand>(ui);
}

} // namespace qonsul::cli

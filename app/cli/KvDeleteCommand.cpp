// `qonsul kv delete`: one key, a CAS delete, or a whole prefix (-recurse).

#include "Commands.h"
#include "api/KvApi.h"
#include "api/SyncCall.h"

namespace qonsul::cli {

namespace {

class KvDeleteCommand : public ClientCommand
{
public:
    explicit KvDeleteCommand(Ui &ui) : ClientCommand(ui)
    {
        m_flags.addBool("cas", &m_cas,
                        "Delete only if the key's ModifyIndex still equals -modify-index. The "
                        "default value is false.");
        m_flags.addUint("modify-index", &m_modifyIndex, "The ModifyIndex a -cas delete expects.");
        m_flags.addBool("recurse", &m_recurse,
                        "Delete every key that starts with the given prefix. The default value is "
                        "false.");
        addHttpFlags(true);
    }

    QString synopsis() const override { return QStringLiteral("Removes data from the KV store"); }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul kv delete [options] KEY_OR_PREFIX

  Deletes KEY from the key-value store; deleting a missing key is not an error.
  With -recurse, deletes every key that starts with the prefix ("foo" removes
  "foo", "food" and "foo/bar").

      $ qonsul kv delete redis/config/minconns
      $ qonsul kv delete -recurse redis
)"));
    }

    int run(const QStringList &args) override
    {
        const auto parsed = parseFlagsAndKey(args);
        if (!parsed)
            return 1;
        const QString key = *parsed;
        if (key.isEmpty() && !m_recurse)
            return fail(QStringLiteral("Error! Missing KEY argument"));
        if (m_cas && m_modifyIndex == 0)
            return fail(QStringLiteral("Must specify -modify-index with -cas!"));
        if (m_modifyIndex != 0 && !m_cas)
            return fail(QStringLiteral("Cannot specify -modify-index without -cas!"));
        if (m_recurse && m_cas)
            return fail(QStringLiteral("Cannot specify both -cas and -recurse!"));

        auto client = makeClient();
        if (!client)
            return 1;
        if (m_recurse) {
            const auto ok = callSync(*client, KvApi::removeTree(key));
            if (!ok)
                return fail(
                    QStringLiteral("Error! Did not delete prefix %1: %2").arg(key, ok.error()));
            ui().output(QStringLiteral("Success! Deleted keys with prefix: ") + key);
            return 0;
        }
        if (m_cas) {
            const auto ok = callSync(*client, KvApi::removeCas(key, m_modifyIndex));
            if (!ok)
                return fail(
                    QStringLiteral("Error! Did not delete key %1: %2").arg(key, ok.error()));
            if (!*ok)
                return fail(QStringLiteral("Error! Did not delete key %1: CAS failed").arg(key));
            ui().output(QStringLiteral("Success! Deleted key: ") + key);
            return 0;
        }
        const auto ok = callSync(*client, KvApi::remove(key));
        if (!ok)
            return fail(QStringLiteral("Error deleting key %1: %2").arg(key, ok.error()));
        ui().output(QStringLiteral("Success! Deleted key: ") + key);
        return 0;
    }

private:
    int fail(const QString &message)
    {
        ui().error(message);
        return 1;
    }

    bool m_cas = false;
    quint64 m_modifyIndex = 0;
    bool m_recurse = false;
};

} // namespace

std::unique_ptr<Command> makeKvDeleteCommand(Ui &ui)
{
    return std::make_unique<KvDeleteCommand>(ui);
}

} // namespace qonsul::cli

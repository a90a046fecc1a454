// `qonsul kv put`: writes a value, optionally with CAS or as a lock acquire/release.

#include "Commands.h"
#include "DataArgument.h"
#include "api/KvApi.h"
#include "api/SyncCall.h"
#include "util/GoBase64.h"

namespace qonsul::cli {

namespace {

class KvPutCommand : public ClientCommand
{
public:
    explicit KvPutCommand(Ui &ui) : ClientCommand(ui)
    {
        m_flags.addBool("cas", &m_cas,
                        "Write only if the key's ModifyIndex still equals -modify-index (a "
                        "Check-And-Set). The default value is false.");
        m_flags.addUint("flags", &m_kvFlags,
                        "Opaque unsigned integer stored with the pair, for clients' own use. The "
                        "default value is 0.");
        m_flags.addBool("base64", &m_base64,
                        "The DATA is base64-encoded; store the decoded bytes. The default value is "
                        "false.");
        m_flags.addUint("modify-index", &m_modifyIndex, "The ModifyIndex a -cas write expects.");
        m_flags.addString("session", &m_session,
                          "Session ID used by -acquire and -release. The default value is empty.");
        m_flags.addBool("acquire", &m_acquire,
                        "Take the lock on the key for -session (creating the key if needed). The "
                        "default value is false.");
        m_flags.addBool("release", &m_release,
                        "Give up the lock -session holds on the key. The default value is false.");
        addHttpFlags(true);
    }

    QString synopsis() const override
    {
        return QStringLiteral("Sets or updates data in the KV store");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul kv put [options] KEY [DATA]

  Stores DATA at KEY in the key-value store. DATA may be "@file" to store a
  file's contents or "-" to read standard input; without DATA the key is
  created with an empty value.

      $ qonsul kv put redis/config/maxconns 25
      $ qonsul kv put config/program/license @license.lic
      $ echo "abcd1234" | qonsul kv put config/program/license -
      $ qonsul kv put -cas -modify-index=844 redis/config/maxconns 5
)"));
    }

    int run(const QStringList &args) override
    {
        const auto rest = parseFlags(args);
        if (!rest)
            return 1;
        if (rest->isEmpty()) {
            ui().error(QStringLiteral("Error! Missing KEY argument"));
            return 1;
        }
        if (rest->size() > 2) {
            ui().error(QStringLiteral("Error! Too many arguments (expected 1 or 2, got %1)")
                           .arg(rest->size()));
            return 1;
        }
        const QString key = rest->first();
        QByteArray data;
        if (rest->size() == 2 && !rest->at(1).isEmpty()) {
            const Expected<QByteArray> read = readDataArgument(rest->at(1));
            if (!read) {
                ui().error(QStringLiteral("Error! ") + read.error());
                return 1;
            }
            data = *read;
        }
        if (m_base64) {
            const Expected<QByteArray> decoded = decodeBase64Strict(data);
            if (decoded) {
                data = *decoded;
            } else {
                // Consul reports this and carries on with what it could decode.
                ui().error(QStringLiteral("Error! Cannot base 64 decode data: ") + decoded.error());
                data = QByteArray::fromBase64(data);
            }
        }
        if ((m_release || m_acquire) && m_session.isEmpty()) {
            ui().error(
                QStringLiteral("Error! Missing -session (required with -acquire and -release)"));
            return 1;
        }
        if (m_cas && m_modifyIndex == 0) {
            ui().error(QStringLiteral("Must specify -modify-index with -cas!"));
            return 1;
        }
        auto client = makeClient();
        if (!client)
            return 1;

        KvPair pair;
        pair.key = key;
        pair.modifyIndex = m_modifyIndex;
        pair.flags = m_kvFlags;
        pair.value = data;
        pair.session = m_session;

        if (m_cas) {
            const auto ok = callSync(*client, KvApi::cas(pair));
            if (!ok)
                return fail(QStringLiteral("Error! Did not write to %1: %2").arg(key, ok.error()));
            if (!*ok)
                return fail(QStringLiteral("Error! Did not write to %1: CAS failed").arg(key));
            ui().output(QStringLiteral("Success! Data written to: ") + key);
            return 0;
        }
        if (m_acquire) {
            const auto ok = callSync(*client, KvApi::acquire(pair));
            if (!ok)
                return fail(QStringLiteral("Error! Failed writing data: ") + ok.error());
            if (!*ok)
                return fail(QStringLiteral("Error! Did not acquire lock"));
            ui().output(QStringLiteral("Success! Lock acquired on: ") + key);
            return 0;
        }
        if (m_release) {
            const auto ok = callSync(*client, KvApi::release(pair));
            if (!ok) // sic: Consul prints the key here, not the error
                return fail(QStringLiteral("Error! Failed writing data: ") + key);
            if (!*ok)
                return fail(QStringLiteral("Error! Did not release lock"));
            ui().output(QStringLiteral("Success! Lock released on: ") + key);
            return 0;
        }
        const auto ok = callSync(*client, KvApi::put(pair));
        if (!ok)
            return fail(QStringLiteral("Error! Failed writing data: ") + ok.error());
        ui().output(QStringLiteral("Success! Data written to: ") + key);
        return 0;
    }

private:
    int fail(const QString &message)
    {
        ui().error(message);
        return 1;
    }

    bool m_cas = false;
    quint64 m_kvFlags = 0;
    bool m_base64 = false;
    quint64 m_modifyIndex = 0;
    QString m_session;
    bool m_acquire = false;
    bool m_release = false;
};

} // namespace

std::unique_ptr<Command> makeKvPutCommand(Ui &ui)
{
    return std::make_unique<KvPutCommand>(ui);
}

} // namespace qonsul::cli

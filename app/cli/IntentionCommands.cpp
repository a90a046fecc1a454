// `qonsul intention create|delete|get|check|match`: Connect's service-to-service rules, as
// Consul's `consul intention` (reference §18.5).

#include "Columnize.h"
#include "Commands.h"
#include "api/ConnectApi.h"
#include "api/GoErrorText.h"
#include "api/SyncCall.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QLocale>
#include <cerrno>

namespace qonsul::cli {

namespace {

// The intention from `source` to `destination` among `all` (names as the CLI prints them).
const IntentionEntry *findIntention(const QList<IntentionEntry> &all, const QString &source,
                                    const QString &destination)
{
    for (const IntentionEntry &i : all)
        if (i.sourceString() == source && i.destinationString() == destination)
            return &i;
    return nullptr;
}

// The intention named by one argument (its ID) or two (source and destination), as Consul's
// finder resolves them; the error is what follows "Error: ".
Expected<QString> intentionIdFromArgs(ApiClient &client, const QStringList &args)
{
    if (args.size() == 1)
        return args.first();
    if (args.size() != 2)
        return makeError(QStringLiteral("command requires exactly 1 or 2 arguments"));
    const auto all = callSync(client, ConnectApi::intentions());
    if (!all)
        return makeError(all.error());
    if (const IntentionEntry *found = findIntention(*all, args[0], args[1]))
        return found->id;
    return makeError(
        QStringLiteral("Intention with source \"%1\" and destination \"%2\" not found.")
            .arg(args[0], args[1]));
}

class IntentionCreateCommand : public ClientCommand
{
public:
    explicit IntentionCreateCommand(Ui &ui) : ClientCommand(ui)
    {
        m_flags.addBool("allow", &m_allow,
                        "Create an intention that allows when matched (the default).");
        m_flags.addBool("deny", &m_deny, "Create an intention that denies when matched.");
        m_flags.addBool("file", &m_file,
                        "Read intention definitions from the files given as arguments (JSON, "
                        "one intention per file).");
        m_flags.addBool("replace", &m_replace,
                        "Replace an intention with the same source and destination if it "
                        "exists, instead of failing.");
        m_flags.addMap("meta", &m_meta,
                       "Metadata of the intention as key=value. Repeat to set several keys.");
        addHttpFlags(false);
    }

    QString synopsis() const override { return QStringLiteral("Create intentions"); }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul intention create [options] SRC DST
Usage: qonsul intention create [options] -file FILE...

  Creates an intention: whether connections from the service SRC to the
  service DST are allowed or denied. "*" stands for every service. By default
  the intention allows.

      $ qonsul intention create web db
      $ qonsul intention create -deny web db
      $ qonsul intention create -deny "*" db
)"));
    }

    int run(const QStringList &args) override
    {
        const auto rest = parseFlags(args);
        if (!rest)
            return 1;
        if (m_allow && m_deny) {
            ui().error(QStringLiteral("Only one of -allow or -deny may be specified."));
            return 1;
        }
        const QString action = m_deny ? QStringLiteral("deny") : QStringLiteral("allow");
        QList<IntentionEntry> intentions;
        if (m_file) {
            for (const QString &path : *rest) {
                auto loaded = fromFile(path);
                if (!loaded) {
                    ui().error(QStringLiteral("Error: ") + loaded.error());
                    return 1;
                }
                intentions.append(*loaded);
            }
        } else {
            if (rest->size() != 2) {
                ui().error(
                    QStringLiteral("Error: Must specify two arguments: source and destination"));
                return 1;
            }
            IntentionEntry i;
            i.sourceName = rest->at(0);
            i.destinationName = rest->at(1);
            i.sourceNs.clear();
            i.destinationNs.clear();
            i.action = action;
            i.meta = m_meta;
            intentions.append(i);
        }
        auto client = makeClient();
        if (!client)
            return 1;
        std::optional<QList<IntentionEntry>> existing;
        for (IntentionEntry &i : intentions) {
            if (m_replace) {
                if (!existing) {
                    auto all = callSync(*client, ConnectApi::intentions());
                    if (!all) {
                        ui().error(QStringLiteral("Error looking up intention for replacement "
                                                  "with source \"%1\" and destination \"%2\": "
                                                  "%3")
                                       .arg(i.sourceString(), i.destinationString(), all.error()));
                        return 1;
                    }
                    existing = *all;
                }
                if (const IntentionEntry *old =
                        findIntention(*existing, i.sourceString(), i.destinationString())) {
                    i.id = old->id;
                    const auto updated = callSync(*client, ConnectApi::updateIntention(i));
                    if (!updated) {
                        ui().error(
                            QStringLiteral("Error replacing intention with source \"%1\" "
                                           "and destination \"%2\": %3")
                                .arg(i.sourceString(), i.destinationString(), updated.error()));
                        return 1;
                    }
                    continue; // Consul says nothing of a replaced one
                }
            }
            const auto created = callSync(*client, ConnectApi::createIntention(i));
            if (!created) {
                ui().error(QStringLiteral("Error creating intention \"%1\": %2")
                               .arg(i.toString(), created.error()));
                return 1;
            }
            ui().output(QStringLiteral("Created: ") + i.toString());
        }
        return 0;
    }

private:
    static Expected<IntentionEntry> fromFile(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return makeError(goPathError(QStringLiteral("open"), path,
                                         file.error() == QFileDevice::OpenError ? ENOENT : EIO));
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
        if (!document.isObject())
            return makeError(QStringLiteral("Error parsing intention file %1: %2")
                                 .arg(path, parseError.errorString()));
        IntentionEntry i = intentionFromJson(document.object());
        return i;
    }

    bool m_allow = false;
    bool m_deny = false;
    bool m_file = false;
    bool m_replace = false;
    QMap<QString, QString> m_meta;
};

class IntentionDeleteCommand : public ClientCommand
{
public:
    explicit IntentionDeleteCommand(Ui &ui) : ClientCommand(ui) { addHttpFlags(false); }

    QString synopsis() const override { return QStringLiteral("Delete an intention"); }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul intention delete [options] SRC DST
Usage: qonsul intention delete [options] ID

  Deletes the intention from SRC to DST, or the one with the given ID.

      $ qonsul intention delete web db
)"));
    }

    int run(const QStringList &args) override
    {
        const auto rest = parseFlags(args);
        if (!rest)
            return 1;
        auto client = makeClient();
        if (!client)
            return 1;
        const auto id = intentionIdFromArgs(*client, *rest);
        if (!id) {
            ui().error(QStringLiteral("Error: ") + id.error());
            return 1;
        }
        const auto deleted = callSync(*client, ConnectApi::deleteIntention(*id));
        if (!deleted) {
            ui().error(QStringLiteral("Error deleting intention: ") + deleted.error());
            return 1;
        }
        ui().output(QStringLiteral("Intention deleted."));
        return 0;
    }
};

class IntentionGetCommand : public ClientCommand
{
public:
    explicit IntentionGetCommand(Ui &ui) : ClientCommand(ui) { addHttpFlags(false); }

    QString synopsis() const override
    {
        return QStringLiteral("Show information about an intention");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul intention get [options] SRC DST
Usage: qonsul intention get [options] ID

  Shows the intention from SRC to DST, or the one with the given ID.

      $ qonsul intention get web db
)"));
    }

    int run(const QStringList &args) override
    {
        const auto rest = parseFlags(args);
        if (!rest)
            return 1;
        auto client = makeClient();
        if (!client)
            return 1;
        const auto id = intentionIdFromArgs(*client, *rest);
        if (!id) {
            ui().error(QStringLiteral("Error: ") + id.error());
            return 1;
        }
        const auto found = callSync(*client, ConnectApi::intention(*id));
        if (!found || !*found) {
            ui().error(QStringLiteral("Error reading the intention: %1")
                           .arg(found ? QStringLiteral("Intention not found") : found.error()));
            return 1;
        }
        const IntentionEntry &i = **found;
        QStringList rows = {
            QStringLiteral("Source:") + cellDelimiter + i.sourceString(),
            QStringLiteral("Destination:") + cellDelimiter + i.destinationString(),
            QStringLiteral("Action:") + cellDelimiter + i.action,
            QStringLiteral("ID:") + cellDelimiter + i.id,
        };
        if (!i.description.isEmpty())
            rows.append(QStringLiteral("Description:") + cellDelimiter + i.description);
        for (auto it = i.meta.begin(); it != i.meta.end(); ++it)
            rows.append(QStringLiteral("Meta[%1]:").arg(it.key()) + cellDelimiter + it.value());
        rows.append(QStringLiteral("Created At:") + cellDelimiter + rfc850Local(i.createdAt));
        ui().output(columnize(rows));
        return 0;
    }

private:
    // Go's time.RFC850 in the local zone: "Monday, 07-Oct-19 10:00:00 UTC".
    static QString rfc850Local(const QString &rfc3339)
    {
        const QDateTime time = QDateTime::fromString(rfc3339, Qt::ISODateWithMs).toLocalTime();
        return QLocale::c().toString(time, QStringLiteral("dddd, dd-MMM-yy HH:mm:ss ")) +
               time.timeZoneAbbreviation();
    }
};

class IntentionCheckCommand : public ClientCommand
{
public:
    explicit IntentionCheckCommand(Ui &ui) : ClientCommand(ui) { addHttpFlags(false); }

    QString synopsis() const override
    {
        return QStringLiteral("Check whether a connection between two services is allowed.");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul intention check [options] SRC DST

  Tells whether a connection from SRC to DST would be allowed by the
  intentions: prints "Allowed" and exits 0, or "Denied" and exits 1. Any
  error exits 2. This asks the intentions only; a proxy may still refuse the
  connection for another reason, such as a certificate it does not trust.

      $ qonsul intention check web db
)"));
    }

    int run(const QStringList &args) override
    {
        const auto rest = parseFlags(args);
        if (!rest)
            return 2;
        if (rest->size() != 2) {
            ui().error(
                QStringLiteral("Error: command requires exactly two arguments: src and dst"));
            return 2;
        }
        auto client = makeClient();
        if (!client)
            return 2;
        const auto allowed =
            callSync(*client, ConnectApi::checkIntention(rest->at(0), rest->at(1)));
        if (!allowed) {
            ui().error(QStringLiteral("Error checking the connection: ") + allowed.error());
            return 2;
        }
        ui().output(*allowed ? QStringLiteral("Allowed") : QStringLiteral("Denied"));
        return *allowed ? 0 : 1;
    }
};

class IntentionMatchCommand : public ClientCommand
{
public:
    explicit IntentionMatchCommand(Ui &ui) : ClientCommand(ui)
    {
        m_flags.addBool("destination", &m_destination,
                        "Match intentions whose destination is the name (the default).");
        m_flags.addBool("source", &m_source, "Match intentions whose source is the name.");
        addHttpFlags(false);
    }

    QString synopsis() const override
    {
        return QStringLiteral("Show intentions that match a source or destination.");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul intention match [options] SRC|DST

  Lists the intentions that apply to a service as a destination (the default)
  or, with -source, as a source, in the order they are evaluated: the first
  one whose other side matches decides.

      $ qonsul intention match db
      $ qonsul intention match -source web
)"));
    }

    int run(const QStringList &args) override
    {
        const auto rest = parseFlags(args);
        if (!rest)
            return 1;
        if (rest->size() != 1) {
            ui().error(QStringLiteral("Error: command requires exactly one argument: src or dst"));
            return 1;
        }
        if (m_source && m_destination) {
            ui().error(
                QStringLiteral("Error: only one of -source or -destination may be specified"));
            return 1;
        }
        auto client = makeClient();
        if (!client)
            return 1;
        const QString by = m_source ? QStringLiteral("source") : QStringLiteral("destination");
        const auto matches = callSync(*client, ConnectApi::matchIntentions(by, rest->first()));
        if (!matches) {
            ui().error(QStringLiteral("Error matching the connection: ") + matches.error());
            return 1;
        }
        for (const IntentionEntry &i : *matches)
            ui().output(i.toString());
        return 0;
    }

private:
    bool m_destination = false;
    bool m_source = false;
};

} // namespace

std::unique_ptr<Command> makeIntentionCommand(Ui &ui)
{
    return std::make_unique<GroupCommand>(
        ui, QStringLiteral("Interact with Connect service intentions"), QStringLiteral(R"(
Usage: qonsul intention <subcommand> [options] [args]

  Intentions say which services may connect to which through Connect. They
  are enforced by the proxies (and by services that speak Connect natively)
  when a connection is made. With ACLs off, as in dev mode, a connection no
  intention matches is allowed.

      $ qonsul intention create -deny web db
      $ qonsul intention check web db
      $ qonsul intention match db
      $ qonsul intention delete web db

  Each subcommand has its own help (-h).
)"));
}

std::unique_ptr<Command> makeIntentionCreateCommand(Ui &ui)
{
    return std::make_unique<IntentionCreateCommand>(ui);
}

std::unique_ptr<Command> makeIntentionDeleteCommand(Ui &ui)
{
    return std::make_unique<IntentionDeleteCommand>(ui);
}

std::unique_ptr<Command> makeIntentionGetCommand(Ui &ui)
{
    return std::make_unique<IntentionGetCommand>(ui);
}

std::unique_ptr<Command> makeIntentionCheckCommand(Ui &ui)
{
    return std::make_unique<IntentionCheckCommand>(ui);
}

std::unique_ptr<Command> makeIntentionMatchCommand(Ui &ui)
{
    return std::make_unique<IntentionMatchCommand>(ui);
}

} // namespace qonsul::cli

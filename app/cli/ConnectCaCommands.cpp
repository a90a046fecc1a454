// `qonsul connect` and `qonsul connect ca get-config|set-config`: the Connect CA's
// configuration, as Consul's `consul connect ca` (reference §14.6).

#include "Commands.h"
#include "api/ConnectApi.h"
#include "api/GoErrorText.h"
#include "api/SyncCall.h"

#include <QFile>
#include <QJsonDocument>
#include <cerrno>

namespace qonsul::cli {

namespace {

// Go's json.MarshalIndent(v, "", "\t"): QJsonDocument's indented form uses four spaces.
QString tabIndented(const QJsonObject &object)
{
    QStringList lines =
        QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)).split('\n');
    for (QString &line : lines) {
        qsizetype spaces = 0;
        while (spaces < line.size() && line.at(spaces) == QLatin1Char(' '))
            ++spaces;
        line = QString(spaces / 4, QLatin1Char('\t')) + line.mid(spaces);
    }
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines.join(QLatin1Char('\n'));
}

// The configuration in Consul's field order (QJsonObject sorts its keys).
QString configurationText(const QJsonObject &config)
{
    const QString provider = QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("p"), config.value("Provider")}})
            .toJson(QJsonDocument::Compact));
    const QJsonObject providerConfig = config.value("Config").toObject();
    QString settings =
        providerConfig.isEmpty() ? QStringLiteral("{}") : tabIndented(providerConfig);
    settings.replace(QLatin1Char('\n'), QStringLiteral("\n\t"));
    return QStringLiteral("{\n\t\"Provider\": %1,\n\t\"Config\": %2,\n\t\"CreateIndex\": %3,\n\t"
                          "\"ModifyIndex\": %4\n}")
        .arg(provider.mid(5, provider.size() - 6), settings)
        .arg(config.value("CreateIndex").toInteger())
        .arg(config.value("ModifyIndex").toInteger());
}

class CaGetConfigCommand : public ClientCommand
{
public:
    explicit CaGetConfigCommand(Ui &ui) : ClientCommand(ui) { addHttpFlags(false); }

    QString synopsis() const override
    {
        return QStringLiteral("Display the current Connect Certificate Authority (CA) "
                              "configuration");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul connect ca get-config [options]

  Shows the Connect CA's provider and its settings (a private key shows as
  "hidden").

      $ qonsul connect ca get-config
)"));
    }

    int run(const QStringList &args) override
    {
        if (!parseFlagsOnly(args))
            return 1;
        auto client = makeClient();
        if (!client)
            return 1;
        const auto config = callSync(*client, ConnectApi::caConfiguration());
        if (!config) {
            ui().error(QStringLiteral("Error querying CA configuration: ") + config.error());
            return 1;
        }
        ui().output(configurationText(*config));
        return 0;
    }
};

class CaSetConfigCommand : public ClientCommand
{
public:
    explicit CaSetConfigCommand(Ui &ui) : ClientCommand(ui)
    {
        m_flags.addString("config-file", &m_configFile, "The path to the config file to use.");
        addHttpFlags(false);
    }

    QString synopsis() const override
    {
        return QStringLiteral("Modify the current Connect CA configuration");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul connect ca set-config [options]

  Replaces the Connect CA's configuration with the JSON file given with
  -config-file ({"Provider": "consul", "Config": {...}}). A new PrivateKey (or
  RootCert) rotates the root: the old root signs the new one, so connections
  keep working while every agent fetches new certificates.

      $ qonsul connect ca set-config -config-file ca.json
)"));
    }

    int run(const QStringList &args) override
    {
        if (!parseFlagsOnly(args))
            return 1;
        if (m_configFile.isEmpty()) {
            ui().error(QStringLiteral("-config-file is required"));
            return 1;
        }
        QFile file(m_configFile);
        if (!file.open(QIODevice::ReadOnly)) {
            ui().error(
                QStringLiteral("Error reading config file: ") +
                goPathError(QStringLiteral("open"), m_configFile, file.exists() ? EACCES : ENOENT));
            return 1;
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
        if (!document.isObject()) {
            ui().error(QStringLiteral("Error parsing config file: ") +
                       (parseError.error != QJsonParseError::NoError
                            ? parseError.errorString()
                            : QStringLiteral("json: cannot unmarshal into Go value of type "
                                             "api.CAConfig")));
            return 1;
        }
        auto client = makeClient();
        if (!client)
            return 1;
        const auto done = callSync(
            *client, ConnectApi::setCaConfiguration(document.toJson(QJsonDocument::Compact)));
        if (!done) {
            ui().error(QStringLiteral("Error setting CA configuration: ") + done.error());
            return 1;
        }
        ui().output(QStringLiteral("Configuration updated!"));
        return 0;
    }

private:
    QString m_configFile;
};

} // namespace

std::unique_ptr<Command> makeConnectCommand(Ui &ui)
{
    return std::make_unique<GroupCommand>(ui, QStringLiteral("Interact with Consul Connect"),
                                          QStringLiteral(R"(
Usage: qonsul connect <subcommand> [options] [args]

  Connect is the service mesh: services reach each other through sidecar
  proxies that speak mutual TLS with certificates from the cluster's own CA,
  and intentions ("qonsul intention") decide who may talk to whom.

      $ qonsul connect proxy -sidecar-for web
      $ qonsul connect ca get-config

  Each subcommand has its own help (-h).
)"));
}

std::unique_ptr<Command> makeConnectCaCommand(Ui &ui)
{
    return std::make_unique<GroupCommand>(
        ui, QStringLiteral("Interact with the Consul Connect Certificate Authority (CA)"),
        QStringLiteral(R"(
Usage: qonsul connect ca <subcommand> [options] [args]

  Reads and changes the configuration of the Connect CA, which signs the
  certificates every proxy presents.

  Each subcommand has its own help (-h).
)"));
}

std::unique_ptr<Command> makeConnectCaGetConfigCommand(Ui &ui)
{
    return std::make_unique<CaGetConfigCommand>(ui);
}

std::unique_ptr<Command> makeConnectCaSetConfigCommand(Ui &ui)
{
    return std::make_unique<CaSetConfigCommand>(ui);
}

} // namespace qonsul::cli

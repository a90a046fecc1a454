// `qonsul services register|deregister`: local agent services from files or flags.

#include "Commands.h"
#include "ServiceDefinition.h"
#include "api/AgentApi.h"
#include "api/SyncCall.h"

#include <QJsonArray>

namespace qonsul::cli {

namespace {

class ServicesRegisterCommand : public ClientCommand
{
public:
    explicit ServicesRegisterCommand(Ui &ui) : ClientCommand(ui)
    {
        m_flags.addString("id", &m_id,
                          "ID of the service registered from flags. Defaults to the -name value.");
        m_flags.addString("name", &m_name, "Name of the service registered from flags.");
        m_flags.addString("address", &m_address, "Address of the service registered from flags.");
        m_flags.addInt("port", &m_port, "Port of the service registered from flags.");
        m_flags.addMap("meta", &m_meta,
                       "Service metadata as key=value. Repeat to set several keys.");
        m_flags.addList("tag", &m_tags, "A tag of the service. Repeat to set several tags.");
        addHttpFlags(true);
    }

    QString synopsis() const override
    {
        return QStringLiteral("Register services with the local agent");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul services register [options] [FILE...]

  Registers services with the local agent, either from service definition files
  (JSON, as in the agent's -config-dir) or from flags. The services stay until
  "qonsul services deregister" removes them.

      $ qonsul services register web.json
      $ qonsul services register -name=web -port=80 -tag=rails
)"));
    }

    int run(const QStringList &args) override
    {
        const auto files = parseFlags(args);
        if (!files)
            return 1;
        if (files->isEmpty() && m_name.isEmpty()) {
            ui().error(
                QStringLiteral("Service registration requires at least one argument or flags."));
            return 1;
        }
        if (!files->isEmpty() && !m_name.isEmpty()) {
            ui().error(QStringLiteral("Service registration requires arguments or -id, not both."));
            return 1;
        }
        QList<QJsonObject> services{fromFlags()};
        if (!files->isEmpty()) {
            const Expected<QList<QJsonObject>> loaded = servicesFromFiles(*files);
            if (!loaded) {
                ui().error(QStringLiteral("Error: ") + loaded.error());
                return 1;
            }
            services = *loaded;
        }
        auto client = makeClient();
        if (!client)
            return 1;
        for (const QJsonObject &service : services) {
            const QString name = service.value("Name").toString();
            const auto done = callSync(*client, AgentApi::registerService(service));
            if (!done) {
                ui().error(
                    QStringLiteral("Error registering service \"%1\": %2").arg(name, done.error()));
                return 1;
            }
            ui().output(QStringLiteral("Registered service: ") + name);
        }
        return 0;
    }

private:
    // The registration the flags describe; empty fields are left out as the Go client does.
    QJsonObject fromFlags() const
    {
        QJsonObject service;
        if (!m_id.isEmpty())
            service.insert("ID", m_id);
        if (!m_name.isEmpty())
            service.insert("Name", m_name);
        if (!m_tags.isEmpty())
            service.insert("Tags", QJsonArray::fromStringList(m_tags));
        if (m_port != 0)
            service.insert("Port", m_port);
        if (!m_address.isEmpty())
            service.insert("Address", m_address);
        if (!m_meta.isEmpty()) {
            QJsonObject meta;
            for (auto it = m_meta.begin(); it != m_meta.end(); ++it)
                meta.insert(it.key(), it.value());
            service.insert("Meta", meta);
        }
        return service;
    }

    QString m_id;
    QString m_name;
    QString m_address;
    int m_port = 0;
    QMap<QString, QString> m_meta;
    QStringList m_tags;
};

class ServicesDeregisterCommand : public ClientCommand
{
public:
    explicit ServicesDeregisterCommand(Ui &ui) : ClientCommand(ui)
    {
        m_flags.addString("id", &m_id, "ID of the service to deregister; not with FILE arguments.");
        addHttpFlags(true);
    }

    QString synopsis() const override
    {
        return QStringLiteral("Deregister services with the local agent");
    }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul services deregister [options] [FILE...]

  Deregisters services from the local agent: those defined in the given files,
  or the one with the -id given. It must be the agent they were registered with.

      $ qonsul services deregister web.json db.json
      $ qonsul services deregister -id=web
)"));
    }

    int run(const QStringList &args) override
    {
        const auto files = parseFlags(args);
        if (!files)
            return 1;
        if (files->isEmpty() && m_id.isEmpty()) {
            ui().error(
                QStringLiteral("Service deregistration requires at least one argument or -id."));
            return 1;
        }
        if (!files->isEmpty() && !m_id.isEmpty()) {
            ui().error(
                QStringLiteral("Service deregistration requires arguments or -id, not both."));
            return 1;
        }
        QList<QJsonObject> services{QJsonObject{{"ID", m_id}}};
        if (!files->isEmpty()) {
            const Expected<QList<QJsonObject>> loaded = servicesFromFiles(*files);
            if (!loaded) {
                ui().error(QStringLiteral("Error: ") + loaded.error());
                return 1;
            }
            services = *loaded;
        }
        auto client = makeClient();
        if (!client)
            return 1;
        for (const QJsonObject &service : services) {
            QString id = service.value("ID").toString();
            if (id.isEmpty())
                id = service.value("Name").toString();
            if (id.isEmpty())
                continue;
            const auto done = callSync(*client, AgentApi::deregisterService(id));
            if (!done) {
                // sic: Consul says "registering" here too.
                ui().error(QStringLiteral("Error registering service \"%1\": %2")
                               .arg(service.value("Name").toString(), done.error()));
                return 1;
            }
            ui().output(QStringLiteral("Deregistered service: ") + id);
        }
        return 0;
    }

private:
    QString m_id;
};

} // namespace

std::unique_ptr<Command> makeServicesRegisterCommand(Ui &ui)
{
    return std::make_unique<ServicesRegisterCommand>(ui);
}

std::unique_ptr<Command> makeServicesDeregisterCommand(Ui &ui)
{
    return std::make_unique<ServicesDeregisterCommand>(ui);
}

} // namespace qonsul::cli

// `qonsul tls ca create` and `tls cert create -server|-client|-cli`: a CA for the agents' own
// TLS and certificates it signs, written to the current directory under Consul's file names
// (consul-agent-ca.pem, dc1-server-consul-0.pem, …) with Consul's names and usages. Private
// keys are written readable by their owner only.

#include "Commands.h"
#include "connect/Certificates.h"

#include <QDateTime>
#include <QFile>
#include <QHostAddress>
#include <QRandomGenerator>

namespace qonsul::cli {

namespace {

constexpr int64_t secondsPerDay = 24 * 60 * 60;

// A random serial below 2^128, as Consul's GenerateSerialNumber.
std::vector<uint8_t> randomSerial()
{
    std::vector<uint8_t> serial(16);
    QRandomGenerator::system()->generate(serial.begin(), serial.end());
    return serial;
}

// Writes `text` to a new file; `secret` files get mode 0600.
QString writeNewFile(const QString &path, const std::string &text, bool secret)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return QStringLiteral("open %1: %2").arg(path, file.errorString());
    if (secret)
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    if (file.write(text.data(), qint64(text.size())) != qint64(text.size()) || !file.flush())
        return QStringLiteral("write %1: %2").arg(path, file.errorString());
    return QString();
}

QString readFileText(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("open %1: %2")
                     .arg(path, file.exists() ? file.errorString()
                                              : QStringLiteral("no such file or directory"));
        return QString();
    }
    return QString::fromUtf8(file.readAll());
}

// Writes the certificate, then its key (owner-only), saying "==> Saved <file>" for each as
// Consul does; 0, or 1 after printing why not.
int saveCertificateAndKey(Ui &ui, const QString &certFile, const std::string &cert,
                          const QString &keyFile, const std::string &key)
{
    for (const auto &[file, text, secret] :
         {std::tuple{certFile, cert, false}, std::tuple{keyFile, key, true}}) {
        if (const QString error = writeNewFile(file, text, secret); !error.isEmpty()) {
            ui.error(error);
            return 1;
        }
        ui.output(QStringLiteral("==> Saved ") + file);
    }
    return 0;
}

class TlsCaCreateCommand : public Command
{
public:
    explicit TlsCaCreateCommand(Ui &ui) : Command(ui)
    {
        m_flags.addInt("days", &m_days,
                       "Provide number of days the CA is valid for from now on. Defaults to 5 "
                       "years.");
        m_flags.addBool("name-constraint", &m_constraint,
                        "Add name constraints for the CA: certificates for other DNS names than "
                        "-domain, localhost and -additional-name-constraint are rejected. "
                        "Defaults to false.");
        m_flags.addString("domain", &m_domain,
                          "Domain of consul cluster. Only used in combination with "
                          "-name-constraint. Defaults to consul.");
        m_flags.addList("additional-name-constraint", &m_additionalConstraints,
                        "Add name constraints for the CA. Can be used multiple times. Only used "
                        "in combination with -name-constraint.");
    }

    QString synopsis() const override { return QStringLiteral("Create a new consul CA"); }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul tls ca create [options]

  Create a new CA for the agents' TLS, in the current directory:

  $ qonsul tls ca create
  ==> Saved consul-agent-ca.pem
  ==> Saved consul-agent-ca-key.pem
)"));
    }

    int run(const QStringList &args) override
    {
        if (!parseFlagsOnly(args))
            return 1;
        if (m_days <= 0) {
            ui().error(QStringLiteral("-days must be a positive number of days"));
            return 1;
        }
        const QString certFile = m_domain + QStringLiteral("-agent-ca.pem");
        const QString keyFile = m_domain + QStringLiteral("-agent-ca-key.pem");
        for (const QString &file : {certFile, keyFile})
            if (QFile::exists(file)) {
                ui().error(file + QStringLiteral(" already exists."));
                return 1;
            }
        const Expected<std::string> key = connect::generateEcKey();
        if (!key) {
            ui().error(key.error());
            return 1;
        }
        connect::AgentCaRequest request;
        request.keyPem = *key;
        request.serial = randomSerial();
        request.notBefore = QDateTime::currentSecsSinceEpoch();
        request.notAfter = request.notBefore + m_days * secondsPerDay;
        if (m_constraint) {
            for (const QString &name : m_additionalConstraints)
                request.permittedDnsDomains.push_back(name.toStdString());
            request.permittedDnsDomains.push_back(m_domain.toStdString());
            request.permittedDnsDomains.push_back("localhost");
        }
        const Expected<std::string> ca = connect::makeAgentCaCertificate(request);
        if (!ca) {
            ui().error(ca.error());
            return 1;
        }
        return saveCertificateAndKey(ui(), certFile, *ca, keyFile, *key);
    }

private:
    int m_days = 1825;
    bool m_constraint = false;
    QString m_domain = QStringLiteral("consul");
    QStringList m_additionalConstraints;
};

class TlsCertCreateCommand : public Command
{
public:
    explicit TlsCertCreateCommand(Ui &ui) : Command(ui)
    {
        m_flags.addString("ca", &m_ca,
                          "Provide path to the ca. Defaults to #DOMAIN#-agent-ca.pem.");
        m_flags.addString("key", &m_key,
                          "Provide path to the key. Defaults to #DOMAIN#-agent-ca-key.pem.");
        m_flags.addBool("server", &m_server, "Generate server certificate.");
        m_flags.addBool("client", &m_client, "Generate client certificate.");
        m_flags.addBool("cli", &m_cli, "Generate cli certificate.");
        m_flags.addString("node", &m_node,
                          "With -server, an additional DNS name "
                          "<node>.server.<datacenter>.<domain>.");
        m_flags.addInt("days", &m_days,
                       "Provide number of days the certificate is valid for from now on. "
                       "Defaults to 1 year.");
        m_flags.addString("dc", &m_dc,
                          "Provide the datacenter. Matters only for -server certificates. "
                          "Defaults to dc1.");
        m_flags.addString("domain", &m_domain,
                          "Provide the domain. Matters only for -server certificates.");
        m_flags.addList("additional-dnsname", &m_dnsNames,
                        "Provide an additional dnsname for Subject Alternative Names. "
                        "localhost is always included. This flag may be provided multiple "
                        "times.");
        m_flags.addList("additional-ipaddress", &m_ipAddresses,
                        "Provide an additional ipaddress for Subject Alternative Names. "
                        "127.0.0.1 is always included. This flag may be provided multiple "
                        "times.");
    }

    QString synopsis() const override { return QStringLiteral("Create a new certificate"); }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul tls cert create [options]

  Create a new certificate, signed by the CA of "qonsul tls ca create":

  $ qonsul tls cert create -server
  ==> WARNING: Server Certificates grants authority to become a
      server and access all state in the cluster including root keys
      and all ACL tokens. Do not distribute them to production hosts
      that are not server nodes. Store them as securely as CA keys.
  ==> Using consul-agent-ca.pem and consul-agent-ca-key.pem
  ==> Saved dc1-server-consul-0.pem
  ==> Saved dc1-server-consul-0-key.pem
  $ qonsul tls cert create -client
  ==> Using consul-agent-ca.pem and consul-agent-ca-key.pem
  ==> Saved dc1-client-consul-0.pem
  ==> Saved dc1-client-consul-0-key.pem
)"));
    }

    int run(const QStringList &args) override
    {
        if (!parseFlagsOnly(args))
            return 1;
        if (m_ca.isEmpty()) {
            ui().error(QStringLiteral("Please provide the ca"));
            return 1;
        }
        if (m_key.isEmpty()) {
            ui().error(QStringLiteral("Please provide the key"));
            return 1;
        }
        if (int(m_server) + int(m_client) + int(m_cli) != 1) {
            ui().error(QStringLiteral("Please provide either -server, -client, or -cli"));
            return 1;
        }
        if (!m_node.isEmpty() && !m_server) {
            ui().error(QStringLiteral("-node requires -server"));
            return 1;
        }
        if (m_days <= 0) {
            ui().error(QStringLiteral("-days must be a positive number of days"));
            return 1;
        }
        connect::AgentCertRequest request;
        for (const QString &name : m_dnsNames)
            if (!name.trimmed().isEmpty())
                request.dnsNames.push_back(name.trimmed().toStdString());
        for (const QString &ip : m_ipAddresses) {
            if (ip.trimmed().isEmpty())
                continue;
            if (QHostAddress(ip.trimmed()).isNull()) {
                ui().error(QStringLiteral("-additional-ipaddress %1 is not an IP address")
                               .arg(ip.trimmed()));
                return 1;
            }
            request.ipAddresses.push_back(QHostAddress(ip.trimmed()).toString().toStdString());
        }
        const QString kind = m_server   ? QStringLiteral("server")
                             : m_client ? QStringLiteral("client")
                                        : QStringLiteral("cli");
        const QString name = QStringLiteral("%1.%2.%3").arg(kind, m_dc, m_domain);
        if (m_server) {
            if (!m_node.isEmpty())
                request.dnsNames.push_back(QStringLiteral("%1.%2").arg(m_node, name).toStdString());
            request.dnsNames.push_back(name.toStdString());
            request.dnsNames.push_back("localhost");
            request.ipAddresses.push_back("127.0.0.1");
            request.extendedKeyUsages = {"serverAuth", "clientAuth"};
        } else if (m_client) {
            request.dnsNames.push_back(name.toStdString());
            request.dnsNames.push_back("localhost");
            request.ipAddresses.push_back("127.0.0.1");
            request.extendedKeyUsages = {"clientAuth", "serverAuth"};
        } else {
            // Consul's cli certificate names only itself and localhost, whatever was added.
            request.dnsNames = {name.toStdString(), "localhost"};
            request.ipAddresses.clear();
        }

        const QString prefix = QStringLiteral("%1-%2-%3").arg(m_dc, kind, m_domain);
        QString certFile, keyFile;
        for (int i = 0; i <= 10000 && certFile.isEmpty(); ++i) {
            const QString cert = QStringLiteral("%1-%2.pem").arg(prefix).arg(i);
            const QString key = QStringLiteral("%1-%2-key.pem").arg(prefix).arg(i);
            if (!QFile::exists(cert) && !QFile::exists(key)) {
                certFile = cert;
                keyFile = key;
            }
        }
        if (certFile.isEmpty()) {
            ui().error(QStringLiteral("Could not find a filename that doesn't already exist"));
            return 1;
        }

        const QString caFile = QString(m_ca).replace(QStringLiteral("#DOMAIN#"), m_domain);
        const QString caKeyFile = QString(m_key).replace(QStringLiteral("#DOMAIN#"), m_domain);
        QString error;
        const QString caPem = readFileText(caFile, &error);
        if (!error.isEmpty()) {
            ui().error(QStringLiteral("Error reading CA: ") + error);
            return 1;
        }
        const QString caKeyPem = readFileText(caKeyFile, &error);
        if (!error.isEmpty()) {
            ui().error(QStringLiteral("Error reading CA key: ") + error);
            return 1;
        }
        if (m_server)
            ui().output(QStringLiteral(
                "==> WARNING: Server Certificates grants authority to become a\n"
                "    server and access all state in the cluster including root keys\n"
                "    and all ACL tokens. Do not distribute them to production hosts\n"
                "    that are not server nodes. Store them as securely as CA keys."));
        ui().output(QStringLiteral("==> Using %1 and %2").arg(caFile, caKeyFile));

        const Expected<std::string> key = connect::generateEcKey();
        if (!key) {
            ui().error(key.error());
            return 1;
        }
        request.caCertPem = caPem.toStdString();
        request.caKeyPem = caKeyPem.toStdString();
        request.keyPem = *key;
        request.serial = randomSerial();
        request.commonName = name.toStdString();
        request.notBefore = QDateTime::currentSecsSinceEpoch();
        request.notAfter = request.notBefore + m_days * secondsPerDay;
        const Expected<std::string> cert = connect::makeAgentCertificate(request);
        if (!cert) {
            ui().error(cert.error());
            return 1;
        }
        // As Consul does, the new certificate must verify against the CA for its own name.
        if (const Expected<bool> verified = connect::verifyAgentCertificate(
                *cert, request.caCertPem, request.commonName, request.notBefore);
            !verified) {
            ui().error(verified.error());
            return 1;
        }
        return saveCertificateAndKey(ui(), certFile, *cert, keyFile, *key);
    }

private:
    QString m_ca = QStringLiteral("#DOMAIN#-agent-ca.pem");
    QString m_key = QStringLiteral("#DOMAIN#-agent-ca-key.pem");
    bool m_server = false;
    bool m_client = false;
    bool m_cli = false;
    QString m_node;
    int m_days = 365;
    QString m_dc = QStringLiteral("dc1");
    QString m_domain = QStringLiteral("consul");
    QStringList m_dnsNames;
    QStringList m_ipAddresses;
};

} // namespace

std::unique_ptr<Command> makeTlsCommand(Ui &ui)
{
    return std::make_unique<GroupCommand>(
        ui, QStringLiteral("Builtin helpers for creating CAs and certificates"), QStringLiteral(R"(
Usage: qonsul tls <subcommand> <subcommand> [options]

  Makes a CA and the certificates it signs for the agents' own TLS (RPC, HTTPS),
  as Consul's tls command does:

      $ qonsul tls ca create
      $ qonsul tls cert create -server
      $ qonsul tls cert create -client

  Each subcommand has its own help (-h).
)"));
}

std::unique_ptr<Command> makeTlsCaCommand(Ui &ui)
{
    return std::make_unique<GroupCommand>(ui, QStringLiteral("Helpers for CAs"), QStringLiteral(R"(
Usage: qonsul tls ca <subcommand> [options]

  Makes a CA for the agents' TLS:

      $ qonsul tls ca create
)"));
}

std::unique_ptr<Command> makeTlsCaCreateCommand(Ui &ui)
{
    return std::make_unique<TlsCaCreateCommand>(ui);
}

std::unique_ptr<Command> makeTlsCertCommand(Ui &ui)
{
    return std::make_unique<GroupCommand>(ui, QStringLiteral("Helpers for certificates"),
                                          QStringLiteral(R"(
Usage: qonsul tls cert <subcommand> [options]

  Makes certificates signed by the CA of "qonsul tls ca create":

      $ qonsul tls cert create -server
      $ qonsul tls cert create -client
      $ qonsul tls cert create -cli
)"));
}

std::unique_ptr<Command> makeTlsCertCreateCommand(Ui &ui)
{
    return std::make_unique<TlsCertCreateCommand>(ui);
}

} // namespace qonsul::cli

#pragma once
// The Connect CA of the built-in "consul" provider, a leader duty (reference §14.6): at
// bootstrap it makes an EC P-256 root for the trust domain <cluster id>.consul and stores roots
// and configuration through the FSM; it signs leaf certificates for agents' requests; a new
// configuration with another key rotates the root, the old root cross-signing the new one; and
// rotated-out roots are pruned two leaf lifetimes later.

#include "fsm/Command.h"
#include "state/Records.h"
#include "util/Expected.h"

#include <QString>
#include <QTimer>
#include <functional>
#include <optional>
#include <string>

namespace qonsul {
class Logger;
}

namespace qonsul::server {

class Server;

struct SignedLeafCertificate
{
    std::string certPem;
    std::string serialNumber; // colon hex, as Consul shows it
    std::string service;
    std::string serviceUri;
    int64_t validAfterNs = 0;
    int64_t validBeforeNs = 0;
    uint64_t index = 0; // the serial, which orders a service's leaves
};

// A configuration as the API takes it: provider and its settings as a JSON object.
struct CaConfigRequest
{
    std::string provider;
    std::string configJson;
};

class ConnectCa
{
public:
    using Clock = std::function<int64_t()>; // wall clock, Unix nanoseconds

    ConnectCa(Server &server, Logger &logger);

    // Creates the root and the configuration when the store has none (a new leader of a new
    // cluster); otherwise keeps what the log holds. Nothing while Connect is disabled.
    void initialize();

    // connect.enabled of the server's agent: on in dev mode, off by default otherwise. Off,
    // the CA does not start and its endpoints answer `disabledText`.
    void setEnabled(bool enabled) { m_enabled = enabled; }
    bool enabled() const { return m_enabled; }
    static constexpr const char *disabledText =
        "Connect must be enabled in order to use this endpoint";

    // Signs a PKCS#10 request whose URI SAN names `service` in this CA's trust domain.
    Expected<SignedLeafCertificate> sign(const std::string &csrPem, const std::string &service);

    // The command that applies a new configuration: validated, with a new root cross-signed by
    // the old one when the key or root certificate changed (`rotates`). An error is in Consul's
    // words.
    Expected<fsm::Command> configurationChange(const CaConfigRequest &request, bool *rotates);
    // Logs the rotation once its command has been applied.
    void announceRotation();

    // Proposes the removal of roots rotated out more than twice the leaf lifetime ago.
    void pruneRotatedRoots();

    std::string trustDomain() const;
    int64_t leafTtlNs() const; // from the stored configuration (72h by default)

    void setClock(Clock clock) { m_clock = std::move(clock); }

    static constexpr int64_t defaultLeafTtlNs = 72LL * 3600 * 1'000'000'000;
    static constexpr const char *defaultConfigJson =
        R"({"LeafCertTTL":"72h","RotationPeriod":"2160h"})";

private:
    bool m_enabled = true;
    Expected<state::CaRoot> makeRoot(const std::string &keyPem, const std::string &certPem,
                                     const std::string &trustDomain);
    uint64_t nextSerial();

    Server &m_server;
    Logger &m_logger;
    Clock m_clock;
    uint64_t m_serial = 0;
    QTimer m_pruneTimer;
};

// The checks Consul makes on a provider's settings; "" when they are fine.
QString validateCaConfig(const CaConfigRequest &request, int64_t *leafTtlNs = nullptr);

} // namespace qonsul::server

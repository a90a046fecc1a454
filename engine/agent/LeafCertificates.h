#pragma once
// The agent's leaf certificates for Connect, one per service name (Consul's agent cache of
// ConnectCALeaf): a key made here, a certificate signed by the CA, renewed at a random point
// between 60% and 90% of its life, and re-signed within a random delay (up to 30 s) after the
// CA's active root changes. Blocking reads of /v1/agent/connect/ca/leaf/<service> wake on a
// service's topic, which changes only when its certificate does.

#include "server/ConnectCa.h"
#include "util/Expected.h"

#include <QObject>
#include <QTimer>
#include <map>
#include <memory>
#include <random>
#include <string>

namespace qonsul {

class Logger;

namespace server {
class Server;
}

struct LeafCertificate
{
    std::string privateKeyPem;
    server::SignedLeafCertificate certificate;
    std::string signedByRootId;
};

class LeafCertificates : public QObject
{
    Q_OBJECT
public:
    LeafCertificates(server::Server &server, QString datacenter, Logger &logger,
                     QObject *parent = nullptr);
    ~LeafCertificates() override;

    // The service's current certificate, signed now if it has none (or the old one expired).
    Expected<const LeafCertificate *> leafFor(const std::string &service);

    static std::string topic(const std::string &service) { return "agent-leaf:" + service; }

    // The longest wait before re-signing after a root rotation (Consul: 30 s); tests shorten it.
    void setRotationJitterMs(int maxMs) { m_rotationJitterMs = maxMs; }

private:
    struct Entry
    {
        LeafCertificate leaf;
        QTimer renewal;
    };
    Expected<LeafCertificate> sign(const std::string &service);
    void replace(const std::string &service);
    void armRenewal(const std::string &service, Entry &entry);
    void rootsMayHaveChanged();

    server::Server &m_server;
    QString m_datacenter;
    Logger &m_logger;
    std::map<std::string, std::unique_ptr<Entry>> m_leaves;
    std::string m_activeRootId;
    int m_rotationJitterMs = 30'000;
    std::mt19937_64 m_random{std::random_device{}()};
};

} // namespace qonsul

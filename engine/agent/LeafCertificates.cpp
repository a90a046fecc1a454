#include "agent/LeafCertificates.h"

#include "connect/Certificates.h"
#include "connect/Spiffe.h"
#include "server/Server.h"
#include "util/GoTime.h"
#include "util/Logger.h"

#include <chrono>

namespace qonsul {

namespace {

const QString agentLog = QStringLiteral("agent");
// A QTimer counts in int milliseconds; longer waits are taken in steps and checked again.
constexpr int64_t longestTimerMs = 24LL * 3600 * 1000;

} // namespace

LeafCertificates::LeafCertificates(server::Server &server, QString datacenter, Logger &logger,
                                   QObject *parent)
    : QObject(parent), m_server(server), m_datacenter(std::move(datacenter)), m_logger(logger)
{
    connect(&m_server, &server::Server::committed, this, &LeafCertificates::rootsMayHaveChanged);
}

LeafCertificates::~LeafCertificates() = default;

Expected<LeafCertificate> LeafCertificates::sign(const std::string &service)
{
    auto key = connect::generateEcKey();
    if (!key)
        return Error{key.error()};
    const connect::ServiceIdentity id{m_server.connectCa().trustDomain(), "default",
                                      m_datacenter.toStdString(), service};
    auto csr = connect::makeCertificateRequest(*key, id.uri());
    if (!csr)
        return Error{csr.error()};
    auto signedCert = m_server.connectCa().sign(*csr, service);
    if (!signedCert)
        return Error{signedCert.error()};
    const state::CaRoot *root = m_server.store().activeCaRoot();
    return LeafCertificate{*key, *signedCert, root ? root->id : std::string()};
}

Expected<const LeafCertificate *> LeafCertificates::leafFor(const std::string &service)
{
    auto it = m_leaves.find(service);
    if (it != m_leaves.end() && it->second->leaf.certificate.validBeforeNs > util::unixNowNs())
        return &it->second->leaf;
    auto leaf = sign(service);
    if (!leaf)
        return Error{leaf.error()};
    if (it == m_leaves.end())
        it = m_leaves.emplace(service, std::make_unique<Entry>()).first;
    it->second->leaf = std::move(*leaf);
    armRenewal(service, *it->second);
    return &it->second->leaf;
}

void LeafCertificates::armRenewal(const std::string &service, Entry &entry)
{
    const server::SignedLeafCertificate &cert = entry.leaf.certificate;
    const int64_t life = cert.validBeforeNs - cert.validAfterNs;
    std::uniform_real_distribution<double> share(0.6, 0.9);
    const int64_t renewAt = cert.validAfterNs + int64_t(double(life) * share(m_random));
    const int64_t waitMs = std::max<int64_t>(0, (renewAt - util::unixNowNs()) / 1'000'000);
    entry.renewal.setSingleShot(true);
    entry.renewal.disconnect();
    connect(&entry.renewal, &QTimer::timeout, this, [this, service, renewAt] {
        if (util::unixNowNs() < renewAt) { // a long wait taken in steps
            auto it = m_leaves.find(service);
            if (it != m_leaves.end())
                it->second->renewal.start(
                    int(std::min(longestTimerMs, (renewAt - util::unixNowNs()) / 1'000'000 + 1)));
            return;
        }
        replace(service);
    });
    entry.renewal.start(int(std::min(waitMs, longestTimerMs)));
}

void LeafCertificates::replace(const std::string &service)
{
    auto it = m_leaves.find(service);
    if (it == m_leaves.end())
        return;
    auto leaf = sign(service);
    if (!leaf) {
        m_logger.error(agentLog, QStringLiteral("failed to renew the leaf certificate of %1: %2")
                                     .arg(QString::fromStdString(service), leaf.error()));
        it->second->renewal.start(1000); // the CA may be busy rotating: try again soon
        return;
    }
    it->second->leaf = std::move(*leaf);
    armRenewal(service, *it->second);
    state::ChangeSet change;
    change.topics.push_back(topic(service));
    m_server.watches().notify(change);
}

void LeafCertificates::rootsMayHaveChanged()
{
    const state::CaRoot *root = m_server.store().activeCaRoot();
    const std::string active = root ? root->id : std::string();
    if (active == m_activeRootId)
        return;
    const bool first = m_activeRootId.empty();
    m_activeRootId = active;
    if (first)
        return;
    // Every agent re-signs after a random delay so that the servers are not asked all at once.
    std::uniform_int_distribution<int> delay(0, std::max(0, m_rotationJitterMs));
    for (auto &[service, entry] : m_leaves) {
        if (entry->leaf.signedByRootId == active)
            continue;
        entry->renewal.disconnect();
        connect(&entry->renewal, &QTimer::timeout, this, [this, name = service] { replace(name); });
        entry->renewal.start(delay(m_random));
    }
}

} // namespace qonsul

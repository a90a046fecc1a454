#include "server/ConnectCa.h"

#include "connect/Certificates.h"
#include "connect/Spiffe.h"
#include "server/Server.h"
#include "util/GoDuration.h"
#include "util/GoTime.h"
#include "util/Logger.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>
#include <chrono>

namespace qonsul::server {

namespace {

const QString connectLog = QStringLiteral("connect");

constexpr int64_t second = 1'000'000'000;
constexpr int64_t hour = 3600 * second;
constexpr int64_t rootLifetime = 10LL * 365 * 24 * hour; // Consul: ten years
constexpr int64_t crossSignLifetime = 7 * 24 * hour;
constexpr int64_t leafBackdate = 60 * second; // valid from a minute ago: clocks drift

QJsonObject configObject(const std::string &json)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
}

std::string stringSetting(const std::string &json, const char *key)
{
    return configObject(json).value(QLatin1String(key)).toString().toStdString();
}

} // namespace

QString validateCaConfig(const CaConfigRequest &request, int64_t *leafTtlNs)
{
    if (request.provider != "consul")
        return QStringLiteral("unknown CA provider \"%1\"")
            .arg(QString::fromStdString(request.provider));
    QJsonParseError parseError;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromStdString(request.configJson), &parseError);
    if (!request.configJson.empty() && !document.isObject())
        return QStringLiteral("error parsing CA config: Config must be an object");
    int64_t ttl = ConnectCa::defaultLeafTtlNs;
    const QJsonObject config = document.object();
    for (const char *key : {"LeafCertTTL", "RotationPeriod"}) {
        const QJsonValue value = config.value(QLatin1String(key));
        if (value.isUndefined())
            continue;
        const auto parsed = util::parseGoDuration(value.toString().toStdString());
        if (!value.isString() || !parsed)
            return QStringLiteral("error parsing CA config: '%1' expected a duration, got "
                                  "%2")
                .arg(QLatin1String(key),
                     QString::fromUtf8(QJsonDocument(QJsonObject{{QLatin1String(key), value}})
                                           .toJson(QJsonDocument::Compact)));
        if (std::string_view(key) == "LeafCertTTL")
            ttl = *parsed;
    }
    if (ttl < hour)
        return QStringLiteral("leaf cert TTL must be greater than 1h");
    if (ttl > 365 * 24 * hour)
        return QStringLiteral("leaf cert TTL must be less than 1 year");
    if (leafTtlNs)
        *leafTtlNs = ttl;
    return {};
}

ConnectCa::ConnectCa(Server &server, Logger &logger)
    : m_server(server), m_logger(logger), m_clock(&util::unixNowNs)
{
    // Consul checks for roots to prune every hour.
    m_pruneTimer.setInterval(std::chrono::hours(1));
    QObject::connect(&m_pruneTimer, &QTimer::timeout, [this] { pruneRotatedRoots(); });
}

std::string ConnectCa::trustDomain() const
{
    const auto &config = m_server.store().caConfig();
    return config ? connect::trustDomainOf(config->clusterId) : std::string();
}

int64_t ConnectCa::leafTtlNs() const
{
    const auto &config = m_server.store().caConfig();
    int64_t ttl = defaultLeafTtlNs;
    if (config)
        validateCaConfig({config->provider, config->configJson}, &ttl);
    return ttl;
}

uint64_t ConnectCa::nextSerial()
{
    m_serial = std::max(m_serial + 1, m_server.store().lastIndex() + 1);
    return m_serial;
}

Expected<state::CaRoot> ConnectCa::makeRoot(const std::string &keyPem, const std::string &certPem,
                                            const std::string &trustDomain)
{
    const int64_t now = m_clock();
    std::string pem = certPem;
    if (pem.empty()) {
        auto made = connect::makeRootCertificate(
            {keyPem, nextSerial(), trustDomain, now / second, (now + rootLifetime) / second});
        if (!made)
            return Error{made.error()};
        pem = *made;
    } else if (!connect::keyMatchesCertificate(keyPem, pem)) {
        return makeError(QStringLiteral("RootCert does not match PrivateKey"));
    }
    auto info = connect::inspectCertificate(pem);
    if (!info)
        return Error{info.error()};
    state::CaRoot root;
    root.id = info->sha1Fingerprint;
    root.name = "Consul CA Root Cert";
    for (uint8_t byte : info->serial)
        root.serialNumber = (root.serialNumber << 8) | byte;
    root.signingKeyId = connect::colonHex(info->subjectKeyId);
    root.notBeforeNs = info->notBefore * second;
    root.notAfterNs = info->notAfter * second;
    root.rootCertPem = pem;
    root.signingKeyPem = keyPem;
    root.active = true;
    return root;
}

void ConnectCa::initialize()
{
    if (!m_enabled)
        return;
    m_pruneTimer.start();
    if (m_server.store().caConfig() && m_server.store().activeCaRoot())
        return;
    state::CaConfig config;
    config.clusterId = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    config.provider = "consul";
    config.configJson = defaultConfigJson;
    auto key = connect::generateEcKey();
    auto root = key ? makeRoot(*key, {}, connect::trustDomainOf(config.clusterId))
                    : Expected<state::CaRoot>(Error{key.error()});
    if (!root) {
        m_logger.error(connectLog, QStringLiteral("failed to initialize CA: %1").arg(root.error()));
        return;
    }
    fsm::CaSetCommand command{{*root}, config};
    m_server.propose(fsm::Command{0, std::move(command)}, [this](const fsm::ApplyResult &) {
        m_logger.info(connectLog, QStringLiteral("initialized primary datacenter CA with "
                                                 "provider \"consul\""));
    });
}

Expected<SignedLeafCertificate> ConnectCa::sign(const std::string &csrPem,
                                                const std::string &service)
{
    const state::CaRoot *root = m_server.store().activeCaRoot();
    if (!root)
        return makeError(QStringLiteral("CA is uninitialized and unable to sign certificates "
                                        "yet: no root certificate"));
    const int64_t now = m_clock();
    const int64_t validAfter = now - leafBackdate;
    const int64_t validBefore = validAfter + leafTtlNs();
    const uint64_t serial = nextSerial();
    auto leaf = connect::signLeaf({csrPem, root->rootCertPem, root->signingKeyPem, serial,
                                   validAfter / second, validBefore / second});
    if (!leaf)
        return Error{leaf.error()};
    const connect::ParsedSpiffe id = connect::parseSpiffe(leaf->uri);
    if (id.kind != connect::SpiffeKind::Service)
        return makeError(QStringLiteral("SPIFFE ID in CSR must be a service ID"));
    if (id.service.trustDomain != trustDomain())
        return makeError(QStringLiteral("SPIFFE ID in CSR from a different trust domain: %1, "
                                        "we are %2")
                             .arg(QString::fromStdString(id.service.trustDomain),
                                  QString::fromStdString(trustDomain())));
    if (id.service.service != service)
        return makeError(
            QStringLiteral("SPIFFE ID in CSR is for service \"%1\", not \"%2\"")
                .arg(QString::fromStdString(id.service.service), QString::fromStdString(service)));
    auto info = connect::inspectCertificate(leaf->certPem);
    SignedLeafCertificate out;
    out.certPem = leaf->certPem;
    out.serialNumber = info ? connect::colonHex(info->serial) : std::string();
    out.service = service;
    out.serviceUri = leaf->uri;
    out.validAfterNs = validAfter;
    out.validBeforeNs = validBefore;
    out.index = serial;
    return out;
}

Expected<fsm::Command> ConnectCa::configurationChange(const CaConfigRequest &request, bool *rotates)
{
    *rotates = false;
    if (const QString error = validateCaConfig(request); !error.isEmpty())
        return makeError(error);
    const auto &current = m_server.store().caConfig();
    const state::CaRoot *oldRoot = m_server.store().activeCaRoot();
    if (!current || !oldRoot)
        return makeError(QStringLiteral("CA is not yet initialized"));

    state::CaConfig config = *current;
    config.provider = request.provider;
    config.configJson = request.configJson.empty() ? std::string("{}") : request.configJson;
    const std::string key = stringSetting(config.configJson, "PrivateKey");
    const std::string cert = stringSetting(config.configJson, "RootCert");
    // The same key and root certificate name the same provider state: only the settings change
    // (Consul keys the provider by a hash of both).
    const bool sameRoot = key == stringSetting(current->configJson, "PrivateKey") &&
                          cert == stringSetting(current->configJson, "RootCert");
    if (sameRoot)
        return fsm::Command{0, fsm::CaSetCommand{m_server.store().caRoots(), config}};

    std::string newKey = key;
    if (newKey.empty()) {
        auto generated = connect::generateEcKey();
        if (!generated)
            return Error{generated.error()};
        newKey = *generated;
    }
    auto newRoot = makeRoot(newKey, cert, trustDomain());
    if (!newRoot)
        return makeError(
            QStringLiteral("error generating CA root certificate: %1").arg(newRoot.error()));
    if (newRoot->id == oldRoot->id) // the same certificate given again
        return fsm::Command{0, fsm::CaSetCommand{m_server.store().caRoots(), config}};
    const int64_t now = m_clock();
    auto crossSigned =
        connect::crossSignRoot(newRoot->rootCertPem, oldRoot->rootCertPem, oldRoot->signingKeyPem,
                               nextSerial(), now / second, (now + crossSignLifetime) / second);
    if (!crossSigned)
        return makeError(
            QStringLiteral("error cross-signing new root: %1").arg(crossSigned.error()));
    newRoot->intermediateCertPems.push_back(*crossSigned);

    std::vector<state::CaRoot> roots;
    for (state::CaRoot root : m_server.store().caRoots()) {
        if (root.active) {
            root.active = false;
            root.rotatedOutAtNs = now;
        }
        roots.push_back(std::move(root));
    }
    roots.push_back(*newRoot);
    *rotates = true;
    return fsm::Command{0, fsm::CaSetCommand{std::move(roots), config}};
}

void ConnectCa::announceRotation()
{
    m_logger.info(connectLog, QStringLiteral("CA rotated to new root under provider \"consul\""));
}

void ConnectCa::pruneRotatedRoots()
{
    if (!m_server.isLeader())
        return;
    const int64_t now = m_clock();
    const int64_t keepFor = 2 * leafTtlNs();
    std::vector<state::CaRoot> kept;
    bool pruned = false;
    for (const state::CaRoot &root : m_server.store().caRoots()) {
        if (!root.active && root.rotatedOutAtNs > 0 && now - root.rotatedOutAtNs > keepFor) {
            pruned = true;
            m_logger.info(connectLog, QStringLiteral("pruning old unused root CA (ID: %1)")
                                          .arg(QString::fromStdString(root.id)));
            continue;
        }
        kept.push_back(root);
    }
    if (pruned)
        m_server.propose(fsm::Command{0, fsm::CaSetCommand{std::move(kept), std::nullopt}});
}

} // namespace qonsul::server

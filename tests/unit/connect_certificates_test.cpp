// The CA's cryptography with OpenSSL: roots, requests, leaves, cross-signing, and the
// verification that refuses self-signed, foreign, expired and not-yet-valid certificates.
#include "connect/Certificates.h"
#include "connect/Spiffe.h"

#include <QtTest>

using namespace qonsul;
using namespace qonsul::connect;

namespace {

constexpr int64_t now = 1'800'000'000; // 2027-01-15
constexpr int64_t day = 86400;
const std::string trustDomain = "11111111-2222-3333-4444-555555555555.consul";

std::string key()
{
    auto made = generateEcKey();
    if (!made)
        qFatal("key: %s", qPrintable(made.error()));
    return *made;
}

struct Ca
{
    std::string keyPem;
    std::string certPem;
};

Ca makeCa(uint64_t serial = 7, const std::string &domain = trustDomain)
{
    Ca ca{key(), {}};
    auto cert = makeRootCertificate({ca.keyPem, serial, domain, now - day, now + 3650 * day});
    if (!cert)
        qFatal("root: %s", qPrintable(cert.error()));
    ca.certPem = *cert;
    return ca;
}

std::string serviceUri(const std::string &service, const std::string &domain = trustDomain)
{
    return ServiceIdentity{domain, "default", "dc1", service}.uri();
}

Expected<SignedLeaf> leafFor(const Ca &ca, const std::string &uri, int64_t notBefore = now - 60,
                             int64_t notAfter = now + 3 * day, std::string *keyOut = nullptr)
{
    const std::string leafKey = key();
    if (keyOut)
        *keyOut = leafKey;
    auto csr = makeCertificateRequest(leafKey, uri);
    if (!csr)
        return Error{csr.error()};
    return signLeaf({*csr, ca.certPem, ca.keyPem, 42, notBefore, notAfter});
}

} // namespace

class ConnectCertificatesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theRootIsAnEcCaForTheTrustDomain()
    {
        const Ca ca = makeCa(7);
        QVERIFY(ca.keyPem.starts_with("-----BEGIN EC PRIVATE KEY-----"));
        auto info = inspectCertificate(ca.certPem);
        QVERIFY(info);
        QCOMPARE(info->commonName, std::string("Consul CA 7"));
        QCOMPARE(info->uris, (std::vector<std::string>{"spiffe://" + trustDomain}));
        QVERIFY(info->isCa);
        QCOMPARE(info->serial, (std::vector<uint8_t>{7}));
        QCOMPARE(info->subjectKeyId, info->authorityKeyId); // self-signed
        QCOMPARE(info->subjectKeyId.size(), size_t(32));
        QCOMPARE(info->notAfter - info->notBefore, 3651 * day);
        QCOMPARE(info->sha1Fingerprint.size(), size_t(59)); // 20 bytes, colon hex
    }

    void aLeafCarriesTheServiceIdentityAndVerifies()
    {
        const Ca ca = makeCa();
        std::string leafKey;
        auto leaf = leafFor(ca, serviceUri("web"), now - 60, now + 3 * day, &leafKey);
        QVERIFY2(leaf, qPrintable(leaf ? QString() : leaf.error()));
        QCOMPARE(leaf->uri, serviceUri("web"));
        QCOMPARE(leaf->commonName, std::string("web"));
        auto info = inspectCertificate(leaf->certPem);
        QVERIFY(!info->isCa);
        QCOMPARE(info->serial, (std::vector<uint8_t>{42}));
        QCOMPARE(info->notBefore, now - 60);
        QCOMPARE(info->authorityKeyId, inspectCertificate(ca.certPem)->subjectKeyId);
        QVERIFY(keyMatchesCertificate(leafKey, leaf->certPem));
        QVERIFY(!keyMatchesCertificate(key(), leaf->certPem));

        auto verified = verifyLeaf(leaf->certPem, {ca.certPem}, {}, now);
        QVERIFY2(verified, qPrintable(verified ? QString() : verified.error()));
        QCOMPARE(*verified, serviceUri("web"));
    }

    void verificationRefusesBadCertificates()
    {
        const Ca ca = makeCa();
        // From another CA.
        const Ca other = makeCa(8);
        auto foreign = leafFor(other, serviceUri("web"));
        QVERIFY(!verifyLeaf(foreign->certPem, {ca.certPem}, {}, now));
        // Self-signed: a root presented as a leaf by a stranger.
        QVERIFY(!verifyLeaf(other.certPem, {ca.certPem}, {}, now));
        // Expired, and not yet valid.
        auto leaf = leafFor(ca, serviceUri("web"));
        QVERIFY(!verifyLeaf(leaf->certPem, {ca.certPem}, {}, now + 4 * day));
        QVERIFY(!verifyLeaf(leaf->certPem, {ca.certPem}, {}, now - 3600));
        // A certificate that is not PEM at all.
        QVERIFY(!verifyLeaf("garbage", {ca.certPem}, {}, now));
        // No roots: nothing is trusted.
        QVERIFY(!verifyLeaf(leaf->certPem, {}, {}, now));
        // Another trust domain signed by our CA still chains: the caller compares the SPIFFE
        // host with its own, which the proxy and authorize do.
        auto otherDomain =
            leafFor(ca, serviceUri("web", "99999999-0000-0000-0000-000000000000.consul"));
        auto uri = verifyLeaf(otherDomain->certPem, {ca.certPem}, {}, now);
        QVERIFY(uri);
        QVERIFY(parseSpiffe(*uri).service.trustDomain != trustDomain);
    }

    void signingRefusesBrokenInput()
    {
        const Ca ca = makeCa();
        QVERIFY(!signLeaf({"not a request", ca.certPem, ca.keyPem, 1, now, now + day}));
        auto csr = makeCertificateRequest(key(), serviceUri("web"));
        QVERIFY(!signLeaf({*csr, ca.certPem, "not a key", 1, now, now + day}));
    }

    void aCrossSignedRootBridgesOldTrustToNewLeaves()
    {
        const Ca oldCa = makeCa(1);
        const Ca newCa = makeCa(2);
        auto bridge =
            crossSignRoot(newCa.certPem, oldCa.certPem, oldCa.keyPem, 3, now, now + 7 * day);
        QVERIFY(bridge);
        auto info = inspectCertificate(*bridge);
        QCOMPARE(info->commonName, std::string("Consul CA 2"));
        QCOMPARE(info->authorityKeyId, inspectCertificate(oldCa.certPem)->subjectKeyId);
        auto leaf = leafFor(newCa, serviceUri("web"));
        // A peer that knows only the old root accepts the new leaf through the bridge …
        QVERIFY(verifyLeaf(leaf->certPem, {oldCa.certPem}, {*bridge}, now));
        // … and not without it.
        QVERIFY(!verifyLeaf(leaf->certPem, {oldCa.certPem}, {}, now));
        // A peer with both roots needs no bridge.
        QVERIFY(verifyLeaf(leaf->certPem, {oldCa.certPem, newCa.certPem}, {}, now));
    }

    void colonHexIsConsuls()
    {
        QCOMPARE(colonHex({0x0a}), std::string("0a"));
        QCOMPARE(colonHex({0xde, 0xad, 0x01}), std::string("de:ad:01"));
        QCOMPARE(colonHex({}), std::string());
    }
};

QTEST_GUILESS_MAIN(ConnectCertificatesTest)
#include "connect_certificates_test.moc"

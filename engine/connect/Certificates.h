#pragma once
// Certificates with OpenSSL 3. Connect's CA: EC P-256 keys, the self-signed root with its
// trust domain as URI SAN, cross-signing a new root with the old key, certificate requests
// carrying a SPIFFE id, leaf signing, and verifying a leaf against the roots. And the agents'
// own TLS that `tls ca create` and `tls cert create` make (Consul's tlsutil, not Connect).
// Times are Unix seconds and are always given, never read from a clock, so tests choose them.

#include "util/Expected.h"

#include <cstdint>
#include <string>
#include <vector>

namespace qonsul::connect {

// A new EC P-256 private key, PEM ("BEGIN EC PRIVATE KEY", as Consul writes it).
Expected<std::string> generateEcKey();

struct RootRequest
{
    std::string keyPem;      // the root's own private key
    uint64_t serial = 1;     // also the N of the common name "Consul CA N"
    std::string trustDomain; // "<cluster id>.consul": the URI SAN spiffe://<trust domain>
    int64_t notBefore = 0;
    int64_t notAfter = 0;
};
Expected<std::string> makeRootCertificate(const RootRequest &request);

// The new root's certificate re-issued by the old root (issuer, key id and signature of the
// old), so that peers that trust only the old root accept leaves of the new one.
Expected<std::string> crossSignRoot(const std::string &newRootPem, const std::string &oldRootPem,
                                    const std::string &oldKeyPem, uint64_t serial,
                                    int64_t notBefore, int64_t notAfter);

// A PKCS#10 request for the key, with `uri` (a SPIFFE id) as its only SAN.
Expected<std::string> makeCertificateRequest(const std::string &keyPem, const std::string &uri);

struct LeafRequest
{
    std::string csrPem;
    std::string caCertPem;
    std::string caKeyPem;
    uint64_t serial = 1;
    int64_t notBefore = 0;
    int64_t notAfter = 0;
};
struct SignedLeaf
{
    std::string certPem;
    std::string uri;        // the SPIFFE id it carries
    std::string commonName; // the service's name
};
// Signs a request whose URI SAN is a service or agent SPIFFE id; refuses one with a bad
// signature or another SAN.
Expected<SignedLeaf> signLeaf(const LeafRequest &request);

// What a PEM certificate says about itself.
struct CertificateInfo
{
    std::string commonName;
    std::vector<std::string> uris;
    std::vector<uint8_t> serial; // big-endian bytes
    std::vector<uint8_t> subjectKeyId;
    std::vector<uint8_t> authorityKeyId;
    std::string sha1Fingerprint; // colon hex of the DER's SHA-1 (Consul's root ID)
    int64_t notBefore = 0;
    int64_t notAfter = 0;
    bool isCa = false;
};
Expected<CertificateInfo> inspectCertificate(const std::string &pem);

// Bytes as Consul's connect.HexString writes them: lower-case hex pairs joined by colons.
std::string colonHex(const std::vector<uint8_t> &bytes);

// Checks that the leaf chains to one of the roots (through the intermediates, if any) and is
// valid at `now`; the leaf's URI SAN, or why not.
Expected<std::string> verifyLeaf(const std::string &leafPem,
                                 const std::vector<std::string> &rootPems,
                                 const std::vector<std::string> &intermediatePems, int64_t now);

// The public key of a private key matches the certificate's (a leaf paired with its key).
bool keyMatchesCertificate(const std::string &keyPem, const std::string &certPem);

// ---- The agents' TLS (`tls ca create`, `tls cert create`) ----

struct AgentCaRequest
{
    std::string keyPem;
    std::vector<uint8_t> serial; // big-endian; also the N of "Consul Agent CA N" (decimal)
    int64_t notBefore = 0;
    int64_t notAfter = 0;
    // -name-constraint: the only DNS domains its certificates may name (critical).
    std::vector<std::string> permittedDnsDomains;
};
// Self-signed, with Consul's subject (HashiCorp Inc., San Francisco) and usages.
Expected<std::string> makeAgentCaCertificate(const AgentCaRequest &request);

struct AgentCertRequest
{
    std::string caCertPem;
    std::string caKeyPem;
    std::string keyPem; // the new certificate's own key
    std::vector<uint8_t> serial;
    std::string commonName;
    std::vector<std::string> dnsNames;
    std::vector<std::string> ipAddresses;
    std::vector<std::string> extendedKeyUsages; // OpenSSL's names, in order ("serverAuth", …)
    int64_t notBefore = 0;
    int64_t notAfter = 0;
};
Expected<std::string> makeAgentCertificate(const AgentCertRequest &request);

// The certificate chains to the CA at `now` and names `dnsName` (Consul's tlsutil.Verify);
// why not, otherwise.
Expected<bool> verifyAgentCertificate(const std::string &certPem, const std::string &caPem,
                                      const std::string &dnsName, int64_t now);

} // namespace qonsul::connect

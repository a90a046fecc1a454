#include "connect/Certificates.h"

#include <QString>
#include <memory>
#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace qonsul::connect {

namespace {

template <auto Free> struct Deleter
{
    template <class T> void operator()(T *p) const { Free(p); }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509_free>>;
using ReqPtr = std::unique_ptr<X509_REQ, Deleter<X509_REQ_free>>;
using StorePtr = std::unique_ptr<X509_STORE, Deleter<X509_STORE_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX_free>>;
using StackPtr =
    std::unique_ptr<STACK_OF(X509), decltype([](STACK_OF(X509) * s) { sk_X509_free(s); })>;
using NamesPtr = std::unique_ptr<GENERAL_NAMES, Deleter<GENERAL_NAMES_free>>;
using ExtsPtr =
    std::unique_ptr<STACK_OF(X509_EXTENSION), decltype([](STACK_OF(X509_EXTENSION) * s) {
                        sk_X509_EXTENSION_pop_free(s, X509_EXTENSION_free);
                    })>;

// OpenSSL's reason for the last failure, with what we were doing.
Error sslError(const char *doing)
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    char text[256] = {};
    if (code)
        ERR_error_string_n(code, text, sizeof text);
    return makeError(QStringLiteral("%1: %2").arg(
        QLatin1String(doing), code ? QString::fromLatin1(text) : QStringLiteral("failed")));
}

BioPtr memoryBio(const std::string &text)
{
    return BioPtr(BIO_new_mem_buf(text.data(), int(text.size())));
}

std::string bioText(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return std::string(data, size_t(size));
}

KeyPtr readKey(const std::string &pem)
{
    BioPtr bio = memoryBio(pem);
    return KeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

CertPtr readCert(const std::string &pem)
{
    BioPtr bio = memoryBio(pem);
    return CertPtr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

std::string certPem(X509 *cert)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), cert);
    return bioText(bio.get());
}

// Consul's key id: SHA-256 of the DER public key (SubjectPublicKeyInfo).
std::vector<uint8_t> keyId(EVP_PKEY *key)
{
    unsigned char *der = nullptr;
    const int length = i2d_PUBKEY(key, &der);
    std::vector<uint8_t> id(32);
    if (length > 0) {
        unsigned int size = 0;
        EVP_Digest(der, size_t(length), id.data(), &size, EVP_sha256(), nullptr);
        id.resize(size);
    }
    OPENSSL_free(der);
    return id;
}

bool addExtension(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

bool setKeyIds(X509 *cert, const std::vector<uint8_t> &subject, const std::vector<uint8_t> &issuer)
{
    ASN1_OCTET_STRING *skid = ASN1_OCTET_STRING_new();
    ASN1_OCTET_STRING_set(skid, subject.data(), int(subject.size()));
    bool ok = X509_add1_ext_i2d(cert, NID_subject_key_identifier, skid, 0, 0) == 1;
    ASN1_OCTET_STRING_free(skid);
    AUTHORITY_KEYID *akid = AUTHORITY_KEYID_new();
    akid->keyid = ASN1_OCTET_STRING_new();
    ASN1_OCTET_STRING_set(akid->keyid, issuer.data(), int(issuer.size()));
    ok = ok && X509_add1_ext_i2d(cert, NID_authority_key_identifier, akid, 0, 0) == 1;
    AUTHORITY_KEYID_free(akid);
    return ok;
}

bool setUriSan(X509 *cert, const std::string &uri)
{
    NamesPtr names(GENERAL_NAMES_new());
    GENERAL_NAME *name = GENERAL_NAME_new();
    ASN1_IA5STRING *text = ASN1_IA5STRING_new();
    ASN1_STRING_set(text, uri.data(), int(uri.size()));
    GENERAL_NAME_set0_value(name, GEN_URI, text);
    sk_GENERAL_NAME_push(names.get(), name);
    return X509_add1_ext_i2d(cert, NID_subject_alt_name, names.get(), 0, 0) == 1;
}

std::vector<std::string> urisOf(const GENERAL_NAMES *names)
{
    std::vector<std::string> out;
    for (int i = 0; names && i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(names, i);
        if (name->type != GEN_URI)
            continue;
        const ASN1_IA5STRING *text = name->d.uniformResourceIdentifier;
        out.emplace_back(reinterpret_cast<const char *>(ASN1_STRING_get0_data(text)),
                         size_t(ASN1_STRING_length(text)));
    }
    return out;
}

std::vector<std::string> certUris(X509 *cert)
{
    NamesPtr names(static_cast<GENERAL_NAMES *>(
        X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
    return urisOf(names.get());
}

bool setSerial(X509 *cert, uint64_t serial)
{
    ASN1_INTEGER *number = ASN1_INTEGER_new();
    ASN1_INTEGER_set_uint64(number, serial);
    const bool ok = X509_set_serialNumber(cert, number) == 1;
    ASN1_INTEGER_free(number);
    return ok;
}

bool setValidity(X509 *cert, int64_t notBefore, int64_t notAfter)
{
    return ASN1_TIME_set(X509_getm_notBefore(cert), time_t(notBefore)) &&
           ASN1_TIME_set(X509_getm_notAfter(cert), time_t(notAfter));
}

bool setCommonName(X509_NAME *name, const std::string &commonName)
{
    return X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char *>(commonName.data()),
                                      int(commonName.size()), -1, 0) == 1;
}

std::string commonNameOf(X509 *cert)
{
    X509_NAME *name = X509_get_subject_name(cert);
    const int at = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (at < 0)
        return {};
    const ASN1_STRING *text = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, at));
    return std::string(reinterpret_cast<const char *>(ASN1_STRING_get0_data(text)),
                       size_t(ASN1_STRING_length(text)));
}

int64_t unixTime(const ASN1_TIME *time)
{
    struct tm parts = {};
    if (ASN1_TIME_to_tm(time, &parts) != 1)
        return 0;
    return int64_t(timegm(&parts));
}

using BnPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;

bool setSerialBytes(X509 *cert, const std::vector<uint8_t> &serial)
{
    BnPtr number(BN_bin2bn(serial.data(), int(serial.size()), nullptr));
    ASN1_INTEGER *integer = number ? BN_to_ASN1_INTEGER(number.get(), nullptr) : nullptr;
    const bool ok = integer && X509_set_serialNumber(cert, integer) == 1;
    ASN1_INTEGER_free(integer);
    return ok;
}

std::string decimal(const std::vector<uint8_t> &bytes)
{
    BnPtr number(BN_bin2bn(bytes.data(), int(bytes.size()), nullptr));
    char *text = number ? BN_bn2dec(number.get()) : nullptr;
    std::string out = text ? text : "0";
    OPENSSL_free(text);
    return out;
}

bool addNameEntry(X509_NAME *name, const char *field, const std::string &value)
{
    return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char *>(value.data()),
                                      int(value.size()), -1, 0) == 1;
}

// The SAN list in Go's order: DNS names, then IP addresses.
bool setDnsAndIpSans(X509 *cert, X509 *issuer, const std::vector<std::string> &dnsNames,
                     const std::vector<std::string> &ipAddresses)
{
    std::string value;
    for (const std::string &dns : dnsNames)
        value += (value.empty() ? "DNS:" : ",DNS:") + dns;
    for (const std::string &ip : ipAddresses)
        value += (value.empty() ? "IP:" : ",IP:") + ip;
    return value.empty() || addExtension(cert, issuer, NID_subject_alt_name, value.c_str());
}

} // namespace

Expected<std::string> generateEcKey()
{
    KeyPtr key(EVP_EC_gen("P-256"));
    if (!key)
        return sslError("generating an EC P-256 key");
    BioPtr bio(BIO_new(BIO_s_mem()));
    // The traditional SEC1 form ("EC PRIVATE KEY"), which Consul's PEMs use.
    if (PEM_write_bio_PrivateKey_traditional(bio.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                             nullptr) != 1)
        return sslError("writing the key");
    return bioText(bio.get());
}

Expected<std::string> makeRootCertificate(const RootRequest &request)
{
    KeyPtr key = readKey(request.keyPem);
    if (!key)
        return sslError("reading the root's private key");
    CertPtr cert(X509_new());
    X509_set_version(cert.get(), X509_VERSION_3);
    const std::vector<uint8_t> id = keyId(key.get());
    const std::string name = "Consul CA " + std::to_string(request.serial);
    const bool ok =
        setSerial(cert.get(), request.serial) &&
        setCommonName(X509_get_subject_name(cert.get()), name) &&
        X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get())) &&
        setValidity(cert.get(), request.notBefore, request.notAfter) &&
        X509_set_pubkey(cert.get(), key.get()) &&
        addExtension(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE") &&
        addExtension(cert.get(), cert.get(), NID_key_usage,
                     "critical,digitalSignature,keyCertSign,cRLSign") &&
        setKeyIds(cert.get(), id, id) && setUriSan(cert.get(), "spiffe://" + request.trustDomain) &&
        X509_sign(cert.get(), key.get(), EVP_sha256()) > 0;
    if (!ok)
        return sslError("making the root certificate");
    return certPem(cert.get());
}

Expected<std::string> crossSignRoot(const std::string &newRootPem, const std::string &oldRootPem,
                                    const std::string &oldKeyPem, uint64_t serial,
                                    int64_t notBefore, int64_t notAfter)
{
    CertPtr newRoot = readCert(newRootPem);
    CertPtr oldRoot = readCert(oldRootPem);
    KeyPtr oldKey = readKey(oldKeyPem);
    if (!newRoot || !oldRoot || !oldKey)
        return sslError("reading the roots to cross-sign");
    CertPtr cert(X509_new());
    X509_set_version(cert.get(), X509_VERSION_3);
    EVP_PKEY *newKey = X509_get0_pubkey(newRoot.get());
    const std::vector<std::string> uris = certUris(newRoot.get());
    const bool ok =
        setSerial(cert.get(), serial) &&
        X509_set_subject_name(cert.get(), X509_get_subject_name(newRoot.get())) &&
        X509_set_issuer_name(cert.get(), X509_get_subject_name(oldRoot.get())) &&
        setValidity(cert.get(), notBefore, notAfter) && X509_set_pubkey(cert.get(), newKey) &&
        addExtension(cert.get(), oldRoot.get(), NID_basic_constraints, "critical,CA:TRUE") &&
        addExtension(cert.get(), oldRoot.get(), NID_key_usage,
                     "critical,digitalSignature,keyCertSign,cRLSign") &&
        setKeyIds(cert.get(), keyId(newKey), keyId(oldKey.get())) &&
        (uris.empty() || setUriSan(cert.get(), uris.front())) &&
        X509_sign(cert.get(), oldKey.get(), EVP_sha256()) > 0;
    if (!ok)
        return sslError("cross-signing the new root");
    return certPem(cert.get());
}

Expected<std::string> makeCertificateRequest(const std::string &keyPem, const std::string &uri)
{
    KeyPtr key = readKey(keyPem);
    if (!key)
        return sslError("reading the private key");
    ReqPtr request(X509_REQ_new());
    X509_REQ_set_version(request.get(), 0);
    NamesPtr names(GENERAL_NAMES_new());
    GENERAL_NAME *name = GENERAL_NAME_new();
    ASN1_IA5STRING *text = ASN1_IA5STRING_new();
    ASN1_STRING_set(text, uri.data(), int(uri.size()));
    GENERAL_NAME_set0_value(name, GEN_URI, text);
    sk_GENERAL_NAME_push(names.get(), name);
    ExtsPtr extensions(sk_X509_EXTENSION_new_null());
    X509_EXTENSION *san = X509V3_EXT_i2d(NID_subject_alt_name, 0, names.get());
    sk_X509_EXTENSION_push(extensions.get(), san);
    const bool ok = X509_REQ_set_pubkey(request.get(), key.get()) &&
                    X509_REQ_add_extensions(request.get(), extensions.get()) &&
                    X509_REQ_sign(request.get(), key.get(), EVP_sha256()) > 0;
    if (!ok)
        return sslError("making the certificate request");
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509_REQ(bio.get(), request.get());
    return bioText(bio.get());
}

Expected<SignedLeaf> signLeaf(const LeafRequest &request)
{
    BioPtr csrBio = memoryBio(request.csrPem);
    ReqPtr csr(PEM_read_bio_X509_REQ(csrBio.get(), nullptr, nullptr, nullptr));
    if (!csr)
        return sslError("reading the certificate request");
    EVP_PKEY *publicKey = X509_REQ_get0_pubkey(csr.get());
    if (!publicKey || X509_REQ_verify(csr.get(), publicKey) != 1)
        return makeError(QStringLiteral("the certificate request's signature is not valid"));
    ExtsPtr extensions(X509_REQ_get_extensions(csr.get()));
    std::vector<std::string> uris;
    for (int i = 0; extensions && i < sk_X509_EXTENSION_num(extensions.get()); ++i) {
        X509_EXTENSION *ext = sk_X509_EXTENSION_value(extensions.get(), i);
        if (OBJ_obj2nid(X509_EXTENSION_get_object(ext)) != NID_subject_alt_name)
            continue;
        NamesPtr names(static_cast<GENERAL_NAMES *>(X509V3_EXT_d2i(ext)));
        for (std::string &uri : urisOf(names.get()))
            uris.push_back(std::move(uri));
    }
    if (uris.size() != 1)
        return makeError(
            QStringLiteral("CSR SAN contains %1 URIs, want exactly one").arg(uris.size()));
    // The common name is the SPIFFE id's last segment: the service (or the agent's node id).
    const std::string &uri = uris.front();
    const std::string commonName = uri.substr(uri.rfind('/') + 1);

    CertPtr ca = readCert(request.caCertPem);
    KeyPtr caKey = readKey(request.caKeyPem);
    if (!ca || !caKey)
        return sslError("reading the signing CA");
    CertPtr cert(X509_new());
    X509_set_version(cert.get(), X509_VERSION_3);
    const bool ok =
        setSerial(cert.get(), request.serial) &&
        setCommonName(X509_get_subject_name(cert.get()), commonName) &&
        X509_set_issuer_name(cert.get(), X509_get_subject_name(ca.get())) &&
        setValidity(cert.get(), request.notBefore, request.notAfter) &&
        X509_set_pubkey(cert.get(), publicKey) &&
        addExtension(cert.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE") &&
        addExtension(cert.get(), ca.get(), NID_key_usage,
                     "critical,digitalSignature,keyEncipherment,dataEncipherment,keyAgreement") &&
        addExtension(cert.get(), ca.get(), NID_ext_key_usage, "clientAuth,serverAuth") &&
        setKeyIds(cert.get(), keyId(publicKey), keyId(caKey.get())) && setUriSan(cert.get(), uri) &&
        X509_sign(cert.get(), caKey.get(), EVP_sha256()) > 0;
    if (!ok)
        return sslError("signing the leaf certificate");
    return SignedLeaf{certPem(cert.get()), uri, commonName};
}

Expected<CertificateInfo> inspectCertificate(const std::string &pem)
{
    CertPtr cert = readCert(pem);
    if (!cert)
        return sslError("reading the certificate");
    CertificateInfo info;
    info.commonName = commonNameOf(cert.get());
    info.uris = certUris(cert.get());
    if (BIGNUM *serial = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert.get()), nullptr)) {
        info.serial.resize(size_t(BN_num_bytes(serial)));
        BN_bn2bin(serial, info.serial.data());
        BN_free(serial);
    }
    if (const ASN1_OCTET_STRING *skid = X509_get0_subject_key_id(cert.get()))
        info.subjectKeyId.assign(ASN1_STRING_get0_data(skid),
                                 ASN1_STRING_get0_data(skid) + ASN1_STRING_length(skid));
    if (const ASN1_OCTET_STRING *akid = X509_get0_authority_key_id(cert.get()))
        info.authorityKeyId.assign(ASN1_STRING_get0_data(akid),
                                   ASN1_STRING_get0_data(akid) + ASN1_STRING_length(akid));
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    X509_digest(cert.get(), EVP_sha1(), digest, &size);
    info.sha1Fingerprint = colonHex(std::vector<uint8_t>(digest, digest + size));
    info.notBefore = unixTime(X509_get0_notBefore(cert.get()));
    info.notAfter = unixTime(X509_get0_notAfter(cert.get()));
    info.isCa = X509_check_ca(cert.get()) != 0;
    return info;
}

std::string colonHex(const std::vector<uint8_t> &bytes)
{
    static const char hex[] = "0123456789abcdef";
    std::string out;
    for (size_t i = 0; i < bytes.size(); ++i) {
        if (i)
            out.push_back(':');
        out.push_back(hex[bytes[i] >> 4]);
        out.push_back(hex[bytes[i] & 15]);
    }
    return out;
}

Expected<std::string> verifyLeaf(const std::string &leafPem,
                                 const std::vector<std::string> &rootPems,
                                 const std::vector<std::string> &intermediatePems, int64_t now)
{
    CertPtr leaf = readCert(leafPem);
    if (!leaf)
        return sslError("reading the certificate");
    StorePtr store(X509_STORE_new());
    for (const std::string &pem : rootPems)
        if (CertPtr root = readCert(pem))
            X509_STORE_add_cert(store.get(), root.get());
    StackPtr untrusted(sk_X509_new_null());
    std::vector<CertPtr> held;
    for (const std::string &pem : intermediatePems)
        if (CertPtr cert = readCert(pem)) {
            sk_X509_push(untrusted.get(), cert.get());
            held.push_back(std::move(cert));
        }
    StoreCtxPtr context(X509_STORE_CTX_new());
    X509_STORE_CTX_init(context.get(), store.get(), leaf.get(), untrusted.get());
    X509_STORE_CTX_set_time(context.get(), 0, time_t(now));
    if (X509_verify_cert(context.get()) != 1) {
        const int code = X509_STORE_CTX_get_error(context.get());
        return makeError(QString::fromLatin1(X509_verify_cert_error_string(code)));
    }
    const std::vector<std::string> uris = certUris(leaf.get());
    if (uris.size() != 1)
        return makeError(
            QStringLiteral("the certificate carries %1 URIs, want one").arg(uris.size()));
    return uris.front();
}

bool keyMatchesCertificate(const std::string &keyPem, const std::string &certPemText)
{
    KeyPtr key = readKey(keyPem);
    CertPtr cert = readCert(certPemText);
    return key && cert && X509_check_private_key(cert.get(), key.get()) == 1;
}

Expected<std::string> makeAgentCaCertificate(const AgentCaRequest &request)
{
    KeyPtr key = readKey(request.keyPem);
    if (!key)
        return sslError("reading the CA's private key");
    CertPtr cert(X509_new());
    X509_set_version(cert.get(), X509_VERSION_3);
    // Go's order of a pkix.Name: C, ST, L, STREET, postalCode, O, CN.
    X509_NAME *subject = X509_get_subject_name(cert.get());
    bool ok = addNameEntry(subject, "C", "US") && addNameEntry(subject, "ST", "CA") &&
              addNameEntry(subject, "L", "San Francisco") &&
              addNameEntry(subject, "street", "101 Second Street") &&
              addNameEntry(subject, "postalCode", "94105") &&
              addNameEntry(subject, "O", "HashiCorp Inc.") &&
              addNameEntry(subject, "CN", "Consul Agent CA " + decimal(request.serial));
    const std::vector<uint8_t> id = keyId(key.get());
    ok = ok && setSerialBytes(cert.get(), request.serial) &&
         X509_set_issuer_name(cert.get(), subject) &&
         setValidity(cert.get(), request.notBefore, request.notAfter) &&
         X509_set_pubkey(cert.get(), key.get()) &&
         addExtension(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE") &&
         addExtension(cert.get(), cert.get(), NID_key_usage,
                      "critical,digitalSignature,keyCertSign,cRLSign") &&
         setKeyIds(cert.get(), id, id);
    if (ok && !request.permittedDnsDomains.empty()) {
        std::string constraints = "critical";
        for (const std::string &domain : request.permittedDnsDomains)
            constraints += ",permitted;DNS:" + domain;
        ok = addExtension(cert.get(), cert.get(), NID_name_constraints, constraints.c_str());
    }
    ok = ok && X509_sign(cert.get(), key.get(), EVP_sha256()) > 0;
    if (!ok)
        return sslError("making the CA certificate");
    return certPem(cert.get());
}

Expected<std::string> makeAgentCertificate(const AgentCertRequest &request)
{
    CertPtr ca = readCert(request.caCertPem);
    if (!ca)
        return sslError("reading the CA certificate");
    KeyPtr caKey = readKey(request.caKeyPem);
    if (!caKey)
        return sslError("reading the CA key");
    if (X509_check_private_key(ca.get(), caKey.get()) != 1)
        return makeError(QStringLiteral("the CA key does not belong to the CA certificate"));
    KeyPtr key = readKey(request.keyPem);
    if (!key)
        return sslError("reading the certificate's key");
    CertPtr cert(X509_new());
    X509_set_version(cert.get(), X509_VERSION_3);
    const ASN1_OCTET_STRING *caId = X509_get0_subject_key_id(ca.get());
    const std::vector<uint8_t> issuerId =
        caId ? std::vector<uint8_t>(ASN1_STRING_get0_data(caId),
                                    ASN1_STRING_get0_data(caId) + ASN1_STRING_length(caId))
             : keyId(caKey.get());
    std::string usages;
    for (const std::string &usage : request.extendedKeyUsages)
        usages += (usages.empty() ? "" : ",") + usage;
    const bool ok =
        setSerialBytes(cert.get(), request.serial) &&
        setCommonName(X509_get_subject_name(cert.get()), request.commonName) &&
        X509_set_issuer_name(cert.get(), X509_get_subject_name(ca.get())) &&
        setValidity(cert.get(), request.notBefore, request.notAfter) &&
        X509_set_pubkey(cert.get(), key.get()) &&
        addExtension(cert.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE") &&
        addExtension(cert.get(), ca.get(), NID_key_usage,
                     "critical,digitalSignature,keyEncipherment") &&
        (usages.empty() || addExtension(cert.get(), ca.get(), NID_ext_key_usage, usages.c_str())) &&
        setKeyIds(cert.get(), keyId(key.get()), issuerId) &&
        setDnsAndIpSans(cert.get(), ca.get(), request.dnsNames, request.ipAddresses) &&
        X509_sign(cert.get(), caKey.get(), EVP_sha256()) > 0;
    if (!ok)
        return sslError("making the certificate");
    return certPem(cert.get());
}

Expected<bool> verifyAgentCertificate(const std::string &certPemText, const std::string &caPem,
                                      const std::string &dnsName, int64_t now)
{
    CertPtr cert = readCert(certPemText);
    CertPtr ca = readCert(caPem);
    if (!cert || !ca)
        return sslError("reading the certificates");
    StorePtr store(X509_STORE_new());
    X509_STORE_add_cert(store.get(), ca.get());
    StoreCtxPtr context(X509_STORE_CTX_new());
    X509_STORE_CTX_init(context.get(), store.get(), cert.get(), nullptr);
    X509_STORE_CTX_set_time(context.get(), 0, time_t(now));
    X509_VERIFY_PARAM_set1_host(X509_STORE_CTX_get0_param(context.get()), dnsName.c_str(),
                                dnsName.size());
    if (X509_verify_cert(context.get()) != 1) {
        const int code = X509_STORE_CTX_get_error(context.get());
        return makeError(QString::fromLatin1(X509_verify_cert_error_string(code)));
    }
    return true;
}

} // namespace qonsul::connect

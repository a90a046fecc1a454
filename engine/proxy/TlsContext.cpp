#include "proxy/TlsContext.h"

#include "proxy/BufferPool.h"

#include <QString>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

namespace qonsul::proxy {

namespace {

Error sslError(const char *doing)
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    char text[256] = {};
    if (code)
        ERR_error_string_n(code, text, sizeof text);
    return makeError(QStringLiteral("%1: %2").arg(QLatin1String(doing), QLatin1String(text)));
}

X509 *readCert(const std::string &pem)
{
    BIO *bio = BIO_new_mem_buf(pem.data(), int(pem.size()));
    X509 *cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    return cert;
}

std::string uriOf(X509 *cert)
{
    auto *names = static_cast<GENERAL_NAMES *>(
        X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
    std::string uri;
    for (int i = 0; names && i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(names, i);
        if (name->type == GEN_URI) {
            const ASN1_IA5STRING *text = name->d.uniformResourceIdentifier;
            uri.assign(reinterpret_cast<const char *>(ASN1_STRING_get0_data(text)),
                       size_t(ASN1_STRING_length(text)));
            break;
        }
    }
    GENERAL_NAMES_free(names);
    return uri;
}

// OpenSSL's verify callback: the chain as OpenSSL judged it, then, for the leaf, the owner's
// check of its identity. Returning 0 aborts the handshake with an alert.
int verifyPeer(int ok, X509_STORE_CTX *store)
{
    if (!ok)
        return 0;
    if (X509_STORE_CTX_get_error_depth(store) != 0)
        return 1;
    SSL *ssl =
        static_cast<SSL *>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
    auto *check = ssl ? static_cast<PeerCheck *>(SSL_get_ex_data(ssl, peerCheckIndex())) : nullptr;
    if (!check || !*check)
        return 1;
    std::string reason;
    if ((*check)(uriOf(X509_STORE_CTX_get_current_cert(store)), reason))
        return 1;
    X509_STORE_CTX_set_error(store, X509_V_ERR_APPLICATION_VERIFICATION);
    return 0;
}

} // namespace

int peerCheckIndex()
{
    static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return index;
}

Expected<std::shared_ptr<TlsContext>> TlsContext::make(const TlsIdentity &identity, Side side)
{
    SSL_CTX *ctx = SSL_CTX_new(side == Side::Server ? TLS_server_method() : TLS_client_method());
    if (!ctx)
        return sslError("creating a TLS context");
    std::shared_ptr<TlsContext> context(new TlsContext(ctx));
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    // Our outbound side speaks TLS 1.2: there the server judges the client's certificate
    // before its Finished, so a refusal fails the handshake on both ends. In TLS 1.3 the
    // client has finished before the server decides, and a denied caller would first look
    // connected. Inbound accepts 1.2 and 1.3 alike.
    if (side == Side::Client)
        SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
    // Partial writes and a retry from the same buffer, as a relay writes; idle connections
    // give their record buffers back.
    // No automatic chain: OpenSSL would append the root from our trust store, which every
    // peer already holds, and each side would decode one more certificate per handshake.
    // The intermediates we are given (a rotation's cross-signed root) still go out.
    SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER |
                              SSL_MODE_RELEASE_BUFFERS | SSL_MODE_NO_AUTO_CHAIN);
    // Read ahead into a buffer of four records: one recv() brings what a relay buffer holds,
    // instead of two (header, then body) per 16 KiB record.
    SSL_CTX_set_read_ahead(ctx, 1);
    SSL_CTX_set_default_read_buffer_len(ctx, BufferPool::capacity);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, verifyPeer);
    // No session resumption: every connection proves its identity (and meets the intentions)
    // afresh, as Consul's proxy does.
    // Without SSL_OP_NO_TICKET a TLS 1.2 server still builds a ticket for every handshake,
    // re-encoding and re-decoding the session and the peer's certificate on the way: a sixth
    // of an inbound handshake's CPU, for a ticket nobody uses.
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_num_tickets(ctx, 0);
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);

    X509 *leaf = readCert(identity.certPem);
    if (!leaf || SSL_CTX_use_certificate(ctx, leaf) != 1) {
        X509_free(leaf);
        return sslError("loading the leaf certificate");
    }
    X509_free(leaf);
    for (const std::string &pem : identity.intermediatePems) {
        X509 *cert = readCert(pem);
        if (cert && SSL_CTX_add1_chain_cert(ctx, cert) != 1) {
            X509_free(cert);
            return sslError("loading an intermediate certificate");
        }
        X509_free(cert);
    }
    BIO *keyBio = BIO_new_mem_buf(identity.keyPem.data(), int(identity.keyPem.size()));
    EVP_PKEY *key = PEM_read_bio_PrivateKey(keyBio, nullptr, nullptr, nullptr);
    BIO_free(keyBio);
    const bool keyOk =
        key && SSL_CTX_use_PrivateKey(ctx, key) == 1 && SSL_CTX_check_private_key(ctx) == 1;
    EVP_PKEY_free(key);
    if (!keyOk)
        return sslError("loading the private key");

    X509_STORE *store = SSL_CTX_get_cert_store(ctx);
    int roots = 0;
    for (const std::string &pem : identity.rootPems)
        if (X509 *root = readCert(pem)) {
            roots += X509_STORE_add_cert(store, root) == 1;
            X509_free(root);
        }
    if (roots == 0)
        return makeError(QStringLiteral("no usable CA root"));
    return context;
}

TlsContext::~TlsContext()
{
    SSL_CTX_free(m_ctx);
}

SSL *TlsContext::newSession(BIO *socket, PeerCheck *check) const
{
    SSL *ssl = SSL_new(m_ctx);
    if (!ssl) {
        BIO_free(socket);
        return nullptr;
    }
    SSL_set_bio(ssl, socket, socket); // one reference, taken by the session
    SSL_set_ex_data(ssl, peerCheckIndex(), check);
    return ssl;
}

} // namespace qonsul::proxy

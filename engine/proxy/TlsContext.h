#pragma once
// The TLS side of the built-in proxy, on OpenSSL directly: an SSL_CTX made from a leaf
// certificate and key and the CA's roots, TLS 1.2 or later, peers always verified. Whoever
// uses it answers, inside the handshake, whether a verified peer identity is acceptable (the
// inbound side asks the intentions; the outbound side compares with the service it dialled),
// so a refusal fails the handshake itself. A context is immutable: a new leaf or new roots
// make a new one for new connections while open ones keep theirs.

#include "util/Expected.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_st SSL;
typedef struct bio_st BIO;

namespace qonsul::proxy {

struct TlsIdentity
{
    std::string certPem;
    std::string keyPem;
    std::vector<std::string> rootPems;
    std::vector<std::string> intermediatePems; // sent after the leaf (a rotation's bridge)
};

// Decides on the peer's SPIFFE id (its certificate's URI SAN, verified against the roots);
// false fails the handshake, `reason` says why for the log.
using PeerCheck = std::function<bool(const std::string &uri, std::string &reason)>;

class TlsContext
{
public:
    enum class Side { Server, Client };
    static Expected<std::shared_ptr<TlsContext>> make(const TlsIdentity &identity, Side side);
    ~TlsContext();

    SSL_CTX *native() const { return m_ctx; }
    // A new connection's TLS state over `socket` (which the session owns from now on, even
    // when this fails), `check` asked once the peer's chain verified.
    SSL *newSession(BIO *socket, PeerCheck *check) const;

private:
    explicit TlsContext(SSL_CTX *ctx) : m_ctx(ctx) {}
    SSL_CTX *m_ctx;
};

// The index under which a session keeps its PeerCheck (and the check's last reason).
int peerCheckIndex();

} // namespace qonsul::proxy

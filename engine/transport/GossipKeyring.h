#pragma once
// Gossip encryption, as memberlist does it (security.go, encryption version 1): AES-GCM with a
// 16, 24 or 32-byte key (AES-128/192/256), a random 12-byte nonce per message, laid out as
// [version 1][nonce 12][ciphertext][tag 16]. A keyring holds several keys: messages go out
// under the primary one and come in under any of them, so a key can be rotated in before it
// becomes primary (Consul's `keyring -install/-use/-remove`).

#include "util/Expected.h"

#include <QByteArray>
#include <QList>

namespace qonsul::transport {

class GossipKeyring
{
public:
    static constexpr int nonceSize = 12;
    static constexpr int tagSize = 16;
    static constexpr char version = 1;

    // A key as `keygen` prints it and `-encrypt` takes it: base64 of 16, 24 or 32 bytes.
    static Expected<QByteArray> decodeKey(const QString &base64);

    // The first key is the primary one.
    static Expected<GossipKeyring> make(QList<QByteArray> keys);

    QByteArray encrypt(const QByteArray &plain, const QByteArray &associated = {}) const;
    // The plain text, or why no key of the ring opens it.
    Expected<QByteArray> decrypt(const QByteArray &sealed, const QByteArray &associated = {}) const;

    const QList<QByteArray> &keys() const { return m_keys; }
    void use(const QByteArray &key); // makes an installed key the primary one
    void install(const QByteArray &key);
    bool remove(const QByteArray &key); // false for the primary key (Consul refuses that too)

private:
    QList<QByteArray> m_keys;
};

} // namespace qonsul::transport

#include "transport/GossipKeyring.h"

#include <QRandomGenerator>
#include <cstring>
#include <memory>
#include <openssl/evp.h>

namespace qonsul::transport {

namespace {

const EVP_CIPHER *cipherFor(qsizetype keySize)
{
    switch (keySize) {
    case 16:
        return EVP_aes_128_gcm();
    case 24:
        return EVP_aes_192_gcm();
    case 32:
        return EVP_aes_256_gcm();
    default:
        return nullptr;
    }
}

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

bool validSize(qsizetype size)
{
    return size == 16 || size == 24 || size == 32;
}

} // namespace

Expected<QByteArray> GossipKeyring::decodeKey(const QString &base64)
{
    const auto decoded = QByteArray::fromBase64Encoding(base64.trimmed().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return makeError(QStringLiteral("Failed to decode encryption key: not base64"));
    if (!validSize(decoded.decoded.size()))
        return makeError(
            QStringLiteral("Invalid key size %1: an encryption key must be 16, 24 or 32 bytes")
                .arg(decoded.decoded.size()));
    return decoded.decoded;
}

Expected<GossipKeyring> GossipKeyring::make(QList<QByteArray> keys)
{
    if (keys.isEmpty())
        return makeError(QStringLiteral("A keyring needs at least one key"));
    for (const QByteArray &key : keys)
        if (!validSize(key.size()))
            return makeError(
                QStringLiteral("Invalid key size %1: an encryption key must be 16, 24 or 32 bytes")
                    .arg(key.size()));
    GossipKeyring ring;
    ring.m_keys = std::move(keys);
    return ring;
}

QByteArray GossipKeyring::encrypt(const QByteArray &plain, const QByteArray &associated) const
{
    const QByteArray &key = m_keys.front();
    QByteArray out(1 + nonceSize + plain.size() + tagSize, Qt::Uninitialized);
    out[0] = version;
    unsigned char *nonce = reinterpret_cast<unsigned char *>(out.data() + 1);
    for (int i = 0; i < nonceSize; i += 4) {
        const quint32 word = QRandomGenerator::system()->generate();
        std::memcpy(nonce + i, &word, 4);
    }
    CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    int length = 0;
    unsigned char *cipherText = nonce + nonceSize;
    EVP_EncryptInit_ex(ctx.get(), cipherFor(key.size()), nullptr,
                       reinterpret_cast<const unsigned char *>(key.constData()), nonce);
    if (!associated.isEmpty())
        EVP_EncryptUpdate(ctx.get(), nullptr, &length,
                          reinterpret_cast<const unsigned char *>(associated.constData()),
                          int(associated.size()));
    EVP_EncryptUpdate(ctx.get(), cipherText, &length,
                      reinterpret_cast<const unsigned char *>(plain.constData()),
                      int(plain.size()));
    EVP_EncryptFinal_ex(ctx.get(), cipherText + length, &length);
    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, tagSize, cipherText + plain.size());
    return out;
}

Expected<QByteArray> GossipKeyring::decrypt(const QByteArray &sealed,
                                            const QByteArray &associated) const
{
    if (sealed.size() < 1 + nonceSize + tagSize)
        return makeError(QStringLiteral("Payload is too small to decrypt: %1").arg(sealed.size()));
    if (sealed[0] != version)
        return makeError(
            QStringLiteral("Unsupported encryption version %1").arg(int(uint8_t(sealed[0]))));
    const auto *nonce = reinterpret_cast<const unsigned char *>(sealed.constData() + 1);
    const auto *cipherText = nonce + nonceSize;
    const int cipherSize = int(sealed.size()) - 1 - nonceSize - tagSize;
    QByteArray plain(cipherSize, Qt::Uninitialized);
    for (const QByteArray &key : m_keys) {
        CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
        int length = 0;
        EVP_DecryptInit_ex(ctx.get(), cipherFor(key.size()), nullptr,
                           reinterpret_cast<const unsigned char *>(key.constData()), nonce);
        if (!associated.isEmpty())
            EVP_DecryptUpdate(ctx.get(), nullptr, &length,
                              reinterpret_cast<const unsigned char *>(associated.constData()),
                              int(associated.size()));
        EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char *>(plain.data()), &length,
                          cipherText, cipherSize);
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, tagSize,
                            const_cast<unsigned char *>(cipherText + cipherSize));
        if (EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char *>(plain.data()) + length,
                                &length) == 1)
            return plain;
    }
    // memberlist's words, which Consul logs for a member with another key.
    return makeError(QStringLiteral("No installed keys could decrypt the message"));
}

void GossipKeyring::use(const QByteArray &key)
{
    m_keys.removeAll(key);
    m_keys.prepend(key);
}

void GossipKeyring::install(const QByteArray &key)
{
    if (!m_keys.contains(key))
        m_keys.append(key);
}

bool GossipKeyring::remove(const QByteArray &key)
{
    if (m_keys.isEmpty() || m_keys.front() == key)
        return false;
    return m_keys.removeAll(key) > 0;
}

} // namespace qonsul::transport

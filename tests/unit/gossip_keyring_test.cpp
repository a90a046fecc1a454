// Gossip encryption: AES-GCM under each key size, memberlist's layout, a keyring that opens
// messages under any installed key and seals under the primary one, and refusals of a wrong
// key, a tampered message, a wrong version, a short payload and bad keys.
#include "transport/GossipKeyring.h"

#include <QtTest>

using namespace qonsul;
using namespace qonsul::transport;

namespace {

QByteArray key(int size, char fill)
{
    return QByteArray(size, fill);
}

GossipKeyring ring(QList<QByteArray> keys)
{
    auto made = GossipKeyring::make(std::move(keys));
    if (!made)
        qFatal("%s", qPrintable(made.error()));
    return *made;
}

} // namespace

class GossipKeyringTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sealsAndOpensUnderEachKeySize()
    {
        for (int size : {16, 24, 32}) {
            const GossipKeyring keys = ring({key(size, 'k')});
            const QByteArray plain = "ping seq=1 target=n2";
            const QByteArray sealed = keys.encrypt(plain, "header");
            QCOMPARE(sealed.size(), 1 + 12 + plain.size() + 16);
            QCOMPARE(sealed[0], char(1));
            QVERIFY(!sealed.contains(plain));
            QCOMPARE(*keys.decrypt(sealed, "header"), plain);
            // A fresh nonce each time: the same message never looks the same twice.
            QVERIFY(keys.encrypt(plain, "header") != sealed);
            QVERIFY(!keys.decrypt(sealed, "other header"));
        }
        const GossipKeyring keys = ring({key(32, 'k')});
        QCOMPARE(*keys.decrypt(keys.encrypt({})), QByteArray());
    }

    void aRingOpensUnderAnyKeyAndSealsUnderThePrimary()
    {
        const QByteArray oldKey = key(32, 'o'), newKey = key(16, 'n');
        GossipKeyring sender = ring({oldKey});
        GossipKeyring receiver = ring({oldKey});
        receiver.install(newKey); // rotation: installed everywhere first
        QCOMPARE(*receiver.decrypt(sender.encrypt("a")), QByteArray("a"));
        sender.install(newKey);
        sender.use(newKey);
        QCOMPARE(sender.keys().front(), newKey);
        QCOMPARE(*receiver.decrypt(sender.encrypt("b")), QByteArray("b"));
        QVERIFY(!ring({oldKey}).decrypt(sender.encrypt("c")));
        QVERIFY(!sender.remove(newKey)); // not the primary
        QVERIFY(sender.remove(oldKey));
        QVERIFY(!sender.remove(oldKey));
        QCOMPARE(sender.keys(), QList<QByteArray>{newKey});
    }

    void refusesWhatItCannotOpen()
    {
        const GossipKeyring keys = ring({key(32, 'k')});
        const QByteArray sealed = keys.encrypt("secret");
        const auto wrong = ring({key(32, 'x')}).decrypt(sealed);
        QVERIFY(!wrong);
        QCOMPARE(wrong.error(), QStringLiteral("No installed keys could decrypt the message"));
        for (int at : {1, 13, int(sealed.size()) - 1}) { // nonce, cipher text, tag
            QByteArray tampered = sealed;
            tampered[at] = char(tampered[at] ^ 1);
            QVERIFY(!keys.decrypt(tampered));
        }
        QByteArray otherVersion = sealed;
        otherVersion[0] = 0;
        QCOMPARE(keys.decrypt(otherVersion).error(),
                 QStringLiteral("Unsupported encryption version 0"));
        QCOMPARE(keys.decrypt(sealed.left(28)).error(),
                 QStringLiteral("Payload is too small to decrypt: 28"));
    }

    void keysAreBase64Of16_24Or32Bytes()
    {
        QCOMPARE(
            GossipKeyring::decodeKey(QStringLiteral("za8VgDOOfoCf5BwRlUtfkcPOCOB1j9ZNlrJf2zfSsaU="))
                ->size(),
            32);
        QCOMPARE(GossipKeyring::decodeKey(QStringLiteral("cg8StVXbQJ0gPvMd9o7yrg=="))->size(), 16);
        QCOMPARE(GossipKeyring::decodeKey(QStringLiteral("not base64!")).error(),
                 QStringLiteral("Failed to decode encryption key: not base64"));
        QCOMPARE(
            GossipKeyring::decodeKey(QStringLiteral("YWJj")).error(),
            QStringLiteral("Invalid key size 3: an encryption key must be 16, 24 or 32 bytes"));
        QVERIFY(!GossipKeyring::make({}));
        QVERIFY(!GossipKeyring::make({key(20, 'k')}));
    }
};

QTEST_GUILESS_MAIN(GossipKeyringTest)
#include "gossip_keyring_test.moc"

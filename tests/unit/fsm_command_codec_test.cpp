// encodeCommand/decodeCommand: every kind of command, with every field set away from its
// default (binary keys and values, uint64 flags past 2^63, negative durations), comes back
// equal; bytes that are not a command of this version are refused with a reason, never
// turned into a partial command.
#include "fsm/CommandCodec.h"

#include <QCborMap>
#include <QCborValue>
#include <QtTest>

using namespace qonsul;
using namespace qonsul::fsm;

namespace {

state::Node node()
{
    state::Node n;
    n.id = "2b6e6f1e-0000-4000-8000-000000000001";
    n.name = "machine";
    n.address = "127.0.0.1";
    n.datacenter = "dc1";
    n.taggedAddresses = {{"lan", "127.0.0.1"}, {"wan", "10.0.0.1"}};
    n.meta = {{"rack", "r1"}, {"", "empty key"}};
    n.createIndex = 3;
    n.modifyIndex = 4;
    return n;
}

state::Service service()
{
    state::Service s;
    s.node = "machine";
    s.id = "web-1";
    s.name = "web";
    s.tags = {"rails", "", "v2"};
    s.address = "127.0.0.2";
    s.meta = {{"version", "2"}};
    s.port = 65535;
    s.weights = {10, 3};
    s.enableTagOverride = true;
    s.kind = "connect-proxy";
    s.proxy.destinationServiceName = "web";
    s.proxy.destinationServiceId = "web-1";
    s.proxy.localServiceAddress = "127.0.0.1";
    s.proxy.localServicePort = 8080;
    s.proxy.configJson = R"({"bind_address":"0.0.0.0"})";
    s.proxy.upstreams = {
        state::Upstream{"prepared_query", "ns", "db", "dc2", "127.0.0.3", 9191, R"({"x":1})"},
        state::Upstream{}};
    s.connectNative = true;
    s.createIndex = 5;
    s.modifyIndex = 6;
    return s;
}

state::Check check()
{
    state::Check c;
    c.node = "machine";
    c.checkId = "service:web-1";
    c.name = "Service 'web' check";
    c.status = state::health::warning;
    c.notes = "notes";
    c.output = std::string("curl: (7)\0binary", 16);
    c.serviceId = "web-1";
    c.serviceName = "web";
    c.serviceTags = {"rails"};
    c.definition.http = "https://localhost/health";
    c.definition.tlsSkipVerify = true;
    c.definition.header = {{"X-A", {"1", "2"}}, {"X-B", {}}};
    c.definition.method = "POST";
    c.definition.body = "{}";
    c.definition.tcp = "localhost:22";
    c.definition.interval = "10s";
    c.definition.timeout = "1s";
    c.definition.deregisterCriticalServiceAfter = "90m";
    c.createIndex = 7;
    c.modifyIndex = 8;
    return c;
}

Command withBody(decltype(Command::body) body)
{
    Command command;
    command.proposedAtMs = 1764806400123;
    command.body = std::move(body);
    return command;
}

QList<QPair<const char *, Command>> everyKind()
{
    KvCommand kv;
    kv.op = KvOp::Lock;
    kv.key = std::string("bin\0key/\xff", 9);
    kv.value = std::string("\0\x01\x02value", 8);
    kv.flags = UINT64_MAX;
    kv.casIndex = (uint64_t(1) << 63) + 5;
    kv.session = "adf4238a-882b-9ddc-4a9d-5b6758e4159e";

    RegisterCommand full;
    full.node = node();
    full.service = service();
    full.checks = {check(), check()};
    full.checks[1].checkId = "serfHealth";
    full.skipNodeUpdate = true;
    RegisterCommand nodeOnly;
    nodeOnly.node = node();

    DeregisterCommand deregister{"machine", "web-1", "service:web-1"};

    state::Session session;
    session.id = "adf4238a-882b-9ddc-4a9d-5b6758e4159e";
    session.name = "lock";
    session.node = "machine";
    session.checks = {"serfHealth", "service:web-1"};
    session.lockDelayNs = -1;
    session.behavior = state::SessionBehavior::Delete;
    session.ttl = "30s";
    session.createIndex = 9;
    session.modifyIndex = 10;

    TxnKvOp kvOp;
    kvOp.verb = TxnKvVerb::Unknown;
    kvOp.key = "k";
    kvOp.value = std::string("\0", 1);
    kvOp.flags = 42;
    kvOp.index = 11;
    kvOp.session = "s";
    kvOp.unknownVerb = "frobnicate";
    TxnCatalogOp catalogOp;
    catalogOp.table = TxnCatalogTable::Check;
    catalogOp.verb = TxnCatalogVerb::DeleteCas;
    catalogOp.unknownVerb = "x";
    catalogOp.node = node();
    catalogOp.service = service();
    catalogOp.check = check();
    catalogOp.index = 12;
    TxnCommand txn;
    txn.ops = {kvOp, catalogOp, TxnKvOp{}};

    state::Intention intention;
    intention.id = "6a7c8a8e-5b2c-4f0e-9b0e-2d3f4a5b6c7d";
    intention.description = "no";
    intention.sourceNs = "ns1";
    intention.sourceName = "*";
    intention.destinationNs = "ns2";
    intention.destinationName = "db";
    intention.sourceType = "consul";
    intention.action = state::IntentionAction::Deny;
    intention.meta = {{"owner", "team"}};
    intention.precedence = 8;
    intention.createdAtNs = 1764806400123456789;
    intention.updatedAtNs = -1;
    intention.createIndex = 13;
    intention.modifyIndex = 14;

    state::CaRoot root;
    root.id = "ab:cd";
    root.name = "Consul CA Root Cert";
    root.serialNumber = UINT64_MAX;
    root.signingKeyId = "01:02";
    root.notBeforeNs = 1;
    root.notAfterNs = 2;
    root.rootCertPem = "-----BEGIN CERTIFICATE-----";
    root.intermediateCertPems = {"a", "b"};
    root.signingKeyPem = "-----BEGIN EC PRIVATE KEY-----";
    root.active = true;
    root.rotatedOutAtNs = 3;
    root.privateKeyType = "rsa";
    root.privateKeyBits = 2048;
    root.createIndex = 15;
    root.modifyIndex = 16;
    state::CaConfig caConfig;
    caConfig.clusterId = "11111111-2222-3333-4444-555555555555";
    caConfig.provider = "consul";
    caConfig.configJson = R"({"LeafCertTTL":"72h"})";
    caConfig.createIndex = 17;
    caConfig.modifyIndex = 18;

    return {
        {"kv", withBody(kv)},
        {"kv defaults", withBody(KvCommand{})},
        {"register", withBody(full)},
        {"register node only", withBody(nodeOnly)},
        {"deregister", withBody(deregister)},
        {"session create", withBody(SessionCreateCommand{session})},
        {"session destroy", withBody(SessionDestroyCommand{session.id})},
        {"txn", withBody(txn)},
        {"txn empty", withBody(TxnCommand{})},
        {"intention", withBody(IntentionCommand{IntentionOp::Update, intention})},
        {"intention delete", withBody(IntentionCommand{IntentionOp::Delete, {}})},
        {"ca set", withBody(CaSetCommand{{root, state::CaRoot{}}, caConfig})},
        {"ca set roots only", withBody(CaSetCommand{{root}, std::nullopt})},
        // Doubles must come back bit for bit, the odd ones too.
        {"coordinates",
         withBody(CoordinateBatchCommand{
             {{"n1", "", {{0.1, -2.5e-7, 0, 1e300, -0.0, 3, 4, 5}, 1.5, -0.0003, 1e-5}},
              {"n2", "seg", {{}, 0, 0, 0}}}})},
    };
}

QByteArray reencodedWith(const QByteArray &bytes, const QString &key, const QCborValue &value)
{
    QCborMap map = QCborValue::fromCbor(bytes).toMap();
    map[key] = value;
    return QCborValue(map).toCbor();
}

} // namespace

class FsmCommandCodecTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyKindRoundTrips_data()
    {
        QTest::addColumn<int>("which");
        const auto kinds = everyKind();
        for (int i = 0; i < kinds.size(); ++i)
            QTest::newRow(kinds[i].first) << i;
    }

    void everyKindRoundTrips()
    {
        QFETCH(int, which);
        const Command original = everyKind()[which].second;
        const QByteArray bytes = encodeCommand(original);
        const Expected<Command> decoded = decodeCommand(bytes);
        QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error()));
        QVERIFY(*decoded == original);
        QCOMPARE(decoded->body.index(), original.body.index());
        // Deterministic: the same command is the same bytes (Raft compares nothing, but the
        // lab shows them and tests diff them).
        QCOMPARE(encodeCommand(*decoded), bytes);
    }

    void everyFieldIsWritten()
    {
        // A field the codec forgot would come back as its default: the fixtures set none to
        // its default, so a forgotten one fails the comparison above. This checks that claim
        // for the records with the most fields.
        const state::Check c = check();
        QVERIFY(!(c == state::Check{}));
        state::Check one = c;
        one.definition.deregisterCriticalServiceAfter.clear();
        QVERIFY(!(one == c));
        const auto bytes = encodeCommand(withBody(RegisterCommand{node(), service(), {c}}));
        QVERIFY(bytes.contains("dcsa"));
        QVERIFY(bytes.contains("wwarn"));
    }

    void headerIsVersionedAndStamped()
    {
        const QCborMap map = QCborValue::fromCbor(encodeCommand(withBody(KvCommand{}))).toMap();
        QCOMPARE(map[QStringLiteral("v")].toInteger(), qint64(commandFormatVersion));
        QCOMPARE(map[QStringLiteral("at")].toInteger(), qint64(1764806400123));
        QCOMPARE(map[QStringLiteral("kind")].toString(), QStringLiteral("kv"));
    }

    void unknownFieldsAreSkipped()
    {
        // (QCborValue, which re-encodes here, would turn the kv fixture's uint64s into doubles.)
        const QByteArray bytes = encodeCommand(everyKind()[2].second);
        const Expected<Command> decoded =
            decodeCommand(reencodedWith(bytes, QStringLiteral("later"), QCborValue(1)));
        QVERIFY(decoded);
        QVERIFY(*decoded == everyKind()[2].second);
    }

    void badBytesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        const QByteArray good = encodeCommand(everyKind()[2].second);
        QTest::newRow("empty") << QByteArray() << QStringLiteral("not well-formed");
        QTest::newRow("truncated")
            << good.left(good.size() / 2) << QStringLiteral("not well-formed");
        QTest::newRow("trailing") << good + '\0' << QStringLiteral("after its end");
        QTest::newRow("not a map") << QCborValue(5).toCbor() << QStringLiteral("not a map");
        QTest::newRow("version 2") << reencodedWith(good, QStringLiteral("v"), QCborValue(2))
                                   << QStringLiteral("format version 2");
        QTest::newRow("no version")
            << QCborValue(QCborMap{}).toCbor() << QStringLiteral("format version 0");
        QTest::newRow("unknown kind")
            << reencodedWith(good, QStringLiteral("kind"), QCborValue(QStringLiteral("raft")))
            << QStringLiteral("unknown kind \"raft\"");
        QTest::newRow("body not a map")
            << reencodedWith(good, QStringLiteral("body"), QCborValue(1))
            << QStringLiteral("command.body has the wrong type");
        QCborMap body = QCborValue::fromCbor(good).toMap()[QStringLiteral("body")].toMap();
        QCborMap node = body[QStringLiteral("node")].toMap();
        node[QStringLiteral("ci")] = QCborValue(-1);
        body[QStringLiteral("node")] = node;
        QTest::newRow("negative index")
            << reencodedWith(good, QStringLiteral("body"), body)
            << QStringLiteral("command.body.node.ci has the wrong type");
        const QByteArray kv = encodeCommand(everyKind()[1].second);
        QCborMap kvBody = QCborValue::fromCbor(kv).toMap()[QStringLiteral("body")].toMap();
        kvBody[QStringLiteral("op")] = QCborValue(99);
        QTest::newRow("unknown op") << reencodedWith(kv, QStringLiteral("body"), kvBody)
                                    << QStringLiteral("command.body.op names no known value");
    }

    void badBytesAreRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        const Expected<Command> decoded = decodeCommand(bytes);
        QVERIFY(!decoded);
        QVERIFY2(decoded.error().contains(reason), qPrintable(decoded.error()));
    }

    void everyTruncationIsRefused()
    {
        const QByteArray good = encodeCommand(everyKind()[7].second);
        for (qsizetype n = 0; n < good.size(); ++n)
            QVERIFY2(!decodeCommand(good.left(n)), qPrintable(QString::number(n)));
    }
};

QTEST_GUILESS_MAIN(FsmCommandCodecTest)
#include "fsm_command_codec_test.moc"

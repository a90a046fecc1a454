// The codec's field-by-field view of a reply (what the desktop DNS inspector shows), the
// ldns names of types, rcodes and opcodes, reverse names, and dig's text layout.
#include "dns/PacketHandler.h"
#include "dns/WireCodec.h"

#include <QtTest>

using namespace qonsul;
using namespace qonsul::dns;

namespace {

Bytes seedSrvReply()
{
    Message m;
    m.header.id = 4242;
    m.header.response = true;
    m.header.authoritative = true;
    m.header.recursionDesired = true;
    m.questions.push_back({Name::fromDotted("web.service.consul."), rrtype::SRV, classIn});
    m.answer.push_back(makeSrv(Name::fromDotted("web.service.consul."), 0,
                               {1, 1, 80, Name::fromDotted("machine.node.dc1.consul.")}));
    m.additional.push_back(makeA(Name::fromDotted("machine.node.dc1.consul."), 0, {127, 0, 0, 1}));
    m.additional.push_back(
        makeTxt(Name::fromDotted("machine.node.dc1.consul."), 0, "consul-network-segment="));
    m.edns = Edns{1232, std::nullopt};
    return *encodeMessage(m);
}

} // namespace

class DnsMessageFieldsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordsFieldByField()
    {
        const Bytes wire = seedSrvReply();
        const std::optional<MessageFields> fields = decodeMessageFields(wire);
        QVERIFY(fields);
        QCOMPARE(fields->header.id, uint16_t(4242));
        QVERIFY(fields->header.authoritative);
        QVERIFY(!fields->header.truncated);
        QCOMPARE(fields->size, wire.size());
        QCOMPARE(fields->ednsUdpSize, std::optional<uint16_t>(1232));
        QCOMPARE(fields->questions.size(), size_t(1));
        QCOMPARE(fields->questions[0], (QuestionFields{"web.service.consul.", "IN", "SRV"}));
        QCOMPARE(fields->answer.size(), size_t(1));
        QCOMPARE(fields->answer[0], (RecordFields{"web.service.consul.", 0, "IN", "SRV",
                                                  "1 1 80 machine.node.dc1.consul."}));
        QCOMPARE(fields->additional.size(), size_t(2)); // the OPT record is not a record here
        QCOMPARE(fields->additional[0].data, std::string("127.0.0.1"));
        QCOMPARE(fields->additional[1].data, std::string("\"consul-network-segment=\""));
        QVERIFY(fields->authority.empty());
    }

    void junkDoesNotDecode()
    {
        const Bytes junk = {1, 2, 3};
        QVERIFY(!decodeMessageFields(junk));
        Bytes cut = seedSrvReply();
        cut.resize(cut.size() - 5);
        QVERIFY(!decodeMessageFields(cut));
    }

    void namesOfTypesRcodesAndOpcodes()
    {
        QCOMPARE(typeName(rrtype::SRV), std::string("SRV"));
        QCOMPARE(typeName(65000), std::string("TYPE65000"));
        QCOMPARE(typeFromName("AAAA"), std::optional<uint16_t>(rrtype::AAAA));
        QCOMPARE(typeFromName("any"), std::optional<uint16_t>(rrtype::ANY));
        QCOMPARE(typeFromName("NOPE"), std::nullopt);
        QCOMPARE(rcodeName(rcode::NameError), std::string("NXDOMAIN"));
        QCOMPARE(rcodeName(rcode::NoError), std::string("NOERROR"));
        QCOMPARE(opcodeName(opcodeQuery), std::string("QUERY"));
    }

    void reverseNames()
    {
        QCOMPARE(reverseName("127.0.0.1"), std::optional<std::string>("1.0.0.127.in-addr.arpa."));
        QCOMPARE(reverseName("2001:db8::1"),
                 std::optional<std::string>(
                     "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa."));
        QCOMPARE(reverseName("web.service.consul"), std::nullopt);
    }

    void presentationLikeDig()
    {
        const std::string text = presentationText(seedSrvReply(), 3, "127.0.0.1");
        const QString t = QString::fromStdString(text);
        QVERIFY2(t.contains(";; ->>HEADER<<- opcode: QUERY, rcode: NOERROR, id: 4242"),
                 text.c_str());
        QVERIFY2(t.contains(";; flags: qr aa rd"), text.c_str());
        QVERIFY2(t.contains("web.service.consul.\t0\tIN\tSRV\t1 1 80 machine.node.dc1.consul."),
                 text.c_str());
        QVERIFY2(t.contains(";; Query time: 3 msec"), text.c_str());
        QVERIFY2(t.contains(";; SERVER: 127.0.0.1"), text.c_str());
        QVERIFY(presentationText(Bytes{1, 2}, 0, "127.0.0.1").empty());
    }
};

QTEST_GUILESS_MAIN(DnsMessageFieldsTest)
#include "dns_message_fields_test.moc"

// A DNS reply as the DNS page's tree of sections and records: built from real wire bytes
// through the same codec as the server, and replaced section by section, never reset.
#include "common/KeyedTableModel.h"
#include "dns/DnsMessageModel.h"
#include "dns/WireCodec.h"

#include <QSignalSpy>
#include <QtTest>

using namespace qonsul;
using namespace qonsul::ui;

namespace {

dns::Name name(const char *dotted)
{
    return dns::Name::fromDotted(dotted);
}

// The seed's SRV answer: web on machine, port 80, with its A and TXT records as additional.
dns::MessageFields seedSrvReply()
{
    dns::Message m;
    m.header.id = 4242;
    m.header.response = true;
    m.header.authoritative = true;
    m.header.recursionDesired = true;
    m.questions.push_back({name("web.service.consul."), dns::rrtype::SRV, dns::classIn});
    m.answer.push_back(
        dns::makeSrv(name("web.service.consul."), 0, {1, 1, 80, name("machine.node.dc1.consul.")}));
    m.additional.push_back(dns::makeA(name("machine.node.dc1.consul."), 0, {127, 0, 0, 1}));
    m.additional.push_back(
        dns::makeTxt(name("machine.node.dc1.consul."), 0, "consul-network-segment="));
    return *dns::decodeMessageFields(*dns::encodeMessage(m));
}

dns::MessageFields nxdomainReply()
{
    dns::Message m;
    m.header.response = true;
    m.header.rcode = dns::rcode::NameError;
    m.questions.push_back({name("nope.service.consul."), dns::rrtype::A, dns::classIn});
    m.authority.push_back(
        dns::makeSoa(name("consul."), 5,
                     {name("ns.consul."), name("hostmaster.consul."), 1, 3600, 600, 86400, 0}));
    return *dns::decodeMessageFields(*dns::encodeMessage(m));
}

QString cell(const DnsMessageModel &model, DnsMessageModel::Section section, int row, int column)
{
    return model.index(row, column, model.sectionIndex(section)).data().toString();
}

} // namespace

class DnsMessageModelTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sectionsAndRecordsAsDigShowsThem()
    {
        DnsMessageModel model;
        QCOMPARE(model.rowCount(), int(DnsMessageModel::SectionCount));
        model.setMessage(seedSrvReply());
        QCOMPARE(model.sectionIndex(DnsMessageModel::Answer).data().toString(),
                 QStringLiteral("ANSWER SECTION  (1 record)"));
        QCOMPARE(model.sectionIndex(DnsMessageModel::Additional).data().toString(),
                 QStringLiteral("ADDITIONAL SECTION  (2 records)"));
        QCOMPARE(model.sectionIndex(DnsMessageModel::Authority).data(ValueRole).toInt(), 0);

        QCOMPARE(model.rowCount(model.sectionIndex(DnsMessageModel::Question)), 1);
        QCOMPARE(cell(model, DnsMessageModel::Question, 0, DnsMessageModel::Name),
                 QStringLiteral("web.service.consul."));
        QCOMPARE(cell(model, DnsMessageModel::Question, 0, DnsMessageModel::Ttl), QString());
        QCOMPARE(cell(model, DnsMessageModel::Question, 0, DnsMessageModel::Type),
                 QStringLiteral("SRV"));

        using S = DnsMessageModel;
        QCOMPARE(cell(model, S::Answer, 0, S::Name), QStringLiteral("web.service.consul."));
        QCOMPARE(cell(model, S::Answer, 0, S::Ttl), QStringLiteral("0"));
        QCOMPARE(cell(model, S::Answer, 0, S::Class), QStringLiteral("IN"));
        QCOMPARE(cell(model, S::Answer, 0, S::Type), QStringLiteral("SRV"));
        QCOMPARE(cell(model, S::Answer, 0, S::Data),
                 QStringLiteral("1 1 80 machine.node.dc1.consul."));
        QCOMPARE(cell(model, S::Additional, 0, S::Type), QStringLiteral("A"));
        QCOMPARE(cell(model, S::Additional, 0, S::Data), QStringLiteral("127.0.0.1"));
        QCOMPARE(cell(model, S::Additional, 1, S::Data),
                 QStringLiteral("\"consul-network-segment=\""));
        // Parents lead back to the section rows.
        const QModelIndex record = model.index(1, 0, model.sectionIndex(S::Additional));
        QCOMPARE(model.parent(record), model.sectionIndex(S::Additional));
        QVERIFY(!model.parent(model.sectionIndex(S::Additional)).isValid());
    }

    void aNewReplyReplacesRecordsWithoutAReset()
    {
        DnsMessageModel model;
        model.setMessage(seedSrvReply());
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.setMessage(nxdomainReply());
        QCOMPARE(resets.count(), 0);
        QCOMPARE(model.rowCount(), int(DnsMessageModel::SectionCount));
        QCOMPARE(model.recordCount(DnsMessageModel::Answer), 0);
        QCOMPARE(model.recordCount(DnsMessageModel::Additional), 0);
        QCOMPARE(model.recordCount(DnsMessageModel::Authority), 1);
        QCOMPARE(cell(model, DnsMessageModel::Authority, 0, DnsMessageModel::Ttl),
                 QStringLiteral("5"));
        QCOMPARE(cell(model, DnsMessageModel::Authority, 0, DnsMessageModel::Data),
                 QStringLiteral("ns.consul. hostmaster.consul. 1 3600 600 86400 0"));
        QCOMPARE(
            model.index(0, DnsMessageModel::Ttl, model.sectionIndex(DnsMessageModel::Authority))
                .data(ValueRole)
                .toInt(),
            5);
        // Question replaced, answer and additional emptied; authority filled.
        QCOMPARE(removed.count(), 3);
        QCOMPARE(inserted.count(), 2);

        model.clear();
        for (int s = 0; s < DnsMessageModel::SectionCount; ++s)
            QCOMPARE(model.recordCount(DnsMessageModel::Section(s)), 0);
    }
};

QTEST_GUILESS_MAIN(DnsMessageModelTest)
#include "ui_dns_message_model_test.moc"

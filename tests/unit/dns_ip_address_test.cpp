// Catalog addresses as DNS reads them: IPv4 read by hand must accept exactly what inet_pton
// accepts, and an IPv4-mapped IPv6 address is IPv4 (Go's net.ParseIP).
#include "dns/IpAddress.h"

#include <QtTest>
#include <arpa/inet.h>
#include <random>

using namespace qonsul;

namespace {

// What the parser gave before it read IPv4 itself.
std::optional<dns::IpAddress> throughInetPton(const std::string &text)
{
    dns::Ipv4 v4{};
    if (inet_pton(AF_INET, text.c_str(), v4.data()) == 1)
        return v4;
    dns::Ipv6 v6{};
    if (inet_pton(AF_INET6, text.c_str(), v6.data()) != 1)
        return std::nullopt;
    if (std::all_of(v6.begin(), v6.begin() + 10, [](uint8_t b) { return b == 0; }) &&
        v6[10] == 0xff && v6[11] == 0xff)
        return dns::Ipv4{v6[12], v6[13], v6[14], v6[15]};
    return v6;
}

} // namespace

class DnsIpAddressTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsWhatInetPtonReads()
    {
        const std::vector<std::string> cases = {"127.0.0.1",
                                                "0.0.0.0",
                                                "255.255.255.255",
                                                "256.0.0.1",
                                                "1.2.3",
                                                "1.2.3.4.",
                                                "1.2.3.4.5",
                                                "01.2.3.4",
                                                "1.2.3.04",
                                                "1..3.4",
                                                ".1.2.3",
                                                "1.2.3.4 ",
                                                " 1.2.3.4",
                                                "1.2.3.-4",
                                                "1234.1.1.1",
                                                "1.2.3.1000",
                                                "",
                                                "a.b.c.d",
                                                "::1",
                                                "::ffff:10.0.0.1",
                                                "2001:db8::1",
                                                "db.example.com",
                                                "0.0.0.00"};
        for (const std::string &text : cases)
            QVERIFY2(dns::parseIp(text) == throughInetPton(text), text.c_str());

        // Random strings over the characters an address is made of.
        std::mt19937 random(5);
        const std::string alphabet = "0123456789.:f";
        for (int i = 0; i < 200000; ++i) {
            std::string text(1 + random() % 16, '0');
            for (char &c : text)
                c = alphabet[random() % alphabet.size()];
            QVERIFY2(dns::parseIp(text) == throughInetPton(text), text.c_str());
        }
    }

    void mappedAddressesAreIpv4()
    {
        QCOMPARE(dns::parseIp("::ffff:192.0.2.7"),
                 std::optional<dns::IpAddress>(dns::Ipv4{192, 0, 2, 7}));
        QVERIFY(std::holds_alternative<dns::Ipv6>(*dns::parseIp("::1")));
    }
};

QTEST_GUILESS_MAIN(DnsIpAddressTest)
#include "dns_ip_address_test.moc"

#include "dns/DnsExplanation.h"

#include "dns/DnsMessage.h"
#include "dns/QueryName.h"

#include <QSet>

namespace qonsul::ui {

namespace {

// How many failing instances a sentence names before "and 3 more".
constexpr int namedInstancesLimit = 3;

QString counted(int n, const char *one, const char *many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

QString instances(int n)
{
    return counted(n, "instance", "instances");
}

QString isAre(int n)
{
    return n == 1 ? QStringLiteral("is") : QStringLiteral("are");
}

QString inDatacenter(const DnsSubject &subject)
{
    return subject.datacenter.isEmpty()
               ? QString()
               : QStringLiteral(" in datacenter %1").arg(subject.datacenter);
}

QString nxdomainReason(uint8_t rcode)
{
    return rcode == dns::rcode::NameError ? QStringLiteral(" That is why the answer is NXDOMAIN.")
                                          : QString();
}

// How the DNS server's health filter sees an instance (dns/HealthFilter).
enum class Standing { Passing, Warning, Critical, Maintenance };

Standing standingOf(const ServiceEntry &entry)
{
    bool warning = false;
    bool critical = false;
    for (const HealthCheck &check : entry.checks) {
        if (check.isMaintenance())
            return Standing::Maintenance;
        if (check.status == QLatin1String("critical"))
            critical = true;
        else if (check.status != QLatin1String("passing"))
            warning = true;
    }
    if (critical)
        return Standing::Critical;
    return warning ? Standing::Warning : Standing::Passing;
}

// "web-2 on machine (check "web-2 alive" is critical)".
QString describeInstance(const ServiceEntry &entry)
{
    QStringList failing;
    for (const HealthCheck &check : entry.checks) {
        if (check.status != QLatin1String("passing"))
            failing << QStringLiteral("check \"%1\" is %2")
                           .arg(check.name.isEmpty() ? check.checkId : check.name, check.status);
    }
    const QString instance = QStringLiteral("%1 on %2").arg(entry.service.id, entry.node.node);
    return failing.isEmpty() ? instance
                             : QStringLiteral("%1 (%2)").arg(instance, failing.join("; "));
}

QString describeInstances(const QList<ServiceEntry> &entries)
{
    QStringList named;
    for (int i = 0; i < entries.size() && i < namedInstancesLimit; ++i)
        named << describeInstance(entries.at(i));
    QString text = named.join(QStringLiteral(", "));
    if (entries.size() > namedInstancesLimit)
        text += QStringLiteral(" and %1 more").arg(entries.size() - namedInstancesLimit);
    return text;
}

bool hasTag(const ServiceEntry &entry, const QString &tag)
{
    for (const QString &t : entry.service.tags) {
        if (t.compare(tag, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString addressOf(const ServiceEntry &entry)
{
    return entry.service.address.isEmpty() ? entry.node.address : entry.service.address;
}

} // namespace

DnsSubject dnsSubjectOf(const QString &name, uint16_t type, const QString &domain,
                        const QString &altDomain)
{
    const dns::Name parsedName = dns::Name::fromDotted(name.trimmed().toStdString());
    const dns::Name domainName = dns::Name::fromDotted(domain.toStdString());
    std::optional<dns::Name> altDomainName;
    if (!altDomain.isEmpty())
        altDomainName = dns::Name::fromDotted(altDomain.toStdString());
    DnsSubject subject;
    switch (dns::zoneOf(parsedName, domainName, altDomainName)) {
    case dns::Zone::Reverse:
        subject.kind = DnsSubject::Kind::Reverse;
        return subject;
    case dns::Zone::Other:
        subject.kind = DnsSubject::Kind::OutsideDomain;
        return subject;
    case dns::Zone::Consul:
        break;
    }
    const dns::QueryName parsed =
        dns::parseQueryName(dns::labelsInDomain(parsedName, domainName, altDomainName), type);
    subject.datacenter = QString::fromStdString(parsed.datacenter);
    subject.service = QString::fromStdString(parsed.service);
    subject.tag = QString::fromStdString(parsed.tag);
    subject.node = QString::fromStdString(parsed.node);
    subject.query = QString::fromStdString(parsed.query);
    switch (parsed.kind) {
    case dns::QueryName::Kind::Service:
        subject.kind = DnsSubject::Kind::Service;
        break;
    case dns::QueryName::Kind::Connect:
        subject.kind = DnsSubject::Kind::Connect;
        break;
    case dns::QueryName::Kind::Node:
        subject.kind = DnsSubject::Kind::Node;
        break;
    case dns::QueryName::Kind::PreparedQuery:
        subject.kind = DnsSubject::Kind::PreparedQuery;
        break;
    case dns::QueryName::Kind::Address:
        subject.kind = DnsSubject::Kind::Address;
        break;
    case dns::QueryName::Kind::Invalid:
        subject = DnsSubject{};
        break;
    }
    return subject;
}

QStringList explainServiceAnswer(const DnsSubject &subject, const QList<ServiceEntry> &entries,
                                 bool onlyPassing, uint8_t rcode, uint16_t type, int answerRecords,
                                 const QString &fullDomain)
{
    const QString &service = subject.service;
    QStringList lines;
    if (entries.isEmpty()) {
        lines << QStringLiteral("No service named \"%1\" is registered%2.%3")
                     .arg(service, inDatacenter(subject), nxdomainReason(rcode));
        return lines;
    }

    QList<ServiceEntry> asked;
    for (const ServiceEntry &entry : entries) {
        if (subject.tag.isEmpty() || hasTag(entry, subject.tag))
            asked << entry;
    }
    const QString withTag =
        subject.tag.isEmpty() ? QString() : QStringLiteral(" with the tag \"%1\"").arg(subject.tag);
    if (asked.isEmpty()) {
        lines << QStringLiteral("None of the %1 of %2 has the tag \"%3\".%4")
                     .arg(instances(int(entries.size())), service, subject.tag,
                          nxdomainReason(rcode));
        return lines;
    }
    if (asked.size() < entries.size()) {
        const int without = int(entries.size() - asked.size());
        lines << QStringLiteral("%1 of %2 without the tag \"%3\" %4 not asked for.")
                     .arg(instances(without), service, subject.tag, isAre(without));
    }

    QList<ServiceEntry> critical, maintenance, warning, returned;
    for (const ServiceEntry &entry : asked) {
        switch (standingOf(entry)) {
        case Standing::Maintenance:
            maintenance << entry;
            break;
        case Standing::Critical:
            critical << entry;
            break;
        case Standing::Warning:
            warning << entry;
            if (!onlyPassing)
                returned << entry;
            break;
        case Standing::Passing:
            returned << entry;
            break;
        }
    }
    if (!critical.isEmpty())
        lines << QStringLiteral("%1 of %2%3 %4 critical and not returned: %5.")
                     .arg(instances(int(critical.size())), service, withTag,
                          isAre(int(critical.size())), describeInstances(critical));
    if (!maintenance.isEmpty())
        lines << QStringLiteral("%1 of %2%3 %4 in maintenance mode and not returned: %5.")
                     .arg(instances(int(maintenance.size())), service, withTag,
                          isAre(int(maintenance.size())), describeInstances(maintenance));
    if (!warning.isEmpty()) {
        if (onlyPassing)
            lines << QStringLiteral("%1 of %2%3 %4 warning and not returned, because the "
                                    "agent's dns_config.only_passing is on: %5.")
                         .arg(instances(int(warning.size())), service, withTag,
                              isAre(int(warning.size())), describeInstances(warning));
        else
            lines << QStringLiteral("%1 of %2%3 %4 warning but still returned "
                                    "(dns_config.only_passing is off): %5.")
                         .arg(instances(int(warning.size())), service, withTag,
                              isAre(int(warning.size())), describeInstances(warning));
    }

    const int total = int(asked.size());
    const int healthy = int(returned.size());
    if (healthy == 0) {
        lines << QStringLiteral("No instance of %1%2 is left to return.%3")
                     .arg(service, withTag, nxdomainReason(rcode));
        return lines;
    }
    if (healthy == total)
        lines
            << (total == 1
                    ? QStringLiteral("The one instance of %1%2 is returned.").arg(service, withTag)
                    : QStringLiteral("All %1 of %2%3 are returned.")
                          .arg(instances(total), service, withTag));
    else
        lines << QStringLiteral("%1 of the %2 of %3%4 %5 returned.")
                     .arg(healthy)
                     .arg(instances(total), service, withTag, isAre(healthy));

    if (type == dns::rrtype::SRV) {
        const QString domain =
            fullDomain.endsWith(QLatin1Char('.')) ? fullDomain.chopped(1) : fullDomain;
        lines << QStringLiteral("Each SRV record reads priority, weight, port, target: the "
                                "priority is always 1; the weight is the instance's "
                                "Weights.Passing (Weights.Warning while a check warns), so "
                                "clients pick heavier instances more often; the port is the "
                                "service's; the target is the node's name, "
                                "<node>.node.<datacenter>.%1, whose address is in the additional "
                                "section (an instance with an address of its own gets a "
                                "<hex>.addr.<datacenter>.%1 target instead).")
                     .arg(domain);
        lines << QStringLiteral("%1.service.%2 and _%1._tcp.service.%2 ask for the same "
                                "instances: the second is RFC 2782's _service._protocol form, "
                                "where _tcp means any tag and _<tag> filters by tag, as "
                                "<tag>.%1.service.%2 does.")
                     .arg(subject.service, domain);
    }
    if (type == dns::rrtype::SRV && answerRecords > 0 && answerRecords < healthy) {
        lines << QStringLiteral("The answer holds %1 of them: Consul trims UDP answers (to 3 "
                                "records without EDNS, or to the size the client advertises). "
                                "Ask over TCP for all of them.")
                     .arg(answerRecords);
    } else if ((type == dns::rrtype::A || type == dns::rrtype::AAAA) && answerRecords > 0 &&
               answerRecords < healthy) {
        QSet<QString> addresses;
        for (const ServiceEntry &entry : returned)
            addresses.insert(addressOf(entry));
        if (int(addresses.size()) < healthy)
            lines << QStringLiteral("They share %1, and an address answer carries each address "
                                    "once.")
                         .arg(counted(int(addresses.size()), "address", "addresses"));
    }
    return lines;
}

QList<DnsCheckLink> checkLinksOf(const DnsSubject &subject, const QList<ServiceEntry> &entries,
                                 bool onlyPassing)
{
    QList<DnsCheckLink> links;
    if (subject.kind != DnsSubject::Kind::Service)
        return links;
    for (const ServiceEntry &entry : entries) {
        if (!subject.tag.isEmpty() && !hasTag(entry, subject.tag))
            continue;
        const Standing standing = standingOf(entry);
        if (standing == Standing::Passing || (standing == Standing::Warning && !onlyPassing))
            continue;
        for (const HealthCheck &check : entry.checks) {
            const bool counts = standing == Standing::Maintenance
                                    ? check.isMaintenance()
                                    : check.status != QLatin1String("passing");
            if (!counts)
                continue;
            const QString name = check.isMaintenance()
                                     ? QStringLiteral("maintenance mode")
                                     : QStringLiteral("check \"%1\"")
                                           .arg(check.name.isEmpty() ? check.checkId : check.name);
            links << DnsCheckLink{
                entry.service.service, entry.node.node, entry.service.id, check.checkId,
                QStringLiteral("%1 of %2 on %3").arg(name, entry.service.id, entry.node.node)};
            if (links.size() == namedInstancesLimit)
                return links;
        }
    }
    return links;
}

QStringList explainNodeAnswer(const DnsSubject &subject,
                              const std::optional<CatalogNodeServices> &node, uint8_t rcode)
{
    QStringList lines;
    if (!node) {
        lines << QStringLiteral("No node named \"%1\" is registered%2.%3")
                     .arg(subject.node, inDatacenter(subject), nxdomainReason(rcode));
        return lines;
    }
    lines << QStringLiteral("%1 is a node at %2. Node lookups return it whatever its health; "
                            "only service lookups leave unhealthy instances out.")
                 .arg(node->node.node, node->node.address);
    if (!node->node.meta.isEmpty())
        lines << QStringLiteral("Its node meta (%1) comes as TXT records: in the answer for TXT "
                                "and ANY questions, in the additional section for A and AAAA.")
                     .arg(node->node.meta.keys().join(QStringLiteral(", ")));
    return lines;
}

QStringList explainWithoutCatalog(const DnsSubject &subject, uint8_t rcode,
                                  const QString &fullDomain, bool recursionAvailable)
{
    const QString domain =
        fullDomain.endsWith(QLatin1Char('.')) ? fullDomain.chopped(1) : fullDomain;
    switch (subject.kind) {
    case DnsSubject::Kind::Address:
        return {QStringLiteral("An .addr name spells an address in hex (7f000001 is 127.0.0.1); "
                               "the DNS server decodes it without looking at the catalog.")};
    case DnsSubject::Kind::Reverse:
        return {QStringLiteral("A reverse name: the agent matches it against node addresses, "
                               "then service addresses, and asks its recursors otherwise.")};
    case DnsSubject::Kind::OutsideDomain:
        if (!recursionAvailable)
            return {QStringLiteral("This name is outside %1 and the agent has no recursors to "
                                   "forward it to (the RA flag is off), so it answers SERVFAIL. "
                                   "Start the agent with -recursor=<address> (or \"recursors\" in "
                                   "its config) to resolve other names through it.")
                        .arg(domain)};
        if (rcode == dns::rcode::ServerFailure)
            return {QStringLiteral("This name is outside %1, so the agent forwards it to its "
                                   "recursors (the RA flag says it has some); SERVFAIL means none "
                                   "of them gave a usable answer.")
                        .arg(domain)};
        return {QStringLiteral("This name is outside %1, so the agent forwards it to its "
                               "recursors (the RA flag says it has some): this is their answer.")
                    .arg(domain)};
    case DnsSubject::Kind::PreparedQuery:
        return {QStringLiteral("The prepared query \"%1\" chooses the instances; health "
                               "filtering follows its own settings.")
                    .arg(subject.query)};
    case DnsSubject::Kind::Connect:
        return {QStringLiteral("Connect lookups return the healthy sidecar proxies of %1 (or %1 "
                               "itself when it is Connect-native), not %1's own address.")
                    .arg(subject.service)};
    case DnsSubject::Kind::Invalid:
        return {QStringLiteral("%1 has no name of this form, so the answer is %2 with the SOA "
                               "record as authority. Names it answers: web.service.%1, "
                               "rails.web.service.%1, _web._tcp.service.%1, machine.node.%1.")
                    .arg(domain, rcode == dns::rcode::NameError ? QStringLiteral("NXDOMAIN")
                                                                : QStringLiteral("empty"))};
    case DnsSubject::Kind::Service:
    case DnsSubject::Kind::Node:
        break;
    }
    return {};
}

} // namespace qonsul::ui

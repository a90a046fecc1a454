#pragma once
// Why a DNS answer holds what it holds, in words for a learner, from what the HTTP API says
// about the same service or node: which instances are registered, which of them the DNS server
// left out because they are critical (or warning, with dns_config.only_passing), or that no
// service or node has that name. The name is read as the server reads it (dns/QueryName).

#include "api/CatalogApi.h"
#include "api/HealthApi.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace qonsul::ui {

// What a question's name asks about.
struct DnsSubject
{
    enum class Kind {
        Service,       // [tag.]web.service[.dc].consul, _web._tag[.service][.dc].consul
        Connect,       // web.connect.consul
        Node,          // machine.node[.dc].consul
        PreparedQuery, // name.query[.dc].consul
        Address,       // 7f000001.addr[.dc].consul
        Reverse,       // *.in-addr.arpa, *.ip6.arpa
        OutsideDomain, // forwarded to the recursors
        Invalid,       // in the Consul domain but not a name it answers (NXDOMAIN)
    };

    Kind kind = Kind::Invalid;
    QString service;    // Service, Connect
    QString tag;        // Service: empty for none
    QString node;       // Node
    QString query;      // PreparedQuery
    QString datacenter; // empty: the agent's own

    bool operator==(const DnsSubject &) const = default;
};

// `domain` and `altDomain` as the agent reports them ("consul.", "" for none).
DnsSubject dnsSubjectOf(const QString &name, uint16_t type, const QString &domain = "consul.",
                        const QString &altDomain = QString());

// What a service answer left out and why. `entries` are /v1/health/service/<name> (all
// instances, any health); `rcode` and `answerRecords` describe the answer (records of the
// question's type); `onlyPassing` is the agent's dns_config.only_passing.
// `domain` names the RFC 2782 form in SRV explanations.
QStringList explainServiceAnswer(const DnsSubject &subject, const QList<ServiceEntry> &entries,
                                 bool onlyPassing, uint8_t rcode, uint16_t type, int answerRecords,
                                 const QString &domain = "consul.");

// A check that kept an instance out of a service answer, for a link to its details.
struct DnsCheckLink
{
    QString service;
    QString node;
    QString serviceId;
    QString checkId;
    QString label; // check "web" of web on machine

    bool operator==(const DnsCheckLink &) const = default;
};

// The checks that kept instances out of the answer explainServiceAnswer explains (critical
// and maintenance checks; warning ones with `onlyPassing`), the first few.
QList<DnsCheckLink> checkLinksOf(const DnsSubject &subject, const QList<ServiceEntry> &entries,
                                 bool onlyPassing);

// The same for a node: `node` is /v1/catalog/node/<name> (nullopt: no such node).
QStringList explainNodeAnswer(const DnsSubject &subject,
                              const std::optional<CatalogNodeServices> &node, uint8_t rcode);

// What can be said without asking the API (addresses, reverse names, other domains, names
// the Consul domain does not answer, prepared queries). `recursionAvailable` is the answer's
// RA flag: the agent has recursors.
QStringList explainWithoutCatalog(const DnsSubject &subject, uint8_t rcode,
                                  const QString &domain = "consul.",
                                  bool recursionAvailable = false);

} // namespace qonsul::ui

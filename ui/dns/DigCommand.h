#pragma once
// The question the inspector asks, as a dig command line a learner can paste into a terminal:
// `dig @127.0.0.1 -p 8600 web.service.consul SRV` (+tcp over TCP, +noedns without EDNS, and
// `-x 127.0.0.1` for a PTR question about an address).

#include "dns/DnsServerAddress.h"

#include <QString>

namespace qonsul::ui {

struct DnsQuestionInput
{
    QString name; // as typed: a name, or an IP address for PTR
    QString type = QStringLiteral("A");
    bool tcp = false;
    bool edns = true;
    bool operator==(const DnsQuestionInput &) const = default;
};

// The name the query carries: the reverse name for a PTR question about an IP address (what
// dig -x asks), else the name as typed.
QString questionName(const DnsQuestionInput &question);

QString digCommand(const DnsServerAddress &server, const DnsQuestionInput &question);

} // namespace qonsul::ui

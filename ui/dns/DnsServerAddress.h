#pragma once
// The DNS server the inspector asks, as the user types it: "127.0.0.1:8600", "[::1]:8600",
// "localhost:8600", or a host alone for port 53 (as dig's @server).

#include "util/Expected.h"

#include <QString>

namespace qonsul::ui {

struct DnsServerAddress
{
    QString host; // an IP address (IPv6 without brackets) or a host name
    quint16 port = 53;

    // "127.0.0.1:8600", "[::1]:8600".
    QString text() const;
    bool operator==(const DnsServerAddress &) const = default;
};

Expected<DnsServerAddress> parseDnsServerAddress(const QString &text);

} // namespace qonsul::ui

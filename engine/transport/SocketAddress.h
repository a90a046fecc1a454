#pragma once
// Addresses and socket errors as gossip and RPC write them: "ip:port" ("[v6]:port"), and Qt's
// socket errors in the words Go's net package uses ("connect: connection refused"), which is
// what Consul's messages carry.

#include <QAbstractSocket>
#include <QHostAddress>
#include <QString>
#include <string>

namespace qonsul::transport {

// "ip:port", "[v6]:port"; false when it is not one. Port 0 ("any free port", for listening)
// only with `allowAnyPort`.
bool parseGossipAddress(const std::string &text, QHostAddress *host, quint16 *port,
                        bool allowAnyPort = false);
std::string gossipAddress(const QHostAddress &host, quint16 port);

// "connect: connection refused", "i/o timeout", "EOF", "bind: address already in use", …
QString goSocketError(QAbstractSocket::SocketError error);

} // namespace qonsul::transport

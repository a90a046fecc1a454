#pragma once
// Forwards queries for names outside the Consul domain to the configured recursors, as Consul
// does: each recursor in order, over the client's transport, with a timeout; an answer other
// than NOERROR or NXDOMAIN moves on to the next one. Asynchronous: the event loop keeps
// answering while a recursor thinks.

#include "dns/DnsConfig.h"
#include "dns/Resolver.h"
#include "dns/WireCodec.h"

#include <QObject>
#include <functional>

namespace qonsul::dns {

class RecursorClient : public QObject
{
    Q_OBJECT
public:
    using Reply = std::function<void(Bytes response)>;

    explicit RecursorClient(QObject *parent = nullptr) : QObject(parent) {}

    // Sends `query` (as received) to the recursors; `reply` gets the first usable answer as the
    // recursor sent it, or `fallback` when every recursor fails or times out.
    void forward(Bytes query, Transport transport, const std::vector<Recursor> &recursors,
                 int timeoutMs, Bytes fallback, Reply reply);

    int inFlight() const { return m_inFlight; }

    // Beyond this many forwarded queries at once, new ones get the fallback at once.
    static constexpr int maxInFlight = 512;

private:
    class Exchange;
    int m_inFlight = 0;
};

} // namespace qonsul::dns

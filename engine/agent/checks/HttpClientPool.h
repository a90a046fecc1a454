#pragma once
// The network access managers HTTP checks share. One QNetworkAccessManager opens at most six
// connections to one host:port and queues the rest; with hundreds of checks against one
// endpoint that queue would delay probes, so requests are spread over several managers (each
// runs a thread of its own: four keep 24 probes in flight per host:port for little CPU; a
// probe queued behind them still times out on time, its timer starts when it is sent).

#include <QNetworkAccessManager>
#include <memory>
#include <vector>

namespace qonsul::checks {

class HttpClientPool
{
public:
    explicit HttpClientPool(int managers = 4);
    ~HttpClientPool();

    QNetworkAccessManager &next();

private:
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
    size_t m_next = 0;
};

} // namespace qonsul::checks

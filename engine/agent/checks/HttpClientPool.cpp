#include "agent/checks/HttpClientPool.h"

namespace qonsul::checks {

HttpClientPool::HttpClientPool(int managers)
{
    for (int i = 0; i < std::max(managers, 1); ++i) {
        auto manager = std::make_unique<QNetworkAccessManager>();
        // Go's client keeps no cookies and follows redirects; no HTTP/2 (Consul disables
        // keep-alives, so each probe is one fresh HTTP/1.1 connection).
        manager->setCookieJar(nullptr);
        manager->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
        m_managers.push_back(std::move(manager));
    }
}

HttpClientPool::~HttpClientPool() = default;

QNetworkAccessManager &HttpClientPool::next()
{
    QNetworkAccessManager &manager = *m_managers[m_next];
    m_next = (m_next + 1) % m_managers.size();
    return manager;
}

} // namespace qonsul::checks

#include "http/Router.h"

#include <algorithm>

namespace qonsul::http {

Handler &MethodTable::operator[](const QByteArray &method)
{
    for (auto &[m, h] : m_entries)
        if (m == method)
            return h;
    m_entries.emplace_back(method, Handler{});
    return m_entries.back().second;
}

const Handler *MethodTable::find(const QByteArray &method) const
{
    for (const auto &[m, h] : m_entries)
        if (m == method)
            return &h;
    return nullptr;
}

QByteArray Route::allowHeader() const
{
    QByteArray out = "OPTIONS";
    for (const auto &[method, _] : methods)
        out += ',' + method;
    return out;
}

Route &Router::exact(const QString &path)
{
    auto [it, created] = m_exact.try_emplace(path);
    if (created) {
        it->second.path = path;
        it->second.raftBacked = m_raftBacked;
    }
    return it->second;
}

Route &Router::prefix(const QString &path)
{
    for (auto &r : m_prefixes)
        if (r.path == path)
            return r;
    Route route;
    route.path = path;
    route.prefix = true;
    route.raftBacked = m_raftBacked;
    m_prefixes.push_back(std::move(route));
    std::stable_sort(m_prefixes.begin(), m_prefixes.end(),
                     [](const Route &a, const Route &b) { return a.path.size() > b.path.size(); });
    for (auto &r : m_prefixes)
        if (r.path == path)
            return r;
    return m_prefixes.back();
}

RouteMatch Router::match(const QString &path) const
{
    if (auto it = m_exact.find(path); it != m_exact.end())
        return {&it->second, {}};
    for (const auto &r : m_prefixes)
        if (path.startsWith(r.path))
            return {&r, path.mid(r.path.size())};
    return {};
}

} // namespace qonsul::http

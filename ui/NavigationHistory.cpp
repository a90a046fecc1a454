#include "NavigationHistory.h"

namespace qonsul::ui {

void NavigationHistory::visit(const QString &route)
{
    if (route.isEmpty() || current() == route)
        return;
    m_routes.erase(m_routes.begin() + m_current + 1, m_routes.end());
    m_routes.append(route);
    if (m_routes.size() > limit)
        m_routes.removeFirst();
    m_current = m_routes.size() - 1;
}

QString NavigationHistory::back()
{
    if (canGoBack())
        --m_current;
    return current();
}

QString NavigationHistory::forward()
{
    if (canGoForward())
        ++m_current;
    return current();
}

} // namespace qonsul::ui

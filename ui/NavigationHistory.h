#pragma once
// The window's Back/Forward history: the routes visited (pages and their details, as
// MainWindow::openRoute names them), like a browser's. Visiting a route after going back drops
// the forward part; visiting the current route again adds nothing.

#include <QString>
#include <QStringList>

namespace qonsul::ui {

class NavigationHistory
{
public:
    void visit(const QString &route);
    bool canGoBack() const { return m_current > 0; }
    bool canGoForward() const { return m_current + 1 < m_routes.size(); }
    // Moves one step and returns the route now current; call only when possible.
    QString back();
    QString forward();
    QString current() const { return m_current < 0 ? QString() : m_routes.at(m_current); }
    const QStringList &routes() const { return m_routes; }

    static constexpr int limit = 100;

private:
    QStringList m_routes;
    qsizetype m_current = -1;
};

} // namespace qonsul::ui

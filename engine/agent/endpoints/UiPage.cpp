#include "agent/endpoints/UiPage.h"

#include "util/Version.h"

namespace qonsul {

QString desktopAttachCommand(const QString &httpAddress)
{
    return QStringLiteral("qonsul desktop -attach -http-addr=%1").arg(httpAddress);
}

QByteArray uiPageHtml(const UiPageFacts &facts)
{
    const auto e = [](const QString &text) { return text.toHtmlEscaped(); };
    const QString leader = facts.leader.isEmpty() ? QStringLiteral("none known yet") : facts.leader;
    const QString html =
        QStringLiteral(
            "<!DOCTYPE html>\n"
            "<html lang=\"en\">\n"
            "<head>\n"
            "<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>Qonsul agent %1 (%2)</title>\n"
            "<style>\n"
            "body { font-family: sans-serif; max-width: 44em; margin: 2em auto; padding: 0 1em;"
            " line-height: 1.5; }\n"
            "pre { padding: 0.75em; border: 1px solid; border-radius: 4px; overflow-x: auto; }\n"
            "th { text-align: left; padding-right: 1.5em; }\n"
            "</style>\n"
            "</head>\n"
            "<body>\n"
            "<h1>Qonsul agent</h1>\n"
            "<table>\n"
            "<tr><th>Node</th><td id=\"node\">%1</td></tr>\n"
            "<tr><th>Datacenter</th><td id=\"datacenter\">%2</td></tr>\n"
            "<tr><th>Leader</th><td id=\"leader\">%3</td></tr>\n"
            "<tr><th>HTTP API</th><td><a href=\"/v1/agent/self\">%4</a></td></tr>\n"
            "</table>\n"
            "<h2>Where the UI is</h2>\n"
            "<p>Consul serves its web UI here. Qonsul's UI is its desktop app: the same pages "
            "(Services, Nodes, Key/Value), plus a DNS inspector and the agent's log. To open it "
            "attached to this agent, run:</p>\n"
            "<pre id=\"command\">%5</pre>\n"
            "<p>Everything else works as in Consul: the HTTP API under <code>/v1/</code>, DNS, "
            "and the <code>qonsul</code> command line.</p>\n"
            "<p><small>Qonsul %6, compatible with Consul %7.</small></p>\n"
            "</body>\n"
            "</html>\n")
            .arg(e(facts.nodeName), e(facts.datacenter), e(leader), e(facts.httpAddress),
                 e(desktopAttachCommand(facts.httpAddress)), QString::fromLatin1(qonsulVersion),
                 QString::fromLatin1(consulCompatibleVersion));
    return html.toUtf8();
}

} // namespace qonsul

#include "MembersFormat.h"

#include "Columnize.h"

#include <QHostAddress>
#include <algorithm>

namespace qonsul::cli {

QList<AgentMember> prepareMembers(QList<AgentMember> members, const QString &segmentFlag,
                                  const QRegularExpression &status)
{
    QList<AgentMember> kept;
    for (AgentMember &member : members) {
        if (member.tags.value("segment").isEmpty())
            member.tags.insert("segment", "<default>");
        if (segmentFlag == QLatin1String(AgentApi::allSegments) &&
            member.tags.value("role") == QLatin1String("consul"))
            member.tags.insert("segment", "<all>");
        if (status.match(AgentMember::statusName(member.status)).hasMatch())
            kept.append(member);
    }
    std::sort(kept.begin(), kept.end(), [](const AgentMember &a, const AgentMember &b) {
        const QString segmentA = a.tags.value("segment");
        const QString segmentB = b.tags.value("segment");
        if (segmentA != segmentB)
            return segmentA < segmentB;
        return a.name < b.name;
    });
    return kept;
}

QString memberAddress(const AgentMember &member)
{
    const QHostAddress ip(member.addr);
    QString host;
    if (ip.isNull())
        host = QString(); // Go prints an unparsable IP as empty
    else if (ip.protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + ip.toString() + QLatin1Char(']');
    else
        host = ip.toString();
    return host + QLatin1Char(':') + QString::number(member.port);
}

QString formatMembers(const QList<AgentMember> &members)
{
    const QChar d = cellDelimiter;
    QStringList lines;
    lines.append(
        QStringList{"Node", "Address", "Status", "Type", "Build", "Protocol", "DC", "Segment"}.join(
            d));
    for (const AgentMember &member : members) {
        QString build = member.tags.value("build");
        if (build.isEmpty())
            build = QStringLiteral("< 0.3");
        else if (const qsizetype colon = build.indexOf(QLatin1Char(':')); colon >= 0)
            build.truncate(colon);

        const QString role = member.tags.value("role");
        QString type;
        if (role == QLatin1String("node"))
            type = QStringLiteral("client");
        else if (role == QLatin1String("consul"))
            type = QStringLiteral("server");

        QStringList cells{member.name, memberAddress(member),
                          AgentMember::statusName(member.status)};
        if (type.isEmpty())
            cells << "unknown"
                  << ""
                  << ""
                  << ""
                  << "";
        else
            cells << type << build << member.tags.value("vsn") << member.tags.value("dc")
                  << member.tags.value("segment");
        lines.append(cells.join(d));
    }
    return columnize(lines);
}

QString formatMembersDetailed(const QList<AgentMember> &members)
{
    const QChar d = cellDelimiter;
    QStringList lines;
    lines.append(QStringList{"Node", "Address", "Status", "Tags"}.join(d));
    for (const AgentMember &member : members) {
        QStringList pairs;
        for (auto it = member.tags.begin(); it != member.tags.end(); ++it) // QMap: sorted
            pairs.append(it.key() + QLatin1Char('=') + it.value());
        lines.append(QStringList{member.name, memberAddress(member),
                                 AgentMember::statusName(member.status), pairs.join(',')}
                         .join(d));
    }
    return columnize(lines);
}

} // namespace qonsul::cli

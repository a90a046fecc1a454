#pragma once
// `members` output as pure functions: segment labels, status filter, sort and the two tables.

#include "api/AgentApi.h"

#include <QList>
#include <QRegularExpression>
#include <QString>

namespace qonsul::cli {

// Rewrites the "segment" tag the way `consul members` shows it: "<default>" when empty, and
// "<all>" for servers when every segment was asked for; then keeps the members whose status
// name matches `status` and sorts them by segment label, then name.
QList<AgentMember> prepareMembers(QList<AgentMember> members, const QString &segmentFlag,
                                  const QRegularExpression &status);

// "Node  Address  Status  Type  Build  Protocol  DC  Segment" table.
QString formatMembers(const QList<AgentMember> &members);
// "Node  Address  Status  Tags" table, tags as sorted k=v joined by commas.
QString formatMembersDetailed(const QList<AgentMember> &members);

// Addr:Port as Go's net.TCPAddr prints it ("[::1]:8301" for IPv6).
QString memberAddress(const AgentMember &member);

} // namespace qonsul::cli

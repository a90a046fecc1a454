#pragma once
// What ApiCall and ApiStream do with a reply they no longer want (killed, or destroyed before
// it finished): no more signals to them, the connection aborted, the reply deleted on the next
// event-loop turn (it may be inside one of its own signals now).

#include <QNetworkReply>
#include <QPointer>

namespace qonsul {

inline void abandonReply(QPointer<QNetworkReply> &reply, QObject *owner)
{
    if (!reply)
        return;
    reply->disconnect(owner);
    reply->abort();
    reply->deleteLater();
    reply = nullptr;
}

} // namespace qonsul

#pragma once
// The status endpoints (/v1/status/…) as typed requests.

#include "TypedRequest.h"

#include <QString>
#include <QStringList>

namespace qonsul::StatusApi {

// GET /v1/status/leader: the leader's "address:port", empty when there is none.
TypedRequest<QString> leader();
// GET /v1/status/peers: the Raft peers' "address:port".
TypedRequest<QStringList> peers();

} // namespace qonsul::StatusApi

#pragma once
// The network coordinate endpoints (/v1/coordinate/…) as typed requests.

#include "TypedRequest.h"

#include <QList>
#include <QString>
#include <vector>

namespace qonsul {

struct CoordinateEntryRecord
{
    QString node;
    QString segment;
    std::vector<double> vec;
    double error = 0;
    double adjustment = 0;
    double height = 0;
};

namespace CoordinateApi {

// GET /v1/coordinate/nodes: every node's LAN coordinate.
TypedRequest<QList<CoordinateEntryRecord>> nodes();

} // namespace CoordinateApi

} // namespace qonsul

#pragma once
// Small round icons for check states, and the words Consul's UI uses for check counts.

#include "api/HealthApi.h"

#include <QIcon>
#include <QString>

namespace qonsul::ui {

// A filled circle: green passing, amber warning, red critical, grey for anything else.
QIcon statusIcon(const QString &status);
// "2 passing, 1 critical"; "no checks" when there are none.
QString countsText(const CheckCounts &counts);
// A sort key that puts the least healthy first when sorting descending.
int severity(const CheckCounts &counts);

} // namespace qonsul::ui

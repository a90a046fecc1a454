#pragma once
// Small round icons for check states, and the words Consul's UI uses for check counts.

#include "api/HealthApi.h"
#include "common/ThemeColors.h"

#include <QIcon>
#include <QString>

namespace qonsul::ui {

// The tone of a check status: passing, warning, critical (also maintenance), else neutral.
Tone statusTone(const QString &status);
// A filled circle in the status's tone for the application palette (views repaint, and so
// ask again, when it changes).
QIcon statusIcon(const QString &status);
// "2 passing, 1 critical"; "no checks" when there are none.
QString countsText(const CheckCounts &counts);
// A sort key that puts the least healthy first when sorting descending.
int severity(const CheckCounts &counts);

} // namespace qonsul::ui

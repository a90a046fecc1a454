#pragma once
// Go's duration syntax ("1.5s", "1m30s", "500ms", "-2h"), as flags like -timeout take it.

#include <QString>
#include <chrono>
#include <optional>

namespace qonsul::cli {

std::optional<std::chrono::nanoseconds> parseGoDuration(const QString &text);
// Go's time.Duration.String() for whole units used in messages and defaults ("0s", "15s",
// "1m30s", "1.5s").
QString formatGoDuration(std::chrono::nanoseconds duration);

} // namespace qonsul::cli

#pragma once
// The result of a step that produces nothing but may fail: nullopt on success. (Expected<T>
// has no void form.)

#include "util/Expected.h"

#include <optional>

namespace qonsul {

using MaybeError = std::optional<Error>;

} // namespace qonsul

// Numeric constants shared across the engine.
#pragma once

#include <limits>

namespace parley {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace parley

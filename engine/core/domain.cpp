#include "core/domain.h"

#include <cmath>

#include "core/text.h"

namespace parley {

bool Domain::Contains(double x) const { return (low_open ? x > low : x >= low) && x <= high; }

std::string Domain::Text() const {
  if (std::isfinite(low) && std::isfinite(high))
    return std::string("in ") + (low_open ? "(" : "[") + FormatNumber(low) + ", " + FormatNumber(high) + "]";
  if (std::isfinite(low)) return (low_open ? "> " : ">= ") + FormatNumber(low);
  if (std::isfinite(high)) return "<= " + FormatNumber(high);
  return "finite";
}

}  // namespace parley

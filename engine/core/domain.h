// The interval a number must stay in, and how to say it in an error message.
#pragma once

#include <string>

#include "core/numbers.h"

namespace parley {

struct Domain {
  double low = -kInf, high = kInf;
  bool low_open = false;  // (low, high] rather than [low, high]

  static Domain Closed(double low, double high) { return {low, high, false}; }
  static Domain OpenClosed(double low, double high) { return {low, high, true}; }
  static Domain AtLeast(double low) { return {low, kInf, false}; }
  static Domain Any() { return {}; }
  bool Contains(double x) const;
  // "in (0, 1]", ">= 0" or "finite", for "must be ..." messages.
  std::string Text() const;
};

}  // namespace parley

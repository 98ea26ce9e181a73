// Streaming mean and variance (Welford), merged with Chan's formula.
// Merging is order-dependent in floating point, so chunk results merge in
// chunk order; that is what makes summaries byte-identical across threads.
#pragma once

#include <cmath>
#include <cstdint>

namespace parley {

struct Moments {
  std::int64_t n = 0;
  double mean = 0;
  double m2 = 0;

  void Add(double x) {
    ++n;
    double delta = x - mean;
    mean += delta / static_cast<double>(n);
    m2 += delta * (x - mean);
  }
  void Merge(const Moments& other) {
    if (other.n == 0) return;
    if (n == 0) {
      *this = other;
      return;
    }
    double total = static_cast<double>(n + other.n);
    double delta = other.mean - mean;
    mean += delta * static_cast<double>(other.n) / total;
    m2 += other.m2 + delta * delta * static_cast<double>(n) * static_cast<double>(other.n) / total;
    n += other.n;
  }
  double Variance() const { return n > 1 ? m2 / static_cast<double>(n - 1) : 0.0; }
  double Sd() const { return std::sqrt(Variance()); }
  double StandardError() const { return n > 0 ? Sd() / std::sqrt(static_cast<double>(n)) : 0.0; }
};

}  // namespace parley

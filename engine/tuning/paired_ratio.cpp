#include "tuning/paired_ratio.h"

#include <algorithm>
#include <cmath>

namespace parley {

void PairedRatio::Add(double base_num, double base_den, double variant_num, double variant_den) {
  const double x[kDim] = {base_num, base_den, variant_num - base_num, variant_den - base_den};
  ++n_;
  for (int i = 0; i < kDim; ++i) sum_[i] += x[i];
  double before[kDim];
  for (int i = 0; i < kDim; ++i) {
    before[i] = x[i] - mean_[i];
    mean_[i] += before[i] / static_cast<double>(n_);
  }
  for (int i = 0; i < kDim; ++i)
    for (int j = 0; j < kDim; ++j) comoment_[i][j] += before[i] * (x[j] - mean_[j]);
}

void PairedRatio::Merge(const PairedRatio& other) {
  if (other.n_ == 0) return;
  if (n_ == 0) {
    *this = other;
    return;
  }
  const double na = static_cast<double>(n_), nb = static_cast<double>(other.n_), n = na + nb;
  double delta[kDim];
  for (int i = 0; i < kDim; ++i) delta[i] = other.mean_[i] - mean_[i];
  for (int i = 0; i < kDim; ++i)
    for (int j = 0; j < kDim; ++j) comoment_[i][j] += other.comoment_[i][j] + delta[i] * delta[j] * na * nb / n;
  for (int i = 0; i < kDim; ++i) mean_[i] += delta[i] * nb / n, sum_[i] += other.sum_[i];
  n_ += other.n_;
}

double PairedRatio::Base() const { return sum_[0] / sum_[1]; }

// The variant's own sums, num and den, as the base's plus the differences.
double PairedRatio::Variant() const { return (sum_[0] + sum_[2]) / (sum_[1] + sum_[3]); }

double PairedRatio::Delta() const { return Variant() - Base(); }

double PairedRatio::StandardError() const {
  if (n_ < 2) return 0;
  const double A = mean_[0], B = mean_[1], C = A + mean_[2], D = B + mean_[3];
  // Gradient of C/D - A/B in the coordinates (A, B, ΔA, ΔB).
  const double g[kDim] = {1 / D - 1 / B, A / (B * B) - C / (D * D), 1 / D, -C / (D * D)};
  double variance = 0;
  for (int i = 0; i < kDim; ++i)
    for (int j = 0; j < kDim; ++j) variance += g[i] * g[j] * comoment_[i][j];
  variance /= static_cast<double>(n_ - 1) * static_cast<double>(n_);
  return std::sqrt(std::max(0.0, variance));
}

}  // namespace parley

// A paired difference of two ratio estimators, streamed and mergeable.
//
// Each replicate r contributes, for a base run and a variant run under the
// same seed (common random numbers), a numerator and a denominator per arm:
// a plain mean has denominator 1, a conditional mean (e.g. the round of the
// deals) has the indicator of the condition. The accumulator keeps the mean
// and co-moments of (a, b, Δa, Δb) = (base num, base den, variant − base num,
// variant − base den), merged with Chan's formula in chunk order, and the
// delta method gives the paired delta's standard error. Keeping the
// differences as coordinates makes a comparison of a run with itself give a
// delta and an interval of exactly zero.
#pragma once

#include <cstdint>

namespace parley {

class PairedRatio {
 public:
  void Add(double base_num, double base_den, double variant_num, double variant_den);
  void Merge(const PairedRatio& other);

  std::int64_t count() const { return n_; }
  bool BaseDefined() const { return sum_[1] != 0; }
  bool VariantDefined() const { return sum_[1] + sum_[3] != 0; }
  double Base() const;      // A / B
  double Variant() const;   // C / D
  double Delta() const;     // C / D - A / B
  double StandardError() const;

 private:
  static constexpr int kDim = 4;
  std::int64_t n_ = 0;
  double mean_[kDim] = {0, 0, 0, 0};
  // Plain sums, for the estimates themselves: for counts they are exact, so a
  // proportion prints as summary.json's k / n (0.8355, not the 0.8354999999999999
  // that the running means give).
  double sum_[kDim] = {0, 0, 0, 0};
  double comoment_[kDim][kDim] = {};
};

}  // namespace parley

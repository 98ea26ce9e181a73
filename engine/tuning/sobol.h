// Variance-based global sensitivity: first-order and total Sobol indices
// from Saltelli's design, with Jansen's estimators and bootstrap intervals.
//
// The design (Saltelli et al. 2010, "Variance based sensitivity analysis of
// model output", Computer Physics Communications 181:259-270) takes N points
// of a 2k-dimensional Sobol low-discrepancy sequence (Joe & Kuo directions,
// boost::random::sobol, which starts after the origin, so no coordinate is 0
// or 1 and every quantile is finite). Its first k coordinates form A, the last k
// form B, and AB_i is A with column i taken from B: N (k + 2) model runs.
//
// With V the variance of f over the 2N points of A and B,
//   first order  S_i  = (V - 1/(2N) sum_j (f(B)_j - f(AB_i)_j)^2) / V   (Jansen 1999)
//   total        ST_i = 1/(2N) sum_j (f(A)_j - f(AB_i)_j)^2 / V         (Jansen 1999)
// (Saltelli et al. 2010, table 2, (b) and (f)). The 95% intervals are
// percentile bootstrap intervals over the N rows (each row j keeps its A, B
// and AB_i runs together), from a counter-based stream of the seed, so they
// are reproducible.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace parley {

class SaltelliDesign {
 public:
  SaltelliDesign(int samples, int factors);

  int samples() const { return static_cast<int>(a_.rows()); }
  int factors() const { return static_cast<int>(a_.cols()); }
  std::int64_t Count() const { return static_cast<std::int64_t>(samples()) * (factors() + 2); }
  // Unit-cube coordinates of run `index`: runs [0, N) are A's rows, [N, 2N)
  // B's, then N runs of AB_0, N of AB_1, ...
  std::vector<double> Point(std::int64_t index) const;

 private:
  Eigen::MatrixXd a_, b_;
};

struct Interval {
  double estimate = 0, low = 0, high = 0;
};

struct SobolIndices {
  Interval first, total;
};

struct SobolResult {
  double mean = 0, variance = 0;  // of f over the runs of A and B
  int rows_used = 0;              // rows j whose k + 2 runs all gave a value
  std::vector<SobolIndices> factors;  // NaN everywhere when f does not vary (beyond rounding)
};

// y holds f at every run of the design, in its order; NaN marks a run
// without a value, which drops its row. `resamples` bootstrap resamples.
SobolResult JansenIndices(const SaltelliDesign& design, const std::vector<double>& y, int resamples,
                          std::uint64_t seed);

}  // namespace parley

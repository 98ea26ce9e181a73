// A fixed fine histogram that also keeps each bin's smallest and largest value.
//
// Counts, minima and maxima merge the same in any order, so quantiles are
// deterministic and mergeable. A quantile interpolates by rank between its
// bin's min and max: exact when the bin holds a single distinct value, and
// otherwise within one bin width, (high - low) / bins, of the sample quantile.
#pragma once

#include <cstdint>
#include <vector>

namespace parley {

class FineHistogram {
 public:
  FineHistogram() = default;
  FineHistogram(double low, double high, int bins);

  void Add(double x);
  void Merge(const FineHistogram& other);
  void Reset();

  std::int64_t count() const { return total_; }
  double low() const { return low_; }
  double high() const { return high_; }
  int bins() const { return static_cast<int>(counts_.size()); }
  double Resolution() const { return (high_ - low_) / bins(); }
  // q in [0, 1]; requires count() > 0.
  double Quantile(double q) const;

  // Every field that merges by sum, min or max (distributed runs gather them
  // element-wise): count(int64&), low(double&) for minima, high(double&) for maxima.
  template <class Count, class Min, class Max>
  void Visit(Count&& count, Min&& min, Max&& max) {
    count(total_);
    for (std::int64_t& c : counts_) count(c);
    for (double& m : min_) min(m);
    for (double& m : max_) max(m);
  }

 private:
  int BinOf(double x) const;
  double low_ = 0, high_ = 1;
  std::int64_t total_ = 0;
  std::vector<std::int64_t> counts_;
  std::vector<double> min_, max_;
};

}  // namespace parley

#include "stats/histogram.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace parley {

FineHistogram::FineHistogram(double low, double high, int bins)
    : low_(low), high_(high), counts_(bins, 0), min_(bins), max_(bins) {
  Reset();
}

void FineHistogram::Reset() {
  total_ = 0;
  std::fill(counts_.begin(), counts_.end(), 0);
  std::fill(min_.begin(), min_.end(), std::numeric_limits<double>::infinity());
  std::fill(max_.begin(), max_.end(), -std::numeric_limits<double>::infinity());
}

int FineHistogram::BinOf(double x) const {
  // Values outside [low, high] land in the end bins, and keep their true min/max.
  double position = (x - low_) / (high_ - low_) * bins();
  if (!(position >= 0)) return 0;
  int bin = static_cast<int>(position);
  return std::min(bin, bins() - 1);
}

void FineHistogram::Add(double x) {
  int b = BinOf(x);
  ++counts_[b];
  ++total_;
  min_[b] = std::min(min_[b], x);
  max_[b] = std::max(max_[b], x);
}

void FineHistogram::Merge(const FineHistogram& other) {
  total_ += other.total_;
  for (int b = 0; b < bins(); ++b) {
    counts_[b] += other.counts_[b];
    min_[b] = std::min(min_[b], other.min_[b]);
    max_[b] = std::max(max_[b], other.max_[b]);
  }
}

double FineHistogram::Quantile(double q) const {
  // The sample quantile of rank ceil(q*n) (1-based), lowest rank at least 1.
  std::int64_t rank = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(q * static_cast<double>(total_))));
  std::int64_t seen = 0;
  for (int b = 0; b < bins(); ++b) {
    if (counts_[b] == 0) continue;
    if (seen + counts_[b] >= rank) {
      if (counts_[b] == 1 || min_[b] == max_[b]) return min_[b];
      double within = static_cast<double>(rank - seen - 1) / static_cast<double>(counts_[b] - 1);
      return min_[b] + within * (max_[b] - min_[b]);
    }
    seen += counts_[b];
  }
  return max_[bins() - 1];
}

}  // namespace parley

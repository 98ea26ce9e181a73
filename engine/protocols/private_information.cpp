#include "protocols/private_information.h"

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <cmath>

namespace parley {

namespace {

template <class Dist>
double TruncatedCdf(const Dist& dist, double x, double low, double high) {
  namespace bm = boost::math;
  if (x <= low) return 0.0;
  if (x >= high) return 1.0;
  const double lo = std::isfinite(low) ? bm::cdf(dist, low) : 0.0;
  const double hi = std::isfinite(high) ? bm::cdf(dist, high) : 1.0;
  if (!(hi > lo)) return 0.5;
  return std::clamp((bm::cdf(dist, x) - lo) / (hi - lo), 0.0, 1.0);
}

}  // namespace

double PriorCdf(const Distribution& d, double x) {
  namespace bm = boost::math;
  switch (d.kind) {
    case DistKind::Constant: return x >= d.value ? 1.0 : 0.0;
    case DistKind::Uniform:
      if (x <= d.low) return 0.0;
      if (x >= d.high) return 1.0;
      return (x - d.low) / (d.high - d.low);
    case DistKind::Normal: return TruncatedCdf(bm::normal_distribution<double, MathPolicy>(d.mean, d.sd), x, d.low, d.high);
    case DistKind::Lognormal: {
      if (x <= 0) return 0.0;
      return TruncatedCdf(bm::lognormal_distribution<double, MathPolicy>(d.mean, d.sd), x, std::max(d.low, 0.0), d.high);
    }
    case DistKind::Beta: {
      const double lo = std::isfinite(d.low) ? d.low : 0.0, hi = std::isfinite(d.high) ? d.high : 1.0;
      const double y = (x - lo) / (hi - lo);
      if (y <= 0) return 0.0;
      if (y >= 1) return 1.0;
      return bm::cdf(bm::beta_distribution<double, MathPolicy>(d.alpha, d.beta), y);
    }
    case DistKind::Triangular:
      if (x <= d.low) return 0.0;
      if (x >= d.high) return 1.0;
      return bm::cdf(bm::triangular_distribution<double, MathPolicy>(d.low, d.mode, d.high), x);
    case DistKind::Choice: {
      // Quantile(u) is values[first i with u < cumulative[i]]: P(X <= x).
      double p = 0, previous = 0;
      for (size_t i = 0; i < d.values.size(); ++i) {
        if (d.values[i] <= x) p += d.cumulative[i] - previous;
        previous = d.cumulative[i];
      }
      return std::clamp(p, 0.0, 1.0);
    }
  }
  return 0.0;
}

bool HasSpread(const Distribution& d) {
  if (d.kind == DistKind::Constant) return false;
  return d.SupportHigh() > d.SupportLow();
}

double CostBelief::ProbAtLeast(double cut) const {
  if (!Uncertain()) {
    const double c = prior ? prior->Quantile(0.5 * (lo + hi)) : 0.0;
    return c >= cut ? 1.0 : 0.0;
  }
  const double f = PriorCdf(*prior, cut);
  return std::clamp((hi - std::max(lo, f)) / (hi - lo), 0.0, 1.0);
}

void CostBelief::Reject(double cut) {
  if (!Uncertain()) return;
  hi = std::max(lo, std::min(hi, PriorCdf(*prior, cut)));
}

void CostBelief::Accept(double cut) {
  if (!Uncertain()) return;
  lo = std::min(hi, std::max(lo, PriorCdf(*prior, cut)));
}

}  // namespace parley

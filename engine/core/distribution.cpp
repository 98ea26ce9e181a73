#include "core/distribution.h"

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <cmath>

namespace parley {

const char* DistKindName(DistKind kind) {
  switch (kind) {
    case DistKind::Constant: return "constant";
    case DistKind::Uniform: return "uniform";
    case DistKind::Normal: return "normal";
    case DistKind::Beta: return "beta";
    case DistKind::Triangular: return "triangular";
    case DistKind::Lognormal: return "lognormal";
    case DistKind::Choice: return "choice";
  }
  return "?";
}

Distribution Distribution::Constant(double v) {
  Distribution d;
  d.value = v;
  return d;
}

Distribution Distribution::Uniform(double low, double high) {
  Distribution d;
  d.kind = DistKind::Uniform;
  d.low = low, d.high = high;
  return d;
}

Distribution Distribution::Normal(double mean, double sd, double low, double high) {
  Distribution d;
  d.kind = DistKind::Normal;
  d.mean = mean, d.sd = sd, d.low = low, d.high = high;
  return d;
}

Distribution Distribution::BetaAlphaBeta(double alpha, double beta, double low, double high) {
  Distribution d;
  d.kind = DistKind::Beta;
  d.alpha = alpha, d.beta = beta, d.low = low, d.high = high;
  return d;
}

Distribution Distribution::Triangular(double low, double mode, double high) {
  Distribution d;
  d.kind = DistKind::Triangular;
  d.low = low, d.mode = mode, d.high = high;
  return d;
}

Distribution Distribution::Lognormal(double mu, double sigma, double low, double high) {
  Distribution d;
  d.kind = DistKind::Lognormal;
  d.mean = mu, d.sd = sigma, d.low = low, d.high = high;
  return d;
}

Distribution Distribution::Choice(std::vector<double> values, std::vector<double> weights) {
  Distribution d;
  d.kind = DistKind::Choice;
  if (weights.empty()) weights.assign(values.size(), 1.0);
  double total = 0;
  for (double w : weights) total += w;
  double running = 0;
  for (double w : weights) {
    running += w;
    d.cumulative.push_back(running / total);
  }
  if (!d.cumulative.empty()) d.cumulative.back() = 1.0;
  d.values = std::move(values);
  return d;
}

// Quantile of a continuous distribution truncated to [low, high]: map u onto
// the CDF interval the bounds cut out, working in the complement in the upper
// tail to keep precision.
template <class Dist>
static double TruncatedQuantile(const Dist& dist, double u, double low, double high) {
  namespace bm = boost::math;
  double lo_cdf = std::isfinite(low) ? bm::cdf(dist, low) : 0.0;
  double hi_cdf = std::isfinite(high) ? bm::cdf(dist, high) : 1.0;
  double p = lo_cdf + u * (hi_cdf - lo_cdf);
  double x;
  if (p > 0.5) {
    double lo_ccdf = std::isfinite(low) ? bm::cdf(bm::complement(dist, low)) : 1.0;
    double hi_ccdf = std::isfinite(high) ? bm::cdf(bm::complement(dist, high)) : 0.0;
    double q = lo_ccdf - u * (lo_ccdf - hi_ccdf);
    x = (q <= 0) ? high : bm::quantile(bm::complement(dist, q));
  } else {
    x = (p <= 0) ? low : bm::quantile(dist, p);
  }
  return std::clamp(x, low, high);
}

double Distribution::Quantile(double u) const {
  namespace bm = boost::math;
  switch (kind) {
    case DistKind::Constant: return value;
    case DistKind::Uniform: return low + u * (high - low);
    case DistKind::Normal:
      return TruncatedQuantile(bm::normal_distribution<double, MathPolicy>(mean, sd), u, low, high);
    case DistKind::Lognormal:
      return TruncatedQuantile(bm::lognormal_distribution<double, MathPolicy>(mean, sd), u, low, high);
    case DistKind::Beta: {
      double x = bm::quantile(bm::beta_distribution<double, MathPolicy>(alpha, beta), u);
      double lo = std::isfinite(low) ? low : 0.0, hi = std::isfinite(high) ? high : 1.0;
      return lo + x * (hi - lo);
    }
    case DistKind::Triangular:
      return bm::quantile(bm::triangular_distribution<double, MathPolicy>(low, mode, high), u);
    case DistKind::Choice: {
      size_t i = std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin();
      return values[std::min(i, values.size() - 1)];
    }
  }
  return value;
}

double Distribution::SupportLow() const {
  switch (kind) {
    case DistKind::Constant: return value;
    case DistKind::Lognormal: return std::isfinite(low) ? low : 0.0;
    case DistKind::Beta: return std::isfinite(low) ? low : 0.0;
    case DistKind::Choice: return *std::min_element(values.begin(), values.end());
    default: return low;
  }
}

double Distribution::SupportHigh() const {
  switch (kind) {
    case DistKind::Constant: return value;
    case DistKind::Beta: return std::isfinite(high) ? high : 1.0;
    case DistKind::Choice: return *std::max_element(values.begin(), values.end());
    default: return high;
  }
}

double Distribution::Mean() const {
  switch (kind) {
    case DistKind::Constant: return value;
    case DistKind::Uniform: return 0.5 * (low + high);
    case DistKind::Triangular: return (low + mode + high) / 3.0;
    case DistKind::Beta: {
      double lo = std::isfinite(low) ? low : 0.0, hi = std::isfinite(high) ? high : 1.0;
      return lo + (hi - lo) * alpha / (alpha + beta);
    }
    case DistKind::Choice: {
      double m = 0, previous = 0;
      for (size_t i = 0; i < values.size(); ++i) m += values[i] * (cumulative[i] - previous), previous = cumulative[i];
      return m;
    }
    case DistKind::Normal:
      if (!std::isfinite(low) && !std::isfinite(high)) return mean;
      [[fallthrough]];
    case DistKind::Lognormal:
      if (kind == DistKind::Lognormal && !std::isfinite(high) && !(low > 0)) return std::exp(mean + 0.5 * sd * sd);
      [[fallthrough]];
    default: {
      // Truncated normal and lognormal: numeric midpoint rule on the quantile function.
      const int n = 2000;
      double sum = 0;
      for (int i = 0; i < n; ++i) sum += Quantile((i + 0.5) / n);
      return sum / n;
    }
  }
}

std::string BetaFromMeanSd(double mean, double sd, double* alpha, double* beta) {
  if (!(mean > 0 && mean < 1)) return "mean must be in (0, 1)";
  if (!(sd > 0)) return "sd must be > 0";
  double variance = sd * sd;
  double limit = mean * (1 - mean);
  if (variance >= limit)
    return "no beta distribution has this mean and sd: sd must be < sqrt(mean*(1-mean)) = " +
           std::to_string(std::sqrt(limit));
  double common = limit / variance - 1;
  *alpha = mean * common;
  *beta = (1 - mean) * common;
  return "";
}

}  // namespace parley

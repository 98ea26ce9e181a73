#include "tuning/sobol.h"

#include <algorithm>
#include <boost/random/sobol.hpp>
#include <cmath>
#include <limits>

#include "core/rng.h"

namespace parley {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The runs of one row j: f(A_j), f(B_j) and f(AB_i,j) for every factor i.
struct Row {
  double a, b;
  std::vector<double> ab;
};

// The indices from the rows listed in `pick` (a bootstrap resample, or all).
std::vector<SobolIndices> Estimate(const std::vector<Row>& rows, const std::vector<int>& pick, int k,
                                   double* mean_out, double* variance_out) {
  const double m = static_cast<double>(pick.size());
  double mean = 0;
  for (int j : pick) mean += rows[j].a + rows[j].b;
  mean /= 2 * m;
  double variance = 0;
  for (int j : pick) variance += (rows[j].a - mean) * (rows[j].a - mean) + (rows[j].b - mean) * (rows[j].b - mean);
  variance /= 2 * m - 1;
  if (mean_out) *mean_out = mean;
  if (variance_out) *variance_out = variance;
  std::vector<SobolIndices> out(k);
  for (int i = 0; i < k; ++i) {
    double first = 0, total = 0;
    for (int j : pick) {
      double fb = rows[j].b - rows[j].ab[i], fa = rows[j].a - rows[j].ab[i];
      first += fb * fb, total += fa * fa;
    }
    // A metric constant over the factors (up to rounding) has no indices.
    bool defined = variance > 1e-24 * std::max(1.0, mean * mean);
    out[i].first.estimate = defined ? (variance - first / (2 * m)) / variance : kNaN;
    out[i].total.estimate = defined ? total / (2 * m) / variance : kNaN;
  }
  return out;
}

// The 2.5% and 97.5% points of the values (nearest rank).
void Percentiles(std::vector<double> v, double* low, double* high) {
  std::erase_if(v, [](double x) { return std::isnan(x); });
  if (v.empty()) {
    *low = *high = kNaN;
    return;
  }
  std::sort(v.begin(), v.end());
  auto at = [&](double q) {
    size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(v.size())));
    return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
  };
  *low = at(0.025), *high = at(0.975);
}

}  // namespace

SaltelliDesign::SaltelliDesign(int samples, int factors) : a_(samples, factors), b_(samples, factors) {
  const int dims = 2 * factors;
  boost::random::sobol sequence(static_cast<std::size_t>(dims));
  auto unit = [&] { return std::ldexp(static_cast<double>(sequence()), -64); };
  for (int j = 0; j < samples; ++j) {
    for (int i = 0; i < factors; ++i) a_(j, i) = unit();
    for (int i = 0; i < factors; ++i) b_(j, i) = unit();
  }
}

std::vector<double> SaltelliDesign::Point(std::int64_t index) const {
  const std::int64_t n = samples();
  const int j = static_cast<int>(index % n);
  const std::int64_t block = index / n;  // 0: A, 1: B, 2 + i: AB_i
  std::vector<double> x(factors());
  for (int i = 0; i < factors(); ++i) x[i] = block == 1 || block == 2 + i ? b_(j, i) : a_(j, i);
  return x;
}

SobolResult JansenIndices(const SaltelliDesign& design, const std::vector<double>& y, int resamples,
                          std::uint64_t seed) {
  const int n = design.samples(), k = design.factors();
  std::vector<Row> rows;
  for (int j = 0; j < n; ++j) {
    Row row{y[j], y[n + j], std::vector<double>(k)};
    bool ok = !std::isnan(row.a) && !std::isnan(row.b);
    for (int i = 0; i < k; ++i) ok = ok && !std::isnan(row.ab[i] = y[static_cast<size_t>(2 + i) * n + j]);
    if (ok) rows.push_back(std::move(row));
  }
  SobolResult result;
  result.rows_used = static_cast<int>(rows.size());
  result.factors.assign(k, SobolIndices{{kNaN, kNaN, kNaN}, {kNaN, kNaN, kNaN}});
  if (rows.size() < 2) {
    result.mean = result.variance = kNaN;
    return result;
  }
  std::vector<int> all(rows.size());
  for (size_t j = 0; j < rows.size(); ++j) all[j] = static_cast<int>(j);
  result.factors = Estimate(rows, all, k, &result.mean, &result.variance);

  // Percentile bootstrap over rows.
  std::vector<std::vector<double>> first(k), total(k);
  std::vector<int> pick(rows.size());
  for (int b = 0; b < resamples; ++b) {
    Rng rng(seed, static_cast<std::uint64_t>(b), StreamIdOf("sensitivity.bootstrap"));
    for (int& j : pick) j = std::min(static_cast<int>(rows.size()) - 1, static_cast<int>(rng.Uniform() * rows.size()));
    std::vector<SobolIndices> s = Estimate(rows, pick, k, nullptr, nullptr);
    for (int i = 0; i < k; ++i) first[i].push_back(s[i].first.estimate), total[i].push_back(s[i].total.estimate);
  }
  for (int i = 0; i < k; ++i) {
    SobolIndices& s = result.factors[i];
    if (resamples > 0) {
      Percentiles(first[i], &s.first.low, &s.first.high);
      Percentiles(total[i], &s.total.low, &s.total.high);
    } else {
      s.first.low = s.first.high = s.first.estimate;
      s.total.low = s.total.high = s.total.estimate;
    }
  }
  return result;
}

}  // namespace parley

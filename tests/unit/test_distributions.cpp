// Parameter distributions: sampled by inverse CDF on a quantile grid and from
// Philox uniforms, their sample mean and variance must match the analytic
// moments within 5 standard errors; the standard error of the mean is
// sqrt(var/n), that of the sample variance sqrt((mu4 - var^2)/n), with mu4 the
// fourth central moment. Truncated distributions take their moments from
// Simpson integration of the density, independent of the quantile code.
#include <doctest/doctest.h>

#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "core/distribution.h"
#include "core/rng.h"
#include "scenario/load.h"

namespace parley {
namespace {

constexpr int kDraws = 100000;
constexpr double kSigmas = 5.0;

struct Moments {
  double mean = 0, var = 0, mu4 = 0;  // mu4: fourth central moment
};

Moments FromKurtosis(double mean, double var, double excess_kurtosis) {
  return {mean, var, (excess_kurtosis + 3) * var * var};
}

Moments UniformMoments(double a, double b) {
  double w = b - a;
  return {(a + b) / 2, w * w / 12, std::pow(w, 4) / 80};
}

Moments NormalMoments(double mu, double sd) { return {mu, sd * sd, 3 * std::pow(sd, 4)}; }

Moments BetaMoments(double a, double b, double low, double high) {
  double n = a + b, w = high - low;
  double var = w * w * a * b / (n * n * (n + 1));
  double excess = 6 * ((a - b) * (a - b) * (n + 1) - a * b * (n + 2)) / (a * b * (n + 2) * (n + 3));
  return FromKurtosis(low + w * a / n, var, excess);
}

Moments TriangularMoments(double a, double c, double b) {
  double var = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
  return FromKurtosis((a + b + c) / 3, var, -0.6);
}

Moments LognormalMoments(double mu, double sigma) {
  double s2 = sigma * sigma;
  double excess = std::exp(4 * s2) + 2 * std::exp(3 * s2) + 3 * std::exp(2 * s2) - 6;
  return FromKurtosis(std::exp(mu + s2 / 2), (std::exp(s2) - 1) * std::exp(2 * mu + s2), excess);
}

Moments ChoiceMoments(const std::vector<double>& values, const std::vector<double>& weights) {
  double total = 0;
  for (double w : weights) total += w;
  Moments m;
  for (size_t i = 0; i < values.size(); ++i) m.mean += weights[i] / total * values[i];
  for (size_t i = 0; i < values.size(); ++i) {
    double d = values[i] - m.mean;
    m.var += weights[i] / total * d * d;
    m.mu4 += weights[i] / total * d * d * d * d;
  }
  return m;
}

// Moments of a density restricted to [a, b], by Simpson's rule.
template <class Dist>
Moments TruncatedMoments(const Dist& dist, double a, double b) {
  const int n = 200000;
  const double h = (b - a) / n;
  auto integrate = [&](auto f) {
    double sum = f(a) + f(b);
    for (int i = 1; i < n; ++i) sum += (i % 2 ? 4 : 2) * f(a + i * h);
    return sum * h / 3;
  };
  auto pdf = [&](double x) { return boost::math::pdf(dist, x); };
  double z = integrate(pdf);
  Moments m;
  m.mean = integrate([&](double x) { return x * pdf(x); }) / z;
  m.var = integrate([&](double x) { return std::pow(x - m.mean, 2) * pdf(x); }) / z;
  m.mu4 = integrate([&](double x) { return std::pow(x - m.mean, 4) * pdf(x); }) / z;
  return m;
}

std::vector<double> GridDraws(const Distribution& d) {
  std::vector<double> draws;
  for (int i = 0; i < kDraws; ++i) draws.push_back(d.Quantile((i + 0.5) / kDraws));
  return draws;
}

std::vector<double> RandomDraws(const Distribution& d, const std::string& stream) {
  Rng rng(20250425, 0, StreamIdOf(stream));
  std::vector<double> draws;
  for (int i = 0; i < kDraws; ++i) draws.push_back(d.Sample(rng.Uniform()));
  return draws;
}

void CheckSample(const std::vector<double>& draws, const Moments& m, double low, double high) {
  double n = static_cast<double>(draws.size()), sum = 0;
  for (double x : draws) sum += x;
  double mean = sum / n, squares = 0;
  for (double x : draws) squares += (x - mean) * (x - mean);
  double var = squares / (n - 1);
  double se_mean = std::sqrt(m.var / n);
  double se_var = std::sqrt((m.mu4 - m.var * m.var) / n);
  CHECK(std::fabs(mean - m.mean) <= kSigmas * se_mean);
  CHECK(std::fabs(var - m.var) <= kSigmas * se_var);
  CHECK(*std::min_element(draws.begin(), draws.end()) >= low);
  CHECK(*std::max_element(draws.begin(), draws.end()) <= high);
}

// Both sampling routes, and the support bounds every draw.
void CheckDistribution(const Distribution& d, const Moments& m, const std::string& name) {
  INFO(name << ": analytic mean " << m.mean << ", var " << m.var);
  CheckSample(GridDraws(d), m, d.SupportLow(), d.SupportHigh());
  CheckSample(RandomDraws(d, "test." + name), m, d.SupportLow(), d.SupportHigh());
  // Mean() is closed-form except for normal and lognormal, where it integrates numerically.
  bool closed_form = d.kind != DistKind::Normal && d.kind != DistKind::Lognormal;
  if (closed_form) CHECK(d.Mean() == doctest::Approx(m.mean).epsilon(1e-12));
}

// The extreme uniforms Rng can return must stay inside a truncation.
void CheckTails(const Distribution& d, double low, double high) {
  for (double u : {0x1.0p-54, 1e-12, 0.5, 1 - 1e-12, 1 - 0x1.0p-54}) {
    double x = d.Quantile(u);
    CHECK(x >= low);
    CHECK(x <= high);
  }
}

TEST_SUITE("distributions") {
  TEST_CASE("uniform") {
    CheckDistribution(Distribution::Uniform(2, 5), UniformMoments(2, 5), "uniform");
  }

  TEST_CASE("normal") {
    CheckDistribution(Distribution::Normal(1, 0.5, -INFINITY, INFINITY), NormalMoments(1, 0.5), "normal");
  }

  TEST_CASE("truncated normal: inside, in the lower and in the upper tail") {
    boost::math::normal_distribution<double> unit(0, 1), shifted(0.4, 0.2);
    CheckDistribution(Distribution::Normal(0.4, 0.2, 0.3, 0.9), TruncatedMoments(shifted, 0.3, 0.9), "normal.mid");
    CheckDistribution(Distribution::Normal(0, 1, 3, 4), TruncatedMoments(unit, 3, 4), "normal.upper");
    CheckDistribution(Distribution::Normal(0, 1, -4, -3), TruncatedMoments(unit, -4, -3), "normal.lower");
    CheckTails(Distribution::Normal(0, 1, 3, 4), 3, 4);
    CheckTails(Distribution::Normal(0.98, 0.01, 0.9, 1), 0.9, 1);
  }

  TEST_CASE("beta, plain, U-shaped and stretched") {
    CheckDistribution(Distribution::BetaAlphaBeta(2, 5, 0, 1), BetaMoments(2, 5, 0, 1), "beta");
    CheckDistribution(Distribution::BetaAlphaBeta(0.5, 0.5, 0, 1), BetaMoments(0.5, 0.5, 0, 1), "beta.u");
    CheckDistribution(Distribution::BetaAlphaBeta(50, 1, 0.9, 1), BetaMoments(50, 1, 0.9, 1), "beta.stretched");
    CheckTails(Distribution::BetaAlphaBeta(50, 1, 0.9, 1), 0.9, 1);
  }

  TEST_CASE("triangular, with the mode inside and at an end") {
    CheckDistribution(Distribution::Triangular(0, 0.2, 1), TriangularMoments(0, 0.2, 1), "triangular");
    CheckDistribution(Distribution::Triangular(1, 1, 3), TriangularMoments(1, 1, 3), "triangular.edge");
  }

  TEST_CASE("lognormal, plain and truncated") {
    CheckDistribution(Distribution::Lognormal(0, 0.5, -INFINITY, INFINITY), LognormalMoments(0, 0.5), "lognormal");
    boost::math::lognormal_distribution<double> d(0, 0.5);
    CheckDistribution(Distribution::Lognormal(0, 0.5, 0.5, 2), TruncatedMoments(d, 0.5, 2), "lognormal.truncated");
    CheckTails(Distribution::Lognormal(0, 0.5, 0.5, 2), 0.5, 2);
  }

  TEST_CASE("choice: moments and frequencies") {
    std::vector<double> values = {1, 2, 3}, weights = {1, 2, 7};
    Distribution d = Distribution::Choice(values, weights);
    CheckDistribution(d, ChoiceMoments(values, weights), "choice");
    std::vector<double> random = RandomDraws(d, "test.choice.freq"), grid = GridDraws(d);
    for (size_t i = 0; i < values.size(); ++i) {
      double p = weights[i] / 10, n = kDraws;
      double random_count = static_cast<double>(std::count(random.begin(), random.end(), values[i]));
      double grid_count = static_cast<double>(std::count(grid.begin(), grid.end(), values[i]));
      CHECK(std::fabs(random_count - n * p) <= kSigmas * std::sqrt(n * p * (1 - p)));
      CHECK(std::fabs(grid_count - n * p) <= 1);  // the grid splits [0, 1] exactly
    }
  }

  TEST_CASE("choice without weights is uniform over its values") {
    Distribution d = Distribution::Choice({4, 8}, {});
    CHECK(d.Quantile(0.25) == 4);
    CHECK(d.Quantile(0.75) == 8);
    CHECK(d.Mean() == 6);
  }

  TEST_CASE("beta from mean and sd round-trips, and says when it cannot") {
    for (double mean : {0.02, 0.3, 0.5, 0.985}) {
      for (double fraction : {0.05, 0.5, 0.95}) {
        double sd = fraction * std::sqrt(mean * (1 - mean));
        double a = 0, b = 0;
        REQUIRE(BetaFromMeanSd(mean, sd, &a, &b).empty());
        double n = a + b;
        CHECK(a / n == doctest::Approx(mean).epsilon(1e-12));
        CHECK(std::sqrt(a * b / (n * n * (n + 1))) == doctest::Approx(sd).epsilon(1e-12));
      }
    }
    double a = 0, b = 0;
    CHECK_FALSE(BetaFromMeanSd(0.5, 0.5, &a, &b).empty());
    CHECK_FALSE(BetaFromMeanSd(1.0, 0.1, &a, &b).empty());
    CHECK_FALSE(BetaFromMeanSd(0.5, 0.0, &a, &b).empty());
  }

  TEST_CASE("a lognormal given by the mean and sd of the variable has those moments") {
    std::string text = R"(parley: 1
name: t
rounds: {horizon: 1}
issues: {x: {scale: [0, 1], status_quo: 0}}
actors:
  a:
    position: {x: 0}
    salience: {x: 1}
    capability: {dist: lognormal, mean: 2, sd: 0.5}
)";
    Distribution d = LoadScenarioSpecFromString(text, "s.yaml").actors[0].capability.dist;
    double sigma = d.sd;
    double excess = std::exp(4 * sigma * sigma) + 2 * std::exp(3 * sigma * sigma) + 3 * std::exp(2 * sigma * sigma) - 6;
    CheckDistribution(d, FromKurtosis(2, 0.25, excess), "lognormal.moments");
  }
}

}  // namespace
}  // namespace parley

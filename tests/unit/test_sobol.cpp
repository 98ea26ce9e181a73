// Saltelli's design and Jansen's estimators (tuning/sobol.h) on functions
// whose Sobol indices are known in closed form, without any Monte Carlo.
#include <doctest/doctest.h>

#include <cmath>

#include "tuning/sobol.h"

using namespace parley;

namespace {

// Evaluates f on every run of the design, x in the unit cube.
template <class F>
std::vector<double> Evaluate(const SaltelliDesign& d, F f) {
  std::vector<double> y;
  for (std::int64_t i = 0; i < d.Count(); ++i) y.push_back(f(d.Point(i)));
  return y;
}

}  // namespace

TEST_SUITE("tuning") {
  TEST_CASE("Saltelli design: A, B, and AB_i = A with column i from B") {
    SaltelliDesign d(8, 3);
    CHECK(d.Count() == 8 * 5);
    for (int j = 0; j < 8; ++j) {
      std::vector<double> a = d.Point(j), b = d.Point(8 + j);
      for (double x : a) CHECK((x > 0 && x < 1));
      for (int i = 0; i < 3; ++i) {
        std::vector<double> ab = d.Point((2 + i) * 8 + j);
        for (int c = 0; c < 3; ++c) CHECK(ab[c] == (c == i ? b[c] : a[c]));
      }
    }
  }

  TEST_CASE("Ishigami function: first-order and total indices match the closed form") {
    // f = sin x1 + 7 sin^2 x2 + 0.1 x3^4 sin x1 on [-pi, pi]^3 (Ishigami & Homma 1990);
    // S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
    const double pi = 3.14159265358979323846, a = 7, b = 0.1;
    const double v = a * a / 8 + b * std::pow(pi, 4) / 5 + b * b * std::pow(pi, 8) / 18 + 0.5;
    const double v1 = 0.5 * std::pow(1 + b * std::pow(pi, 4) / 5, 2), v2 = a * a / 8;
    const double v13 = b * b * std::pow(pi, 8) * (1.0 / 18 - 1.0 / 50);
    const double first[] = {v1 / v, v2 / v, 0}, total[] = {(v1 + v13) / v, v2 / v, v13 / v};
    SaltelliDesign d(4096, 3);
    std::vector<double> y = Evaluate(d, [&](const std::vector<double>& u) {
      double x1 = pi * (2 * u[0] - 1), x2 = pi * (2 * u[1] - 1), x3 = pi * (2 * u[2] - 1);
      return std::sin(x1) + a * std::sin(x2) * std::sin(x2) + b * std::pow(x3, 4) * std::sin(x1);
    });
    SobolResult r = JansenIndices(d, y, 200, 7);
    CHECK(r.rows_used == 4096);
    for (int i = 0; i < 3; ++i) {
      CAPTURE(i);
      // The closed form lies inside the 95% bootstrap intervals.
      CHECK(r.factors[i].first.low <= first[i]);
      CHECK(first[i] <= r.factors[i].first.high);
      CHECK(r.factors[i].total.low <= total[i]);
      CHECK(total[i] <= r.factors[i].total.high);
      CHECK(r.factors[i].total.high - r.factors[i].total.low < 0.1);
    }
  }

  TEST_CASE("additive function: first order = total = the share of each term's variance") {
    // f = x1 + 2 x2 on the unit square: variances 1/12 and 4/12, no interaction.
    SaltelliDesign d(1024, 2);
    std::vector<double> y = Evaluate(d, [](const std::vector<double>& u) { return u[0] + 2 * u[1]; });
    SobolResult r = JansenIndices(d, y, 200, 1);
    const double share[] = {0.2, 0.8};
    for (int i = 0; i < 2; ++i) {
      CAPTURE(i);
      CHECK(r.factors[i].first.low <= share[i]);
      CHECK(share[i] <= r.factors[i].first.high);
      CHECK(r.factors[i].total.low <= share[i]);
      CHECK(share[i] <= r.factors[i].total.high);
    }
  }

  TEST_CASE("a constant function has no indices; runs without a value drop their row") {
    SaltelliDesign d(16, 2);
    SobolResult flat = JansenIndices(d, std::vector<double>(d.Count(), 3.0), 10, 1);
    CHECK(std::isnan(flat.factors[0].first.estimate));
    CHECK(std::isnan(flat.factors[1].total.estimate));
    std::vector<double> y = Evaluate(d, [](const std::vector<double>& u) { return u[0]; });
    y[3] = std::nan("");  // row 3 of A
    SobolResult r = JansenIndices(d, y, 10, 1);
    CHECK(r.rows_used == 15);
    CHECK(r.factors[1].total.estimate == 0.0);
  }
}

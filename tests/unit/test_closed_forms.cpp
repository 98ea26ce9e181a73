// The textbook scenarios reproduce their closed forms through scenario files,
// at the file's parameters and at others set with overrides (docs/model.md §9).
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "core/text.h"
#include "helpers.h"

using parley::Json;
using parley::test::RunFile;
using parley::test::kFearonFile;
using parley::test::Source;

namespace {

using parley::test::kRubinstein;
const std::string kFinite = Source("scenarios/textbook/finite_horizon.yaml");
const std::string kBreakdown = Source("scenarios/textbook/breakdown.yaml");
const std::string kNash = Source("scenarios/textbook/nash_split.yaml");

using parley::test::Set;

// Player one's share of every deal: the terms are deterministic, so sd is 0.
double Share(const Json& summary) {
  CHECK(summary["deal"]["p"].get<double>() == 1.0);
  CHECK(summary["rounds"]["mean"].get<double>() == 0.0);
  CHECK(summary["issues"]["share"]["sd"].get<double>() == doctest::Approx(0.0).epsilon(1e-12));
  return summary["issues"]["share"]["mean"].get<double>();
}

}  // namespace

TEST_SUITE("closed_forms") {
  TEST_CASE("Rubinstein shares through rubinstein.yaml") {
    CHECK(std::fabs(Share(RunFile(kRubinstein)) - 0.19 / (1 - 0.93 * 0.81)) < 1e-9);
    const double pairs[][2] = {{0.9, 0.9}, {0.5, 0.95}, {0.99, 0.7}, {0.8, 0.6}};
    for (auto& d : pairs) {
      CAPTURE(d[0]);
      CAPTURE(d[1]);
      // Enough rounds for (d1 d2)^(H/2) to vanish below 1e-12.
      int horizon = static_cast<int>(std::ceil(2 * std::log(1e-13) / std::log(d[0] * d[1]))) + 2;
      Json s = RunFile(kRubinstein, {Set("actors.one.discount", d[0]), Set("actors.two.discount", d[1]),
                                     "rounds.horizon=" + std::to_string(horizon)});
      double x1 = (1 - d[1]) / (1 - d[0] * d[1]);
      CHECK(std::fabs(Share(s) - x1) < 1e-9);
      // Values: one gets x1, two gets 1 - x1, in round 0.
      CHECK(std::fabs(s["actors"]["one"]["value"]["mean"].get<double>() - x1) < 1e-9);
      CHECK(std::fabs(s["actors"]["two"]["value"]["mean"].get<double>() - (1 - x1)) < 1e-9);
    }
  }

  TEST_CASE("Rubinstein with player two opening gives y2") {
    Json s = RunFile(kRubinstein, {"protocol.proposers=[two, one]"});
    double y2 = (1 - 0.93) / (1 - 0.93 * 0.81);
    CHECK(std::fabs((1 - Share(s)) - y2) < 1e-9);
  }

  TEST_CASE("finite horizon, odd and even, common and unequal discounts") {
    for (int T = 1; T <= 8; ++T) {
      for (double d : {0.9, 0.6}) {
        CAPTURE(T);
        CAPTURE(d);
        Json s = RunFile(kFinite, {"rounds.horizon=" + std::to_string(T), Set("actors.one.discount", d),
                                   Set("actors.two.discount", d)});
        CHECK(std::fabs(Share(s) - (1 - std::pow(-d, T)) / (1 + d)) < 1e-12);
      }
      // Unequal discounts: docs/model.md §9.2, T = 2m or 2m + 1.
      double d1 = 0.9, d2 = 0.7, m = T / 2;
      double x1 = (1 - d2) * (1 - std::pow(d1 * d2, m)) / (1 - d1 * d2) + (T % 2 ? std::pow(d1 * d2, m) : 0.0);
      Json s = RunFile(kFinite, {"rounds.horizon=" + std::to_string(T), Set("actors.one.discount", d1),
                                 Set("actors.two.discount", d2)});
      CHECK(std::fabs(Share(s) - x1) < 1e-12);
    }
  }

  TEST_CASE("breakdown risk with disagreement payoffs through breakdown.yaml") {
    CHECK(std::fabs(Share(RunFile(kBreakdown)) - (0.1 + 0.6 / 1.8)) < 1e-9);
    // Reservation 0 and discounting: BRW with a_i = (1 - p) d_i.
    double p = 0.1, d1 = 0.95, d2 = 0.9, a1 = (1 - p) * d1, a2 = (1 - p) * d2;
    Json s = RunFile(kBreakdown, {Set("protocol.breakdown", p), Set("actors.one.discount", d1),
                                  Set("actors.two.discount", d2), "actors.one.reservation=0",
                                  "actors.two.reservation=0"});
    CHECK(std::fabs(Share(s) - (1 - a2) / (1 - a1 * a2)) < 1e-9);
    // Reservations b > 0 with discounting, parley's convention R = (1-a) b + a V:
    // 1 - x1 = (1 - a2) b2 + a2 y2 and 1 - y2 = (1 - a1) b1 + a1 x1.
    double b1 = 0.15, b2 = 0.25;
    s = RunFile(kBreakdown, {Set("protocol.breakdown", p), Set("actors.one.discount", d1),
                             Set("actors.two.discount", d2), Set("actors.one.reservation", b1),
                             Set("actors.two.reservation", b2)});
    double x1 = (1 - (1 - a2) * b2 - a2 * (1 - (1 - a1) * b1)) / (1 - a1 * a2);
    CHECK(std::fabs(Share(s) - x1) < 1e-9);
    // Pure breakdown, d = 1 and b = 0: x1 = 1 / (2 - p).
    s = RunFile(kBreakdown, {"protocol.breakdown=0.3", "actors.one.reservation=0", "actors.two.reservation=0"});
    CHECK(std::fabs(Share(s) - 1 / 1.7) < 1e-9);
  }

  TEST_CASE("asymmetric Nash, linear pie, through nash_split.yaml") {
    CHECK(std::fabs(Share(RunFile(kNash)) - (0.1 + 2.0 / 3.0 * 0.7)) < 1e-9);
    const double cases[][4] = {{1, 1, 0, 0}, {3, 1, 0.2, 0.1}, {1, 4, 0.05, 0.3}};
    for (auto& c : cases) {
      Json s = RunFile(kNash, {Set("actors.one.capability", c[0]), Set("actors.two.capability", c[1]),
                               Set("actors.one.reservation", c[2]), Set("actors.two.reservation", c[3])});
      CHECK(std::fabs(Share(s) - (c[2] + c[0] / (c[0] + c[1]) * (1 - c[2] - c[3]))) < 1e-9);
    }
  }

  TEST_CASE("asymmetric Nash, quadratic utilities, solved independently") {
    const double cases[][4] = {{2, 1, 0.1, 0.2}, {1, 1, 0, 0}, {1, 3, 0.3, 0.05}};
    for (auto& c : cases) {
      Json s = RunFile(kNash, {"actors.one.risk=2", "actors.two.risk=2", Set("actors.one.capability", c[0]),
                               Set("actors.two.capability", c[1]), Set("actors.one.reservation", c[2]),
                               Set("actors.two.reservation", c[3])});
      // u1 = 1 - (1-x)^2, u2 = 1 - x^2: the first-order condition
      // 2 w1 (1-x) / (u1 - d1) = 2 w2 x / (u2 - d2) has a decreasing left-minus-right side.
      auto foc = [&](double x) {
        return c[0] * (1 - x) / (1 - (1 - x) * (1 - x) - c[2]) - c[1] * x / (1 - x * x - c[3]);
      };
      double lo = 1 - std::sqrt(1 - c[2]) + 1e-15, hi = std::sqrt(1 - c[3]) - 1e-15;
      for (int i = 0; i < 200; ++i) {
        double mid = 0.5 * (lo + hi);
        (foc(mid) > 0 ? lo : hi) = mid;
      }
      CHECK(std::fabs(Share(s) - 0.5 * (lo + hi)) < 1e-9);
    }
  }

  TEST_CASE("no zone of agreement when reservations exceed the pie") {
    for (const std::string& file : {kNash, kRubinstein}) {
      Json s = RunFile(file, {"actors.one.reservation=0.6", "actors.two.reservation=0.5"});
      CHECK(s["deal"]["p"].get<double>() == 0.0);
      CHECK(s["no_deal"]["no_zone"].get<double>() == 1.0);
      CHECK(s["actors"]["one"]["value"]["mean"].get<double>() == doctest::Approx(0.6));
    }
  }

  TEST_CASE("Fearon's risk-return trade-off through fearon.yaml (docs/model.md §9.5)") {
    // p = 0.6, cA = 0.1, cB ~ U[0.05, 0.35]: demand 0.725, P(war) 0.25.
    // More parameters: test_private_information.cpp.
    const long long n = 20000;
    Json s = RunFile(Source(kFearonFile), {}, n);
    CHECK(std::fabs(s["issues"]["share"]["mean"].get<double>() - 0.725) < 1e-9);
    CHECK(s["issues"]["share"]["sd"].get<double>() < 1e-9);
    CHECK(std::fabs(s["deal"]["p"].get<double>() - 0.75) <= 4 * std::sqrt(0.25 * 0.75 / n));
    // cA = 0.05, cB ~ U[0, 0.4] (a = 0): y* = 0.175, P(war) = (b - cA)/(2b) = 0.4375.
    s = RunFile(Source(kFearonFile), {Set("actors.a.war_cost", 0.05), "actors.b.war_cost={dist: uniform, low: 0, high: 0.4}"}, n);
    CHECK(std::fabs(s["issues"]["share"]["mean"].get<double>() - 0.775) < 1e-9);
    CHECK(std::fabs(s["deal"]["p"].get<double>() - 0.5625) <= 4 * std::sqrt(0.4375 * 0.5625 / n));
  }
}

// The compiled model: utilities and payoffs of docs/model.md §3, and the
// pure-function random streams of section 5.
#include <doctest/doctest.h>

#include <cmath>

#include "model/scenario.h"
#include "model/world.h"
#include "scenario/load.h"
#include "stats/moments.h"

using namespace parley;

namespace {

const char* kTwoIssues = R"(parley: 1
name: model-test
rounds: {horizon: 3}
montecarlo: {replicates: 10, seed: 42}
issues:
  land: {scale: [0, 10], status_quo: 2}
  status: {levels: [low, mid, high], status_quo: mid}
actors:
  a:
    position: {land: 10, status: high}
    salience: {land: 0.6, status: 0.2}
    risk: 2
    discount: {dist: uniform, low: 0.9, high: 0.99}
    war_cost: 0.05
  b:
    position: {land: 0, status: low}
    salience: {land: 1, status: 1}
    values: {status: {low: 1, mid: 0.9, high: 0}}
    reservation: 0.3
)";

Scenario LoadTwoIssues(const std::vector<std::string>& overrides = {}) {
  return Compile(LoadScenarioSpecFromString(kTwoIssues, "model.yaml", overrides));
}

}  // namespace

TEST_SUITE("model") {
  TEST_CASE("utility: normalised saliences, risk exponent, value tables") {
    Scenario s = LoadTwoIssues();
    World w;
    Draw(s, s.seed, 0, w);
    // Actor a: saliences 0.6, 0.2 -> 0.75, 0.25; x = (land 4 -> 0.4, status mid -> 0.5).
    double x[2] = {0.4, 0.5};
    double ua = 1 - 0.75 * std::pow(0.6, 2) - 0.25 * std::pow(0.5, 2);
    CHECK(Utility(s, w, 0, x) == doctest::Approx(ua).epsilon(1e-15));
    // Actor b: land linear, status from its table (mid = 0.9).
    double ub = 0.5 * (1 - 0.4) + 0.5 * 0.9;
    CHECK(Utility(s, w, 1, x) == doctest::Approx(ub).epsilon(1e-15));
    // No-deal flows: a at the status quo (land 0.2, mid) minus its war cost; b its reservation.
    double sq[2] = {0.2, 0.5};
    CHECK(w.flow[0] == doctest::Approx(Utility(s, w, 0, sq) - 0.05).epsilon(1e-15));
    CHECK(w.flow[1] == 0.3);
  }

  TEST_CASE("draws are pure functions of (seed, replicate, path)") {
    Scenario s = LoadTwoIssues();
    World w1, w2;
    Draw(s, 42, 7, w1);
    Draw(s, 42, 8, w2);
    Draw(s, 42, 7, w2);  // redraw into a used world
    CHECK((w1.param == w2.param).all());
    // Another parameter becoming uncertain leaves a's discount draw unchanged.
    Scenario changed = LoadTwoIssues({"actors.b.discount={dist: uniform, low: 0.5, high: 0.6}"});
    World w3;
    Draw(changed, 42, 7, w3);
    CHECK(w3.discount[0] == w1.discount[0]);
    CHECK(w3.discount[1] != w1.discount[1]);
  }

  TEST_CASE("uniform discount draws: mean within 5 standard errors") {
    Scenario s = LoadTwoIssues();
    World w;
    Moments m;
    const int n = 20000;
    for (int r = 0; r < n; ++r) {
      Draw(s, s.seed, r, w);
      CHECK(w.discount[0] >= 0.9);
      CHECK(w.discount[0] <= 0.99);
      m.Add(w.discount[0]);
    }
    double sd = 0.09 / std::sqrt(12.0);
    CHECK(std::fabs(m.mean - 0.945) < 5 * sd / std::sqrt(n));
    CHECK(std::fabs(m.Sd() - sd) < 5 * sd / std::sqrt(2.0 * n));
  }
}

// The perfect Bayesian equilibrium of alternating offers with one screened
// responder (protocols/screening.h): closed forms, an independent check of
// the values by forward play, one-shot deviations, and comparative statics.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "core/text.h"
#include "helpers.h"
#include "model/shocks.h"
#include "model/world.h"
#include "protocols/offer_solver.h"
#include "protocols/screened_offers.h"
#include "protocols/screening.h"
#include "scenario/load.h"

namespace {

using parley::test::Source;

// One replicate's world of a scenario and the equilibrium solved for it.
struct Solved {
  parley::Scenario s;
  parley::World w;
  parley::OfferSolver solver;
  parley::PathScratch path;
  parley::ScreeningSolver eq;
  parley::Offer offer;
  int j = -1;

  Solved(const std::string& file, const std::vector<std::string>& overrides, std::uint64_t replicate = 0)
      : s(parley::Compile(parley::LoadScenarioSpec(Source(file), overrides))) {
    parley::Resize(s, w);
    parley::Draw(s, s.seed, replicate, w);
    solver.Resize(s);
    solver.Load(s, w);
    offer = solver.NewOffer();
    parley::ExpectedNoDealPath(s, w, 0, path);
    std::vector<int> screened;
    REQUIRE(parley::ScreenedActors(s, &screened));
    j = screened[0];
    std::vector<double> weights(s.protocol.proposers.size(), 1.0 / s.protocol.proposers.size());
    for (size_t q = 0; q < s.protocol.recognition.size(); ++q) weights[q] = s.protocol.recognition[q];
    eq.Resize(s, s.protocol.proposers, weights, s.protocol.order == parley::Order::Random, j,
              &s.params[s.actors[j].war_cost].dist);
    eq.Solve(w, path, 0, 0.0, solver);
  }
};

// The pie of fearon.yaml with no gap (cA = 0, a = 0): the equilibrium is
// linear in the state, σ_t(h) = λ_t·h, with the mass-weighted value of the
// proposer h·p + β_t·b·h² and the top type's value 1 − p − g_t·b·h, where
// e = (1−D) + D·g_{t+1}, λ = e / (2(e − D·β_{t+1})), β = e·λ/2, g = e·λ,
// D = δ(1−β), g_H = 1, β_H = 0 (docs/private_information.md derives it).
struct NoGap {
  std::vector<double> lambda, beta, g;
  NoGap(double D, int H) : lambda(H + 1), beta(H + 1), g(H + 1) {
    g[H] = 1, beta[H] = 0;
    for (int t = H - 1; t >= 0; --t) {
      const double e = (1 - D) + D * g[t + 1];
      lambda[t] = e / (2 * (e - D * beta[t + 1]));
      beta[t] = e * lambda[t] / 2, g[t] = e * lambda[t];
    }
  }
};

std::vector<std::string> NoGapFile(double p, double b, double delta, double breakdown, int H) {
  using parley::test::Set;
  return {Set("issues.share.status_quo", p), Set("actors.a.war_cost", 0.0),
          "actors.b.war_cost={dist: uniform, low: 0, high: " + parley::FormatNumber(b) + "}",
          Set("actors.a.discount", delta), Set("actors.b.discount", delta), Set("protocol.breakdown", breakdown),
          "rounds.horizon=" + std::to_string(H)};
}

}  // namespace

TEST_SUITE("equilibrium") {
  TEST_CASE("debug no gap" * doctest::skip(std::getenv("PARLEY_DEBUG") == nullptr)) {
    const int H = std::atoi(std::getenv("PARLEY_DEBUG"));
    const double p = 0.5, b = 0.4, delta = 0.95, breakdown = 0.05, D = delta * (1 - breakdown);
    Solved x(parley::test::kFearonFile, NoGapFile(p, b, delta, breakdown, H));
    NoGap cf(D, H);
    std::vector<double> V(x.s.NumActors());
    for (int t = H - 1; t >= 0; --t) {
      double e0 = 0, e1 = 0, e2 = 0, w0 = 0, w1 = 0, w2 = 0;
      for (int k = 0; k <= 2000; ++k) {
        const double h = k / 2000.0;
        x.eq.Values(t, h, V.data());
        const double a0 = std::fabs(V[0] - (p + cf.beta[t] * b * h)), a1 = std::fabs(V[1] - (1 - p - cf.g[t] * b * h));
        if (a0 > e0) e0 = a0, w0 = h;
        if (a1 > e1) e1 = a1, w1 = h;
        if (k % 50 == 0 && k > 0) {
          const auto c = x.eq.Decide(t, 0, h, x.solver, x.offer);
          const double a2 = std::fabs(c.cutoff - cf.lambda[t] * h);
          if (a2 > e2) e2 = a2, w2 = h;
        }
      }
      if (t == H - 2)
        for (double h : {0.0, 0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.007, 0.008, 0.01, 0.02}) {
          x.eq.Values(t, h, V.data());
          const auto c = x.eq.Decide(t, 0, h, x.solver, x.offer);
          MESSAGE("h=" << h << " G " << V[1] << " cf " << (1 - p - cf.g[t] * b * h) << " cut " << c.cutoff << " cf " << cf.lambda[t] * h);
        }
      MESSAGE("pieces " << x.eq.DescribePieces(t));
      MESSAGE("t=" << t << " V err " << e0 << " at " << w0 << " G err " << e1 << " at " << w1 << " cut err " << e2 << " at " << w2);
    }
  }

  TEST_CASE("linear-uniform without a gap: the values and the policy are the closed form's") {
    for (int H : {1, 2, 5, 20, 52}) {
      CAPTURE(H);
      const double p = 0.5, b = 0.4, delta = 0.95, breakdown = 0.05, D = delta * (1 - breakdown);
      Solved x(parley::test::kFearonFile, NoGapFile(p, b, delta, breakdown, H));
      NoGap cf(D, H);
      std::vector<double> V(x.s.NumActors());
      for (int t = 0; t < H; ++t)
        for (double h : {0.013, 0.1, 0.377, 0.5, 0.9, 1.0}) {
          CAPTURE(t);
          CAPTURE(h);
          x.eq.Values(t, h, V.data());
          // Measured: 1e-9 for horizons to 20, 1e-6 at 52 (mass-weighted values; the
          // top type's value and the cutoff a few times that near h = 0).
          CHECK(std::fabs(h * V[0] - h * (p + cf.beta[t] * b * h)) < 1e-6);
          CHECK(std::fabs(V[1] - (1 - p - cf.g[t] * b * h)) < 5e-5);
          const auto c = x.eq.Decide(t, 0, h, x.solver, x.offer);
          CHECK(std::fabs(c.cutoff - cf.lambda[t] * h) < 5e-5);
        }
    }
  }
}

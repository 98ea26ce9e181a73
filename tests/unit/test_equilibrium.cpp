// The perfect Bayesian equilibrium of alternating offers with one screened
// responder (protocols/screening.h): closed forms, an independent check of
// the values by forward play, one-shot deviations, and comparative statics.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "core/text.h"
#include "helpers.h"
#include "model/shocks.h"
#include "model/world.h"
#include "protocols/alternating_offers.h"
#include "protocols/offer_solver.h"
#include "protocols/private_information.h"
#include "protocols/screened_offers.h"
#include "protocols/screening.h"
#include "scenario/load.h"

namespace {

using parley::Json;
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
          // Measured (docs/private_information.md): values and cutoffs to
          // 1e-9 at every round up to H = 52.
          const double tol = 1e-7;
          CHECK(std::fabs(h * V[0] - h * (p + cf.beta[t] * b * h)) < tol);
          CHECK(std::fabs(V[1] - (1 - p - cf.g[t] * b * h)) < tol);
          const auto c = x.eq.Decide(t, 0, h, x.solver, x.offer);
          CHECK(std::fabs(c.cutoff - cf.lambda[t] * h) < tol);
        }
    }
  }
}

namespace {

// The proposer's value at state (t, h) by playing the equilibrium forward
// (Decide at each state reached): independent of the solver's fitted
// functions, which only Decide's continuation uses.
double ProposerValue(Solved& x, int t, double h) {
  const int A = x.s.NumActors(), p = x.eq.SlotProposer(t, 0);
  const int H = x.s.horizon;
  // W_p(t): the war for good from round t.
  std::vector<double> war(H + 1);
  war[H] = x.path.tail[p];
  for (int r = H - 1; r >= 0; --r) war[r] = (1 - x.w.discount[p]) * x.path.flow[r * A + p] + x.w.discount[p] * war[r + 1];
  if (t >= H) return war[H];
  const double d = x.w.discount[p], beta = x.w.breakdown, flow = x.path.flow[t * A + p];
  parley::Offer offer = x.solver.NewOffer();
  const auto c = x.eq.Decide(t, 0, h, x.solver, offer);
  const double up = c.offer ? x.solver.Utility(p, offer.terms.data()) : 0.0;
  const double next = c.offer ? c.cutoff : h;
  const double wait = (1 - d) * flow + d * (beta * war[t + 1] + (1 - beta) * ProposerValue(x, t + 1, next));
  return h > 0 ? ((h - next) * up + next * wait) / h : (c.offer ? up : wait);
}

// The proposer's value of one deviation at state (t, h): cutoff s (every
// type above it accepts the offer that makes type s indifferent, its value
// of waiting found by forward play), then the equilibrium.
double DeviationValue(Solved& x, int t, double h, double s) {
  const int A = x.s.NumActors(), p = x.eq.SlotProposer(t, 0), H = x.s.horizon;
  std::vector<double> war(H + 1);
  war[H] = x.path.tail[p];
  for (int r = H - 1; r >= 0; --r) war[r] = (1 - x.w.discount[p]) * x.path.flow[r * A + p] + x.w.discount[p] * war[r + 1];
  const double d = x.w.discount[p], beta = x.w.breakdown, flow = x.path.flow[t * A + p];
  const double wait = (1 - d) * flow + d * (beta * war[t + 1] + (1 - beta) * ProposerValue(x, t + 1, s));
  if (s >= h) return wait;
  const double T = x.eq.RejectValue(t, s, s, x.solver);
  parley::Offer offer = x.solver.NewOffer();
  const int responder = x.j;
  if (!x.solver.Solve(p, &responder, 1, &T, offer)) return -1e300;
  return ((h - s) * offer.proposer_utility + s * wait) / h;
}

// The largest one-shot gains along the play of the lowest types, at every
// state reached: any responder type on a grid of 41 of the belief (accept
// against reject), the proposer's cutoffs on a grid of 60 and no offer.
struct Gains {
  double responder = 0, proposer = 0;
  int states = 0;
};
Gains PathGains(Solved& x) {
  Gains g;
  parley::Offer offer = x.solver.NewOffer();
  double h = 1;
  for (int t = 0; t < x.s.horizon && h > 1e-6; ++t) {
    CAPTURE(t);
    CAPTURE(h);
    const auto c = x.eq.Decide(t, 0, h, x.solver, offer);
    const double cut = c.offer ? c.cutoff : h;
    ++g.states;
    if (c.offer) {
      const double u = x.solver.Utility(x.j, offer.terms.data());
      for (int k = 0; k <= 40; ++k) {
        const double s = h * k / 40.0, reject = x.eq.RejectValue(t, cut, s, x.solver);
        g.responder = std::max(g.responder, s >= cut ? reject - u : u - reject);
      }
    }
    const double value = ProposerValue(x, t, h);
    double best = DeviationValue(x, t, h, h);  // no offer
    for (int k = 0; k < 60; ++k) best = std::max(best, DeviationValue(x, t, h, h * k / 60.0));
    g.proposer = std::max(g.proposer, best - value);
    h = cut;  // the path of the types below the cutoff
  }
  return g;
}

}  // namespace

TEST_SUITE("equilibrium") {
  TEST_CASE("one-shot deviation certificate on random one-responder instances") {
    // Along the play of several types, at every state reached: no type of the
    // responder gains by answering otherwise, and the proposer gains nothing by
    // any other cutoff (a grid of 60 and no offer), all values by forward play.
    std::uint64_t state = 12345;
    auto uniform = [&]() {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      return static_cast<double>(state >> 11) / 9007199254740992.0;
    };
    double worst_responder = 0, worst_proposer = 0, worst_smooth = 0, worst_beta = 0;
    int states = 0;
    for (int instance = 0; instance < 40; ++instance) {
      using parley::FormatNumber;
      using parley::test::Set;
      const double p = 0.3 + 0.4 * uniform(), ca = 0.15 * uniform(), lo = 0.1 * uniform(), hi = lo + 0.1 + 0.3 * uniform();
      const int H = 2 + static_cast<int>(8 * uniform());
      std::vector<std::string> o = {Set("issues.share.status_quo", p), Set("actors.a.war_cost", ca),
                                    Set("actors.a.discount", 0.85 + 0.14 * uniform()),
                                    Set("actors.b.discount", 0.85 + 0.14 * uniform()),
                                    Set("protocol.breakdown", 0.2 * uniform()), "rounds.horizon=" + std::to_string(H),
                                    std::string("actors.a.risk=") + (instance % 2 ? "2" : "1"),
                                    std::string("actors.b.risk=") + (instance % 4 >= 2 ? "2" : "1")};
      // Priors: uniform, beta and triangular (densities vanishing at an end:
      // a cost with an unbounded slope there), truncated normal.
      const int kind = instance % 4;
      const std::string range = ", low: " + FormatNumber(lo) + ", high: " + FormatNumber(hi) + "}";
      o.push_back(kind == 1   ? "actors.b.war_cost={dist: beta, alpha: 2, beta: 3" + range
                  : kind == 2 ? "actors.b.war_cost={dist: normal, mean: " + FormatNumber(0.5 * (lo + hi)) + ", sd: " +
                                    FormatNumber(0.3 * (hi - lo)) + range
                  : kind == 3 ? "actors.b.war_cost={dist: triangular, mode: " + FormatNumber(lo + 0.3 * (hi - lo)) + range
                              : "actors.b.war_cost={dist: uniform" + range);
      CAPTURE(instance);
      Solved x(parley::test::kFearonFile, o);
      const Gains g = PathGains(x);
      CHECK(g.responder <= 2e-3);
      CHECK(g.proposer <= 2e-3);
      states += g.states;
      worst_responder = std::max(worst_responder, g.responder), worst_proposer = std::max(worst_proposer, g.proposer);
      double& worst_kind = kind == 1 || kind == 3 ? worst_beta : worst_smooth;
      worst_kind = std::max({worst_kind, g.responder, g.proposer});
    }
    MESSAGE("largest gain from a one-shot deviation over " << states << " states: responder " << worst_responder
                                                               << ", proposer " << worst_proposer
                                                               << "; uniform and normal priors " << worst_smooth
                                                               << ", beta and triangular " << worst_beta);
    CHECK(worst_smooth <= 5e-6);  // measured 2.2e-6
    CHECK(worst_beta <= 2e-3);    // measured 2.6e-4
    CHECK(states >= 100);
  }
}

TEST_SUITE("equilibrium") {
  TEST_CASE("one-shot deviation certificate with two issues and quadratic losses") {
    // tests/data/two_issue_screening.yaml over horizons and breakdown risks:
    // the offer trades the two issues off along the contract curve.
    double worst = 0;
    int states = 0;
    for (int H : {2, 4, 7})
      for (double breakdown : {0.0, 0.05, 0.2}) {
        CAPTURE(H);
        CAPTURE(breakdown);
        Solved x("tests/data/two_issue_screening.yaml",
                 {"rounds.horizon=" + std::to_string(H), parley::test::Set("protocol.breakdown", breakdown)});
        const Gains g = PathGains(x);
        worst = std::max({worst, g.responder, g.proposer});
        states += g.states;
      }
    MESSAGE("two issues: largest gain from a one-shot deviation over " << states << " states: " << worst);
    CHECK(worst <= 1e-6);
  }

  TEST_CASE("two rounds in closed form (Fearon's numbers, one proposer; docs/private_information.md)") {
    using parley::test::RunFile;
    using parley::test::Set;
    const std::string file = parley::test::Source(parley::test::kFearonFile);
    // Breakdown 0.1: the round-0 cutoff lies below k = (a + cA)/(b − a) = 0.5,
    // where round 1 settles with every type left; s* = (1 − k)/2 = 0.25 and the
    // demand p + (1 − D)·c(s*) + D·a = 0.66425 (D = δ(1 − β) = 0.81); round 1
    // demands p + a = 0.65. P(deal) = 0.75 + 0.25·0.9 = 0.975.
    {
      Solved x(parley::test::kFearonFile, {"rounds.horizon=2", Set("protocol.breakdown", 0.1)});
      const auto c0 = x.eq.Decide(0, 0, 1.0, x.solver, x.offer);
      CHECK(c0.cutoff == doctest::Approx(0.25).epsilon(1e-10));
      CHECK(x.offer.terms[0] == doctest::Approx(0.66425).epsilon(1e-10));
      const auto c1 = x.eq.Decide(1, 0, 0.25, x.solver, x.offer);
      CHECK(c1.cutoff == 0);
      CHECK(x.offer.terms[0] == doctest::Approx(0.65).epsilon(1e-10));
      const long long n = 40000;
      const Json s = RunFile(file, {"rounds.horizon=2", Set("protocol.breakdown", 0.1)}, n);
      CHECK(std::fabs(s["deal"]["p"].get<double>() - 0.975) <= 4 * std::sqrt(0.975 * 0.025 / n));
      const auto& counts = s["rounds"]["histogram"]["counts"];
      CHECK(std::fabs(counts[0].get<double>() / n - 0.75) <= 4 * std::sqrt(0.75 * 0.25 / n));
    }
    // Breakdown 0.05: the cutoff is above k, round 1 screens again with
    // σ1(h) = (h − k)/2; the score is quadratic in s and its vertex is
    // s* = 0.696864111498258 (cutoff cost 0.259059233449477), demand
    // 0.705561411150221 (exact rational arithmetic, docs/private_information.md).
    {
      Solved x(parley::test::kFearonFile, {"rounds.horizon=2", Set("protocol.breakdown", 0.05)});
      const auto c0 = x.eq.Decide(0, 0, 1.0, x.solver, x.offer);
      CHECK(c0.cutoff == doctest::Approx(0.696864111498258).epsilon(1e-9));
      CHECK(x.eq.Cost(c0.cutoff) == doctest::Approx(0.259059233449477).epsilon(1e-9));
      CHECK(x.offer.terms[0] == doctest::Approx(0.705561411150221).epsilon(1e-9));
      const auto c1 = x.eq.Decide(1, 0, c0.cutoff, x.solver, x.offer);
      CHECK(c1.cutoff == doctest::Approx((c0.cutoff - 0.5) / 2).epsilon(1e-9));
    }
  }

  TEST_CASE("linear-uniform without a gap through the scenario file: P(deal) and the mean round of the closed form") {
    using parley::test::RunFile;
    for (int H : {5, 52}) {
      CAPTURE(H);
      const double D = 0.95 * 0.95;
      NoGap cf(D, H);
      double h = 1, surv = 1, pdeal = 0, mean = 0, last = 0;
      for (int t = 0; t < H; ++t) {
        const double acc = (h - cf.lambda[t] * h) * surv;
        pdeal += acc, mean += acc * t, h *= cf.lambda[t], surv *= 1 - 0.05;
        if (t == H - 1) last = acc;
      }
      const long long n = 40000;
      const Json s = RunFile(parley::test::Source(parley::test::kFearonFile), NoGapFile(0.5, 0.4, 0.95, 0.05, H), n);
      const double p = s["deal"]["p"].get<double>();
      CHECK(std::fabs(p - pdeal) <= 4 * std::sqrt(pdeal * (1 - pdeal) / n));
      const double sd = s["rounds"]["sd"].get<double>();
      CHECK(std::fabs(s["rounds"]["mean"].get<double>() - mean / pdeal) <= 4 * sd / std::sqrt(p * n));
      // No pile-up at the deadline: the last round's share is the closed form's.
      const auto& counts = s["rounds"]["histogram"]["counts"];
      const double in_last = counts.size() >= static_cast<size_t>(H) ? counts[H - 1].get<double>() / n : 0.0;
      CHECK(std::fabs(in_last - last) <= 4 * std::sqrt(std::max(last, 1.0 / n) / n));
    }
  }

  TEST_CASE("comparative statics: a costlier war for the proposer lowers its demand; a wider prior delays") {
    using parley::test::Set;
    double last_demand = 2;
    for (double ca : {0.0, 0.05, 0.1, 0.2}) {
      CAPTURE(ca);
      Solved x(parley::test::kFearonFile, {"rounds.horizon=8", Set("protocol.breakdown", 0.05), Set("actors.a.war_cost", ca)});
      x.eq.Decide(0, 0, 1.0, x.solver, x.offer);
      CHECK(x.offer.terms[0] < last_demand);
      last_demand = x.offer.terms[0];
    }
    // The same mean cost 0.2, wider and wider: the share settling at once falls.
    double last_first = 2;
    for (double half : {0.02, 0.08, 0.15}) {
      CAPTURE(half);
      const std::string prior = "actors.b.war_cost={dist: uniform, low: " + parley::FormatNumber(0.2 - half) +
                                ", high: " + parley::FormatNumber(0.2 + half) + "}";
      Solved x(parley::test::kFearonFile, {"rounds.horizon=8", Set("protocol.breakdown", 0.05), Set("actors.a.war_cost", 0.0),
                                           Set("issues.share.status_quo", 0.5), prior});
      const auto c = x.eq.Decide(0, 0, 1.0, x.solver, x.offer);
      CHECK(c.accept < last_first);
      last_first = c.accept;
    }
  }
}

TEST_SUITE("equilibrium") {
  TEST_CASE("one round, two screened responders: the offer is the brute force's over both cutoffs") {
    // tests/data/two_responders_one_round.yaml: a's expected value
    // P_b(s_b)·P_c(s_c)·u_a(x) + (1 − P_b·P_c)·w_a over a 300 × 300 grid of the
    // two cutoffs, x the best offer meeting both marginal types' wars for good.
    const std::string file = Source("tests/data/two_responders_one_round.yaml");
    for (const std::string variant : {"", "actors.a.salience.y=0.9", "actors.c.war_cost={dist: uniform, low: 0.1, high: 0.4}"}) {
      CAPTURE(variant);
      std::vector<std::string> o;
      if (!variant.empty()) o.push_back(variant);
      parley::Scenario s = parley::Compile(parley::LoadScenarioSpec(file, o));
      parley::World w;
      parley::Resize(s, w);
      parley::Draw(s, s.seed, 0, w);
      parley::OfferSolver solver;
      solver.Resize(s);
      solver.Load(s, w);
      parley::Offer offer = solver.NewOffer();
      const parley::Distribution& pb = s.params[s.actors[1].war_cost].dist;
      const parley::Distribution& pc = s.params[s.actors[2].war_cost].dist;
      const double wa = w.flow[0];
      const int responders[2] = {1, 2};
      double best = wa, best_x = -1, best_y = -1;
      const int n = 300;
      for (int i = 0; i <= n; ++i)
        for (int k = 0; k <= n; ++k) {
          const double sb = double(i) / n, sc = double(k) / n;
          // Thresholds: each marginal type's war for good, u(status quo) − c.
          const double thr[2] = {w.flow[1] + w.war_cost[1] - pb.Quantile(sb), w.flow[2] + w.war_cost[2] - pc.Quantile(sc)};
          if (!solver.Solve(0, responders, 2, thr, offer)) continue;
          const double pa = (1 - sb) * (1 - sc);
          const double eu = pa * offer.proposer_utility + (1 - pa) * wa;
          if (eu > best) best = eu, best_x = offer.terms[0], best_y = offer.terms[1];
        }
      // The engine's offer in replicate 0 (one round: the same in every replicate).
      auto protocol = parley::MakeAlternatingOffers(s);
      auto ws = protocol->NewWorkspace();
      parley::Outcome out;
      parley::Resize(s, out);
      parley::Trace trace;
      protocol->Play(w, *ws, out, &trace);
      REQUIRE(!trace.steps.empty());
      REQUIRE(trace.steps[0].offered);
      CHECK(std::fabs(trace.steps[0].terms[0] - best_x) < 0.004);
      CHECK(std::fabs(trace.steps[0].terms[1] - best_y) < 0.004);
      // Its expected value is at least the grid's best, less the grid's spacing effect.
      solver.Load(s, w);
      const double x[2] = {trace.steps[0].terms[0], trace.steps[0].terms[1]};
      const double ub = solver.Utility(1, x), uc = solver.Utility(2, x);
      const double pacc = (1 - parley::PriorCdf(pb, w.flow[1] + w.war_cost[1] - ub)) * (1 - parley::PriorCdf(pc, w.flow[2] + w.war_cost[2] - uc));
      const double eu = pacc * solver.Utility(0, x) + (1 - pacc) * wa;
      CHECK(eu >= best - 1e-6);
    }
  }
}

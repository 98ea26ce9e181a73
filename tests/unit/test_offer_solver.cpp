// The proposer problem (offer_solver.h) against closed forms and brute force.
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <vector>

#include "protocol_test_util.h"
#include "protocols/offer_solver.h"

using namespace parley;
using namespace parley::test;

TEST_SUITE("protocols") {

TEST_CASE("proposer solve on a pie meets the threshold exactly") {
  for (double r : {1.0, 2.0, 1.5, 3.0}) {
    Setup p = Pie(r, 1, 1);
    OfferSolver solver;
    solver.Resize(p.s), solver.Load(p.s, p.w);
    Offer offer = solver.NewOffer();
    const int responder = 1;
    for (double threshold : {0.0, 0.37, 0.5, 0.9, 1.0}) {
      CAPTURE(r);
      CAPTURE(threshold);
      REQUIRE(solver.Solve(0, &responder, 1, &threshold, offer));
      // u_1 = 1 − x^r at the threshold: x = (1 − R)^(1/r).
      CHECK(offer.terms[0] == doctest::Approx(std::pow(1 - threshold, 1 / r)).epsilon(1e-12));
      CHECK(std::fabs(solver.Utility(1, offer.terms.data()) - threshold) < 1e-12);
      CHECK(offer.proposer_utility == Utility(p.s, p.w, 0, offer.terms.data()));
    }
    const double too_much = 1.001;
    CHECK_FALSE(solver.Solve(0, &responder, 1, &too_much, offer));
  }
}

TEST_CASE("proposer solve: shadow price on the linear pie is 1") {
  Setup p = Pie(1, 1, 1);
  OfferSolver solver;
  solver.Resize(p.s), solver.Load(p.s, p.w);
  Offer offer = solver.NewOffer();
  const int responder = 1;
  const double threshold = 0.3;
  REQUIRE(solver.Solve(0, &responder, 1, &threshold, offer));
  CHECK(offer.multiplier[0] == doctest::Approx(1).epsilon(1e-9));
}

TEST_CASE("proposer solve with two and three responders matches brute force") {
  // Common risk 2, 1, 1.5, 3; then mixed risks (r = 0 below).
  for (double r : {2.0, 1.0, 1.5, 3.0, 0.0}) {
    Setup p(4, {0, 0});
    p.w.risk.setConstant(r);
    if (r == 0) p.w.risk << 1, 2, 1.5, 1;
    p.w.position << 0.5, 0.6, 0.0, 0.1, 1.0, 0.9, 0.2, 1.0;
    p.w.salience << 0.5, 0.5, 0.7, 0.3, 0.2, 0.8, 0.6, 0.4;
    OfferSolver solver;
    solver.Resize(p.s), solver.Load(p.s, p.w);
    Offer offer = solver.NewOffer();
    for (int count : {2, 3}) {
      std::vector<int> responders = {1, 2, 3};
      std::vector<double> thresholds = {0.75, 0.72, 0.6};
      responders.resize(count), thresholds.resize(count);
      CAPTURE(r);
      CAPTURE(count);
      REQUIRE(solver.Solve(0, responders.data(), count, thresholds.data(), offer));
      for (int j = 0; j < count; ++j) CHECK(solver.Utility(responders[j], offer.terms.data()) >= thresholds[j] - 1e-12);
      double grid = GridBest(p, responders, thresholds, 600);
      CHECK(offer.proposer_utility >= grid - 1e-12);
      CHECK(offer.proposer_utility - grid < 5e-3);
    }
  }
}

TEST_CASE("proposer solve reports infeasible thresholds") {
  Setup p(3, {0});
  p.w.position << 0.5, 0.0, 1.0;
  p.w.risk.setConstant(2);
  OfferSolver solver;
  solver.Resize(p.s), solver.Load(p.s, p.w);
  Offer offer = solver.NewOffer();
  const int responders[] = {1, 2};
  const double feasible[] = {0.7, 0.7}, infeasible[] = {0.8, 0.8};  // 1 − x² and 1 − (1 − x)²
  CHECK(solver.Solve(0, responders, 2, feasible, offer));
  CHECK_FALSE(solver.Solve(0, responders, 2, infeasible, offer));
}

TEST_CASE("fast path agrees with the recursive method on random smooth problems") {
  std::mt19937_64 rng(20251129);
  std::uniform_real_distribution<double> u(0, 1);
  int feasible = 0, infeasible = 0;
  long long fast = 0, fallback = 0;
  for (int trial = 0; trial < 400; ++trial) {
    const int responders = 1 + trial % 4, continuous = 1 + static_cast<int>(u(rng) * 3);
    std::vector<int> ordinal;
    if (u(rng) < 0.3) ordinal.push_back(2 + static_cast<int>(u(rng) * 2));
    Setup p = RandomSmooth(rng, responders + 1, continuous, ordinal);
    // Thresholds around what each responder gets at a random point: some bind, some cannot be met.
    std::vector<double> z(p.s.NumIssues());
    for (int k = 0; k < p.s.NumIssues(); ++k) {
      const int levels = p.s.issues[k].LevelCount();
      z[k] = p.s.issues[k].ordinal ? std::floor(u(rng) * levels) / (levels - 1) : u(rng);
    }
    std::vector<int> who;
    std::vector<double> thresholds;
    for (int j = 1; j <= responders; ++j)
      who.push_back(j), thresholds.push_back(Utility(p.s, p.w, j, z.data()) + 0.15 * u(rng) - 0.1);
    OfferSolver auto_solver, recursive;
    recursive.SetMethod(OfferSolver::Method::kRecursive);
    for (OfferSolver* s : {&auto_solver, &recursive}) s->Resize(p.s), s->Load(p.s, p.w);
    Offer a = auto_solver.NewOffer(), b = recursive.NewOffer();
    const bool found_a = auto_solver.Solve(0, who.data(), responders, thresholds.data(), a);
    const bool found_b = recursive.Solve(0, who.data(), responders, thresholds.data(), b);
    fast += auto_solver.GetStats().fast, fallback += auto_solver.GetStats().fallback;
    CAPTURE(trial);
    REQUIRE(found_a == found_b);
    (found_a ? feasible : infeasible)++;
    if (!found_a) continue;
    CHECK(std::fabs(a.proposer_utility - b.proposer_utility) < 1e-10);
    for (int j = 0; j < responders; ++j)
      CHECK(Utility(p.s, p.w, who[j], a.terms.data()) >= thresholds[j] - 1e-12);
    // The solver's utility is model Utility to the last bit.
    for (int i = 0; i <= responders; ++i)
      CHECK(auto_solver.Utility(i, a.terms.data()) == Utility(p.s, p.w, i, a.terms.data()));
  }
  MESSAGE("feasible " << feasible << ", infeasible " << infeasible << "; combinations: fast " << fast
                      << ", fallback " << fallback);
  CHECK(feasible >= 150);
  CHECK(infeasible >= 40);
  CHECK(fallback * 20 <= fast);  // the fast path concludes at least 95% of the time
}

TEST_CASE("warm-started solves agree with cold ones along drifting thresholds") {
  std::mt19937_64 rng(4242);
  std::uniform_real_distribution<double> u(0, 1);
  long long pruned = 0, solved = 0;
  for (int trial = 0; trial < 60; ++trial) {
    const int responders = 1 + trial % 3, continuous = 1 + trial % 3;
    std::vector<int> ordinal = {3};
    if (trial % 2) ordinal.push_back(2);
    Setup p = RandomSmooth(rng, responders + 1, continuous, ordinal);
    std::vector<double> z(p.s.NumIssues());
    for (int k = 0; k < p.s.NumIssues(); ++k) z[k] = p.s.issues[k].ordinal ? 0.5 * (k % 2) : u(rng);
    std::vector<int> who;
    std::vector<double> base, drift, thresholds(responders);
    for (int j = 1; j <= responders; ++j)
      who.push_back(j), base.push_back(Utility(p.s, p.w, j, z.data()) - 0.05), drift.push_back(u(rng) - 0.5);
    OfferSolver warm_solver, cold;
    for (OfferSolver* s : {&warm_solver, &cold}) s->Resize(p.s), s->Load(p.s, p.w);
    WarmStart warm = warm_solver.NewWarmStart();
    Offer a = warm_solver.NewOffer(), b = cold.NewOffer();
    for (int step = 0; step < 12; ++step) {
      for (int j = 0; j < responders; ++j) thresholds[j] = base[j] + 0.01 * step * drift[j];
      const bool found_a = warm_solver.Solve(0, who.data(), responders, thresholds.data(), a, &warm);
      const bool found_b = cold.Solve(0, who.data(), responders, thresholds.data(), b);
      CAPTURE(trial);
      CAPTURE(step);
      REQUIRE(found_a == found_b);
      if (!found_a) continue;
      ++solved;
      // The same offer, up to near-ties between level combinations.
      CHECK(std::fabs(a.proposer_utility - b.proposer_utility) < 1e-10);
      for (int j = 0; j < responders; ++j)
        CHECK(Utility(p.s, p.w, who[j], a.terms.data()) >= thresholds[j] - 1e-12);
    }
    pruned += warm_solver.GetStats().pruned;
  }
  CHECK(solved >= 400);
  CHECK(pruned > 0);
}

TEST_CASE("nash with three and four smooth veto actors: first-order conditions and local search") {
  std::mt19937_64 rng(7117);
  std::uniform_real_distribution<double> u(0, 1);
  int deals = 0;
  for (int trial = 0; trial < 120; ++trial) {
    const int actors = 3 + trial % 2, continuous = 1 + trial % 3;
    std::vector<int> ordinal;
    if (trial % 5 == 0) ordinal.push_back(3);
    Setup p = RandomSmooth(rng, actors, continuous, ordinal);
    // No-deal values a little below what each gets at a random point: a zone, mostly.
    std::vector<double> z(p.s.NumIssues());
    for (int k = 0; k < p.s.NumIssues(); ++k)
      z[k] = p.s.issues[k].ordinal ? std::floor(u(rng) * 3) / 2 : u(rng);
    for (int a = 0; a < actors; ++a)
      p.w.flow[a] = Utility(p.s, p.w, a, z.data()) - 0.1 * u(rng), p.w.capability[a] = 0.5 + 1.5 * u(rng);
    Outcome out = p.PlayNash();
    CAPTURE(trial);
    auto objective = [&](const double* x) {
      double sum = 0;
      for (int a = 0; a < actors; ++a) {
        const double gain = Utility(p.s, p.w, a, x) - p.w.flow[a];
        if (!(gain > 0)) return -1e300;
        sum += p.w.capability[a] * std::log(gain);
      }
      return sum;
    };
    // z itself is in the zone when every flow is strictly below: then there must be a deal.
    if (objective(z.data()) > -1e300) REQUIRE(out.deal);
    if (!out.deal) continue;
    ++deals;
    const double best = objective(out.terms.data());
    // First-order conditions on every continuous issue: Σ w_i u_i'/(u_i − d_i) = 0.
    for (int k = 0; k < continuous; ++k) {
      double slope = 0;
      for (int a = 0; a < actors; ++a) {
        const double d = out.terms[k] - p.w.position(a, k), r = p.w.risk[a];
        const double du = -p.w.salience(a, k) * r * std::pow(std::fabs(d), r - 1) * (d > 0 ? 1 : -1);
        slope += p.w.capability[a] * du / (Utility(p.s, p.w, a, out.terms.data()) - p.w.flow[a]);
      }
      CHECK(std::fabs(slope) < 1e-9);
    }
    // Random points, and small moves from the answer, never do better.
    std::vector<double> x(out.terms.data(), out.terms.data() + p.s.NumIssues());
    for (int it = 0; it < 3000; ++it) {
      const double scale = it < 1000 ? 1.0 : (it < 2000 ? 1e-2 : 1e-5);
      for (int k = 0; k < continuous; ++k)
        x[k] = std::fmin(1, std::fmax(0, (scale == 1 ? u(rng) : out.terms[k] + scale * (u(rng) - 0.5))));
      for (int k = continuous; k < p.s.NumIssues(); ++k) x[k] = std::floor(u(rng) * 3) / 2;
      CHECK(objective(x.data()) <= best + 1e-12);
    }
  }
  CHECK(deals >= 80);
}

}  // TEST_SUITE

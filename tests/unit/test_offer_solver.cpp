// The proposer problem (offer_solver.h) against closed forms and brute force.
#include <doctest/doctest.h>

#include <cmath>
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

}  // TEST_SUITE

// Protocols against closed forms (docs/model.md §9.1-§9.4), brute
// force and the scenario loader.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/rng.h"
#include "protocol_test_util.h"
#include "scenario/load.h"
#include "protocols/offer_solver.h"
#include "protocols/registry.h"
#include "protocols/talks_ledger.h"

using namespace parley;
using namespace parley::test;

TEST_SUITE("protocols") {

TEST_CASE("alternating offers reproduce Rubinstein's shares (a.1)") {
  for (auto [d0, d1] : {std::pair{0.93, 0.81}, {0.9, 0.9}, {0.5, 0.95}, {0.99, 0.6}}) {
    CAPTURE(d0);
      CAPTURE(d1);
    Outcome out = Pie(1, d0, d1).PlayOffers();
    REQUIRE(out.deal);
    CHECK(out.round == 0);
    CHECK(out.proposer == 0);
    const double x = (1 - d1) / (1 - d0 * d1);
    CHECK(std::fabs(out.terms[0] - x) < 1e-9);
    CHECK(std::fabs(out.value[0] - x) < 1e-9);
    CHECK(std::fabs(out.value[1] - (1 - x)) < 1e-9);
  }
}

TEST_CASE("alternating offers reproduce the finite-horizon shares (a.4)") {
  for (int T = 1; T <= 12; ++T) {
    CAPTURE(T);
    const double d = 0.9;
    Outcome common = Pie(1, d, d, 0, 0, T).PlayOffers();
    REQUIRE(common.deal);
    CHECK(std::fabs(common.terms[0] - (1 - std::pow(-d, T)) / (1 + d)) < 1e-12);
    // Unequal discounts: (1 − d2)(1 − (d1d2)^m)/(1 − d1d2), plus (d1d2)^m when T is odd.
    const double d0 = 0.95, d1 = 0.8, m = T / 2;
    double x = (1 - d1) * (1 - std::pow(d0 * d1, m)) / (1 - d0 * d1) + (T % 2 ? std::pow(d0 * d1, m) : 0.0);
    Outcome unequal = Pie(1, d0, d1, 0, 0, T).PlayOffers();
    CHECK(std::fabs(unequal.terms[0] - x) < 1e-12);
  }
}

TEST_CASE("alternating offers reproduce breakdown-risk shares (a.2)") {
  const double p = 0.1, d0 = 0.95, d1 = 0.9, a0 = (1 - p) * d0, a1 = (1 - p) * d1;
  Setup pie = Pie(1, d0, d1);
  pie.w.breakdown = p;
  Outcome out = pie.PlayOffers();
  REQUIRE(out.deal);
  CHECK(std::fabs(out.terms[0] - (1 - a1) / (1 - a0 * a1)) < 1e-9);
  // Reservations b under R = (1 − a)b + aV: 1 − x = (1 − a1)b1 + a1·y, 1 − y = (1 − a0)b0 + a0·x.
  const double b0 = 0.2, b1 = 0.3;
  const double x = (1 - a1 - (1 - a1) * b1 + a1 * (1 - a0) * b0) / (1 - a0 * a1);
  Setup with_b = Pie(1, d0, d1, b0, b1);
  with_b.w.breakdown = p;
  out = with_b.PlayOffers();
  REQUIRE(out.deal);
  CHECK(std::fabs(out.terms[0] - x) < 1e-9);
  CHECK(std::fabs(out.value[1] - (1 - x)) < 1e-9);
  CHECK(out.no_deal_value[0] == b0);
}

TEST_CASE("nash reproduces the linear pie with weights and reservations (b.1)") {
  Setup pie = Pie(1, 1, 1, 0.1, 0.25);
  pie.s.protocol.weights = {2, 1};
  Outcome out = pie.PlayNash();
  REQUIRE(out.deal);
  CHECK(out.round == 0);
  CHECK(out.proposer == -1);
  CHECK(std::fabs(out.terms[0] - (0.1 + 2.0 / 3 * (1 - 0.35))) < 1e-9);
  // Default weights: capabilities.
  pie.s.protocol.weights.clear();
  pie.w.capability << 1, 3;
  out = pie.PlayNash();
  CHECK(std::fabs(out.terms[0] - (0.1 + 0.25 * 0.65)) < 1e-9);
  CHECK(std::fabs(out.value[1] - (0.25 + 0.75 * 0.65)) < 1e-9);
}

TEST_CASE("nash with quadratic utilities matches its first-order condition") {
  Setup pie = Pie(2, 1, 1, 0.2, 0.1);
  pie.s.protocol.weights = {1, 2.5};
  Outcome out = pie.PlayNash();
  REQUIRE(out.deal);
  // u0 = 1 − (1 − x)², u1 = 1 − x²: d/dx [log(u0 − 0.2) + 2.5·log(u1 − 0.1)] = 0, decreasing in x.
  auto slope = [](double x) {
    double u0 = 1 - (1 - x) * (1 - x), u1 = 1 - x * x;
    return 2 * (1 - x) / (u0 - 0.2) - 2.5 * 2 * x / (u1 - 0.1);
  };
  double lo = 1 - std::sqrt(0.8), hi = std::sqrt(0.9);  // where both gain
  for (int it = 0; it < 200; ++it) (slope(0.5 * (lo + hi)) > 0 ? lo : hi) = 0.5 * (lo + hi);
  CHECK(std::fabs(out.terms[0] - lo) < 1e-9);
}

TEST_CASE("nash with three veto actors beats every point of a fine grid") {
  for (double r : {2.0, 1.0}) {
    Setup p(3, {0, 0});
    p.w.risk.setConstant(r);
    p.w.position << 0.1, 0.9, 0.8, 0.2, 0.5, 0.5;
    p.w.salience << 0.7, 0.3, 0.4, 0.6, 0.5, 0.5;
    p.w.flow << 0.55, 0.5, 0.6;
    p.w.capability << 1, 2, 1.5;
    Outcome out = p.PlayNash();
    REQUIRE(out.deal);
    auto product = [&](const double* x) {
      double sum = 0;
      for (int a = 0; a < 3; ++a) {
        double gain = Utility(p.s, p.w, a, x) - p.w.flow[a];
        if (gain <= 0) return -1e300;
        sum += p.w.capability[a] * std::log(gain);
      }
      return sum;
    };
    double best = -1e300;
    for (int i = 0; i <= 400; ++i)
      for (int j = 0; j <= 400; ++j) {
        double x[] = {i / 400.0, j / 400.0};
        best = std::fmax(best, product(x));
      }
    CAPTURE(r);
    CHECK(product(out.terms.data()) >= best - 1e-12);
  }
}

TEST_CASE("no zone of agreement for both protocols") {
  Setup pie = Pie(1, 0.9, 0.9, 0.6, 0.5, 20);
  for (const Outcome& out : {pie.PlayOffers(), pie.PlayNash()}) {
    CHECK_FALSE(out.deal);
    CHECK(out.cause == NoDealCause::NoZone);
    CHECK(out.value[0] == 0.6);
    CHECK(out.value[1] == 0.5);
  }
}

TEST_CASE("ordinal issues: terms on levels, value tables respected") {
  Setup p(2, {5, 0});
  p.w.position << 1.0, 0.8, 0.0, 0.1;
  p.w.salience << 0.6, 0.4, 0.5, 0.5;
  p.w.discount << 0.9, 0.85;
  p.s.horizon = 30;
  // Actor 1 values the ordinal levels by table: it hates the middle level.
  p.s.value_offset(1, 0) = 0;
  p.w.level_value.resize(5);
  p.w.level_value << 1.0, 0.9, 0.1, 0.5, 0.2;
  for (const Outcome& out : {p.PlayOffers(), p.PlayNash()}) {
    REQUIRE(out.deal);
    const double level = out.terms[0] * 4;
    CHECK(level == std::round(level));
    CHECK(out.terms[1] >= 0);
    CHECK(out.terms[1] <= 1);
  }
  // The solver's utilities are the model's.
  OfferSolver solver;
  solver.Resize(p.s), solver.Load(p.s, p.w);
  const double terms[] = {0.5, 0.3};
  CHECK(solver.Utility(1, terms) == Utility(p.s, p.w, 1, terms));
  Offer offer = solver.NewOffer();
  const int responder = 1;
  const double threshold = 0.8;
  REQUIRE(solver.Solve(0, &responder, 1, &threshold, offer));
  // Brute force over levels and a fine grid of the continuous issue.
  double best = -1;
  for (int l = 0; l < 5; ++l)
    for (int i = 0; i <= 20000; ++i) {
      double x[] = {l / 4.0, i / 20000.0};
      if (Utility(p.s, p.w, 1, x) >= threshold) best = std::fmax(best, Utility(p.s, p.w, 0, x));
    }
  CHECK(offer.proposer_utility >= best - 1e-12);
  CHECK(offer.proposer_utility - best < 1e-4);
}

TEST_CASE("a mediator proposes and the veto actors accept") {
  Setup p(3, {0, 0});
  p.Mediator(0);
  p.w.position << 0.5, 0.5, 0.0, 0.2, 1.0, 0.9;
  p.w.risk << 2, 2, 2;
  p.w.discount << 0.95, 0.9, 0.92;
  p.w.flow << 0.3, 0.4, 0.4;
  p.s.protocol.proposers = {0, 1, 2};
  p.s.protocol.recognition = {1.0 / 3, 1.0 / 3, 1.0 / 3};
  p.s.horizon = 40;
  Trace trace;
  Outcome out = p.PlayOffers(&trace);
  REQUIRE(out.deal);
  CHECK(out.round == 0);
  CHECK(out.proposer == 0);
  REQUIRE(trace.steps.size() == 1);
  CHECK(trace.steps[0].answers.size() == 2);
  for (const TraceAnswer& a : trace.steps[0].answers) CHECK(a.accept);
}

TEST_CASE("breakdown draws come from the protocol.breakdown stream") {
  // Round 0's proposer (a mediator content with no deal) offers nothing.
  Setup p(3, {0});
  p.Mediator(2);
  p.w.position << 1, 0, 0;
  p.w.flow << 0, 0, 1;
  p.w.discount << 1, 1, 0.1;  // impatient: waiting a round is worth 0.95 to it
  p.w.breakdown = 0.5;
  p.s.protocol.proposers = {2, 0};
  p.s.protocol.recognition = {0.5, 0.5};
  p.s.horizon = 2;
  int broke = 0;
  for (std::uint64_t rep = 0; rep < 40; ++rep) {
    p.w.replicate = rep;
    Trace trace;
    Outcome out = p.PlayOffers(&trace);
    const double u = Rng(p.w.seed, rep, kBreakdownDrawStream).UniformAt(0);
    CHECK(trace.steps[0].breakdown_draw == u);
    CHECK(out.deal == (u >= 0.5));
    if (!out.deal) {
      CHECK(out.cause == NoDealCause::Breakdown);
      ++broke;
    } else {
      CHECK(out.round == 1);
      CHECK(out.proposer == 0);
      CHECK(out.terms[0] == 1.0);
    }
  }
  CHECK(broke > 5);
  CHECK(broke < 35);
}

TEST_CASE("random order: proposers drawn reproducibly from protocol.order") {
  Setup p(3, {0});
  p.w.position << 1, 0, 0.5;
  p.w.discount << 0.9, 0.9, 0.9;
  p.s.protocol.order = Order::Random;
  p.s.protocol.recognition = {0.2, 0.3, 0.5};
  p.s.horizon = 10;
  for (std::uint64_t rep = 0; rep < 20; ++rep) {
    p.w.replicate = rep;
    Outcome a = p.PlayOffers(), b = p.PlayOffers();
    CHECK(a.deal == b.deal);
    CHECK(a.proposer == b.proposer);
    CHECK(a.terms[0] == b.terms[0]);
    const double u = Rng(p.w.seed, rep, StreamIdOf("protocol.order")).UniformAt(0);
    CHECK(a.proposer == (u < 0.2 ? 0 : u < 0.5 ? 1 : 2));
  }
}

TEST_CASE("random order: the horizon passes when only a holdout is drawn") {
  // The mediator (drawn with probability 0.9) prefers no deal to anything.
  Setup p(3, {0});
  p.Mediator(2);
  p.w.position << 1, 0, 0;
  p.w.flow << 0, 0, 2;
  p.s.protocol.proposers = {2, 0};
  p.s.protocol.order = Order::Random;
  p.s.protocol.recognition = {0.9, 0.1};
  p.s.horizon = 2;
  int horizon = 0;
  for (std::uint64_t rep = 0; rep < 60; ++rep) {
    p.w.replicate = rep;
    Outcome out = p.PlayOffers();
    const Rng order(p.w.seed, rep, StreamIdOf("protocol.order"));
    const int first = order.UniformAt(0) < 0.9 ? (order.UniformAt(1) < 0.9 ? -1 : 1) : 0;
    CAPTURE(rep);
    CHECK(out.deal == (first >= 0));
    if (first >= 0) {
      CHECK(out.round == first);
    } else {
      CHECK(out.cause == NoDealCause::Horizon);
      ++horizon;
    }
  }
  CHECK(horizon > 20);
}

// The textbook pie as a scenario file, through loader, compiler and draw.
Outcome PlayFile(const std::string& kind, const std::string& extra = "") {
  const std::string text = R"(parley: 1
name: pie
rounds: {horizon: 2000}
protocol: {kind: )" + kind + R"(}
issues:
  pie: {scale: [0, 1], status_quo: 0}
actors:
  a: {position: {pie: 1}, salience: {pie: 1}, discount: 0.93, reservation: 0.1, capability: 2}
  b: {position: {pie: 0}, salience: {pie: 1}, discount: 0.81, reservation: 0.2, capability: 1}
)" + extra;
  Scenario s = Compile(LoadScenarioSpecFromString(text, "pie.yaml"));
  const ProtocolInfo* info = FindProtocol(kind);
  REQUIRE(info);
  REQUIRE(info->unsupported(s).empty());
  std::unique_ptr<Protocol> protocol = info->create(s);
  World w;
  Draw(s, s.seed, 0, w);
  Outcome out;
  out.Resize(s.NumActors(), s.NumIssues(), 0);
  auto ws = protocol->NewWorkspace();
  protocol->Play(w, *ws, out, nullptr);
  return out;
}

TEST_CASE("scenario files reproduce the closed forms") {
  // Rubinstein with reservations b: 1 − x = (1 − d2)b2 + d2·y, 1 − y = (1 − d1)b1 + d1·x.
  const double d1 = 0.93, d2 = 0.81, b1 = 0.1, b2 = 0.2;
  Outcome ao = PlayFile("alternating_offers");
  REQUIRE(ao.deal);
  CHECK(std::fabs(ao.terms[0] - (1 - d2 - (1 - d2) * b2 + d2 * (1 - d1) * b1) / (1 - d1 * d2)) < 1e-9);
  // Nash with capability weights 2:1 and disagreement at the reservations.
  Outcome nash = PlayFile("nash");
  REQUIRE(nash.deal);
  CHECK(std::fabs(nash.terms[0] - (b1 + 2.0 / 3 * (1 - b1 - b2))) < 1e-9);
}

TEST_CASE("registry: each protocol has its schema; concession refuses an outcome space it cannot enumerate") {
  CHECK(ProtocolNames() == std::vector<std::string>{"alternating_offers", "nash", "expected_utility", "concession"});
  for (const ProtocolInfo& info : ProtocolRegistry()) {
    REQUIRE(info.schema);
    CHECK(info.schema->name == info.name);
    CHECK(info.create);
  }
  CHECK(FindProtocol("rubinstein") == nullptr);
  Setup p = Pie(1, 0.9, 0.9);
  const ProtocolInfo* concession = FindProtocol("concession");
  CHECK(concession->unsupported(p.s).empty());
  p.s.protocol.grid = 5000;  // 5000 points on the pie's one issue: within the limit
  CHECK(concession->unsupported(p.s).empty());
  p.s.protocol.grid = 100000000;
  CHECK(concession->unsupported(p.s).find("lower `protocol.grid`") != std::string::npos);
}

}  // TEST_SUITE

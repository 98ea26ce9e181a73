// Private information in alternating_offers (docs/model.md §5): Fearon's
// risk-return trade-off through scenarios/textbook/fearon.yaml, and zero-spread
// priors giving exactly the complete-information result.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/distribution.h"
#include "core/text.h"
#include "helpers.h"
#include "protocols/private_information.h"
#include "scenario/load.h"

using parley::CostBelief;
using parley::Distribution;
using parley::FormatNumber;
using parley::Json;
using parley::PriorCdf;
using parley::test::RunFile;
using parley::test::kFearonFile;
using parley::test::Source;

namespace {

using parley::test::Set;

struct Fearon {
  double p, cA, a, b;
};

// Runs fearon.yaml at (p, cA, [a, b]) and checks the closed form of docs/model.md §9.5.
void CheckFearon(const Fearon& f, long long n) {
  CAPTURE(f.p);
  CAPTURE(f.cA);
  CAPTURE(f.a);
  CAPTURE(f.b);
  const double y = std::clamp((f.b - f.cA) / 2, f.a, std::min(f.b, 1 - f.p));
  const double demand = f.p + y, war = (y - f.a) / (f.b - f.a);
  Json s = RunFile(Source(kFearonFile),
                   {Set("issues.share.status_quo", f.p), Set("actors.a.war_cost", f.cA),
                    "actors.b.war_cost={dist: uniform, low: " + FormatNumber(f.a) + ", high: " + FormatNumber(f.b) + "}"},
                   n);
  const double deal = s["deal"]["p"].get<double>();
  const double se = std::sqrt(war * (1 - war) / n);
  CHECK(std::fabs(deal - (1 - war)) <= 4 * se + 1e-12);
  if (deal > 0) {
    CHECK(std::fabs(s["issues"]["share"]["mean"].get<double>() - demand) < 1e-9);
    CHECK(s["issues"]["share"]["sd"].get<double>() < 1e-9);
  }
}

double Number(const Json& j) { return j.is_number() ? j.get<double>() : std::nan(""); }

// Every number of two summaries agrees to 1e-12 (exact: to the last bit;
// strings and the rest exactly), except where the information setting and
// the overrides are reported (config.reading names the information setting).
void CheckSame(const Json& a, const Json& b, const std::string& where, bool exact = false) {
  CAPTURE(where);
  if (a.is_number() && b.is_number()) {
    if (exact) CHECK(a.dump() == b.dump());
    else CHECK(std::fabs(Number(a) - Number(b)) <= 1e-12 * std::max(1.0, std::fabs(Number(a))));
  } else if (a.is_object() && b.is_object()) {
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (it.key() == "information" || it.key() == "scenario" || it.key() == "sha256" || it.key() == "elapsed" ||
          it.key() == "run" || it.key() == "timing" || it.key() == "overrides" || it.key() == "reading")
        continue;
      REQUIRE(b.contains(it.key()));
      CheckSame(it.value(), b[it.key()], where + "." + it.key(), exact);
    }
  } else if (a.is_array() && b.is_array()) {
    REQUIRE(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i) CheckSame(a[i], b[i], where + "[" + std::to_string(i) + "]", exact);
  } else {
    CHECK(a.dump() == b.dump());
  }
}

}  // namespace

TEST_SUITE("protocols") {
  TEST_CASE("prior CDFs invert the quantiles") {
    const Distribution dists[] = {Distribution::Uniform(0.05, 0.35), Distribution::Normal(0.1, 0.05, 0, 0.3),
                                  Distribution::BetaAlphaBeta(2, 5, 0.01, 0.2), Distribution::Triangular(0, 0.1, 0.4),
                                  Distribution::Lognormal(-3, 0.5, 0.01, 0.5)};
    for (const Distribution& d : dists)
      for (double u : {0.01, 0.2, 0.5, 0.77, 0.99}) CHECK(std::fabs(PriorCdf(d, d.Quantile(u)) - u) < 1e-9);
    // Truncation by a rejection and an acceptance.
    Distribution u = Distribution::Uniform(0, 1);
    CostBelief b{&u};
    b.Reject(0.6);
    CHECK(std::fabs(b.ProbAtLeast(0.3) - 0.5) < 1e-15);
    b.Accept(0.3);
    CHECK(std::fabs(b.Low() - 0.3) < 1e-15);
    CHECK(std::fabs(b.High() - 0.6) < 1e-15);
    CHECK(std::fabs(b.Quantile(0.5) - 0.45) < 1e-15);
  }

  TEST_CASE("Fearon's risk-return trade-off through fearon.yaml") {
    // The file as it is: demand 0.725, P(no deal) 0.25.
    Json s = RunFile(Source(kFearonFile));
    const long long n = 20000;
    CHECK(s["deal"]["p"].get<double>() == doctest::Approx(0.75).epsilon(4 * std::sqrt(0.25 * 0.75 / n) / 0.75));
    CHECK(std::fabs(s["issues"]["share"]["mean"].get<double>() - 0.725) < 1e-9);
    CHECK(s["issues"]["share"]["sd"].get<double>() < 1e-9);
    // Other parameters: interior, a = 0, the lower clamp (no war) and the upper one (x = 1).
    const Fearon cases[] = {{0.6, 0.1, 0.05, 0.35}, {0.5, 0.05, 0.0, 0.4}, {0.3, 0.02, 0.1, 0.5},
                            {0.3, 0.2, 0.1, 0.3},   {0.8, 0.0, 0.1, 0.5}, {0.45, 0.15, 0.2, 0.6}};
    for (const Fearon& f : cases) CheckFearon(f, 20000);
  }

  TEST_CASE("zero-spread priors give exactly the complete-information result") {
    // ceasefire_uncertain.yaml with every war cost and discount constant.
    const std::string file = Source("scenarios/examples/ceasefire_uncertain.yaml");
    std::vector<std::string> fixed;
    for (const char* actor : {"russia", "ukraine", "united_states", "european_union"})
      fixed.push_back(std::string("actors.") + actor + ".discount=0.98");
    for (const char* actor : {"russia", "european_union"}) fixed.push_back(std::string("actors.") + actor + ".war_cost=0.03");
    std::vector<std::string> complete = fixed, priv = fixed;
    complete.push_back("protocol.information=complete");
    priv.push_back("protocol.information=private");
    Json a = RunFile(file, complete, 400), b = RunFile(file, priv, 400);
    CHECK(a["deal"]["p"].get<double>() > 0);
    CheckSame(a, b, "summary");
    // Breakdown risk and several rounds: the textbook breakdown file.
    const std::string brw = Source("scenarios/textbook/breakdown.yaml");
    CheckSame(RunFile(brw, {"protocol.information=complete"}), RunFile(brw, {"protocol.information=private"}), "brw");
  }

  TEST_CASE("zero-spread priors equal complete information with events and dynamics (Ukraine baseline)") {
    const std::string file = Source("scenarios/ukraine/baseline.yaml");
    std::vector<std::string> fixed = {"actors.russia.discount=0.99",        "actors.russia.war_cost=0.01",
                                      "actors.ukraine.discount=0.98",       "actors.ukraine.war_cost=0.03",
                                      "actors.united_states.discount=0.97", "actors.united_states.war_cost=0.01",
                                      "actors.european_union.discount=0.99", "actors.european_union.war_cost=0.005"};
    std::vector<std::string> complete = fixed, priv = fixed;
    complete.push_back("protocol.information=complete");
    priv.push_back("protocol.information=private");
    CheckSame(RunFile(file, complete, 300, 2), RunFile(file, priv, 300, 2), "ukraine");
  }

  TEST_CASE("explain shows the belief, the cutoff, the acceptance probability and the values of waiting") {
    // Replicate 3 of fearon.yaml draws cB = 0.052 < 0.125: B rejects the demand 0.725.
    auto r = parley::test::RunCli({"explain", Source(kFearonFile), "--replicate", "3"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("belief b war_cost in [0.05, 0.35]") != std::string::npos);
    CHECK(r.out.find("the types with cost >= 0.125 accept (P 0.75)") != std::string::npos);
    // B's own value of waiting: its war for good, 1 - 0.6 - 0.0523 (one round).
    CHECK(r.out.find("b rejects: utility 0.275 vs value of waiting 0.34773") != std::string::npos);
  }
}


TEST_SUITE("protocols") {
  TEST_CASE("zero-spread war costs give summaries identical to complete information on every shipped file") {
    // Each actor's war cost fixed at its prior's mean (discounts and every
    // other draw stay drawn: they are common knowledge either way).
    int checked = 0;
    for (const std::string& file : parley::test::ShippedScenarios()) {
      parley::Scenario s = parley::Compile(parley::LoadScenarioSpec(file, {}));
      if (s.protocol.kind != "alternating_offers") continue;
      CAPTURE(file);
      ++checked;
      std::vector<std::string> fixed;
      for (const parley::Actor& a : s.actors)
        if (a.war_cost >= 0) fixed.push_back(Set("actors." + a.name + ".war_cost", s.params[a.war_cost].dist.Mean()));
      std::vector<std::string> complete = fixed, priv = fixed;
      complete.push_back("protocol.information=complete");
      priv.push_back("protocol.information=private");
      CheckSame(RunFile(file, complete, 300, 2), RunFile(file, priv, 300, 2), "summary", true);
    }
    CHECK(checked >= 10);  // the Ukraine library, the examples and the alternating-offers textbook files
  }
}

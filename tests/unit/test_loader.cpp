// Scenario loader: valid files, defaults, parameter paths and distributions.
// Error reporting lives in test_loader_errors.cpp, the YAML layer in
// test_loader_yaml.cpp, extends and --set in test_loader_variants.cpp.
#include <doctest/doctest.h>

#include <cmath>

#include "loader_test_util.h"
#include "scenario/load.h"

namespace parley {
namespace {

using test::kValid;

const ActorSpec& ActorNamed(const ScenarioSpec& s, const std::string& name) {
  int a = s.ActorIndex(name);
  REQUIRE(a >= 0);
  return s.actors[static_cast<size_t>(a)];
}

bool IsConstant(const ParamSpec& p, double value) {
  return p.present && p.dist.kind == DistKind::Constant && p.dist.value == value;
}

ScenarioSpec LoadExample() {
  return LoadScenarioSpec(std::string(PARLEY_SOURCE_DIR) + "/scenarios/examples/minimal.yaml");
}

TEST_SUITE("loader") {
  TEST_CASE("a minimal scenario gets every default") {
    ScenarioSpec s = LoadScenarioSpecFromString(kValid, "s.yaml");
    CHECK(s.name == "t");
    CHECK(s.round_label == "round");
    CHECK(s.horizon == 10);
    CHECK(s.replicates == 1000);
    CHECK(s.seed == 1);
    CHECK(s.protocol.kind == "alternating_offers");
    CHECK(s.protocol.proposers.empty());
    CHECK(s.protocol.order == "rotate");
    CHECK(s.protocol.recognition.empty());
    CHECK(IsConstant(s.protocol.breakdown, 0.0));
    CHECK(s.protocol.information == "complete");
    CHECK(s.protocol.weights.empty());
    CHECK(s.protocol.grid == 11);
    CHECK(s.report.bins == 20);
    CHECK(s.report.bundles.empty());
    CHECK(s.dynamics.empty());
    CHECK(s.events.empty());
    CHECK(s.files == std::vector<std::string>{"s.yaml"});
    CHECK(s.source_text == kValid);
    CHECK(s.overrides.empty());
  }

  TEST_CASE("issues: continuous scales, ordinal levels and status quos") {
    ScenarioSpec s = LoadScenarioSpecFromString(kValid, "s.yaml");
    REQUIRE(s.issues.size() == 2);
    const IssueSpec& territory = s.issues[0];
    CHECK(territory.name == "territory");
    CHECK(territory.label == "territory");
    CHECK_FALSE(territory.ordinal);
    CHECK(territory.low == 0);
    CHECK(territory.high == 1);
    CHECK(IsConstant(territory.status_quo, 0.2));
    CHECK(territory.status_quo.path == "issues.territory.status_quo");
    const IssueSpec& crimea = s.issues[1];
    CHECK(crimea.ordinal);
    CHECK(crimea.levels == std::vector<std::string>{"de_jure", "de_facto", "none"});
    CHECK(IsConstant(crimea.status_quo, 2.0));  // level index of `none`
  }

  TEST_CASE("actors: defaults stand at the actor, given values at their text") {
    ScenarioSpec s = LoadScenarioSpecFromString(kValid, "s.yaml");
    const ActorSpec& russia = ActorNamed(s, "russia");
    CHECK(russia.label == "russia");
    CHECK(russia.veto);
    CHECK(IsConstant(russia.capability, 1.0));
    CHECK(IsConstant(russia.risk, 1.0));
    CHECK(IsConstant(russia.discount, 1.0));
    CHECK(IsConstant(russia.war_cost, 0.0));
    CHECK_FALSE(russia.reservation.present);
    CHECK(russia.reservation.path == "actors.russia.reservation");
    CHECK_FALSE(russia.tactic.present);
    CHECK(russia.capability.loc.file == "s.yaml");
    CHECK(russia.capability.loc.line == 9);
    REQUIRE(russia.position.size() == 2);
    CHECK(IsConstant(russia.position[0], 0.0));
    CHECK(IsConstant(russia.position[1], 0.0));  // de_jure
    CHECK(IsConstant(russia.salience[1], 0.4));
    CHECK(russia.salience[1].loc.line == 10);
    CHECK(russia.salience[1].loc.col == 40);
    CHECK(russia.values.size() == 2);
    CHECK(russia.values[1].empty());
  }

  TEST_CASE("the example file reads every section") {
    ScenarioSpec s = LoadExample();
    CHECK(s.round_label == "week");
    CHECK(s.horizon == 20);
    CHECK(s.replicates == 2000);
    CHECK(s.seed == 42);
    CHECK(s.description.find("Two states") == 0);
    CHECK(s.protocol.proposers == std::vector<int>{2, 0, 1});
    CHECK(s.protocol.order == "random");
    CHECK(s.protocol.recognition == std::vector<double>{2, 1, 1});
    CHECK(s.protocol.information == "private");
    CHECK(s.protocol.weights.empty());  // nash's weights are in its block
    ScenarioSpec nash =
        LoadScenarioSpec(std::string(PARLEY_SOURCE_DIR) + "/scenarios/examples/minimal.yaml", {"protocol.kind=nash"});
    CHECK(nash.protocol.weights == std::vector<double>{1, 2, 0});
    CHECK(s.issues[0].label == "Border line");
    REQUIRE(s.issues[0].anchors.size() == 3);
    CHECK(s.issues[0].anchors[1] == std::pair<double, std::string>{0.5, "current line"});
    CHECK_FALSE(ActorNamed(s, "mediator").veto);
    REQUIRE(s.report.bundles.size() == 1);
    CHECK(s.report.bundles[0].issue == 0);
    CHECK(s.report.bundles[0].cuts == std::vector<double>{0.25, 0.5, 0.75});
  }

  TEST_CASE("the example file: values, tactics and the no-deal flow") {
    ScenarioSpec s = LoadExample();
    const ActorSpec& north = ActorNamed(s, "north");
    REQUIRE(north.values[1].size() == 3);
    CHECK(IsConstant(north.values[1][1], 0.7));
    CHECK(north.values[1][1].path == "actors.north.values.status.partial");
    CHECK(north.values[0].empty());
    CHECK(north.tactic.kind == "boulware");
    CHECK(north.tactic.exponent == 4.0);
    CHECK(ActorNamed(s, "mediator").tactic.exponent == 1.0);
    const ActorSpec& south = ActorNamed(s, "south");
    CHECK(south.tactic.kind == "exponent");
    CHECK(south.tactic.exponent == 2.0);
    CHECK(IsConstant(south.reservation, 0.3));
    CHECK_FALSE(south.war_cost.present);
  }

  TEST_CASE("every distribution kind parses with its parameters") {
    ScenarioSpec s = LoadExample();
    const Distribution& uniform = ActorNamed(s, "north").war_cost.dist;
    CHECK(uniform.kind == DistKind::Uniform);
    CHECK(uniform.low == 0.002);
    CHECK(uniform.high == 0.01);
    const Distribution& normal = ActorNamed(s, "south").capability.dist;
    CHECK(normal.kind == DistKind::Normal);
    CHECK(normal.mean == 0.4);
    CHECK(normal.sd == 0.05);
    CHECK(normal.low == 0.1);
    CHECK(normal.high == 0.9);
    const Distribution& triangular = ActorNamed(s, "south").salience[0].dist;
    CHECK(triangular.kind == DistKind::Triangular);
    CHECK(triangular.mode == 0.8);
    const Distribution& stretched = ActorNamed(s, "south").discount.dist;
    CHECK(stretched.kind == DistKind::Beta);
    CHECK(stretched.alpha == 50);
    CHECK(stretched.beta == 1);
    CHECK(stretched.low == 0.9);
    CHECK(stretched.high == 1);
    const Distribution& log_mu = s.dynamics[0].volatility.dist;
    CHECK(log_mu.kind == DistKind::Lognormal);
    CHECK(log_mu.mean == -5);
    CHECK(log_mu.sd == 0.5);
    CHECK(log_mu.high == 0.1);
    const Distribution& choice = ActorNamed(s, "south").position[1].dist;
    CHECK(choice.kind == DistKind::Choice);
    CHECK(choice.values == std::vector<double>{2, 1});  // none, partial
    CHECK(choice.cumulative == std::vector<double>{0.75, 1.0});
  }

  TEST_CASE("beta by mean and sd, and lognormal by mean and sd, convert their moments") {
    ScenarioSpec s = LoadExample();
    const Distribution& beta = ActorNamed(s, "north").discount.dist;
    double n = beta.alpha + beta.beta;
    CHECK(beta.alpha / n == doctest::Approx(0.98).epsilon(1e-12));
    CHECK(std::sqrt(beta.alpha * beta.beta / (n * n * (n + 1))) == doctest::Approx(0.005).epsilon(1e-12));
    const Distribution& lognormal = ActorNamed(s, "south").risk.dist;
    double sigma2 = std::log(1 + 0.3 * 0.3 / (1.5 * 1.5));
    CHECK(lognormal.sd == doctest::Approx(std::sqrt(sigma2)).epsilon(1e-12));
    CHECK(lognormal.mean == doctest::Approx(std::log(1.5) - sigma2 / 2).epsilon(1e-12));
    CHECK(lognormal.low == 1);
    CHECK(lognormal.high == 10);
  }

  TEST_CASE("a beta given by mean and sd on [low, high] is stretched") {
    std::string text = std::string(kValid) + "protocol: {breakdown: {dist: beta, mean: 0.3, sd: 0.1, low: 0.2, high: 0.6}}\n";
    const Distribution& d = LoadScenarioSpecFromString(text, "s.yaml").protocol.breakdown.dist;
    CHECK(d.low == 0.2);
    CHECK(d.high == 0.6);
    CHECK(d.Mean() == doctest::Approx(0.3).epsilon(1e-12));
    double n = d.alpha + d.beta;
    CHECK(0.4 * std::sqrt(d.alpha * d.beta / (n * n * (n + 1))) == doctest::Approx(0.1).epsilon(1e-12));
  }

  TEST_CASE("events, effects and dynamics") {
    ScenarioSpec s = LoadExample();
    REQUIRE(s.events.size() == 2);
    const EventSpec& offensive = s.events[0];
    CHECK(offensive.id == "offensive");
    CHECK(offensive.label == "Spring offensive");
    CHECK(IsConstant(offensive.hazard, 0.1));
    CHECK(offensive.from_round == 4);
    CHECK(offensive.until_round == 12);
    CHECK(offensive.no_agreement_by == -1);
    CHECK_FALSE(offensive.once);
    REQUIRE(offensive.effects.size() == 2);
    CHECK(offensive.effects[1].target == "issues.border.status_quo");
    CHECK(offensive.effects[1].op == EffectOp::Add);
    CHECK(IsConstant(offensive.effects[1].value, -0.05));
    const EventSpec& sanctions = s.events[1];
    CHECK(sanctions.once);
    CHECK(sanctions.no_agreement_by == 8);
    CHECK(sanctions.hazard.dist.kind == DistKind::Choice);
    REQUIRE(sanctions.effects.size() == 3);
    CHECK(sanctions.effects[0].op == EffectOp::Scale);
    CHECK(sanctions.effects[1].op == EffectOp::Set);
    CHECK(IsConstant(sanctions.effects[1].value, 1.0));  // level `partial`
    CHECK(sanctions.effects[2].target == "events.offensive.hazard");
    REQUIRE(s.dynamics.size() == 1);
    CHECK(s.dynamics[0].issue == 0);
    CHECK(IsConstant(s.dynamics[0].drift, -0.002));
  }

  TEST_CASE("every parameter is named by its dotted path") {
    ScenarioSpec s = LoadExample();
    const ActorSpec& south = ActorNamed(s, "south");
    CHECK(south.capability.path == "actors.south.capability");
    CHECK(south.discount.path == "actors.south.discount");
    CHECK(south.risk.path == "actors.south.risk");
    CHECK(south.reservation.path == "actors.south.reservation");
    CHECK(south.position[1].path == "actors.south.position.status");
    CHECK(south.salience[0].path == "actors.south.salience.border");
    CHECK(ActorNamed(s, "north").war_cost.path == "actors.north.war_cost");
    CHECK(s.issues[1].status_quo.path == "issues.status.status_quo");
    CHECK(s.protocol.breakdown.path == "protocol.breakdown");
    CHECK(s.dynamics[0].drift.path == "dynamics.border.drift");
    CHECK(s.dynamics[0].volatility.path == "dynamics.border.volatility");
    CHECK(s.events[1].hazard.path == "events.sanctions.hazard");
    CHECK(s.events[1].effects[2].value.path == "events.sanctions.effects.2.set");
    CHECK(s.events[0].effects[0].value.path == "events.offensive.effects.0.add");
  }

  TEST_CASE("recognition without proposers lists the veto actors") {
    std::string text = std::string(kValid) + "protocol: {order: random, recognition: {ukraine: 3, russia: 1}}\n";
    ScenarioSpec s = LoadScenarioSpecFromString(text, "s.yaml");
    CHECK(s.protocol.proposers == std::vector<int>{0, 1});
    CHECK(s.protocol.recognition == std::vector<double>{1, 3});
  }

  TEST_CASE("the seed takes the whole unsigned 64-bit range") {
    std::string text = std::string(kValid) + "montecarlo: {seed: 18446744073709551615, replicates: 1e5}\n";
    ScenarioSpec s = LoadScenarioSpecFromString(text, "s.yaml");
    CHECK(s.seed == 18446744073709551615ull);
    CHECK(s.replicates == 100000);
  }
}

}  // namespace
}  // namespace parley

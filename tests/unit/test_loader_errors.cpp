// Scenario loader: every kind of schema error names file:line:col, the key
// path, what was expected and what was got.
#include <doctest/doctest.h>

#include "loader_test_util.h"

namespace parley {
namespace {

using test::ErrorCount;
using test::kValid;
using test::LoadError;

// kValid with `lines` (each indented by 4) added to actor russia, from line 11 on.
std::string RussiaWith(const std::string& lines) {
  std::string text = kValid;
  text.insert(text.find("  ukraine:"), lines);
  return text;
}

// kValid with `text` replacing `from`.
std::string Replace(const std::string& from, const std::string& to) {
  std::string text = kValid;
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

TEST_SUITE("loader") {
  TEST_CASE("a value outside its domain: the documented format") {
    std::string message = LoadError(RussiaWith("    discount: 1.3\n"));
    CHECK(message == "s.yaml:11:15: actors.russia.discount: must be in (0, 1], got 1.3");
  }

  TEST_CASE("three different errors are reported together, in file order") {
    std::string text = RussiaWith("    discount: 1.3\n    risk: 0.5\n    salince: {territory: 1}\n");
    CHECK(ErrorCount(text) == 3);
    std::string message = LoadError(text);
    CHECK_ERROR(message, "s.yaml:11:15:", "actors.russia.discount", "must be in (0, 1], got 1.3");
    CHECK_ERROR(message, "s.yaml:12:11:", "actors.russia.risk", "must be in [1, 10], got 0.5");
    CHECK_ERROR(message, "s.yaml:13:5:", "actors.russia.salince", "unknown key (did you mean `salience`?)");
    CHECK(message.find("discount") < message.find("risk"));
  }

  TEST_CASE("unknown keys are errors with a suggestion, never a default") {
    CHECK_ERROR(LoadError(std::string(kValid) + "montecarl: {seed: 3}\n"), "s.yaml:14:1:", "montecarl",
                "unknown key (did you mean `montecarlo`?)");
    CHECK_ERROR(LoadError(std::string(kValid) + "rounds2: 1\nzzz: 1\n"), "s.yaml:15:1:", "zzz",
                "unknown key, expected one of `parley`");
    CHECK_ERROR(LoadError(Replace("{horizon: 10}", "{horizon: 10, lable: week}")), "s.yaml:3:23:", "rounds.lable",
                "did you mean `label`?");
  }

  TEST_CASE("references to unknown actors, issues and levels suggest the name") {
    CHECK_ERROR(LoadError(std::string(kValid) + "protocol: {proposers: [russia, ukrain]}\n"), "s.yaml:14:", 
                "protocol.proposers.1", "expected an actor: `russia` or `ukraine`, got `ukrain` (did you mean `ukraine`?)");
    std::string message = LoadError(Replace("position: {territory: 0,", "position: {teritory: 0,"));
    CHECK_ERROR(message, "s.yaml:9:16:", "actors.russia.position.teritory", "(did you mean `territory`?)");
    CHECK_ERROR(message, "s.yaml:9:15:", "actors.russia.position",
                "expected a position for every issue, got none for `territory`");
    CHECK_ERROR(LoadError(Replace("crimea: de_jure}", "crimea: de_jur}")), "s.yaml:9:", "actors.russia.position.crimea",
                "expected a level of `crimea`: `de_jure`, `de_facto` or `none`, got `de_jur` (did you mean `de_jure`?)");
  }

  TEST_CASE("every issue needs a position and a salience") {
    std::string message = LoadError(Replace("position: {territory: 1, crimea: none}", "position: {territory: 1}"));
    CHECK_ERROR(message, "s.yaml:12:15:", "actors.ukraine.position",
                "expected a position for every issue, got none for `crimea`");
    CHECK_ERROR(LoadError(Replace("    salience: {territory: 0.8, crimea: 0.6}\n", "")), "s.yaml:12:",
                "actors.ukraine.salience", "missing required key");
  }

  TEST_CASE("saliences that are all fixed at zero are rejected") {
    CHECK_ERROR(LoadError(Replace("{territory: 0.8, crimea: 0.6}", "{territory: 0, crimea: 0}")), "s.yaml:13:15:",
                "actors.ukraine.salience", "expected at least one salience above 0, got 0 for every issue");
  }

  TEST_CASE("integers, booleans, numbers: the type is checked and the text quoted") {
    CHECK_ERROR(LoadError(Replace("horizon: 10", "horizon: 2.5")), "s.yaml:3:19:", "rounds.horizon",
                "must be an integer, got 2.5");
    CHECK_ERROR(LoadError(Replace("horizon: 10", "horizon: 0")), "s.yaml:3:", "rounds.horizon",
                "must be an integer in [1, 1000000], got 0");
    CHECK_ERROR(LoadError(Replace("horizon: 10", "label: week")), "s.yaml:3:", "rounds.horizon",
                "missing required key");
    CHECK_ERROR(LoadError(RussiaWith("    veto: yes\n")), "s.yaml:11:11:", "actors.russia.veto",
                "expected true or false, got `yes`");
    CHECK_ERROR(LoadError(RussiaWith("    capability: \"0.3\"\n")), "s.yaml:11:17:", "actors.russia.capability",
                "expected a number, got the quoted text \"0.3\"");
    CHECK_ERROR(LoadError(RussiaWith("    capability: lots\n")), "s.yaml:11:", "actors.russia.capability",
                "expected a number, got `lots`");
    CHECK_ERROR(LoadError(std::string(kValid) + "montecarlo: {seed: -1}\n"), "s.yaml:14:", "montecarlo.seed",
                "must be an integer >= 0, got -1");
  }

  TEST_CASE("NaN and infinities are not numbers a scenario can use") {
    CHECK_ERROR(LoadError(RussiaWith("    capability: .nan\n")), "s.yaml:11:17:", "actors.russia.capability",
                "must be a finite number, got `.nan`");
    CHECK_ERROR(LoadError(RussiaWith("    capability: {dist: uniform, low: 0, high: .inf}\n")), "s.yaml:11:",
                "actors.russia.capability.high", "must be a finite number, got `.inf`");
    CHECK_ERROR(LoadError(RussiaWith("    capability: -.Inf\n")), "s.yaml:11:", "actors.russia.capability",
                "must be a finite number");
  }

  TEST_CASE("war_cost and reservation exclude each other") {
    CHECK_ERROR(LoadError(RussiaWith("    war_cost: 0.01\n    reservation: 0.2\n")), "s.yaml:12:18:",
                "actors.russia.reservation", "expected either `war_cost` or `reservation`, got both");
    ScenarioSpec s = LoadScenarioSpecFromString(RussiaWith("    reservation: -0.2\n"), "s.yaml");
    CHECK(s.actors[0].reservation.present);
    CHECK(s.actors[0].reservation.dist.value == -0.2);
    CHECK_FALSE(s.actors[0].war_cost.present);
  }

  TEST_CASE("distributions: unknown keys, kinds and missing fields") {
    CHECK_ERROR(LoadError(RussiaWith("    discount: {dist: uniform, low: 0.9, hihg: 1}\n")), "s.yaml:11:",
                "actors.russia.discount.hihg", "unknown key (did you mean `high`?)");
    CHECK_ERROR(LoadError(RussiaWith("    discount: {dist: unifrom, low: 0.9, high: 1}\n")), "s.yaml:11:22:",
                "actors.russia.discount.dist", "got `unifrom` (did you mean `uniform`?)");
    CHECK_ERROR(LoadError(RussiaWith("    discount: {dist: uniform, low: 0.9}\n")), "s.yaml:11:",
                "actors.russia.discount.high", "`{dist: uniform}` needs `high`");
    CHECK_ERROR(LoadError(RussiaWith("    discount: {dits: uniform, low: 0.9, high: 1}\n")), "s.yaml:11:",
                "actors.russia.discount", "got a map without `dist` (did you mean `dist`?)");
  }

  TEST_CASE("distributions: parameters must make sense") {
    CHECK_ERROR(LoadError(RussiaWith("    discount: {dist: uniform, low: 0.9, high: 0.8}\n")), "s.yaml:11:",
                "actors.russia.discount.high", "must be > low (0.9), got 0.8");
    CHECK_ERROR(LoadError(RussiaWith("    risk: {dist: triangular, low: 1, mode: 5, high: 3}\n")), "s.yaml:11:",
                "actors.russia.risk.mode", "must be in [1, 3], got 5");
    CHECK_ERROR(LoadError(RussiaWith("    discount: {dist: beta, mean: 0.5, sd: 0.6}\n")), "s.yaml:11:",
                "actors.russia.discount.sd", "sd must be < sqrt(mean*(1-mean)) = 0.500000, got mean 0.5 and sd 0.6");
    CHECK_ERROR(LoadError(RussiaWith("    risk: {dist: beta, mean: 11, sd: 1, low: 1, high: 10}\n")), "s.yaml:11:",
                "actors.russia.risk.mean", "must be in (1, 10), got 11");
    CHECK_ERROR(LoadError(RussiaWith("    discount: {dist: beta, mean: 0.5, alpha: 2}\n")), "s.yaml:11:",
                "actors.russia.discount.alpha", "expected either `mean` and `sd` or `alpha` and `beta`");
    CHECK_ERROR(LoadError(RussiaWith("    capability: {dist: normal, mean: 1, sd: 0, low: 0}\n")), "s.yaml:11:",
                "actors.russia.capability.sd", "must be > 0, got 0");
    CHECK_ERROR(LoadError(RussiaWith("    capability: {dist: lognormal, mean: 1, sd: -1}\n")), "s.yaml:11:",
                "actors.russia.capability.sd", "must be > 0, got -1");
    CHECK_ERROR(LoadError(RussiaWith("    capability: {dist: choice, values: [1, 2], weights: [1]}\n")),
                "s.yaml:11:", "actors.russia.capability.weights", "expected 2 weights, one per value, got 1");
    CHECK_ERROR(LoadError(RussiaWith("    capability: {dist: choice, values: [1, 2], weights: [1, -1]}\n")),
                "s.yaml:11:", "actors.russia.capability.weights.1", "must be >= 0, got -1");
    CHECK_ERROR(LoadError(RussiaWith("    capability: {dist: choice, values: []}\n")), "s.yaml:11:",
                "actors.russia.capability.values", "expected at least one value, got an empty list");
    std::string two = LoadError(RussiaWith("    capability: {dist: normal, mean: x, sd: 0, low: 1}\n"));
    CHECK_ERROR(two, "s.yaml:11:", "actors.russia.capability.mean", "expected a number, got `x`");
    CHECK_ERROR(two, "s.yaml:11:", "actors.russia.capability.sd", "must be > 0, got 0");
    CHECK_ERROR(LoadError(RussiaWith("    capability: {dist: normal, mean: 0, sd: 0.01, low: 5, high: 6}\n")),
                "s.yaml:11:", "actors.russia.capability.low", "expected bounds that keep some probability");
  }

  TEST_CASE("distributions must stay inside the parameter's domain") {
    CHECK_ERROR(LoadError(RussiaWith("    discount: {dist: normal, mean: 0.98, sd: 0.01}\n")), "s.yaml:11:15:",
                "actors.russia.discount", "must be in (0, 1], got a normal distribution unbounded (add low/high to truncate it)");
    CHECK_ERROR(LoadError(RussiaWith("    discount: {dist: normal, mean: 0.98, sd: 0.01, low: 0.5}\n")), "s.yaml:11:",
                "actors.russia.discount", "unbounded above (add low/high to truncate it)");
    CHECK_ERROR(LoadError(RussiaWith("    war_cost: {dist: uniform, low: 0.5, high: 1.2}\n")), "s.yaml:11:15:",
                "actors.russia.war_cost", "must be in [0, 1], got a uniform distribution over [0.5, 1.2]");
    CHECK_ERROR(LoadError(RussiaWith("    discount: {dist: choice, values: [0, 1]}\n")), "s.yaml:11:",
                "actors.russia.discount", "must be in (0, 1], got a choice distribution over [0, 1]");
    CHECK_ERROR(LoadError(Replace("status_quo: 0.2", "status_quo: 1.5")), "s.yaml:5:", "issues.territory.status_quo",
                "must be in [0, 1], got 1.5");
    // A truncated normal and a beta touching an open bound are fine: no draw lands on it.
    LoadScenarioSpecFromString(RussiaWith("    discount: {dist: normal, mean: 0.98, sd: 0.01, low: 0.9, high: 1}\n"
                                          "    capability: {dist: lognormal, mu: 0, sigma: 1}\n"),
                               "s.yaml");
  }

  TEST_CASE("ordinal issues take level names or a choice over levels") {
    CHECK_ERROR(LoadError(Replace("crimea: de_jure}", "crimea: 1}")), "s.yaml:9:", "actors.russia.position.crimea",
                "expected a level of `crimea`: `de_jure`, `de_facto` or `none`, got `1`");
    CHECK_ERROR(LoadError(Replace("crimea: de_jure}", "crimea: {dist: uniform, low: 0, high: 2}}")), "s.yaml:9:",
                "actors.russia.position.crimea.dist", "expected `choice`, got `uniform`");
    CHECK_ERROR(LoadError(Replace("crimea: de_jure}", "crimea: {dist: choice, values: [de_jure, nope]}}")),
                "s.yaml:9:", "actors.russia.position.crimea.values.1", "got `nope`");
  }

  TEST_CASE("issues: scale or levels, sensible anchors") {
    CHECK_ERROR(LoadError(Replace("{scale: [0, 1], status_quo: 0.2}", "{scale: [1, 0], status_quo: 0.2}")),
                "s.yaml:5:", "issues.territory.scale", "expected low < high, got [1, 0]");
    CHECK_ERROR(LoadError(Replace("{scale: [0, 1], status_quo: 0.2}", "{status_quo: 0.2}")), "s.yaml:5:",
                "issues.territory.scale", "expected `scale: [low, high]` or `levels: [...]`, got neither");
    CHECK_ERROR(LoadError(Replace("[de_jure, de_facto, none]", "[de_jure, de_jure, none]")), "s.yaml:6:30:",
                "issues.crimea.levels.1", "expected distinct level names, got `de_jure` twice");
    CHECK_ERROR(LoadError(Replace("status_quo: 0.2}", "status_quo: 0.2, anchors: {2: far}}")), "s.yaml:5:",
                "issues.territory.anchors.2", "must be in [0, 1], got 2");
    CHECK_ERROR(LoadError(Replace("status_quo: none}", "status_quo: none, anchors: {0: a}}")), "s.yaml:6:",
                "issues.crimea.anchors", "expected anchors only on a continuous issue");
  }

  TEST_CASE("values tables: ordinal issues only, every level given") {
    CHECK_ERROR(LoadError(RussiaWith("    values: {crimea: {de_jure: 1, de_facto: 0.5}}\n")), "s.yaml:11:",
                "actors.russia.values.crimea", "expected a value for every level of `crimea`, got none for `none`");
    CHECK_ERROR(LoadError(RussiaWith("    values: {territory: {a: 1}}\n")), "s.yaml:11:", "actors.russia.values.territory",
                "expected an ordinal issue (one with `levels`), got the continuous issue `territory`");
    CHECK_ERROR(LoadError(RussiaWith("    values: {crimea: {de_jure: 1, de_facto: 0.5, none: 0, nome: 0}}\n")),
                "s.yaml:11:", "actors.russia.values.crimea.nome", "(did you mean `none`?)");
    CHECK_ERROR(LoadError(RussiaWith("    values: {crimea: {de_jure: 1.5, de_facto: 0.5, none: 0}}\n")), "s.yaml:11:",
                "actors.russia.values.crimea.de_jure", "must be in [0, 1], got 1.5");
  }

  TEST_CASE("tactics") {
    CHECK_ERROR(LoadError(RussiaWith("    tactic: {kind: boulware, exponent: 2}\n")), "s.yaml:11:", "actors.russia.tactic.exponent",
                "expected either `kind` or `exponent`, got both");
    CHECK_ERROR(LoadError(RussiaWith("    tactic: {kind: bulware}\n")), "s.yaml:11:", "actors.russia.tactic.kind",
                "(did you mean `boulware`?)");
    CHECK_ERROR(LoadError(RussiaWith("    tactic: {exponent: 0}\n")), "s.yaml:11:", "actors.russia.tactic.exponent",
                "must be > 0, got 0");
  }

  TEST_CASE("the protocol section") {
    std::string base = kValid;
    CHECK_ERROR(LoadError(base + "protocol: {kind: nahs}\n"), "s.yaml:14:", "protocol.kind", "(did you mean `nash`?)");
    CHECK_ERROR(LoadError(base + "protocol: {proposers: [russia, russia]}\n"), "s.yaml:14:", "protocol.proposers.1",
                "expected each proposer once");
    CHECK_ERROR(LoadError(base + "protocol: {proposers: [russia], recognition: {russia: 1, ukraine: 1}}\n"),
                "s.yaml:14:", "protocol.recognition.ukraine", "expected a proposer: `russia`, got `ukraine`");
    CHECK_ERROR(LoadError(base + "protocol: {recognition: {russia: 0, ukraine: 0}}\n"), "s.yaml:14:",
                "protocol.recognition", "expected weights with a positive sum");
    CHECK_ERROR(LoadError(base + "protocol: {kind: nash, weights: {russia: 1}}\n"), "s.yaml:14:", "protocol.weights",
                "expected a weight for every veto actor, got none for `ukraine`");
    CHECK_ERROR(LoadError(base + "protocol: {concession: {grid: 1}}\n"), "s.yaml:14:", "protocol.concession.grid", "got 1");
    CHECK_ERROR(LoadError(base + "protocol: {breakdown: 2}\n"), "s.yaml:14:", "protocol.breakdown",
                "must be in [0, 1], got 2");
  }

  TEST_CASE("events: ids, hazards, when and effects") {
    std::string base = std::string(kValid) + "events:\n";
    CHECK_ERROR(LoadError(base + "  - {id: e, hazard: 0.1, effects: [{target: actors.rusia.war_cost, add: 0.1}]}\n"),
                "s.yaml:15:", "events.e.effects.0.target", "(did you mean `actors.russia.war_cost`?)");
    CHECK_ERROR(LoadError(base + "  - {id: e, hazard: 0.1, effects: [{target: protocol.breakdown, add: 1, set: 0}]}\n"),
                "s.yaml:15:", "events.e.effects.0", "expected exactly one of `add`, `scale` or `set`, got `add` or `set`");
    CHECK_ERROR(LoadError(base + "  - {id: e, hazard: 0.1, effects: [{target: issues.crimea.status_quo, add: 1}]}\n"),
                "s.yaml:15:", "events.e.effects.0.add", "expected `set` with a level of `crimea`");
    CHECK_ERROR(LoadError(base + "  - {id: e, hazard: 0.1, effects: [{target: issues.crimea.status_quo, set: nope}]}\n"),
                "s.yaml:15:", "events.e.effects.0.set", "expected a level of `crimea`");
    CHECK_ERROR(LoadError(base + "  - {id: e, hazard: 0.1, effects: [{target: actors.russia.discount, set: 0}]}\n"),
                "s.yaml:15:", "events.e.effects.0.set", "must be in (0, 1], got 0");
    CHECK_ERROR(LoadError(base + "  - {id: e, effects: [{target: protocol.breakdown, add: 1}]}\n"), "s.yaml:15:",
                "events.e.hazard", "missing required key");
    CHECK_ERROR(LoadError(base + "  - {id: e, hazard: 0.1, effects: []}\n"), "s.yaml:15:", "events.e.effects",
                "expected at least one effect");
    std::string twice = base + "  - {id: e, hazard: 0.1, effects: [{target: events.f.hazard, add: 0.1}]}\n" +
                        "  - {id: e, hazard: 0.1, effects: [{target: protocol.breakdown, add: 0.1}]}\n";
    CHECK_ERROR(LoadError(twice), "s.yaml:16:", "events.1.id", "expected a unique id, got `e` again (first at line 15)");
    CHECK_ERROR(LoadError(twice), "s.yaml:15:", "events.e.effects.0.target", "got `events.f.hazard`");
    CHECK_ERROR(LoadError(base + "  - {id: e, hazard: 0.1, when: {from_round: 5, until_round: 2}, "
                                 "effects: [{target: protocol.breakdown, add: 1}]}\n"),
                "s.yaml:15:", "events.e.when.until_round", "must be >= from_round (5), got 2");
  }

  TEST_CASE("effects may target another event's hazard, whatever the order") {
    std::string text = std::string(kValid) + "events:\n" +
                       "  - {id: a, hazard: 0.1, effects: [{target: events.b.hazard, scale: 2}]}\n" +
                       "  - {id: b, hazard: 0.2, effects: [{target: issues.crimea.status_quo, set: de_facto}]}\n";
    ScenarioSpec s = LoadScenarioSpecFromString(text, "s.yaml");
    CHECK(s.events[0].effects[0].target == "events.b.hazard");
    CHECK(s.events[1].effects[0].value.dist.value == 1.0);
  }

  TEST_CASE("dynamics and report sections") {
    std::string base = kValid;
    CHECK_ERROR(LoadError(base + "dynamics: {crimea: {drift: 0.1}}\n"), "s.yaml:14:", "dynamics.crimea",
                "expected a continuous issue (ordinal issues do not drift)");
    CHECK_ERROR(LoadError(base + "dynamics: {territory: {drift: 0.1, volatilty: 0.1}}\n"), "s.yaml:14:",
                "dynamics.territory.volatilty", "(did you mean `volatility`?)");
    CHECK_ERROR(LoadError(base + "report: {bundles: {territory: [0.5, 0.3]}}\n"), "s.yaml:14:",
                "report.bundles.territory.1", "must be above the previous cut point 0.5, got 0.3");
    CHECK_ERROR(LoadError(base + "report: {bundles: {territory: [0, 0.3]}}\n"), "s.yaml:14:",
                "report.bundles.territory.0", "must be strictly inside the scale (0, 1), got 0");
    CHECK_ERROR(LoadError(base + "report: {bins: 0}\n"), "s.yaml:14:", "report.bins", "got 0");
  }

  TEST_CASE("top level: version, name and required sections") {
    CHECK_ERROR(LoadError(Replace("parley: 1", "parley: 2")), "s.yaml:1:9:", "parley", "expected schema version 1, got 2");
    CHECK_ERROR(LoadError(Replace("name: t\n", "")), "s.yaml:1:1:", "name", "missing required key");
    std::string no_actors = kValid;
    no_actors.erase(no_actors.find("actors:"));
    CHECK_ERROR(LoadError(no_actors), "s.yaml:1:1:", "actors", "missing required key: expected a map of actors");
    CHECK_ERROR(LoadError(Replace("actors:\n", "actors: {}\nx:\n")), "s.yaml:7:9:", "actors",
                "expected at least one actor, got none");
    CHECK_ERROR(LoadError(Replace("  russia:", "  rus sia:")), "s.yaml:8:3:", "actors.rus sia",
                "expected an actor name of letters, digits, `_` or `-`");
  }
}

}  // namespace
}  // namespace parley

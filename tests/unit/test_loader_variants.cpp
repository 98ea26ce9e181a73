// Scenario loader: `extends:` variants and `--set` overrides.
#include <doctest/doctest.h>

#include "loader_test_util.h"

namespace parley {
namespace {

using test::kValid;
using test::LoadError;
using test::ScratchDir;

const char* kBase = R"(parley: 1
name: base
rounds: {horizon: 10}
protocol: {proposers: [russia, ukraine]}
issues:
  territory: {scale: [0, 1], status_quo: 0.2}
actors:
  russia:
    position: {territory: 0}
    salience: {territory: 0.9}
    discount: 0.95
    war_cost: 0.01
  ukraine:
    position: {territory: 1}
    salience: {territory: 0.8}
)";

std::string LoadFileError(const std::string& path, const std::vector<std::string>& overrides = {}) {
  try {
    LoadScenarioSpec(path, overrides);
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("expected an InputError");
  return "";
}

TEST_SUITE("loader") {
  TEST_CASE("extends: maps merge by key, lists and scalars replace") {
    ScratchDir dir;
    dir.Write("base.yaml", kBase);
    std::string variant = "extends: base.yaml\nname: variant\nprotocol: {proposers: [ukraine]}\n"
                          "actors:\n  russia:\n    discount: 0.9\n";
    std::string path = dir.Write("variants/../variant.yaml", variant);
    ScenarioSpec s = LoadScenarioSpec(path);
    CHECK(s.name == "variant");
    CHECK(s.horizon == 10);
    CHECK(s.protocol.proposers == std::vector<int>{1});  // replaced, not appended
    CHECK(s.actors[0].discount.dist.value == 0.9);
    CHECK(s.actors[0].war_cost.dist.value == 0.01);     // kept from the base
    CHECK(s.actors[0].position[0].dist.value == 0.0);
    CHECK(s.actors[0].discount.loc.file == path);
    CHECK(s.actors[0].war_cost.loc.file == dir.Path("base.yaml"));
    REQUIRE(s.files.size() == 2);
    CHECK(s.files[0] == path);
    CHECK(s.files[1] == dir.Path("base.yaml"));
    CHECK(s.source_text == variant + kBase);
  }

  TEST_CASE("extends: a null deletes, so a variant can switch to a reservation") {
    ScratchDir dir;
    dir.Write("base.yaml", kBase);
    std::string path = dir.Write("v.yaml", "extends: base.yaml\nactors:\n  russia:\n    war_cost: ~\n    reservation: 0.2\n");
    ScenarioSpec s = LoadScenarioSpec(path);
    CHECK_FALSE(s.actors[0].war_cost.present);
    CHECK(s.actors[0].reservation.dist.value == 0.2);
  }

  TEST_CASE("extends: errors name the file the offending key stands in") {
    ScratchDir dir;
    std::string base = kBase;
    base.replace(base.find("discount: 0.95"), 14, "discount: 1.95");
    dir.Write("base.yaml", base);
    std::string path = dir.Write("v.yaml", "extends: base.yaml\nactors:\n  ukraine:\n    risk: 0\n");
    std::string message = LoadFileError(path);
    CHECK_ERROR(message, dir.Path("base.yaml") + ":11:15:", "actors.russia.discount", "must be in (0, 1], got 1.95");
    CHECK_ERROR(message, path + ":4:11:", "actors.ukraine.risk", "must be in [1, 10], got 0");
  }

  TEST_CASE("extends: bases may extend; cycles and missing bases are errors") {
    ScratchDir dir;
    dir.Write("sub/base.yaml", kBase);
    dir.Write("sub/mid.yaml", "extends: base.yaml\nrounds: {horizon: 20}\n");
    std::string top = dir.Write("top.yaml", "extends: sub/mid.yaml\nname: top\n");
    ScenarioSpec s = LoadScenarioSpec(top);
    CHECK(s.horizon == 20);
    CHECK(s.name == "top");
    CHECK(s.files == std::vector<std::string>{top, dir.Path("sub/mid.yaml"), dir.Path("sub/base.yaml")});

    std::string a = dir.Write("a.yaml", "extends: b.yaml\n");
    dir.Write("b.yaml", "extends: a.yaml\n");
    CHECK_ERROR(LoadFileError(a), dir.Path("b.yaml") + ":1:10:", "extends",
                "got " + a + " -> " + dir.Path("b.yaml") + " -> " + a);
    std::string lost = dir.Write("lost.yaml", "name: x\nextends: gone.yaml\n");
    CHECK_ERROR(LoadFileError(lost), lost + ":2:10:", "extends", "cannot read `" + dir.Path("gone.yaml") + "`");
  }

  TEST_CASE("--set: a number, a level name, an inline distribution") {
    std::vector<std::string> sets = {"actors.russia.discount=0.9", "actors.russia.position.crimea=de_facto",
                                     "actors.ukraine.war_cost={dist: uniform, low: 0, high: 0.1}"};
    ScenarioSpec s = LoadScenarioSpecFromString(kValid, "s.yaml", sets);
    CHECK(s.actors[0].discount.dist.value == 0.9);
    CHECK(s.actors[0].position[1].dist.value == 1.0);
    CHECK(s.actors[1].war_cost.dist.kind == DistKind::Uniform);
    CHECK(s.actors[1].war_cost.dist.high == 0.1);
    CHECK(s.actors[1].war_cost.loc.file == "--set");
    CHECK(s.actors[1].war_cost.loc.line == 3);
    CHECK(s.actors[1].war_cost.loc.col == 25);
    CHECK(s.overrides == sets);
  }

  TEST_CASE("--set creates missing keys and replaces whole values") {
    std::vector<std::string> sets = {"protocol.breakdown=0.05", "montecarlo.seed=7", "issues.territory.status_quo.x=1"};
    std::string message = LoadError(kValid, sets);
    CHECK_ERROR(message, "--set:3:", "issues.territory.status_quo.x", "expected `issues.territory.status_quo` to be a map or a list, got `0.2`");
    ScenarioSpec s = LoadScenarioSpecFromString(kValid, "s.yaml", {"protocol.breakdown=0.05", "montecarlo.seed=7"});
    CHECK(s.protocol.breakdown.dist.value == 0.05);
    CHECK(s.seed == 7);
    std::string text = std::string(kValid) + "protocol: {breakdown: {dist: beta, mean: 0.1, sd: 0.01}}\n";
    ScenarioSpec r = LoadScenarioSpecFromString(text, "s.yaml", {"protocol.breakdown={dist: uniform, low: 0, high: 1}"});
    CHECK(r.protocol.breakdown.dist.kind == DistKind::Uniform);
  }

  TEST_CASE("--set: unknown paths get a suggestion") {
    CHECK_ERROR(LoadError(kValid, {"actors.rusia.discount=0.9"}), "--set:1:8:", "actors.rusia",
                "expected an actor of the scenario (--set changes values, it cannot add one), got `rusia` (did you mean `russia`?)");
    CHECK_ERROR(LoadError(kValid, {"actors.russia.salince=0.3"}), "--set:1:15:", "actors.russia.salince",
                "unknown key (did you mean `salience`?)");
    CHECK_ERROR(LoadError(kValid, {"issues.teritory.status_quo=0.3"}), "--set:1:8:", "issues.teritory",
                "(did you mean `territory`?)");
  }

  TEST_CASE("--set: values are checked at their place in the argument") {
    CHECK(LoadError(kValid, {"actors.russia.discount=1.3"}) ==
          "--set:1:24: actors.russia.discount: must be in (0, 1], got 1.3");
    CHECK_ERROR(LoadError(kValid, {"x=1", "actors.russia.discount={dist: beta, mean: 0.5}"}), "--set:2:",
                "actors.russia.discount.sd", "needs `sd`");
    CHECK_ERROR(LoadError(kValid, {"rounds.horizon=[1, "}), "--set:1:", "", "invalid YAML");
  }

  TEST_CASE("--set: malformed arguments") {
    CHECK(LoadError(kValid, {"actors.russia.discount"}) ==
          "--set:1:1: expected PATH=VALUE, got `actors.russia.discount`");
    CHECK_ERROR(LoadError(kValid, {"=0.3"}), "--set:1:1:", "", "expected a key path before `=`");
    CHECK_ERROR(LoadError(kValid, {"actors..risk=2"}), "--set:1:8:", "actors..risk", "got an empty key");
    CHECK_ERROR(LoadError(kValid, {"actors.russia.risk="}), "--set:1:20:", "actors.russia.risk",
                "expected a value after `=`");
  }

  TEST_CASE("--set: list elements by id or index, and ~ deletes") {
    std::string text = std::string(kValid) + "events:\n" +
                       "  - {id: drone_wave, hazard: 0.25, effects: [{target: actors.ukraine.war_cost, add: 0.001}]}\n";
    ScenarioSpec s = LoadScenarioSpecFromString(
        text, "s.yaml", {"events.drone_wave.hazard=0.5", "events.0.effects.0.add=0.002", "actors.russia.war_cost=~",
                         "actors.russia.reservation=0.1"});
    CHECK(s.events[0].hazard.dist.value == 0.5);
    CHECK(s.events[0].effects[0].value.dist.value == 0.002);
    CHECK(s.actors[0].reservation.dist.value == 0.1);
    CHECK_ERROR(LoadError(text, {"events.drone_wav.hazard=0.5"}), "--set:1:8:", "events.drone_wav",
                "(did you mean `drone_wave`?)");
  }
}

}  // namespace
}  // namespace parley

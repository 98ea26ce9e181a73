// Event effects respect their target's domain (issue 13, item 2): an effect
// that leaves it for every value is a located error at load; one that leaves
// it for some draws is clamped at run time and counted (events.X.p_clamped).
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>

#include "core/error.h"
#include "helpers.h"
#include "model/scenario.h"
#include "scenario/load.h"

namespace parley {

namespace {

std::string EffectFile(const std::string& effects) {
  return "parley: 1\nname: domains\nrounds: {horizon: 5}\n"
         "issues:\n  share: {scale: [0, 1], status_quo: 0.5}\n"
         "actors:\n  a: {position: {share: 1}, salience: {share: 1}, war_cost: 0.02, discount: 0.95}\n"
         "  b: {position: {share: 0}, salience: {share: 1}, war_cost: {dist: uniform, low: 0.01, high: 0.05}}\n"
         "events:\n  - id: sure\n    hazard: 1\n    effects:\n" + effects;
}

std::string CompileErrors(const std::string& text) {
  try {
    Compile(LoadScenarioSpecFromString(text, "d.yaml"));
    return "";
  } catch (const InputError& e) {
    return e.what();
  }
}

}  // namespace

TEST_SUITE("effect domains") {

TEST_CASE("an effect outside the target's domain for every draw is a located error, all at once") {
  std::string errors = CompileErrors(EffectFile("      - {target: actors.a.discount, add: 0.5}\n"
                                          "      - {target: actors.b.war_cost, scale: 30}\n"
                                          "      - {target: actors.a.risk, add: -0.9}\n"));
  CAPTURE(errors);
  CHECK(errors.find("d.yaml:13:9: events.sure.effects.0: effect `add` takes actors.a.discount to 1.45, outside its "
                    "domain (0, 1]") != std::string::npos);
  CHECK(errors.find("d.yaml:15:9: events.sure.effects.2: effect `add` takes actors.a.risk to 0.1, outside its domain "
                    "[1, 10]") != std::string::npos);
  CHECK(errors.find("effects.1") == std::string::npos);  // 30 x [0.01, 0.05] reaches into [0, 1]: clamped at run time
  CHECK(CompileErrors(EffectFile("      - {target: actors.a.war_cost, set: 0.5}\n")).empty());
  CHECK(CompileErrors(EffectFile("      - {target: actors.a.discount, scale: 0.5}\n")).empty());
}

TEST_CASE("an effect that leaves the domain for some draws is clamped and counted") {
  std::string dir = test::TempDir("effect-domains");
  std::string file = dir + "/d.yaml";
  std::ofstream(file) << EffectFile("      - {target: actors.b.war_cost, scale: 30}\n");
  const int n = 20000;
  Json s = test::RunFile(file, {}, n);
  // b's cost 30c leaves [0, 1] when c > 1/30: P = (0.05 - 1/30) / 0.04.
  const double p = (0.05 - 1.0 / 30) / 0.04, se = std::sqrt(p * (1 - p) / n);
  CHECK(std::fabs(s["events"]["sure"]["p_clamped"].get<double>() - p) < 4 * se);
  for (auto& [name, actor] : s["actors"].items()) {
    CHECK(actor["value"]["mean"].get<double>() >= -1);
    CHECK(actor["value"]["mean"].get<double>() <= 1);
  }
  // Without the scale nothing is clamped.
  Json none = test::RunFile(file, {"events.sure.effects.0.scale=2"}, 200);
  CHECK(none["events"]["sure"]["p_clamped"].get<double>() == 0.0);
}

}  // TEST_SUITE

}  // namespace parley

// Tests that kill the mutations an independent review found surviving every
// suite (issue 13, item 21): `once` ignored on events, a wrong histogram bin
// index, and flooring instead of rounding a point to an ordinal level.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>

#include "core/text.h"
#include "helpers.h"
#include "model/scenario.h"
#include "model/shocks.h"
#include "model/world.h"
#include "scenario/load.h"

namespace parley {

namespace {

Scenario CompileText(const std::string& text) { return Compile(LoadScenarioSpecFromString(text, "t.yaml")); }

std::string EventFile(bool once) {
  return std::string("parley: 1\nname: once\nrounds: {horizon: 4}\n"
                     "issues:\n  share: {scale: [0, 1], status_quo: 0.5}\n"
                     "actors:\n  a: {position: {share: 1}, salience: {share: 1}, war_cost: 0}\n"
                     "  b: {position: {share: 0}, salience: {share: 1}, war_cost: 0}\n"
                     "events:\n  - id: cost\n    hazard: 1\n    once: ") +
         (once ? "true" : "false") + "\n    effects: [{target: actors.a.war_cost, add: 0.1}]\n";
}

}  // namespace

TEST_SUITE("review mutations") {

TEST_CASE("a once event fires in its first round only; a repeating one every round") {
  for (bool once : {true, false}) {
    CAPTURE(once);
    Scenario s = CompileText(EventFile(once));
    World w;
    Resize(s, w);
    Draw(s, 1, 0, w);
    std::vector<std::uint8_t> fired(s.events.size(), 0);
    const int cost = s.ParamIndex("actors.a.war_cost");
    REQUIRE(cost >= 0);
    for (int t = 0; t < 4; ++t) {
      int n = FireEvents(s, w, t, fired);
      CHECK(n == (once && t > 0 ? 0 : 1));
      CHECK(w.param[cost] == doctest::Approx(0.1 * (once ? 1 : t + 1)));
    }
  }
}

TEST_CASE("a point goes to the nearest ordinal level, not the one below") {
  Scenario s = CompileText(
      "parley: 1\nname: levels\nrounds: {horizon: 2}\nissues:\n  status: {levels: [none, partial, full], status_quo: none}\n"
      "actors:\n  a: {position: {status: full}, salience: {status: 1}}\n"
      "  b: {position: {status: none}, salience: {status: 1}}\n");
  const Issue& issue = s.issues[0];
  CHECK(issue.LevelOf(0.0) == 0);
  CHECK(issue.LevelOf(0.24) == 0);
  CHECK(issue.LevelOf(0.26) == 1);  // 0.52 of a step above none: partial
  CHECK(issue.LevelOf(0.4) == 1);
  CHECK(issue.LevelOf(0.74) == 1);
  CHECK(issue.LevelOf(0.76) == 2);
  CHECK(issue.LevelOf(0.5 - 1e-15) == 1);  // a level's point with rounding error below it
  CHECK(issue.LevelOf(1.0) == 2);
}

TEST_CASE("the histogram bin that holds a deal's terms has the edges around them") {
  // Rubinstein: every replicate settles on the same share.
  Json s = test::RunFile(test::kRubinstein, {}, 16);
  const Json& share = s["issues"]["share"];
  const Json& edges = share["histogram"]["edges"];
  const Json& counts = share["histogram"]["counts"];
  const double x = share["mean"].get<double>();
  REQUIRE(counts.size() + 1 == edges.size());
  int nonzero = 0;
  for (size_t b = 0; b < counts.size(); ++b) {
    if (counts[b].get<long long>() == 0) continue;
    ++nonzero;
    CHECK(counts[b].get<long long>() == 16);
    CHECK(edges[b].get<double>() <= x);
    CHECK(x < edges[b + 1].get<double>());
  }
  CHECK(nonzero == 1);
  // And issues.csv counts the same bin.
  std::string dir = test::TempDir("bins");
  test::CliResult r = test::RunCli({"run", test::kRubinstein, "-n", "16", "--out", dir});
  REQUIRE(r.exit_code == 0);
  std::string csv = test::ReadFile(dir + "/issues.csv");
  CHECK(csv.find(",16") != std::string::npos);
  // The CSV's bin edges are summary.json's, digit for digit (one formula).
  Json baseline = test::RunFile(test::kUkraine, {}, 8);
  test::CliResult u = test::RunCli({"run", test::kUkraine, "-n", "8", "--out", dir, "--quiet"});
  REQUIRE(u.exit_code == 0);
  std::string issues = test::ReadFile(dir + "/issues.csv");
  const Json& e = baseline["issues"]["territory"]["histogram"]["edges"];
  for (size_t b = 0; b + 1 < e.size(); ++b)
    CHECK(issues.find("territory,continuous," + std::to_string(b) + "," + FormatNumber(e[b].get<double>()) + "," +
                      FormatNumber(e[b + 1].get<double>()) + ",") != std::string::npos);
}

}  // TEST_SUITE

}  // namespace parley

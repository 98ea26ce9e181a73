// parley sweep (tuning/sweep.h): Fearon's closed form along a grid of the
// responder's cost bound, and the command's outputs.
#include <doctest/doctest.h>

#include <filesystem>

#include "core/text.h"
#include "tuning/sweep.h"
#include "tuning_test_util.h"

using namespace parley;
using test::FearonDeal;

namespace {

std::vector<MetricInfo> Metrics(const std::string& file, const std::vector<std::string>& names) {
  std::vector<MetricInfo> catalog = MetricCatalog(Compile(LoadScenarioSpec(file))), out;
  for (const std::string& n : names) out.push_back(*FindMetric(catalog, n));
  return out;
}

}  // namespace

TEST_SUITE("tuning") {
  TEST_CASE("sweep of fearon.yaml's cost bound b: P(deal) follows the closed form at every point") {
    // Interior, both clamps (b <= 0.2: no war; b > 0.9: A demands the whole pie).
    const std::string file = test::Source(test::kFearonFile);
    const std::int64_t n = 20000;
    std::vector<SweepAxis> axes{{"actors.b.war_cost.high", {}}};
    const double bounds[] = {0.15, 0.25, 0.35, 0.5, 0.65, 0.8, 0.9, 0.95};
    for (double b : bounds) axes[0].values.push_back(FormatNumber(b));
    std::vector<MetricInfo> metrics = Metrics(file, {"deal.p", "issues.share.mean"});
    RunSettings settings{1995, n, 2, nullptr};
    SweepResult r = RunSweep(axes, metrics, test::FileCompiler(file, {}), settings, nullptr);
    REQUIRE(r.complete);
    REQUIRE(r.points.size() == std::size(bounds));
    for (size_t i = 0; i < std::size(bounds); ++i) {
      const double b = bounds[i], p = FearonDeal(b), se = std::sqrt(p * (1 - p) / n);
      const MetricValue& deal = r.points[i].metrics[0];
      CAPTURE(b);
      CAPTURE(deal.value);
      CHECK(std::fabs(deal.value - p) <= 4 * se + 1e-12);
      CHECK(deal.se == doctest::Approx(std::sqrt(deal.value * (1 - deal.value) / n)).epsilon(1e-12));
      // The demand is deterministic: x* = p + y*.
      double y = std::clamp((b - 0.1) / 2, 0.05, std::min(b, 0.4));
      CHECK(std::fabs(r.points[i].metrics[1].value - (0.6 + y)) < 1e-9);
    }
  }

  TEST_CASE("a sweep gives the same numbers whether its points share the threads or each gets them all") {
    const std::string file = test::Source(test::kFearonFile);
    std::vector<SweepAxis> axes{{"actors.b.war_cost.high", {"0.3", "0.4", "0.5", "0.6", "0.7"}},
                                {"actors.a.war_cost", {"0.05", "0.1"}}};
    CHECK(GridSize(axes) == 10);
    CHECK(PointOverrides(axes, 3) == std::vector<std::string>{"actors.b.war_cost.high=0.4", "actors.a.war_cost=0.1"});
    std::vector<MetricInfo> metrics = Metrics(file, {"deal.p", "actors.a.value.mean", "issues.share.quantiles.0.5"});
    // 10 points: 1 thread spreads the points, 8 threads run them one by one.
    SweepResult spread = RunSweep(axes, metrics, test::FileCompiler(file, {}), {7, 3000, 1, nullptr}, nullptr);
    SweepResult serial = RunSweep(axes, metrics, test::FileCompiler(file, {}), {7, 3000, 8, nullptr}, nullptr);
    for (size_t i = 0; i < spread.points.size(); ++i)
      for (size_t m = 0; m < metrics.size(); ++m) {
        CHECK(spread.points[i].metrics[m].value == serial.points[i].metrics[m].value);
        CHECK(spread.points[i].metrics[m].se == serial.points[i].metrics[m].se);
      }
  }

  TEST_CASE("parley sweep: table, sweep.csv and sweep.json; each point is the run with --set") {
    std::string dir = test::TempDir("sweep");
    const std::string file = test::Source(test::kFearonFile);
    auto r = test::RunCli({"sweep", file, "--vary", "actors.b.war_cost.high=0.25:0.45:3", "--vary",
                           "actors.a.war_cost=0.05,0.1", "--metric", "deal.p", "--metric", "rounds.mean", "-n",
                           "2000", "--out", dir});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("6 points x 2000 replicates, seed 1995") != std::string::npos);
    std::vector<std::string> lines = Split(test::ReadFile(dir + "/sweep.csv"), '\n');
    CHECK(lines[0] == "actors.b.war_cost.high,actors.a.war_cost,deal.p,deal.p_se,rounds.mean,rounds.mean_se");
    CHECK(lines.size() == 8);  // header, 6 rows, the empty string after the last newline
    CHECK(lines[1].rfind("0.25,0.05,", 0) == 0);
    CHECK(lines[2].rfind("0.25,0.1,", 0) == 0);
    auto json = nlohmann::json::parse(test::ReadFile(dir + "/sweep.json"));
    CHECK(json["schema"] == "parley.sweep/1");
    CHECK(json["complete"] == true);
    REQUIRE(json["points"].size() == 6);
    const auto& point = json["points"][3];  // b = 0.35, cA = 0.1
    CHECK(point["values"]["actors.b.war_cost.high"] == 0.35);
    Json run = test::RunFile(file, {"actors.b.war_cost.high=0.35", "actors.a.war_cost=0.1"}, 2000);
    CHECK(point["metrics"]["deal.p"]["value"].get<double>() == run["deal"]["p"].get<double>());
    // Level names on an ordinal issue.
    auto levels = test::RunCli({"sweep", test::Source("scenarios/ukraine/baseline.yaml"), "--vary",
                                "actors.russia.position.crimea=recognized_de_jure,not_recognized", "-n", "100", "-q"});
    CHECK(levels.exit_code == 0);
    std::filesystem::remove_all(dir);
  }
}

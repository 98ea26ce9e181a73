// parley sensitivity (tuning/sensitivity.h) on fearon.yaml, where P(deal)
// depends on one uncertain input only: B's war cost cB ~ U[0.05, 0.35].
// Two inputs that alternating_offers never reads (the actors'
// `capability`) are made uncertain too; their indices must vanish.
#include <doctest/doctest.h>

#include <filesystem>

#include "tuning/sensitivity.h"
#include "tuning_test_util.h"

using namespace parley;

namespace {

const std::vector<std::string> kIrrelevant = {"actors.a.capability={dist: uniform, low: 0, high: 1}",
                                              "actors.b.capability={dist: triangular, low: 0, mode: 0.2, high: 1}"};

ProtocolFactory Factory() {
  return [](const Scenario& s) { return FindProtocol(s.protocol.kind)->create(s); };
}

bool Inside(const Interval& i, double x) { return i.low <= x && x <= i.high; }

}  // namespace

TEST_SUITE("tuning") {
  TEST_CASE("Sobol indices: the one input that matters has first and total near 1, the others near 0") {
    Scenario base = Compile(LoadScenarioSpec(test::Source(test::kFearonFile), kIrrelevant));
    std::vector<int> factors = SpreadParams(base);
    REQUIRE(factors.size() == 3);
    int cost = -1;
    for (size_t f = 0; f < factors.size(); ++f)
      if (base.params[factors[f]].path == "actors.b.war_cost") cost = static_cast<int>(f);
    REQUIRE(cost >= 0);
    std::vector<MetricInfo> catalog = MetricCatalog(base);
    std::vector<MetricInfo> metrics{*FindMetric(catalog, "deal.p"), *FindMetric(catalog, "actors.a.value.mean")};
    SensitivityResult r =
        RunSobol(base, Factory(), metrics, factors, {128, 500}, {1995, 16, 2, nullptr}, nullptr);
    REQUIRE(r.complete);
    CHECK(r.runs == 128 * 5);
    for (size_t m = 0; m < metrics.size(); ++m) {
      CAPTURE(metrics[m].name);
      const SobolResult& s = r.metrics[m].sobol;
      REQUIRE(s.rows_used == 128);
      // Pinning cB leaves the rest of the game (one round, nothing else drawn) deterministic.
      CHECK(r.metrics[m].noise_variance == 0.0);
      for (size_t f = 0; f < factors.size(); ++f) {
        CAPTURE(base.params[factors[f]].path);
        const SobolIndices& x = s.factors[f];
        if (static_cast<int>(f) == cost) {
          // f(B) and f(AB_cB) share cB and nothing else matters: first order is exactly 1.
          CHECK(x.first.estimate == doctest::Approx(1.0).epsilon(1e-12));
          CHECK(Inside(x.total, 1.0));
        } else {
          // f(A) and f(AB_i) differ only in input i, which does not matter: total is exactly 0.
          CHECK(x.total.estimate == 0.0);
          CHECK(Inside(x.first, 0.0));
        }
      }
    }
    // The pinned draw keeps cB's prior (A still does not know it): f is 1 when cB >= y* = 0.125, that
    // is when cB's quantile u >= 1/4, and 0 below, so its mean over the design is P(deal) = 0.75 of
    // the run. (Were cB made common knowledge, every run would settle: mean 1, no variance.) Each of
    // A's and B's columns holds 128 Sobol points, one in each interval [k/128, (k+1)/128), so the
    // share with u >= 1/4 is 3/4 up to the one point that may sit on the boundary: 1/128.
    CHECK(std::fabs(r.metrics[0].sobol.mean - 0.75) <= 1.0 / 128);
  }

  TEST_CASE("one at a time: cB's 10th and 90th percentiles straddle y*; capability moves nothing") {
    Scenario base = Compile(LoadScenarioSpec(test::Source(test::kFearonFile), kIrrelevant));
    std::vector<int> factors = SpreadParams(base);
    std::vector<MetricInfo> metrics{*FindMetric(MetricCatalog(base), "deal.p")};
    const std::int64_t n = 4000;
    OatResult r = RunOat(base, Factory(), metrics, factors, {1995, n, 2, nullptr}, nullptr);
    REQUIRE(r.complete);
    CHECK(std::fabs(r.baseline[0].value - 0.75) <= 4 * std::sqrt(0.75 * 0.25 / n));
    for (size_t f = 0; f < factors.size(); ++f) {
      CAPTURE(base.params[factors[f]].path);
      if (base.params[factors[f]].path == "actors.b.war_cost") {
        CHECK(r.factors[f].low == doctest::Approx(0.08));   // 0.05 + 0.1 * 0.3 < y* = 0.125: war
        CHECK(r.factors[f].high == doctest::Approx(0.32));  // above y*: accepted
        CHECK(r.factors[f].at_low[0].value == 0.0);
        CHECK(r.factors[f].at_high[0].value == 1.0);
      } else {
        // Same seed, and the input is never read: the very same replicates.
        CHECK(r.factors[f].at_low[0].value == r.baseline[0].value);
        CHECK(r.factors[f].at_high[0].value == r.baseline[0].value);
      }
    }
  }

  TEST_CASE("a constant studied over a range: each run sets it, exactly as --set would") {
    // A's war cost cA = 0.1 is a constant of fearon.yaml; Fearon's demand depends on it.
    std::string dir = test::TempDir("sensitivity-constant");
    const std::string file = test::Source(test::kFearonFile);
    auto r = test::RunCli({"sensitivity", file, "--method", "oat", "-n", "2000", "--factor",
                           "actors.a.war_cost=0.05:0.15", "--out", dir});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("sensitivity: 3 runs (2 x 1 factors + 1) of 2000 replicates each; about") != std::string::npos);
    auto json = nlohmann::json::parse(test::ReadFile(dir + "/sensitivity.json"));
    CHECK(json["factors"][0]["constant"] == 0.1);
    CHECK(json["factors"][0]["distribution"] == "uniform on [0.05, 0.15]");
    const auto& effect = json["metrics"]["deal.p"]["effects"][0];
    CHECK(effect["low"]["at"].get<double>() == doctest::Approx(0.06));
    CHECK(effect["high"]["at"].get<double>() == doctest::Approx(0.14));
    // Certificate: the same seed and replicates with the constant --set give the very numbers;
    // the baseline is the file's constant, not the range.
    auto run = [&](std::vector<std::string> sets) { return test::RunFile(file, sets, 2000)["deal"]["p"].get<double>(); };
    CHECK(json["metrics"]["deal.p"]["baseline"]["value"].get<double>() == run({}));
    CHECK(effect["low"]["value"].get<double>() == run({test::Set("actors.a.war_cost", effect["low"]["at"].get<double>())}));
    CHECK(effect["high"]["value"].get<double>() == run({test::Set("actors.a.war_cost", effect["high"]["at"].get<double>())}));
    CHECK(effect["low"]["value"].get<double>() < effect["high"]["value"].get<double>());  // a costlier war for A: more deals
    // Errors: a range on a distribution, a bad range, a range outside the domain, no range on a constant.
    for (const char* bad : {"actors.b.war_cost=0.1:0.2", "actors.a.war_cost=0.2:0.1", "actors.a.war_cost=0.5:1.5",
                            "actors.a.war_cost"}) {
      CAPTURE(bad);
      auto e = test::RunCli({"sensitivity", file, "--method", "oat", "-n", "10", "--factor", bad});
      CHECK(e.exit_code == 2);
      CHECK(e.err.find("--factor:1:") != std::string::npos);
    }
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("parley sensitivity writes sensitivity.json and .csv, ranked, with the noise stated") {
    std::string dir = test::TempDir("sensitivity");
    std::vector<std::string> args{"sensitivity", test::Source(test::kFearonFile), "--metric", "deal.p",
                                  "--samples", "32", "-n", "8", "--out", dir};
    for (const std::string& set : kIrrelevant) args.push_back("--set"), args.push_back(set);
    auto r = test::RunCli(args);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("Monte Carlo noise of one run") != std::string::npos);
    auto json = nlohmann::json::parse(test::ReadFile(dir + "/sensitivity.json"));
    CHECK(json["schema"] == "parley.sensitivity/1");
    CHECK(json["config"]["method"] == "sobol");
    CHECK(json["config"]["runs"] == 32 * 5);
    const auto& deal = json["metrics"]["deal.p"];
    CHECK(deal["indices"][0]["factor"] == "actors.b.war_cost");  // ranked first
    CHECK(deal["noise"].contains("share_of_variance"));
    std::string csv = test::ReadFile(dir + "/sensitivity.csv");
    CHECK(csv.rfind("metric,factor,first,first_low,first_high,total,total_low,total_high\ndeal.p,actors.b.war_cost,", 0) == 0);
    args.push_back("--method"), args.push_back("oat");
    REQUIRE(test::RunCli(args).exit_code == 0);
    json = nlohmann::json::parse(test::ReadFile(dir + "/sensitivity.json"));
    CHECK(json["config"]["method"] == "oat");
    CHECK(json["metrics"]["deal.p"]["effects"][0]["swing"] == 1.0);
    std::filesystem::remove_all(dir);
  }
}

// The metric catalogue of the tuning commands (tuning/metrics.h): every name
// is a path into a real summary.json, standard errors follow their kind, and
// compare's paired metrics are the catalogue's per-replicate ones.
#include <doctest/doctest.h>

#include <cmath>
#include <optional>

#include "montecarlo/runner.h"
#include "tuning/compare.h"
#include "tuning/metrics.h"
#include "tuning_test_util.h"

using namespace parley;

namespace {

struct Run {
  Scenario scenario;
  std::optional<Accumulator> total;
  Json summary;
};

std::unique_ptr<Run> RunUkraine(std::int64_t n) {
  auto run = std::make_unique<Run>();
  run->scenario = Compile(LoadScenarioSpec(test::Source("scenarios/ukraine/baseline.yaml")));
  auto protocol = FindProtocol(run->scenario.protocol.kind)->create(run->scenario);
  RunOptions options;
  options.seed = run->scenario.seed;
  options.replicates = n;
  options.threads = 2;
  RunResult r = RunMonteCarlo(run->scenario, *protocol, options);
  run->total.emplace(r.total);
  run->summary = SummaryJson(run->scenario, r.total, {run->scenario.protocol.kind, n, run->scenario.seed, {}, true});
  return run;
}

}  // namespace

TEST_SUITE("tuning") {
  TEST_CASE("every catalogued metric is a path into summary.json; the documented examples are there") {
    auto run = RunUkraine(1000);
    std::vector<MetricInfo> catalog = MetricCatalog(run->scenario);
    for (const char* name : {"deal.p", "rounds.mean", "issues.territory.mean", "issues.crimea.p.recognized_de_facto",
                             "actors.russia.value.mean", "no_deal.breakdown", "rounds.quantiles.0.5",
                             "events.drone_wave.p_deal_if_fired"})
      CHECK_MESSAGE(FindMetric(catalog, name) != nullptr, name);
    for (const MetricInfo& m : catalog) {
      CAPTURE(m.name);
      // Read through the dotted name, key by key, it is a number of the summary.
      const Json* node = &run->summary;
      for (const std::string& key : m.keys) {
        REQUIRE(node->contains(key));
        node = &(*node)[key];
      }
      CHECK(node->is_number());
      CHECK(SummaryValue(run->summary, m) == node->get<double>());
      MetricValue v = Measure(run->summary, *run->total, m);
      if (m.kind == MetricKind::None) CHECK(std::isnan(v.se));
      else CHECK((std::isfinite(v.se) && v.se >= 0));
    }
    CHECK(UnknownMetricHint(catalog, "deal.pp").find("`deal.p`") != std::string::npos);
  }

  TEST_CASE("standard errors: binomial for proportions, sd/sqrt(n) for means, order statistics for quantiles") {
    auto run = RunUkraine(2048);
    std::vector<MetricInfo> catalog = MetricCatalog(run->scenario);
    const Json& s = run->summary;
    const double n = 2048, deals = s["deal"]["count"].get<double>(), p = s["deal"]["p"].get<double>();
    CHECK(Measure(s, *run->total, *FindMetric(catalog, "deal.p")).se == std::sqrt(p * (1 - p) / n));
    double level = s["issues"]["crimea"]["p"]["recognized_de_jure"].get<double>();
    CHECK(Measure(s, *run->total, *FindMetric(catalog, "issues.crimea.p.recognized_de_jure")).se ==
          doctest::Approx(std::sqrt(level * (1 - level) / deals)).epsilon(1e-12));
    CHECK(Measure(s, *run->total, *FindMetric(catalog, "rounds.mean")).se ==
          doctest::Approx(s["rounds"]["sd"].get<double>() / std::sqrt(deals)).epsilon(1e-12));
    CHECK(Measure(s, *run->total, *FindMetric(catalog, "actors.russia.value.mean")).se ==
          doctest::Approx(s["actors"]["russia"]["value"]["sd"].get<double>() / std::sqrt(n)).epsilon(1e-12));
    // The median's band lies between the quartiles, so its se is below their spread / (2 * 1.96).
    double q25 = s["issues"]["territory"]["quantiles"]["0.25"].get<double>();
    double q75 = s["issues"]["territory"]["quantiles"]["0.75"].get<double>();
    double median_se = Measure(s, *run->total, *FindMetric(catalog, "issues.territory.quantiles.0.5")).se;
    CHECK(median_se <= (q75 - q25) / (2 * 1.959963984540054));
  }

  TEST_CASE("compare pairs exactly the catalogue's per-replicate metrics") {
    Scenario s = Compile(LoadScenarioSpec(test::Source("scenarios/ukraine/baseline.yaml")));
    auto protocol = FindProtocol(s.protocol.kind)->create(s);
    CompareOptions options;
    options.replicates = 64;
    CompareResult r = ComparePaired(s, *protocol, s, *protocol, options);
    std::vector<std::string> paired, compared;
    for (const MetricInfo& m : MetricCatalog(s))
      if (m.per_replicate) paired.push_back(m.name);
    for (const MetricDelta& d : r.metrics) compared.push_back(d.name);
    CHECK(compared == paired);
    CHECK(std::find(paired.begin(), paired.end(), "deal.p") != paired.end());
  }
}

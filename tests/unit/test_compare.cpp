// parley compare: paired deltas under common random numbers.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "helpers.h"
#include "model/scenario.h"
#include "protocols/registry.h"
#include "scenario/load.h"
#include "tuning/compare.h"
#include "tuning/paired_ratio.h"

using namespace parley;

namespace {

using parley::test::kExample;

CompareResult Compare(const Scenario& base, const Scenario& variant, std::int64_t n, int threads = 2) {
  auto bp = FindProtocol(base.protocol.kind)->create(base);
  auto vp = FindProtocol(variant.protocol.kind)->create(variant);
  CompareOptions options;
  options.seed = base.seed;
  options.replicates = n;
  options.threads = threads;
  return ComparePaired(base, *bp, variant, *vp, options);
}

const MetricDelta& Find(const CompareResult& r, const std::string& name) {
  for (const MetricDelta& m : r.metrics)
    if (m.name == name) return m;
  FAIL("no metric " << name);
  return r.metrics.front();
}

}  // namespace

TEST_SUITE("tuning") {
  TEST_CASE("a scenario compared with itself has exactly zero deltas and intervals") {
    Scenario s = Compile(LoadScenarioSpec(kExample));
    CompareResult r = Compare(s, s, 2000);
    CHECK(r.complete);
    CHECK(r.metrics.size() > 10);
    for (const MetricDelta& m : r.metrics) {
      CAPTURE(m.name);
      if (!m.base_defined) continue;
      CHECK(m.delta == 0.0);
      CHECK(m.se == 0.0);
    }
  }

  TEST_CASE("paired deltas match the separate runs, and pairing shrinks the interval") {
    std::string dir = test::TempDir("compare");
    std::ofstream(dir + "/variant.yaml") << "extends: " << kExample
                                         << "\nname: costly-war\nactors:\n  russia:\n    war_cost: 0.08\n";
    std::vector<std::string> set;
    Scenario base = Compile(LoadScenarioSpec(kExample, set));
    Scenario variant = Compile(LoadScenarioSpec(dir + "/variant.yaml", set));
    const int n = 3000;
    CompareResult r = Compare(base, variant, n);
    Json b = test::RunFile(kExample, set, n), v = test::RunFile(dir + "/variant.yaml", set, n);
    const MetricDelta& deal = Find(r, "deal.p");
    CHECK(deal.base == doctest::Approx(b["deal"]["p"].get<double>()).epsilon(1e-12));
    CHECK(deal.variant == doctest::Approx(v["deal"]["p"].get<double>()).epsilon(1e-12));
    // A costlier war for Russia widens the zone: P(deal) does not fall.
    CHECK(deal.delta >= 0.0);
    const MetricDelta& value = Find(r, "actors.russia.value.mean");
    CHECK(value.base == doctest::Approx(b["actors"]["russia"]["value"]["mean"].get<double>()).epsilon(1e-9));
    CHECK(value.variant == doctest::Approx(v["actors"]["russia"]["value"]["mean"].get<double>()).epsilon(1e-9));
    CHECK(value.delta < 0.0);
    // The paired standard error is below the unpaired one, sqrt(sd_b^2/n + sd_v^2/n).
    double sb = b["actors"]["russia"]["value"]["sd"].get<double>(), sv = v["actors"]["russia"]["value"]["sd"].get<double>();
    CHECK(value.se < std::sqrt((sb * sb + sv * sv) / n));
    // Thread count does not change a comparison.
    CompareResult one = Compare(base, variant, n, 1);
    for (size_t m = 0; m < r.metrics.size(); ++m) {
      CHECK(one.metrics[m].delta == r.metrics[m].delta);
      CHECK(one.metrics[m].se == r.metrics[m].se);
    }
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("paired ratio: the delta method agrees with a direct computation") {
    // Plain means with den = 1: se is the sd of the paired differences over sqrt(n).
    PairedRatio p;
    const double base[] = {1, 2, 3, 4, 5}, variant[] = {2, 2, 5, 4, 8};
    for (int i = 0; i < 5; ++i) p.Add(base[i], 1, variant[i], 1);
    double d[5], mean = 0, ss = 0;
    for (int i = 0; i < 5; ++i) d[i] = variant[i] - base[i], mean += d[i] / 5;
    for (double x : d) ss += (x - mean) * (x - mean);
    CHECK(p.Delta() == doctest::Approx(mean).epsilon(1e-14));
    CHECK(p.StandardError() == doctest::Approx(std::sqrt(ss / 4 / 5)).epsilon(1e-12));
    // Merging two halves equals adding everything to one.
    PairedRatio a, b;
    for (int i = 0; i < 5; ++i) (i < 2 ? a : b).Add(base[i], 1, variant[i], 1);
    a.Merge(b);
    CHECK(a.Delta() == doctest::Approx(p.Delta()).epsilon(1e-14));
    CHECK(a.StandardError() == doctest::Approx(p.StandardError()).epsilon(1e-12));
  }
}

TEST_SUITE("tuning") {
  TEST_CASE("every Ukraine scenario validates and runs") {
    for (const char* name : {"baseline", "us_pressure", "crimea_recognized", "ceasefire_first", "european_resolve",
                             "escalation"}) {
      CAPTURE(name);
      Json s = test::RunFile(test::Source(std::string("scenarios/ukraine/") + name + ".yaml"), {}, 300);
      CHECK(s["complete"] == true);
      double total = s["deal"]["p"].get<double>();
      for (auto& [cause, p] : s["no_deal"].items()) total += p.get<double>();
      CHECK(total == doctest::Approx(1.0).epsilon(1e-12));
    }
  }

  TEST_CASE("US sanctions that raise Russia's war cost do not lower P(deal) (paired)") {
    Scenario base = Compile(LoadScenarioSpec(test::Source("scenarios/ukraine/baseline.yaml")));
    Scenario variant = Compile(LoadScenarioSpec(test::Source("scenarios/ukraine/us_pressure.yaml")));
    CompareResult r = Compare(base, variant, 2048);
    const MetricDelta& deal = Find(r, "deal.p");
    // Not lower: the paired interval must not lie below zero.
    CHECK(deal.delta + 1.959963984540054 * deal.se >= 0.0);
    Json v = test::RunFile(test::Source("scenarios/ukraine/us_pressure.yaml"), {}, 300);
    CHECK(v["events"]["us_new_sanctions"]["p_fired"].get<double>() > 0.0);
  }
}

TEST_SUITE("tuning") {
  TEST_CASE("each Ukraine variant moves the metrics in the direction its header argues") {
    struct Expect {
      const char* variant;
      std::vector<std::pair<const char*, int>> signs;  // metric, +1 up or -1 down
    };
    const std::vector<Expect> expectations = {
        {"us_pressure", {{"actors.russia.value.mean", -1}, {"actors.ukraine.value.mean", +1}}},
        {"crimea_recognized",
         {{"issues.territory.mean", -1}, {"actors.russia.value.mean", +1}, {"actors.ukraine.value.mean", -1},
          {"deal.p", +1}}},
        {"ceasefire_first",
         {{"deal.p", +1}, {"no_deal.breakdown", -1}, {"actors.russia.value.mean", -1},
          {"actors.ukraine.value.mean", +1}}},
        {"european_resolve",
         {{"issues.crimea.p.recognized_de_jure", -1}, {"actors.russia.value.mean", -1},
          {"actors.ukraine.value.mean", +1}}},
        {"escalation",
         {{"issues.territory.mean", -1}, {"actors.russia.value.mean", +1}, {"actors.ukraine.value.mean", -1}}},
    };
    Scenario base = Compile(LoadScenarioSpec(test::Source("scenarios/ukraine/baseline.yaml")));
    for (const Expect& e : expectations) {
      Scenario variant =
          Compile(LoadScenarioSpec(test::Source(std::string("scenarios/ukraine/") + e.variant + ".yaml")));
      CompareResult r = Compare(base, variant, 2048);
      for (auto& [metric, sign] : e.signs) {
        CAPTURE(e.variant);
        CAPTURE(metric);
        const MetricDelta& d = Find(r, metric);
        // The whole 95% interval of the paired delta lies on the argued side of zero.
        CHECK(sign * d.delta - 1.959963984540054 * d.se > 0.0);
      }
    }
  }
}

TEST_SUITE("tuning") {
  TEST_CASE("a paired interval for a difference of proportions stays in [-base, 1 - base] (issue 13, item 12)") {
    const std::string dir = parley::test::TempDir("compare_range");
    auto r = parley::test::RunCli({"compare", parley::test::kUkraine, parley::test::Source("scenarios/ukraine/crimea_recognized.yaml"),
                                   "-n", "400", "--out", dir});
    REQUIRE(r.exit_code == 0);
    const parley::Json c = parley::Json::parse(parley::test::ReadFile(dir + "/compare.json"));
    int checked = 0;
    for (auto it = c["metrics"].begin(); it != c["metrics"].end(); ++it) {
      const std::string& name = it.key();
      const bool proportion = name == "deal.p" || name.rfind("no_deal.", 0) == 0 || name.find(".p.") != std::string::npos;
      if (!proportion || it.value()["ci95"].is_null()) continue;
      CAPTURE(name);
      const double base = it.value()["base"].get<double>();
      CHECK(it.value()["ci95"][0].get<double>() >= -base - 1e-15);
      CHECK(it.value()["ci95"][1].get<double>() <= 1 - base + 1e-15);
      ++checked;
    }
    CHECK(checked >= 5);
  }
}

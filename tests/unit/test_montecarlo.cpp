// Monte Carlo contract: byte-identical summaries for any thread count, a stop
// at a chunk boundary, mergeable accumulators (docs/cli.md §14).
#include <doctest/doctest.h>

#include <atomic>

#include "helpers.h"
#include "model/scenario.h"
#include "montecarlo/runner.h"
#include "output/summary.h"
#include "protocols/registry.h"
#include "scenario/load.h"
#include "stats/histogram.h"

using namespace parley;

namespace {
using parley::test::kExample;
}

TEST_SUITE("montecarlo") {
  TEST_CASE("summary is byte-identical for 1, 2 and 3 threads") {
    for (const char* protocol : {"alternating_offers", "nash"}) {
      CAPTURE(protocol);
      std::vector<std::string> set{std::string("protocol.kind=") + protocol};
      // 3000 replicates: several chunks, the last one partial.
      std::string one = test::RunFile(kExample, set, 3000, 1).dump();
      CHECK(one == test::RunFile(kExample, set, 3000, 2).dump());
      CHECK(one == test::RunFile(kExample, set, 3000, 3).dump());
    }
  }

  TEST_CASE("a stop request ends the run on a chunk boundary") {
    Scenario s = Compile(LoadScenarioSpec(kExample, {"montecarlo.replicates=100000"}));
    auto protocol = FindProtocol(s.protocol.kind)->create(s);
    std::atomic<bool> stop{false};
    RunOptions options;
    options.seed = s.seed;
    options.replicates = s.replicates;
    options.threads = 2;
    options.stop = &stop;
    options.progress = [&](std::int64_t done, std::int64_t) {
      if (done >= 3 * kChunkSize) stop = true;
    };
    RunResult stopped = RunMonteCarlo(s, *protocol, options);
    CHECK_FALSE(stopped.complete);
    CHECK(stopped.done % kChunkSize == 0);
    CHECK(stopped.done < s.replicates);
    // What was done equals a complete run of that many replicates.
    RunOptions prefix = options;
    prefix.stop = nullptr;
    prefix.progress = nullptr;
    prefix.replicates = stopped.done;
    RunResult full = RunMonteCarlo(s, *protocol, prefix);
    CHECK(full.complete);
    RunInfo info{s.protocol.kind, s.replicates, s.seed, {}, true};
    CHECK(SummaryJson(s, stopped.total, info).dump() == SummaryJson(s, full.total, info).dump());
  }

  TEST_CASE("fine histogram quantiles are exact for repeated values and within one bin otherwise") {
    FineHistogram h(0, 1, 100);
    for (int i = 0; i < 10; ++i) h.Add(0.123456789);
    CHECK(h.Quantile(0.5) == 0.123456789);
    FineHistogram u(0, 1, 4096);
    const int n = 10001;
    for (int i = 0; i < n; ++i) u.Add(static_cast<double>(i) / (n - 1));
    for (double q : {0.1, 0.5, 0.9}) CHECK(std::fabs(u.Quantile(q) - q) <= u.Resolution());
    // Merging in either order gives the same quantiles.
    FineHistogram a(0, 1, 64), b(0, 1, 64);
    for (int i = 0; i < 50; ++i) (i % 2 ? a : b).Add(i / 50.0);
    FineHistogram ab = a, ba = b;
    ab.Merge(b);
    ba.Merge(a);
    for (double q : {0.05, 0.5, 0.95}) CHECK(ab.Quantile(q) == ba.Quantile(q));
  }

  TEST_CASE("Wilson interval") {
    double lo, hi;
    WilsonInterval(50, 100, &lo, &hi);
    CHECK(lo == doctest::Approx(0.4038).epsilon(1e-3));
    CHECK(hi == doctest::Approx(0.5962).epsilon(1e-3));
    WilsonInterval(0, 10, &lo, &hi);
    CHECK(lo == 0.0);
    CHECK(hi == doctest::Approx(0.2775).epsilon(1e-3));
  }
}

// Replicates per second of the real Monte Carlo path (draw, play, accumulate)
// on the textbook scenarios and on a 4-actor, 4-issue, 52-round scenario.
#include <benchmark/benchmark.h>

#include <string>

#include "fixture.h"

namespace {

using namespace parley;
using parley::bench::LoadFixture;
using parley::bench::ProtocolFixture;
using parley::bench::SourcePath;

// One thread, one replicate per iteration: items/s is replicates per second.
void Replicates(benchmark::State& state, const std::string& file, const std::string& protocol) {
  const ProtocolFixture f = LoadFixture(SourcePath(file), protocol);
  parley::bench::PlayReplicates(state, f, f.scenario.seed, /*accumulate=*/true);
}

// The whole runner with T threads over a fixed batch of replicates.
void Runner(benchmark::State& state, const std::string& file, const std::string& protocol) {
  const ProtocolFixture f = LoadFixture(SourcePath(file), protocol);
  RunOptions options;
  options.seed = f.scenario.seed;
  options.replicates = 8192;
  options.threads = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(RunMonteCarlo(f.scenario, *f.protocol, options).done);
  state.SetItemsProcessed(state.iterations() * options.replicates);
}

const char* kExample = "scenarios/examples/ceasefire_uncertain.yaml";

BENCHMARK_CAPTURE(Replicates, nash_split, std::string("scenarios/textbook/nash_split.yaml"), std::string("nash"));
BENCHMARK_CAPTURE(Replicates, rubinstein_ao, std::string("scenarios/textbook/rubinstein.yaml"),
                  std::string("alternating_offers"));
BENCHMARK_CAPTURE(Replicates, finite_horizon_ao, std::string("scenarios/textbook/finite_horizon.yaml"),
                  std::string("alternating_offers"));
BENCHMARK_CAPTURE(Replicates, breakdown_ao, std::string("scenarios/textbook/breakdown.yaml"),
                  std::string("alternating_offers"));
BENCHMARK_CAPTURE(Replicates, example4x4_nash, std::string(kExample), std::string("nash"));
BENCHMARK_CAPTURE(Replicates, example4x4_ao, std::string(kExample), std::string("alternating_offers"));
// NegMAS-size concession sessions: 2 actors, 10×5 outcomes, 100 rounds; 4 actors, 10×6×4.
BENCHMARK_CAPTURE(Replicates, negmas_bilateral_concession, std::string("tests/data/negmas/F2_bi2_tbc_e1.yaml"),
                  std::string("concession"));
BENCHMARK_CAPTURE(Replicates, negmas_4actor_concession, std::string("tests/data/negmas/F12_multi4_tbc_mixed.yaml"),
                  std::string("concession"));
BENCHMARK_CAPTURE(Replicates, ukraine_concession, std::string("scenarios/ukraine/baseline.yaml"),
                  std::string("concession"));
BENCHMARK_CAPTURE(Runner, example4x4_ao, std::string(kExample), std::string("alternating_offers"))
    ->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

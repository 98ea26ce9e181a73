// How cost grows: replicates per second of alternating_offers and nash on
// synthetic scenarios parameterised by actors, issues and horizon; and the
// pieces around a replicate: random-stream draws, distribution quantiles,
// accumulator add and merge, scenario loading. Figures in bench/RESULTS.md.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "core/distribution.h"
#include "core/rng.h"
#include "fixture.h"

namespace {

using namespace parley;
using parley::bench::LoadFixture;
using parley::bench::PlayReplicates;
using parley::bench::ProtocolFixture;
using parley::bench::SourcePath;

// A synthetic scenario: `actors` veto actors spread over [0, 1] on `issues`
// continuous issues, quadratic losses, drawn war costs and discounts (so the
// world changes every replicate), `horizon` rounds, every actor proposing in
// turn.
std::string Synthetic(int actors, int issues, int horizon) {
  std::string y = "parley: 1\nname: synthetic\nrounds: {horizon: " + std::to_string(horizon) +
                  "}\nprotocol: {kind: alternating_offers}\nmontecarlo: {replicates: 1000, seed: 3}\nissues:\n";
  for (int k = 0; k < issues; ++k) y += "  i" + std::to_string(k) + ": {scale: [0, 1], status_quo: 0.5}\n";
  y += "actors:\n";
  for (int a = 0; a < actors; ++a) {
    y += "  a" + std::to_string(a) + ":\n    position: {";
    for (int k = 0; k < issues; ++k)
      y += (k ? ", i" : "i") + std::to_string(k) + ": " + std::to_string((a + 0.5 * (k % 2)) / actors);
    y += "}\n    salience: {";
    for (int k = 0; k < issues; ++k) y += (k ? ", i" : "i") + std::to_string(k) + ": " + std::to_string((1 + (a + k) % 3) / 3.0);
    y += "}\n    risk: 2\n    discount: {dist: uniform, low: 0.9, high: 0.98}\n"
         "    war_cost: {dist: uniform, low: 0.01, high: 0.05}\n";
  }
  return y;
}

ProtocolFixture MakeSynthetic(int actors, int issues, int horizon, const std::string& protocol) {
  const std::string path = "/tmp/parley_bench_synthetic_" + std::to_string(actors) + "_" + std::to_string(issues) +
                           "_" + std::to_string(horizon) + ".yaml";
  std::ofstream(path) << Synthetic(actors, issues, horizon);
  ProtocolFixture f = LoadFixture(path, protocol);
  std::remove(path.c_str());
  return f;
}

// Args: actors, issues, horizon.
void Grow(benchmark::State& state, const std::string& protocol) {
  const ProtocolFixture f = MakeSynthetic(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)),
                                          static_cast<int>(state.range(2)), protocol);
  PlayReplicates(state, f, 3, /*accumulate=*/false);
}

void GrowthArgs(benchmark::internal::Benchmark* b) {
  for (int actors : {2, 3, 4, 6}) b->Args({actors, 2, 20});
  for (int issues : {1, 4, 8}) b->Args({3, issues, 20});
  for (int horizon : {10, 40, 160}) b->Args({3, 2, horizon});
}
BENCHMARK_CAPTURE(Grow, alternating_offers, std::string("alternating_offers"))->Apply(GrowthArgs);
BENCHMARK_CAPTURE(Grow, nash, std::string("nash"))->Apply(GrowthArgs);

// One uniform of a stream by random access (Philox4x64-10).
void StreamDraw(benchmark::State& state) {
  const Rng rng(20250425, 17, StreamIdOf("actors.russia.war_cost"));
  std::uint64_t i = 0;
  double sum = 0;
  for (auto _ : state) sum += rng.UniformAt(i++);
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(StreamDraw);

// One draw by inverse CDF, per distribution kind.
void Quantile(benchmark::State& state, const Distribution& dist) {
  double u = 0.0001, sum = 0;
  for (auto _ : state) {
    sum += dist.Quantile(u);
    u = u < 0.999 ? u + 0.000613 : 0.0001;
  }
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(Quantile, uniform, Distribution::Uniform(0.01, 0.03));
BENCHMARK_CAPTURE(Quantile, normal_truncated, Distribution::Normal(0.5, 0.2, 0, 1));
BENCHMARK_CAPTURE(Quantile, beta, Distribution::BetaAlphaBeta(990, 10, 0, 1));
BENCHMARK_CAPTURE(Quantile, triangular, Distribution::Triangular(0, 0.3, 1));
BENCHMARK_CAPTURE(Quantile, lognormal, Distribution::Lognormal(-3, 0.5, 0, 1));

const char* kBaseline = "scenarios/ukraine/baseline.yaml";

// Accumulating one outcome of the Ukraine baseline (4 actors, 4 issues, 4 events, bundles).
void AccumulatorAdd(benchmark::State& state) {
  const ProtocolFixture f = LoadFixture(SourcePath(kBaseline), "nash");
  World world;
  Resize(f.scenario, world);
  Outcome outcome;
  Resize(f.scenario, outcome);
  auto workspace = f.protocol->NewWorkspace();
  std::vector<Outcome> outcomes(256, outcome);
  for (int r = 0; r < 256; ++r) PlayReplicate(f.scenario, *f.protocol, 1, r, world, *workspace, outcomes[r], nullptr);
  Accumulator accumulator(f.scenario);
  size_t i = 0;
  for (auto _ : state) accumulator.Add(outcomes[i++ % outcomes.size()]);
  benchmark::DoNotOptimize(accumulator.deals);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(AccumulatorAdd);

// Merging one chunk's accumulator into the total (done once per 1,024 replicates).
void AccumulatorMerge(benchmark::State& state) {
  const ProtocolFixture f = LoadFixture(SourcePath(kBaseline), "nash");
  Accumulator total(f.scenario), chunk(f.scenario);
  for (auto _ : state) total.Merge(chunk);
  benchmark::DoNotOptimize(total.replicates);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(AccumulatorMerge);

// Loading, validating and compiling the Ukraine baseline (YAML to Scenario).
void LoadBaseline(benchmark::State& state) {
  const std::string path = SourcePath(kBaseline);
  for (auto _ : state) benchmark::DoNotOptimize(Compile(LoadScenarioSpec(path, {})).params.size());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(LoadBaseline)->Unit(benchmark::kMillisecond);

// Each protocol's replicate on the Ukraine baseline, one thread.
void Baseline(benchmark::State& state, const std::string& protocol, const std::string& information) {
  const ProtocolFixture f = LoadFixture(SourcePath(kBaseline), protocol, {"protocol.information=" + information});
  PlayReplicates(state, f, 3, /*accumulate=*/false);
}
BENCHMARK_CAPTURE(Baseline, alternating_offers_complete, std::string("alternating_offers"), std::string("complete"));
BENCHMARK_CAPTURE(Baseline, alternating_offers_private, std::string("alternating_offers"), std::string("private"));
BENCHMARK_CAPTURE(Baseline, nash, std::string("nash"), std::string("complete"));
BENCHMARK_CAPTURE(Baseline, expected_utility, std::string("expected_utility"), std::string("complete"));
BENCHMARK_CAPTURE(Baseline, concession, std::string("concession"), std::string("complete"));

}  // namespace

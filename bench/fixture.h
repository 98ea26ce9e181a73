// What the benchmarks share: a compiled scenario with its protocol, and the
// loop that plays one replicate per benchmark iteration.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "montecarlo/runner.h"
#include "protocols/registry.h"
#include "scenario/load.h"
#include "stats/accumulator.h"

namespace parley::bench {

// A path under the source tree.
inline std::string SourcePath(const std::string& relative) { return std::string(PARLEY_SOURCE_DIR) + "/" + relative; }

struct ProtocolFixture {
  Scenario scenario;
  std::unique_ptr<Protocol> protocol;
};

// Loads a scenario file with `protocol.kind=PROTOCOL` and further overrides.
inline ProtocolFixture LoadFixture(const std::string& path, const std::string& protocol,
                                   const std::vector<std::string>& more_overrides = {}) {
  std::vector<std::string> overrides{"protocol.kind=" + protocol};
  overrides.insert(overrides.end(), more_overrides.begin(), more_overrides.end());
  ProtocolFixture f{Compile(LoadScenarioSpec(path, overrides)), nullptr};
  f.protocol = FindProtocol(protocol)->create(f.scenario);
  return f;
}

// One replicate per iteration, as the runner plays it (draw, play), and with
// `accumulate` its outcome added to an accumulator as the runner does: items/s
// is replicates per second.
inline void PlayReplicates(benchmark::State& state, const ProtocolFixture& f, std::uint64_t seed, bool accumulate) {
  World world;
  Resize(f.scenario, world);
  Outcome outcome;
  Resize(f.scenario, outcome);
  auto workspace = f.protocol->NewWorkspace();
  Accumulator accumulator(f.scenario);
  std::uint64_t replicate = 0;
  for (auto _ : state) {
    PlayReplicate(f.scenario, *f.protocol, seed, replicate++, world, *workspace, outcome, nullptr);
    if (accumulate) accumulator.Add(outcome);
    benchmark::DoNotOptimize(outcome.deal);
  }
  benchmark::DoNotOptimize(accumulator.deals);
  state.SetItemsProcessed(state.iterations());
}

}  // namespace parley::bench

// Rounds per second of the expected-utility model (protocols/eu_model.h,
// expected_utility.h): one model round on an issue (the median, P^i for every
// dyad, both EU passes, the offers) on BDM's 1994 data and on synthetic
// issues of 40 and 80 actors; and the whole protocol (ledger, rounds,
// forecast, deal test), counting the rounds it plays.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "model/world.h"
#include "montecarlo/runner.h"
#include "protocols/eu_model.h"
#include "protocols/expected_utility.h"
#include "scenario/load.h"

namespace {

using namespace parley;

struct Data {
  std::vector<double> position, capability, salience;
};

// BDM 1994 p. 78 (docs/model.md §7).
Data Bdm() {
  return {{4, 7, 4, 4, 10, 10, 10, 7, 4, 7},
          {.08, .08, .03, .16, .16, .16, .16, .05, .05, .08},
          {.8, .4, .2, .8, .6, .6, .9, .1, 1.0, .7}};
}

// n actors with uniform positions, capabilities and saliences (fixed seed).
Data Synthetic(int n) {
  std::mt19937_64 rng(20110101);
  std::uniform_real_distribution<double> u(0, 1);
  Data issue;
  for (int a = 0; a < n; ++a) {
    issue.position.push_back(u(rng));
    issue.capability.push_back(u(rng));
    issue.salience.push_back(u(rng));
  }
  return issue;
}

// One model round per iteration, always from the same positions.
void Round(benchmark::State& state, Data issue, eu::RoundRules rules) {
  const int n = static_cast<int>(issue.position.size());
  eu::RoundScratch scratch;
  scratch.Resize(n);
  std::vector<double> next(n);
  const eu::IssueView view{n, issue.position.data(), issue.capability.data(), issue.salience.data()};
  for (auto _ : state) {
    eu::RoundSummary summary = eu::PlayRound(view, rules, scratch, next.data());
    benchmark::DoNotOptimize(summary);
  }
  state.SetItemsProcessed(state.iterations());
}

// A scenario of one continuous issue built by hand, and its world.
struct Fixture {
  Scenario scenario;
  World world;
};

Fixture SyntheticScenario(const Data& issue, int horizon) {
  Fixture f;
  const int n = static_cast<int>(issue.position.size());
  Scenario& s = f.scenario;
  s.issues.push_back(parley::Issue{});
  s.issues[0].name = "issue";
  for (int a = 0; a < n; ++a) {
    s.actors.push_back(Actor{});
    s.actors[a].name = "actor" + std::to_string(a);
    s.veto_actors.push_back(a);
  }
  s.horizon = horizon;
  s.protocol.kind = "expected_utility";
  s.protocol.deal_forecast = true;
  s.value_offset.setConstant(n, 1, -1);
  World& w = f.world;
  Resize(s, w);
  for (int a = 0; a < n; ++a) {
    w.position(a, 0) = issue.position[a];
    w.capability[a] = issue.capability[a];
    w.salience_raw(a, 0) = issue.salience[a];
    w.salience(a, 0) = 1;
  }
  w.discount.setOnes(), w.risk.setOnes();
  return f;
}

// Whole replicates; items are the rounds played (the outcome's round + 1).
void Protocol(benchmark::State& state, Fixture f) {
  auto protocol = MakeExpectedUtility(f.scenario);
  Outcome out;
  out.Resize(f.scenario.NumActors(), f.scenario.NumIssues(), 0);
  auto ws = protocol->NewWorkspace();
  long long rounds = 0;
  for (auto _ : state) {
    protocol->Play(f.world, *ws, out, nullptr);
    rounds += out.round + 1;
  }
  state.SetItemsProcessed(rounds);
}

// The BDM file through the runner's replicate path (draw, play).
void BdmFile(benchmark::State& state) {
  Scenario s = Compile(
      LoadScenarioSpec(std::string(PARLEY_SOURCE_DIR) + "/scenarios/textbook/bdm_1994_emissions.yaml", {}));
  auto protocol = MakeExpectedUtility(s);
  World w;
  Resize(s, w);
  Outcome out;
  out.Resize(s.NumActors(), s.NumIssues(), 0);
  auto ws = protocol->NewWorkspace();
  long long rounds = 0;
  std::uint64_t replicate = 0;
  for (auto _ : state) {
    PlayReplicate(s, *protocol, s.seed, replicate++, w, *ws, out, nullptr);
    rounds += out.deal ? out.round + 1 : s.horizon;
  }
  state.SetItemsProcessed(rounds);
}

BENCHMARK_CAPTURE(Round, bdm10, Bdm(), eu::RoundRules{});
BENCHMARK_CAPTURE(Round, random40, Synthetic(40), eu::RoundRules{});
BENCHMARK_CAPTURE(Round, random80, Synthetic(80), eu::RoundRules{});
BENCHMARK_CAPTURE(Round, random40_q05, Synthetic(40), eu::RoundRules{0.5, false});
BENCHMARK_CAPTURE(Protocol, random40_h20, SyntheticScenario(Synthetic(40), 20));
BENCHMARK_CAPTURE(Protocol, random80_h20, SyntheticScenario(Synthetic(80), 20));
BENCHMARK(BdmFile);

}  // namespace

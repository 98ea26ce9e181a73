// The proposer problem alone (offer_solver.h), on worlds drawn from the
// 4-actor example: the mediator proposes to 1, 2 or 3 veto responders, with
// thresholds a little below what each gets at the average of the actors'
// positions (feasible, and binding for the proposer). Risk 2 as in the file,
// or risk 1 for everyone; the fast path (auto) against the recursive method.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "model/world.h"
#include "protocols/offer_solver.h"
#include "scenario/load.h"

namespace {

using namespace parley;

constexpr int kWorlds = 64;

struct Problem {
  Scenario scenario;
  std::vector<World> worlds;
  std::vector<std::vector<double>> thresholds;  // per world, per responder
  int proposer = 0;
  std::vector<int> responders;
};

Problem Make(int count, double risk) {
  std::vector<std::string> overrides;
  for (const char* a : {"russia", "ukraine", "united_states", "european_union"})
    overrides.push_back(std::string("actors.") + a + ".risk=" + std::to_string(risk));
  Problem p{Compile(LoadScenarioSpec(
                std::string(PARLEY_SOURCE_DIR) + "/scenarios/examples/ceasefire_uncertain.yaml", overrides)),
            {},
            {},
            0,
            {}};
  const Scenario& s = p.scenario;
  p.proposer = s.ActorIndex("united_states");
  p.responders.assign(s.veto_actors.begin(), s.veto_actors.begin() + count);
  for (int r = 0; r < kWorlds; ++r) {
    World w;
    Resize(s, w);
    Draw(s, s.seed, r, w);
    // The average position, ordinal issues rounded to a level.
    std::vector<double> x(s.NumIssues(), 0.0);
    for (int k = 0; k < s.NumIssues(); ++k) {
      for (int a = 0; a < s.NumActors(); ++a) x[k] += w.position(a, k) / s.NumActors();
      if (s.issues[k].ordinal) {
        const int top = s.issues[k].LevelCount() - 1;
        x[k] = std::round(x[k] * top) / top;
      }
    }
    std::vector<double> t;
    for (int j : p.responders) t.push_back(Utility(s, w, j, x.data()) - 0.01);
    p.worlds.push_back(w);
    p.thresholds.push_back(t);
  }
  return p;
}

// One proposer solve per iteration, cycling over the drawn worlds.
void Solve(benchmark::State& state, int count, double risk, OfferSolver::Method method) {
  Problem p = Make(count, risk);
  OfferSolver solver;
  solver.Resize(p.scenario);
  solver.SetMethod(method);
  Offer offer = solver.NewOffer();
  int r = 0;
  long long found = 0;
  for (auto _ : state) {
    solver.Load(p.scenario, p.worlds[r]);
    found += solver.Solve(p.proposer, p.responders.data(), count, p.thresholds[r].data(), offer);
    r = (r + 1) % kWorlds;
  }
  benchmark::DoNotOptimize(found);
  state.SetItemsProcessed(state.iterations());
  const OfferSolver::Stats& st = solver.GetStats();
  const double fast = static_cast<double>(std::max(1LL, st.fast + st.fallback));
  state.counters["fallback_share"] = st.fallback / fast;
  state.counters["evals_per_fast"] = st.evaluations / fast;
  state.counters["pruned_per_solve"] = static_cast<double>(st.pruned) / state.iterations();
}

constexpr auto kAuto = OfferSolver::Method::kAuto;
constexpr auto kRecursive = OfferSolver::Method::kRecursive;

BENCHMARK_CAPTURE(Solve, resp1_risk2_auto, 1, 2.0, kAuto);
BENCHMARK_CAPTURE(Solve, resp2_risk2_auto, 2, 2.0, kAuto);
BENCHMARK_CAPTURE(Solve, resp3_risk2_auto, 3, 2.0, kAuto);
BENCHMARK_CAPTURE(Solve, resp1_risk1_auto, 1, 1.0, kAuto);
BENCHMARK_CAPTURE(Solve, resp2_risk1_auto, 2, 1.0, kAuto);
BENCHMARK_CAPTURE(Solve, resp3_risk1_auto, 3, 1.0, kAuto);
BENCHMARK_CAPTURE(Solve, resp1_risk1p5_auto, 1, 1.5, kAuto);
BENCHMARK_CAPTURE(Solve, resp3_risk1p5_auto, 3, 1.5, kAuto);
BENCHMARK_CAPTURE(Solve, resp3_risk3_auto, 3, 3.0, kAuto);
BENCHMARK_CAPTURE(Solve, resp1_risk2_recursive, 1, 2.0, kRecursive);
BENCHMARK_CAPTURE(Solve, resp2_risk2_recursive, 2, 2.0, kRecursive);
BENCHMARK_CAPTURE(Solve, resp3_risk2_recursive, 3, 2.0, kRecursive);
BENCHMARK_CAPTURE(Solve, resp3_risk1p5_recursive, 3, 1.5, kRecursive);

}  // namespace

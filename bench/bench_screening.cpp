// The perfect Bayesian equilibrium with one screened responder
// (protocols/screening.h): replicates of files where every replicate needs
// its own solve (a drawn public parameter), and where one solve serves the
// run (nothing but the screened cost drawn).
#include "fixture.h"

namespace parley::bench {

namespace {

const std::string kFearon = SourcePath("scenarios/textbook/fearon.yaml");

// Fearon's pie over `horizon` rounds with a drawn breakdown risk: one solve
// per replicate.
void ScreeningSolvePerReplicate(benchmark::State& state) {
  const ProtocolFixture f = LoadFixture(
      kFearon, "alternating_offers",
      {"rounds.horizon=" + std::to_string(state.range(0)), "protocol.breakdown={dist: uniform, low: 0.01, high: 0.05}"});
  PlayReplicates(state, f, 1995, false);
}
BENCHMARK(ScreeningSolvePerReplicate)->Arg(2)->Arg(8)->Arg(20)->Unit(benchmark::kMillisecond);

// The same with a constant breakdown risk: the solve of the first replicate
// serves every later one (play alone).
void ScreeningSolveReused(benchmark::State& state) {
  const ProtocolFixture f =
      LoadFixture(kFearon, "alternating_offers", {"rounds.horizon=" + std::to_string(state.range(0)), "protocol.breakdown=0.05"});
  PlayReplicates(state, f, 1995, false);
}
BENCHMARK(ScreeningSolveReused)->Arg(2)->Arg(20)->Arg(52);

// Four issues, a mediator and two known veto responders, 52 weeks, events
// and dynamics (ceasefire_uncertain.yaml with only Russia's cost private).
void ScreeningFourIssues(benchmark::State& state) {
  const ProtocolFixture f = LoadFixture(SourcePath("scenarios/examples/ceasefire_uncertain.yaml"), "alternating_offers",
                                        {"protocol.information=private", "protocol.proposers=[united_states]",
                                         "actors.european_union.war_cost=0.02"});
  PlayReplicates(state, f, 20250425, false);
}
BENCHMARK(ScreeningFourIssues)->Unit(benchmark::kMillisecond);

}  // namespace

}  // namespace parley::bench

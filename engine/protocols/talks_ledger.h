// TalksLedger: the clock of talks played round by round, for the protocols
// that do not plan by backward induction (concession, expected_utility).
//
// It owns the replicate's world as dynamics and events change it, and what
// each actor has received while there was no deal (docs/model.md §3):
// realised = Σ_{τ<t} (1−δ)·δ^τ·w(τ) and weight = δ^t. A deal in round t is
// then worth realised + weight·u(x), and talks that end before round t leave
// the war going on for good along its expected path from the world as it is.
#pragma once

#include <vector>

#include "core/rng.h"
#include "model/outcome.h"
#include "model/scenario.h"
#include "model/shocks.h"
#include "model/world.h"
#include "protocols/protocol.h"

namespace parley {

// The index (into `proposers`) of round t's proposer: in turn under
// `rotate`, drawn by uniform t of the `protocol.order` stream under `random`
// with the cumulated recognition weights.
// The stream of the per-round breakdown draws. It must not be the stream of
// the parameter protocol.breakdown (StreamIdOf of its path), whose draw
// number 0 sets the risk: sharing it made round 0 break down exactly when the
// uniform fell below its own quantile, i.e. too rarely.
inline constexpr StreamId kBreakdownDrawStream = StreamIdOf("protocol.breakdown/rounds");

int ProposerOfRound(const Rng& order, int t, bool random, const std::vector<double>& cumulative);

class TalksLedger {
 public:
  void Resize(const Scenario& scenario);  // allocates; once per workspace
  // Starts a replicate from its drawn world (no allocation).
  void Start(const World& drawn);

  // Round t's dynamics (from round 1) and events; true when an event fired.
  // Records the events in out and, with a step, in the trace.
  bool Shock(int t, Outcome& out, TraceStep* step);
  // Round t ended without a deal: its flow is received.
  void PassRound();
  // True when the talks break down after round t (never when breakdown is 0).
  bool BreaksDown(const Rng& stream, int t, TraceStep* step) const;

  // Each actor's value of no deal from round t0 on, with the world as it is:
  // the war for good along the expected path (values has NumActors entries).
  // lead: how many rounds t0 lies after the round the world's status quo
  // belongs to (0 right after round t0's shocks, 1 after round t0−1 ended).
  void NoDealValues(int t0, int lead, double* values);
  // A deal struck now, worth u to actor i: its value from round 0.
  double DealValue(int i, double u) const { return realised_[i] + weight_[i] * u; }
  // A deal on `terms` in `round`: fills out's terms and values, and each
  // actor's no-deal value on the realised path (the flows received so far,
  // then the war going on from this round's state), which gains are measured
  // against (docs/model.md).
  void Settle(int round, int proposer, const double* terms, Outcome& out);
  // Talks over without a deal before round next_round: fills out.value, and
  // out.no_deal_value with the same numbers (the realised path is no deal).
  void EndWithoutDeal(int next_round, Outcome& out);

  const World& world() const { return world_; }

 private:
  const Scenario* s_ = nullptr;
  World world_;
  PathScratch path_;
  std::vector<double> realised_, weight_, scratch_;
  std::vector<int> fired_now_;
};

}  // namespace parley

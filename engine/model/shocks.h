// Shocks while the talks go on: war dynamics and events (docs/schema.md).
//
// Dynamics move a continuous issue's status quo each round by
//   drift + volatility * z,  z standard normal, clamped to the scale,
// with z the inverse normal CDF of uniform t of the stream `dynamics.<issue>`.
// An event may fire in round t with probability `hazard` (uniform t of the
// stream `events.<id>`), when its `when:` conditions hold and, with `once`,
// if it has not fired yet; its effects change drawn parameters (add, scale,
// set) for the rest of the replicate. Both act on World::param and then
// re-derive the World, so every later computation sees the changed world.
#pragma once

#include <cstdint>
#include <vector>

#include "model/scenario.h"
#include "model/world.h"

namespace parley {

// Moves every status quo with dynamics one round on (from round t-1 to t).
// Returns true when anything moved. Does not re-derive the world.
bool MoveStatusQuo(const Scenario& scenario, World& world, int round);

// Fires the events of round t; `fired` (per event) is updated. Returns the
// number that fired. Does not re-derive the world. An effect whose result
// leaves its target's domain (e.g. a discount above 1) is clamped to the
// domain, the nearest value inside an open end, and `clamped` (per event,
// when given) records it; the load has already refused an effect that leaves
// the domain for every value of its target (model/scenario.cpp).
int FireEvents(const Scenario& scenario, World& world, int round, std::vector<std::uint8_t>& fired,
               std::vector<int>* fired_now = nullptr, std::vector<std::uint8_t>* clamped = nullptr);

// x clamped to the domain of parameter p; true when it moved.
bool ClampToDomain(const Param& p, double& x);

// The expected path of the no-deal flows from round t0 on, with the status
// quo following its drift alone (volatility has mean zero before clamping):
// flow[τ - t0][i] for τ = t0 .. horizon-1 (row-major, actors per row), and
// tail[i], the value at the horizon of the war going on for good along the
// path. No allocation once the scratch has been used for the scenario.
struct PathScratch {
  std::vector<double> flow, tail;           // the results
  std::vector<double> terms, now, weight;   // scratch: a round's flows, each flow's fixed part, δ^t
  std::vector<double> coef, theta;          // per (dynamic, actor): salience (0: no term) and position
};
// `lead` is how many rounds round t0 lies after the round the world's status
// quo belongs to (1 when planning the war after the current round).
void ExpectedNoDealPath(const Scenario& scenario, const World& world, int t0, PathScratch& path, int lead = 0);
// The same, choosing how the tail past the horizon is summed: closed form
// where it is exact and stable (the default), or always round by round
// (for tests that check the two agree).
void ExpectedNoDealPath(const Scenario& scenario, const World& world, int t0, PathScratch& path, int lead,
                        bool closed_form);

}  // namespace parley

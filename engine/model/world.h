// World: one replicate's drawn parameters, in the arrays protocols use.
//
// A World is allocated once per thread and redrawn for every replicate
// without allocating. Every parameter is drawn from its own stream
// (seed, replicate, path), by inverse CDF from the stream's first uniform.
#pragma once

#include <Eigen/Core>
#include <cstdint>

#include "model/outcome.h"
#include "model/scenario.h"

namespace parley {

struct World {
  std::uint64_t seed = 0, replicate = 0;
  Eigen::ArrayXd param;          // every parameter's draw, in file units

  // Derived arrays (see Derive).
  Eigen::ArrayXXd position;      // actor x issue, unit scale
  Eigen::ArrayXXd salience;      // actor x issue, normalised to sum 1 per actor
  Eigen::ArrayXXd salience_raw;  // actor x issue, as given in [0, 1]
  Eigen::ArrayXd capability, discount, risk;
  Eigen::ArrayXd war_cost;       // 0 for actors with a reservation
  Eigen::ArrayXd flow;           // no-deal flow per round at the status quo, w_i
  Eigen::ArrayXd status_quo;     // unit scale per issue
  Eigen::ArrayXd level_value;    // flattened per-level value tables
  double breakdown = 0;
};

// Sizes the arrays for a scenario (allocates; once per thread).
void Resize(const Scenario& scenario, World& world);
// Sizes an outcome for the scenario's actors, issues and events (allocates).
void Resize(const Scenario& scenario, Outcome& outcome);
// Draws every parameter of replicate `replicate` and derives the arrays.
void Draw(const Scenario& scenario, std::uint64_t seed, std::uint64_t replicate, World& world);
// Recomputes the derived arrays from world.param (after an effect changed it).
void Derive(const Scenario& scenario, World& world);

// v_ik(x): actor's value of terms x (unit scale) on one issue, 1 − |x − θ|^r
// or its per-level table.
double IssueValue(const Scenario& scenario, const World& world, int actor, int issue, double x);
// u_i(x) of docs/model.md §3, with x on the unit scale per issue.
double Utility(const Scenario& scenario, const World& world, int actor, const double* terms);
// The no-deal flow w_i for status quo x: reservation, or u_i(x) - war cost.
double NoDealFlow(const Scenario& scenario, const World& world, int actor, const double* status_quo);

}  // namespace parley

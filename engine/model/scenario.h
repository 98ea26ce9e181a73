// Scenario: the compiled, immutable model of a scenario file.
//
// Built once per run from a validated ScenarioSpec (as MuJoCo compiles an
// mjModel). Every drawable number is a Param with a path and a distribution;
// actors and issues refer to their parameters by index, so a replicate never
// looks anything up by name. A World (world.h) holds one replicate's draws.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/distribution.h"
#include "core/rng.h"
#include "scenario/spec.h"

namespace parley {

struct Param {
  std::string path;   // dotted path; also the name of its random stream
  Distribution dist;  // file units (level index for ordinal positions)
  StreamId stream = 0;
  SourceLoc loc;
  double domain_low = -std::numeric_limits<double>::infinity();  // the schema's interval for it
  double domain_high = std::numeric_limits<double>::infinity();  // (see ParamSpec)
  bool domain_low_open = false;
  // When not NaN, every replicate draws this value instead of sampling
  // `dist`, while `dist` stays what the actors believe (the common prior of
  // private information). `parley sensitivity` pins the factors of a design
  // point this way, so the metric it measures is the run's metric given that
  // the factor takes this value; nothing else sets it.
  double pinned = std::numeric_limits<double>::quiet_NaN();
  // `parley sensitivity --factor PATH=LO:HI`: a constant studied over a
  // range. `dist` is then the range (uniform) the design samples, and a
  // design point sets the constant itself (common knowledge, as the file's
  // constant is) instead of pinning a draw; `constant_value` is the file's.
  bool constant_factor = false;
  double constant_value = 0;
};

struct Issue {
  std::string name, label;
  bool ordinal = false;
  double low = 0, high = 1;  // continuous scale; ordinal: 0 .. levels-1
  std::vector<std::string> levels;
  int status_quo = -1;  // param index
  std::vector<std::pair<double, std::string>> anchors;

  int LevelCount() const { return static_cast<int>(levels.size()); }
  // File units (scale value or level index) to the unit interval and back.
  double ToUnit(double v) const { return (v - low) / (high - low); }
  double FromUnit(double x) const { return low + x * (high - low); }
  // Nearest level of a unit-scale position (ordinal issues).
  int LevelOf(double x) const;
};

struct Actor {
  std::string name, label;
  bool veto = true;
  int capability = -1, discount = -1, risk = -1;  // param indices
  int war_cost = -1, reservation = -1;            // exactly one is >= 0
  std::vector<int> position, salience;            // param index per issue
  double tactic_exponent = 1.0;                   // concession protocol
};

enum class Order { Rotate, Random };
enum class Information { Complete, Private };

struct ProtocolConfig {
  std::string kind;
  std::vector<int> proposers;      // actor indices, never empty after compile
  Order order = Order::Rotate;
  std::vector<double> recognition; // per proposer, normalised to sum 1
  int breakdown = -1;              // param index
  Information information = Information::Complete;
  std::vector<double> weights;     // nash: per actor; empty = capability
  int grid = 11;
  // expected_utility (protocols/expected_utility.h)
  double q = 1, tolerance = 1e-6;
  bool accept_highest_eu = false;  // else the least move
  bool deal_forecast = false;      // else a deal only when every veto actor accepts the forecast
};

// War dynamics of one continuous issue (model/shocks.h plays them).
struct Dynamic {
  int issue = -1;               // continuous issue index
  int status_quo = -1;          // its status quo param index
  int drift = -1, volatility = -1;  // param indices
  StreamId stream = 0;
};

struct EventEffect {
  int target = -1;  // param index
  EffectOp op = EffectOp::Add;
  int value = -1;   // param index of the effect's size
};

struct Event {
  std::string id, label;
  int hazard = -1;  // param index
  int from_round = 0;
  int until_round = -1;  // -1: no end
  bool once = false;
  std::vector<EventEffect> effects;
  StreamId stream = 0;
};

struct Scenario {
  std::string name, description, round_label;
  int horizon = 1;
  long long replicates = 1000;
  std::uint64_t seed = 1;

  std::vector<Issue> issues;
  std::vector<Actor> actors;
  std::vector<Param> params;
  ProtocolConfig protocol;
  std::vector<int> veto_actors;  // actor indices, file order
  std::vector<Dynamic> dynamics;
  std::vector<Event> events;     // file order

  // Per-level value tables, flattened: value_offset(a, k) is the index in
  // World::level_value of level 0 of ordinal issue k for actor a, or -1.
  Eigen::ArrayXXi value_offset;
  std::vector<int> value_params;  // param index of each World::level_value entry

  ScenarioSpec spec;  // kept for writers, events and the later protocols
  std::string sha256; // of the file and the files it extends

  int NumActors() const { return static_cast<int>(actors.size()); }
  int NumIssues() const { return static_cast<int>(issues.size()); }
  int ParamIndex(const std::string& path) const;  // -1 when unknown
  int ActorIndex(const std::string& name) const;
  int IssueIndex(const std::string& name) const;
};

// Throws InputError for what the spec reader could not know (none expected
// for a validated spec).
Scenario Compile(const ScenarioSpec& spec);

}  // namespace parley

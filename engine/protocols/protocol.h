// The protocol interface: given a World, play one negotiation into an Outcome.
//
// A Protocol object is built once per run from the immutable Scenario and is
// itself immutable; everything a replicate scribbles on lives in a per-thread
// Workspace, so the hot loop allocates nothing. Protocols describe themselves
// (name, parameters with defaults and explanations) in the registry, as
// OpenSpiel games do.
#pragma once

#include <Eigen/Core>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/protocol_schema.h"
#include "model/outcome.h"
#include "model/scenario.h"
#include "model/world.h"

namespace parley {

class Workspace {
 public:
  virtual ~Workspace() = default;
};

// What `parley explain` shows of a replicate, filled only when asked for.
// Computation never prints: the CLI formats this.
struct TraceAnswer {
  int actor = -1;
  double utility = 0;    // u_j(offer)
  double threshold = 0;  // R_j(t): value of rejecting
  bool accept = false;
};

struct TraceStep {
  int round = 0;
  int proposer = -1;
  bool offered = false;
  Eigen::ArrayXd terms;  // unit scale
  double proposer_utility = 0;
  std::vector<TraceAnswer> answers;
  bool deal = false;
  double breakdown_draw = -1;  // the uniform compared with `breakdown`; -1 if not drawn
  bool broke_down = false;
  std::vector<int> events;     // events that fired at the start of the round
  bool replanned = false;      // the actors re-planned after them
  Eigen::ArrayXd status_quo;   // unit scale, when the scenario has dynamics
  std::string note;
};

struct Trace {
  std::vector<std::string> notes;  // protocol-level remarks (e.g. the plan)
  std::string threshold_name = "value of rejecting";  // what TraceAnswer::threshold is
  std::vector<TraceStep> steps;
};

class Protocol {
 public:
  virtual ~Protocol() = default;
  virtual std::unique_ptr<Workspace> NewWorkspace() const = 0;
  // Plays world into out (already sized by Outcome::Resize). trace may be null.
  virtual void Play(const World& world, Workspace& workspace, Outcome& out, Trace* trace) const = 0;
};

struct ProtocolInfo {
  std::string name;
  const ProtocolSchema* schema = nullptr;  // its parameters and causes (protocols/schemas.h)
  // Empty when the scenario can run under this protocol, else why not (e.g.
  // a feature that a later version implements). Never silently ignored.
  std::function<std::string(const Scenario&)> unsupported;
  std::function<std::unique_ptr<Protocol>(const Scenario&)> create;  // null: not implemented
};

}  // namespace parley

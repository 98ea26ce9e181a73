// ScenarioSpec: a scenario file as plain, validated structs.
//
// The loader (load.h) parses YAML into a located tree, applies `extends:` and
// `--set` overrides, then reads the tree into these structs, checking types,
// ranges and references and collecting every error. Every value keeps the
// SourceLoc it came from. Nothing here depends on yaml-cpp.
//
// Drawable numbers are ParamSpecs, named by their dotted path; that path is
// also the name of the random stream the parameter is drawn from.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "core/distribution.h"
#include "core/error.h"

namespace parley {

// A number or a distribution. Positions and status quos of ordinal issues are
// level indices (0-based), and `choice` distributions over level names hold
// level indices too.
struct ParamSpec {
  std::string path;  // e.g. actors.russia.discount
  SourceLoc loc;
  Distribution dist;
  bool present = false;  // false: key absent and no default applies
  // The interval every draw must stay in (the schema's rule for this key):
  // [domain_low, domain_high], or (domain_low, domain_high] when open.
  // Tuning uses it for default calibration bounds.
  double domain_low = -std::numeric_limits<double>::infinity();
  double domain_high = std::numeric_limits<double>::infinity();
  bool domain_low_open = false;
};

struct IssueSpec {
  std::string name;
  std::string label;  // defaults to name
  SourceLoc loc;
  bool ordinal = false;
  double low = 0, high = 1;         // continuous: `scale: [low, high]`
  std::vector<std::string> levels;  // ordinal: `levels: [...]`, at least 2
  std::vector<std::pair<double, std::string>> anchors;  // continuous only; informative
  ParamSpec status_quo;             // required
};

// `tactic:` for protocol `concession`: boulware (e = 4), linear (1),
// conceder (0.25) or {exponent: e}. Parsed and validated for every protocol.
// Without one an actor concedes as boulware, NegMAS's default offering curve.
struct TacticSpec {
  bool present = false;
  std::string kind = "boulware";  // boulware | linear | conceder | exponent
  double exponent = 4.0;
  SourceLoc loc;
};

struct ActorSpec {
  std::string name;
  std::string label;  // defaults to name
  SourceLoc loc;
  bool veto = true;          // default: a party whose acceptance is required
  ParamSpec capability;      // default 1;  >= 0
  ParamSpec discount;        // default 1;  (0, 1]
  ParamSpec war_cost;        // [0, 1]; absent when reservation is given (then present=false)
  ParamSpec reservation;     // [-1, 1]; mutually exclusive with war_cost
  ParamSpec risk;            // default 1;  [1, 10]
  std::vector<ParamSpec> position;  // per issue (scenario issue order); required for every issue
  std::vector<ParamSpec> salience;  // per issue; required for every issue; each in [0, 1]
  // values[k][l]: the value of level l of ordinal issue k, each in [0, 1];
  // values[k] is empty when the actor gives no table for issue k.
  std::vector<std::vector<ParamSpec>> values;
  TacticSpec tactic;
};

struct ProtocolSpec {
  std::string kind = "alternating_offers";  // alternating_offers | nash | expected_utility | concession
  SourceLoc kind_loc;
  std::vector<int> proposers;     // actor indices; empty = the veto actors
  SourceLoc proposers_loc;
  std::string order = "rotate";   // rotate | random
  std::vector<double> recognition;  // random order: weight per entry of `proposers`; empty = equal
  ParamSpec breakdown;            // default 0; [0, 1]
  std::string information = "complete";  // complete | private
  SourceLoc information_loc;
  std::vector<double> weights;    // nash: weight per actor (> 0); empty = capability
  int grid = 11;                  // concession: points per continuous issue, >= 2
  double q = 1;                   // expected_utility: weight of the status quo in a challenge, [0, 1]
  double tolerance = 1e-6;        // expected_utility: positions settle when none moves more (unit scale)
  std::string accept = "least_move";  // expected_utility: least_move | highest_eu
  std::string deal = "acceptable";    // expected_utility: acceptable | forecast
};

struct DynamicsSpec {
  int issue = -1;  // continuous issue index
  SourceLoc loc;
  ParamSpec drift;       // default 0, per round, in the issue's own units
  ParamSpec volatility;  // default 0, >= 0
};

enum class EffectOp { Add, Scale, Set };

struct EffectSpec {
  std::string target;  // a parameter path, e.g. actors.russia.war_cost
  SourceLoc loc;
  EffectOp op = EffectOp::Add;
  ParamSpec value;
};

struct EventSpec {
  std::string id;
  std::string label;
  SourceLoc loc;
  ParamSpec hazard;  // required; [0, 1] per round
  int no_agreement_by = -1;  // `when:` conditions; -1 = not given
  int from_round = -1;
  int until_round = -1;
  bool once = false;
  std::vector<EffectSpec> effects;  // at least one
};

struct BundleCutsSpec {
  int issue = -1;  // continuous issue index
  std::vector<double> cuts;  // strictly increasing, inside the scale
};

struct ReportSpec {
  int bins = 20;  // >= 1
  std::vector<BundleCutsSpec> bundles;
};

struct ScenarioSpec {
  std::string name;
  std::string description;
  std::string round_label = "round";
  int horizon = 1;  // required; >= 1
  ProtocolSpec protocol;
  long long replicates = 1000;  // >= 1
  std::uint64_t seed = 1;
  std::vector<IssueSpec> issues;   // file order
  std::vector<ActorSpec> actors;   // file order
  std::vector<DynamicsSpec> dynamics;
  std::vector<EventSpec> events;
  ReportSpec report;

  std::vector<std::string> files;   // the file and the files it extends, top first
  std::string source_text;          // their bytes concatenated in that order (for sha256)
  std::vector<std::string> overrides;  // the --set arguments applied, as given

  int IssueIndex(const std::string& name) const;
  int ActorIndex(const std::string& name) const;
};

}  // namespace parley

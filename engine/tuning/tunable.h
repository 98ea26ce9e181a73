// What a path given to --vary, --free or --factor names in a scenario, so
// the commands can refuse a typo (with a suggestion) or a value of the wrong
// kind before anything runs.
//
// A path is tunable when it names a value of the merged tree (the file, the
// files it extends and the --set overrides), as --set would set it, or a
// parameter the file leaves at its default (`actors.x.capability`,
// `protocol.breakdown`). The same paths address a distribution's own
// parameters: `actors.russia.war_cost.high` is the `high` of the map
// `war_cost: {dist: uniform, low: ..., high: ...}`, and setting it keeps the
// rest of the map (maps merge by key).
#pragma once

#include <limits>
#include <optional>
#include <string>

#include "model/scenario.h"
#include "scenario/yaml_tree.h"

namespace parley {

enum class TunableKind {
  Number,        // a number (a scalar parameter, a distribution's field, or another numeric setting)
  Text,          // a scalar that is not a number: a level name, a protocol kind, ...
  Distribution,  // a `{dist: ...}` map
  Other,         // any other map or a list
};

struct Tunable {
  std::string path;
  TunableKind kind = TunableKind::Other;
  double value = std::numeric_limits<double>::quiet_NaN();  // Number: its value now
  std::string text;   // Text: the scalar as written
  int param = -1;     // the compiled parameter it is, or whose distribution it belongs to; -1: neither
  std::string field;  // the distribution's key (`high`) when it is one of its fields
  // The interval its values must stay in, when the schema gives one
  // (parameters and the location fields of their distributions).
  double low = -std::numeric_limits<double>::infinity();
  double high = std::numeric_limits<double>::infinity();
  bool low_open = false;
};

// What `path` names, or nullopt when nothing.
std::optional<Tunable> ResolveTunable(const yaml::Node& tree, const Scenario& scenario, const std::string& path);

// " (did you mean `x`?)" for an unknown path, or "".
std::string TunableSuggestion(const yaml::Node& tree, const Scenario& scenario, const std::string& path);

}  // namespace parley

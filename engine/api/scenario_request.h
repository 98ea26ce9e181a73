// What every command starts from: a scenario (a file, or YAML text), the
// user's overrides, and -n and --seed. The CLI fills it from its options
// (cli/scenario_options.h), the Python module from its arguments; both load
// it here, so both get the very same scenario and the same errors.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "scenario/spec.h"
#include "scenario/yaml_tree.h"

namespace parley::api {

// `--protocol all`: every protocol side by side (run only).
inline constexpr const char* kAllProtocols = "all";

// A count as text: a whole number, plain or as 1e4; UsageError naming `option` otherwise.
long long ParseCount(const std::string& text, const std::string& option);

struct ScenarioRequest {
  std::string path;                     // a scenario file; empty: `text`
  std::string text;                     // YAML text, when there is no path
  std::string text_name = "<scenario>"; // what messages call the text
  std::vector<std::string> sets;        // PATH=VALUE overrides, in order
  std::string protocol;                 // empty: the file's
  // Not given (no value a user can type: every negative one given is an
  // error, -1 included).
  static constexpr long long kNotGiven = std::numeric_limits<long long>::min();
  static bool Given(long long value) { return value != kNotGiven; }
  long long replicates = kNotGiven;  // not given: the file's
  long long seed = kNotGiven;        // not given: the file's
  bool all_protocols = false;        // whether `all` is accepted as the protocol

  bool FromText() const { return path.empty(); }
  // Every override as the loader takes it: sets, then protocol, -n, --seed.
  std::vector<std::string> Overrides() const;
  // What outputs echo: the sets and the protocol.
  std::vector<std::string> EchoedOverrides() const;
};

// -n and --seed as given: every negative value (and -n 0) is a UsageError.
void CheckCounts(const ScenarioRequest& request);

// The spec with the request's overrides, then `extra` (a tuning point's).
ScenarioSpec LoadSpec(const ScenarioRequest& request, const std::vector<std::string>& extra = {});
// Loads and compiles; throws InputError, or UsageError for an unknown
// protocol (and for `all`, which names no single protocol).
Scenario LoadScenario(const ScenarioRequest& request);
// The merged tree with the overrides applied (tuning/tree_paths.h).
yaml::Node LoadTree(const ScenarioRequest& request);

}  // namespace parley::api

// The arguments the tuning commands share (sweep, sensitivity, calibrate):
// the scenario and its overrides, metrics, --vary, --free, --target and
// --factor, each checked against the scenario before anything runs.
//
// Errors are located in the argument they stand in, as --set's are:
// `--vary:2:26: actors.b.war_cost.high: steps must be at least 2, got 1`
// (the 2nd --vary, column 26 of it). Every argument is checked and all the
// errors are reported together (InputError, exit code 2). A value that
// makes the scenario invalid (a bound below a distribution's `low`, say) is
// reported at the argument too, with the scenario's own message.
#pragma once

#include <string>
#include <vector>

#include "cli/scenario_options.h"
#include "core/error.h"
#include "scenario/yaml_tree.h"
#include "tuning/calibrate.h"
#include "tuning/metrics.h"
#include "tuning/point_runner.h"
#include "tuning/sweep.h"

namespace parley::cli {

// What the arguments are checked against: the scenario with the user's
// overrides, compiled and as a merged tree, and its metrics.
struct TuningBase {
  ScenarioOptions options;
  Scenario scenario;
  yaml::Node tree;
  std::vector<MetricInfo> catalog;
};

// Loads it; a broken scenario file ends here (InputError).
TuningBase LoadTuningBase(const ScenarioOptions& options);

// Seed and replicates from the scenario, threads (0: every core) and Ctrl-C.
RunSettings MakeRunSettings(const Scenario& scenario, int threads);

// Where a point override came from, for locating its errors: the option
// (`--vary`), the 1-based argument index and the column where its value starts.
struct OverrideOrigin {
  std::string option;
  int index = 0, value_col = 1;
  std::string note;  // appended to its errors (say, where default bounds came from)
};

// Compiles the scenario with the point's overrides after the user's; the
// k-th point override came from origins[k], and its errors say so.
PointCompiler LocatedCompiler(const ScenarioOptions& options, std::vector<OverrideOrigin> origins);

// --metric (or --target's metric names); `option` names the option in errors.
std::vector<MetricInfo> ParseMetrics(const TuningBase& base, const std::vector<std::string>& args,
                                     const std::string& option, Diagnostics& diags);

struct ParsedAxes {
  std::vector<SweepAxis> axes;
  std::vector<OverrideOrigin> origins;
};
// --vary PATH=LO:HI:STEPS or PATH=v1,v2,...
ParsedAxes ParseVary(const TuningBase& base, const std::vector<std::string>& args, Diagnostics& diags);

struct ParsedFree {
  std::vector<FreeParameter> free;
  std::vector<OverrideOrigin> origins;
};
// --free PATH or PATH=LO:HI
ParsedFree ParseFree(const TuningBase& base, const std::vector<std::string>& args, Diagnostics& diags);

// --target METRIC=VALUE or METRIC=VALUE±SD (or +-SD)
std::vector<CalibrationTarget> ParseTargets(const TuningBase& base, const std::vector<std::string>& args,
                                            Diagnostics& diags);

// --factor PATH: parameters given as distributions; all of them when none is named.
std::vector<int> ParseFactors(const TuningBase& base, const std::vector<std::string>& args, Diagnostics& diags);

// Compiles every grid point (or, for free parameters, each bound with the
// others at their start), so a value that breaks the scenario is reported
// before anything runs.
void CheckGrid(const TuningBase& base, const ParsedAxes& axes, Diagnostics& diags);
void CheckBounds(const TuningBase& base, const ParsedFree& free, Diagnostics& diags);

}  // namespace parley::cli

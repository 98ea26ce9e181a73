// The arguments the tuning commands share (sweep, sensitivity, calibrate):
// metrics, --vary, --free, --target and --factor, each checked against the
// scenario (api/tuning_base.h) before anything runs.
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

#include "api/tuning_base.h"
#include "core/error.h"
#include "tuning/calibrate.h"
#include "tuning/sweep.h"

namespace parley::api {

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
// `--factor PATH` (a parameter with a distribution) or `--factor PATH=LO:HI`
// (a constant studied uniformly over [LO, HI]; base.scenario marks it, see
// Param::constant_factor).
std::vector<int> ParseFactors(TuningBase& base, const std::vector<std::string>& args, Diagnostics& diags);

// Compiles every grid point (or, for free parameters, each bound with the
// others at their start), so a value that breaks the scenario is reported
// before anything runs.
void CheckGrid(const TuningBase& base, const ParsedAxes& axes, Diagnostics& diags);
void CheckBounds(const TuningBase& base, const ParsedFree& free, Diagnostics& diags);

}  // namespace parley::api

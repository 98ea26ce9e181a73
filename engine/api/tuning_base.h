// The scenario the tuning commands start from, and the compiling of its
// points: the user's options plus a point's overrides, with the errors a
// point's values cause located in the argument (--vary, --free) that gave them.
#pragma once

#include <string>
#include <vector>

#include "api/scenario_request.h"
#include "core/error.h"
#include "scenario/yaml_tree.h"
#include "tuning/metrics.h"
#include "tuning/point_runner.h"

namespace parley::api {

// What the arguments are checked against: the scenario with the user's
// overrides, compiled and as a merged tree, and its metrics.
struct TuningBase {
  ScenarioRequest options;
  Scenario scenario;
  yaml::Node tree;
  std::vector<MetricInfo> catalog;
};

// Loads it; a broken scenario file ends here (InputError).
TuningBase LoadTuningBase(const ScenarioRequest& options);

// Where a point override came from, for locating its errors: the option
// (`--vary`), the 1-based argument index and the column where its value starts.
struct OverrideOrigin {
  std::string option;
  int index = 0, value_col = 1;
  std::string note;  // appended to its errors (say, where default bounds came from)
};

// Compiles the scenario with the point's overrides after the user's; the
// k-th point override came from origins[k], and its errors say so:
// `--vary:1:24: actors.b.war_cost.high: at `0.01`: must be > low (0.05), ...`.
PointCompiler LocatedCompiler(const ScenarioRequest& options, std::vector<OverrideOrigin> origins);

// Compiles every point, adding each distinct error to `diags`.
void CheckPoints(const TuningBase& base, const std::vector<OverrideOrigin>& origins,
                 const std::vector<std::vector<std::string>>& points, Diagnostics& diags);

}  // namespace parley::api

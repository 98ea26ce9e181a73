// The tuning commands: `sweep` (metrics over a grid), `sensitivity` (which
// uncertain inputs drive a metric) and `calibrate` (free parameters fitted
// to targets). Their arguments are the CLI's, as text
// (`actors.b.war_cost.high=0.2:0.6:5`), checked against the scenario and
// located in the argument that gave them (api/tuning_args.h).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "api/context.h"
#include "api/scenario_request.h"
#include "tuning/calibrate.h"

namespace parley::api {

struct SweepRequest {
  ScenarioRequest scenario;
  std::vector<std::string> vary;     // PATH=LO:HI:STEPS or PATH=v1,v2,...; at least one
  std::vector<std::string> metrics;  // paths into summary.json; empty: deal.p
};
// Files sweep.json and sweep.csv.
CommandResult Sweep(const SweepRequest& request, const Context& context, const std::function<void()>& ready = {});

struct SensitivityRequest {
  ScenarioRequest scenario;  // replicates not given: 1,000 per design point
  std::vector<std::string> metrics, factors;  // factors: PATH or PATH=LO:HI; empty: every drawn parameter
  std::string method = "sobol";               // or "oat"
  int samples = 64, bootstrap = 1000;
  bool announce = false;  // time a pilot and say (Context::say) how long the design takes
};
inline constexpr long long kSensitivityReplicates = 1000;
// Files sensitivity.json and sensitivity.csv.
CommandResult Sensitivity(const SensitivityRequest& request, const Context& context,
                          const std::function<void()>& ready = {});

struct CalibrateRequest {
  ScenarioRequest scenario;
  std::vector<std::string> free, targets;  // PATH[=LO:HI]; METRIC=VALUE[±SD]
  CalibrateOptions options;                // algorithm and budget
  std::string write;                       // the fitted scenario's path ("" none; needs a scenario file)
};
// File calibrate.json; with `write` and a run to the end, the fitted
// scenario's text, checked to load (the caller writes it: it does not go
// into --out). An unreachable target is a warning, not an error: the best
// fit within the bounds is a result.
struct CalibrateOutput : CommandResult {
  std::string written;  // the fitted scenario's text ("" when not asked, or not complete)
};
CalibrateOutput Calibrate(const CalibrateRequest& request, const Context& context,
                          const std::function<void()>& ready = {});

// Checks the fitted scenario's text by loading it from `path`'s directory
// (its `extends:` is relative to it), then writes it there atomically.
void WriteCalibratedScenario(const std::string& path, const std::string& text);

}  // namespace parley::api

#include "api/tuning.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "api/tuning_args.h"
#include "core/text.h"
#include "output/atomic_file.h"
#include "protocols/registry.h"
#include "scenario/load.h"
#include "tuning/calibrated_file.h"
#include "tuning/point_runner.h"
#include "tuning/sensitivity.h"
#include "tuning/sweep.h"

namespace parley::api {

namespace {

// Before a long design: how many runs it makes and about how long they take
// here, from a pilot of a few hundred replicates of the base scenario (the
// design's runs cost about what the base does).
std::string CostNote(const Scenario& s, const ProtocolFactory& make_protocol, const std::vector<MetricInfo>& metrics,
                     const RunSettings& settings, const std::string& method, int samples, size_t factors) {
  const std::int64_t k = static_cast<std::int64_t>(factors);
  const std::int64_t runs = method == "sobol" ? samples * (k + 2) : 2 * k + 1;
  RunSettings pilot = settings;
  pilot.replicates = std::min<std::int64_t>(settings.replicates, 200);
  std::unique_ptr<Protocol> protocol = make_protocol(s);
  auto start = std::chrono::steady_clock::now();
  RunPoint(s, *protocol, metrics, pilot, settings.threads, true);
  double per_replicate = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() /
                         static_cast<double>(pilot.replicates);
  double seconds = per_replicate * static_cast<double>(runs * settings.replicates);
  std::string design = method == "sobol" ? "N = " + std::to_string(samples) + " samples x (" + std::to_string(k) +
                                               " factors + 2)"
                                         : "2 x " + std::to_string(k) + " factors + 1";
  char eta[64];
  if (seconds < 90) std::snprintf(eta, sizeof eta, "%.0f s", seconds);
  else if (seconds < 5400) std::snprintf(eta, sizeof eta, "%.0f min", seconds / 60);
  else std::snprintf(eta, sizeof eta, "%.1f h", seconds / 3600);
  return "sensitivity: " + std::to_string(runs) + " runs (" + design + ") of " + std::to_string(settings.replicates) +
         " replicates each; about " + eta + " here on " + std::to_string(settings.threads) + " threads (timed on " +
         std::to_string(pilot.replicates) + " replicates; Ctrl-C stops at a run boundary)";
}

// The header comment of the written scenario.
std::vector<std::string> WrittenHeader(const std::vector<CalibrationTarget>& targets, const CalibrateResult& r,
                                       const CalibrateOptions& o) {
  std::vector<std::string> lines{"Written by `parley calibrate` (parley " PARLEY_VERSION
                                 "): the scenario it extends, with the fitted values.",
                                 "`parley run` on this file reproduces these metrics (same seed and replicates):"};
  for (size_t t = 0; t < targets.size(); ++t)
    lines.push_back("  " + targets[t].metric.name + " = " + FormatNumber(r.best.metrics[t].value) + " (target " +
                    FormatNumber(targets[t].value) + (r.reached[t] ? ", reached)" : ", NOT reached)"));
  lines.push_back("objective " + FormatNumber(r.best.objective) + " after " + std::to_string(r.history.size()) +
                  " evaluations (" + o.algorithm + ", " + r.stop_reason + ")");
  return lines;
}

std::function<void(std::int64_t, std::int64_t)> Reporter(const Context& context, const char* label) {
  if (!context.progress) return {};
  return [&context, label](std::int64_t done, std::int64_t total) { context.progress(label, done, total, ""); };
}

}  // namespace

CommandResult Sweep(const SweepRequest& request, const Context& context, const std::function<void()>& ready) {
  if (request.vary.empty()) throw UsageError("give at least one --vary PATH=LO:HI:STEPS");
  const std::vector<std::string> metric_names =
      request.metrics.empty() ? std::vector<std::string>{"deal.p"} : request.metrics;
  TuningBase base = LoadTuningBase(request.scenario);
  Diagnostics diags;
  std::vector<MetricInfo> metrics = ParseMetrics(base, metric_names, "--metric", diags);
  ParsedAxes axes = ParseVary(base, request.vary, diags);
  if (diags.empty()) CheckGrid(base, axes, diags);
  diags.ThrowIfAny();
  if (ready) ready();

  RunSettings settings = MakeRunSettings(base.scenario, context);
  SweepResult result = RunSweep(axes.axes, metrics, LocatedCompiler(request.scenario, axes.origins), settings,
                                Reporter(context, "sweep"));
  CommandResult out;
  out.complete = result.complete;
  if (!context.Speaks()) {  // rank 0 alone holds the results; here they are not meaningful
    out.complete = !context.Stopped();
    return out;
  }
  SweepInfo info{base.scenario.name, base.scenario.sha256, base.scenario.protocol.kind, base.scenario.spec.files,
                 request.scenario.EchoedOverrides(), settings.seed, settings.replicates};
  out.files = {{"sweep.json", SweepJson(axes.axes, metrics, result, info).dump(2) + "\n"},
               {"sweep.csv", SweepCsv(axes.axes, metrics, result)}};
  out.table = SweepTable(axes.axes, metrics, result, info);
  if (!result.complete)
    out.warnings.push_back("interrupted: the points finished are reported; outputs are marked \"complete\": false");
  return out;
}

CommandResult Sensitivity(const SensitivityRequest& request, const Context& context,
                          const std::function<void()>& ready) {
  if (request.method != "sobol" && request.method != "oat")
    throw UsageError("--method `" + request.method + "`: expected `sobol` or `oat`" +
                     DidYouMean(request.method, {"sobol", "oat"}));
  if (request.samples < 2) throw UsageError("--samples must be at least 2, got " + std::to_string(request.samples));
  if (request.bootstrap < 0) throw UsageError("--bootstrap must be at least 0, got " + std::to_string(request.bootstrap));
  const std::vector<std::string> metric_names =
      request.metrics.empty() ? std::vector<std::string>{"deal.p"} : request.metrics;
  ScenarioRequest scenario = request.scenario;
  CheckCounts(scenario);  // before the default: a -n -1 given is an error, not the default
  if (!ScenarioRequest::Given(scenario.replicates)) scenario.replicates = kSensitivityReplicates;

  TuningBase base = LoadTuningBase(scenario);
  Diagnostics diags;
  std::vector<MetricInfo> metrics = ParseMetrics(base, metric_names, "--metric", diags);
  std::vector<int> factors = ParseFactors(base, request.factors, diags);
  diags.ThrowIfAny();
  if (factors.empty())
    throw UsageError("no parameter of " + base.scenario.name +
                     " is given as a distribution: nothing is uncertain, so there is nothing to analyse");
  if (ready) ready();

  RunSettings settings = MakeRunSettings(base.scenario, context);
  ProtocolFactory make_protocol = [](const Scenario& s) { return MakeProtocol(s); };
  CommandResult out;
  if (request.announce && context.say) {
    std::string note = CostNote(base.scenario, make_protocol, metrics, settings, request.method, request.samples,
                                factors.size());
    if (context.Speaks()) context.say(note);  // now, before the long part
  }
  SensitivityInfo info{base.scenario.protocol.kind, scenario.EchoedOverrides(), settings.seed, settings.replicates};
  auto show = Reporter(context, "sensitivity");
  if (request.method == "sobol") {
    SobolOptions sobol{request.samples, request.bootstrap};
    SensitivityResult r = RunSobol(base.scenario, make_protocol, metrics, factors, sobol, settings, show);
    out.complete = context.Speaks() ? r.complete : !context.Stopped();  // elsewhere the results are not meaningful
    if (!context.Speaks()) return out;  // rank 0 alone holds the results
    out.files = {{"sensitivity.json", SobolJson(base.scenario, factors, metrics, sobol, r, info).dump(2) + "\n"},
                 {"sensitivity.csv", SobolCsv(base.scenario, factors, metrics, r)}};
    out.table = SobolTable(base.scenario, factors, metrics, sobol, r, info);
  } else {
    OatResult r = RunOat(base.scenario, make_protocol, metrics, factors, settings, show);
    out.complete = context.Speaks() ? r.complete : !context.Stopped();
    if (!context.Speaks()) return out;
    out.files = {{"sensitivity.json", OatJson(base.scenario, factors, metrics, r, info).dump(2) + "\n"},
                 {"sensitivity.csv", OatCsv(base.scenario, factors, metrics, r)}};
    out.table = OatTable(base.scenario, factors, metrics, r, info);
  }
  if (!out.complete)
    out.warnings.push_back("interrupted: the design is incomplete, so no indices; outputs are marked \"complete\": false");
  return out;
}

CalibrateOutput Calibrate(const CalibrateRequest& request, const Context& context, const std::function<void()>& ready) {
  if (request.free.empty() || request.targets.empty())
    throw UsageError("give at least one --free PATH and one --target METRIC=VALUE");
  const std::vector<std::string>& algorithms = CalibrationAlgorithms();
  const CalibrateOptions& options = request.options;
  if (std::find(algorithms.begin(), algorithms.end(), options.algorithm) == algorithms.end())
    throw UsageError("--algorithm `" + options.algorithm + "`: unknown" + DidYouMean(options.algorithm, algorithms) +
                     "; expected " + JoinChoices(algorithms));
  if (options.budget < 1) throw UsageError("--budget must be at least 1, got " + std::to_string(options.budget));
  if (!request.write.empty() && request.scenario.FromText())
    throw UsageError("--write: the fitted scenario extends the scenario file, so it needs one (not YAML text)");

  TuningBase base = LoadTuningBase(request.scenario);
  Diagnostics diags;
  ParsedFree free = ParseFree(base, request.free, diags);
  std::vector<CalibrationTarget> targets = ParseTargets(base, request.targets, diags);
  if (diags.empty()) CheckBounds(base, free, diags);
  diags.ThrowIfAny();
  if (!request.write.empty()) {
    std::filesystem::path dir = std::filesystem::absolute(request.write).parent_path();
    if (!std::filesystem::is_directory(dir) || ::access(dir.c_str(), W_OK) != 0)
      throw UsageError("--write " + request.write + ": " + dir.string() + " is not a writable directory");
  }
  if (ready) ready();

  RunSettings settings = MakeRunSettings(base.scenario, context);
  CalibrateResult result = parley::Calibrate(
      free.free, targets, options, LocatedCompiler(request.scenario, free.origins), settings,
      [&](int done, int budget, double best) {
        if (!context.progress) return;
        char text[48];
        std::snprintf(text, sizeof text, "best objective %.3g", best);
        context.progress("calibrate", done, budget, text);
      });
  CalibrateOutput out;
  out.complete = result.complete;
  if (!context.Speaks()) return out;  // rank 0 alone reports

  CalibrateInfo info{base.scenario.name, base.scenario.sha256, base.scenario.protocol.kind, base.scenario.spec.files,
                     request.scenario.EchoedOverrides(), settings.seed, settings.replicates};
  out.files = {{"calibrate.json", CalibrateJson(free.free, targets, options, result, info).dump(2) + "\n"}};
  out.table = CalibrateTable(free.free, targets, result, info);
  if (!result.complete) {
    out.warnings.push_back("interrupted after " + std::to_string(result.history.size()) +
                           " evaluations: the best so far is reported" +
                           (request.write.empty() ? "" : "; --write skipped"));
    return out;
  }
  if (!request.write.empty()) {
    // Everything the calibration applied, so the file runs as it did: the
    // user's overrides, the replicates and seed, and the fitted values.
    std::vector<std::string> overrides = request.scenario.EchoedOverrides();
    overrides.push_back("montecarlo.replicates=" + std::to_string(settings.replicates));
    overrides.push_back("montecarlo.seed=" + std::to_string(settings.seed));
    for (size_t i = 0; i < free.free.size(); ++i) overrides.push_back(FreeOverride(free.free[i], result.best.x[i]));
    out.written = CalibratedScenarioText(request.scenario.path, request.write, overrides,
                                         WrittenHeader(targets, result, options));
  }
  for (size_t t = 0; t < targets.size(); ++t)
    if (!result.reached[t])
      out.warnings.push_back("parley calibrate: target " + targets[t].metric.name + " = " +
                             FormatNumber(targets[t].value) + " not reached (best " +
                             FormatNumber(result.best.metrics[t].value) + "); see the table");
  return out;
}

void WriteCalibratedScenario(const std::string& file, const std::string& text) {
  std::filesystem::path dir = std::filesystem::absolute(file).parent_path();
  // Checked in place (extends paths are relative to the file), under a temporary name.
  std::string check = (dir / (".parley-check-" + std::filesystem::path(file).filename().string())).string();
  WriteFileAtomically(check, text);
  try {
    Compile(LoadScenarioSpec(check));
  } catch (...) {
    std::filesystem::remove(check);
    throw;
  }
  std::filesystem::remove(check);
  WriteFileAtomically(file, text);
}

}  // namespace parley::api

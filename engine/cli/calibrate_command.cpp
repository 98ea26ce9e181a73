// parley calibrate: free parameters fitted to target metrics
// (tuning/calibrate.h), and with --write FILE the fitted scenario
// (tuning/calibrated_file.h), validated before it is written.
//
// An unreachable target is reported (table, stderr and calibrate.json's
// "all_reached": false) but is not an error: the exit code stays 0, since
// the best fit within the bounds is a result.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/run_shared.h"
#include "cli/tuning_args.h"
#include "core/text.h"
#include "montecarlo/cluster.h"
#include "output/atomic_file.h"
#include "scenario/load.h"
#include "tuning/calibrated_file.h"

namespace po = boost::program_options;

namespace parley::cli {

namespace {

const char* kCalibrateUsage =
    "usage: parley calibrate SCENARIO --free PATH[=LO:HI]... --target M=VALUE[±SD]... [--write FILE] [--out DIR]\n"
    "                        [--algorithm NAME] [--budget N] [-n N] [--seed S] [--protocol P] [--set PATH=VALUE]...\n"
    "                        [--threads T] [--quiet]\n"
    "Finds the free parameters (numbers of the scenario, or a distribution's own parameters such as\n"
    "actors.russia.war_cost.high) within their bounds (default: the parameter's range) that minimise\n"
    "sum w (metric - target)^2, w = 1/SD^2 for VALUE±SD (or VALUE+-SD), else 1. Derivative-free (NLopt), every\n"
    "evaluation with the same seed and replicates. --write FILE writes a scenario that extends SCENARIO with the\n"
    "fitted values (and -n, --seed, --set, --protocol), so `parley run FILE` reproduces the metrics; --out DIR\n"
    "writes calibrate.json.";

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

// Writes FILE atomically once it loads and compiles.
void WriteScenario(const std::string& file, const std::string& input, const std::vector<std::string>& overrides,
                   const std::vector<std::string>& header) {
  std::filesystem::path dir = std::filesystem::absolute(file).parent_path();
  std::string text = CalibratedScenarioText(input, file, overrides, header);
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

}  // namespace

int CalibrateCommand(const Args& args) {
  ScenarioOptions scenario;
  std::vector<std::string> free_args, target_args;
  std::string write_file, out_dir;
  CalibrateOptions calibrate;
  int threads = 0;
  bool quiet = false;
  po::options_description options("parley calibrate");
  scenario.AddTo(options, true);
  options.add_options()
      ("free", po::value(&free_args)->composing(), "PATH or PATH=LO:HI, a number to fit; repeatable")
      ("target", po::value(&target_args)->composing(), "METRIC=VALUE or METRIC=VALUE±SD; repeatable")
      ("write", po::value(&write_file), "write the fitted scenario (extends SCENARIO) to FILE")
      ("out", po::value(&out_dir), "write calibrate.json into DIR")
      ("algorithm", po::value(&calibrate.algorithm),
       ("NLopt algorithm: " + JoinChoices(CalibrationAlgorithms()) + " (default bobyqa)").c_str())
      ("budget", po::value(&calibrate.budget), "at most this many evaluations (default 100)")
      ("threads", po::value(&threads), "worker threads (default: all cores); results do not depend on it")
      ("quiet,q", po::bool_switch(&quiet), "no progress and no table");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  if (!ParseArgs(args, options, positional, vm, kCalibrateUsage)) return 0;
  if (vm.count("threads") && threads < 1) throw UsageError("--threads must be at least 1");
  if (free_args.empty() || target_args.empty())
    throw UsageError("give at least one --free PATH and one --target METRIC=VALUE\n" + std::string(kCalibrateUsage));
  const std::vector<std::string>& algorithms = CalibrationAlgorithms();
  if (std::find(algorithms.begin(), algorithms.end(), calibrate.algorithm) == algorithms.end())
    throw UsageError("--algorithm `" + calibrate.algorithm + "`: unknown" + DidYouMean(calibrate.algorithm, algorithms) +
                     "; expected " + JoinChoices(algorithms));
  if (calibrate.budget < 1) throw UsageError("--budget must be at least 1, got " + std::to_string(calibrate.budget));

  TuningBase base = LoadTuningBase(scenario);
  Diagnostics diags;
  ParsedFree free = ParseFree(base, free_args, diags);
  std::vector<CalibrationTarget> targets = ParseTargets(base, target_args, diags);
  if (diags.empty()) CheckBounds(base, free, diags);
  diags.ThrowIfAny();
  if (!out_dir.empty()) MakeDirectory(out_dir);
  if (!write_file.empty()) {
    std::filesystem::path dir = std::filesystem::absolute(write_file).parent_path();
    if (!std::filesystem::is_directory(dir) || ::access(dir.c_str(), W_OK) != 0)
      throw UsageError("--write " + write_file + ": " + dir.string() + " is not a writable directory");
  }

  InstallStopHandlers();
  RunSettings settings = MakeRunSettings(base.scenario, threads);
  Progress progress("calibrate", "evaluations", quiet, true);
  CalibrateResult result =
      Calibrate(free.free, targets, calibrate, LocatedCompiler(scenario, free.origins), settings,
                [&](int done, int budget, double best) {
                  char text[48];
                  std::snprintf(text, sizeof text, "best objective %.3g", best);
                  progress.Update(done, budget, text);
                });
  progress.Finish();
  if (CurrentCluster().rank() != 0) return result.complete ? 0 : 130;  // rank 0 alone reports

  CalibrateInfo info{base.scenario.name, base.scenario.sha256, base.scenario.protocol.kind, base.scenario.spec.files,
                     scenario.EchoedOverrides(), settings.seed, settings.replicates};
  if (!out_dir.empty())
    WriteFileAtomically(out_dir + "/calibrate.json", CalibrateJson(free.free, targets, calibrate, result, info).dump(2) + "\n");
  if (!quiet) std::cout << CalibrateTable(free.free, targets, result, info) << std::flush;
  if (!result.complete) {
    std::fprintf(stderr, "interrupted after %zu evaluations: the best so far is reported%s\n", result.history.size(),
                 write_file.empty() ? "" : "; --write skipped");
    return 130;
  }
  if (!write_file.empty()) {
    // Everything the calibration applied, so the file runs as it did: the
    // user's overrides, the replicates and seed, and the fitted values.
    std::vector<std::string> overrides = scenario.EchoedOverrides();
    overrides.push_back("montecarlo.replicates=" + std::to_string(settings.replicates));
    overrides.push_back("montecarlo.seed=" + std::to_string(settings.seed));
    for (size_t i = 0; i < free.free.size(); ++i) overrides.push_back(FreeOverride(free.free[i], result.best.x[i]));
    WriteScenario(write_file, scenario.path, overrides, WrittenHeader(targets, result, calibrate));
    if (!quiet) std::cout << "wrote " << write_file << "\n";
  }
  for (size_t t = 0; t < targets.size(); ++t)
    if (!result.reached[t])
      std::fprintf(stderr, "parley calibrate: target %s = %s not reached (best %s); see the table\n",
                   targets[t].metric.name.c_str(), FormatNumber(targets[t].value).c_str(),
                   FormatNumber(result.best.metrics[t].value).c_str());
  return 0;
}

}  // namespace parley::cli

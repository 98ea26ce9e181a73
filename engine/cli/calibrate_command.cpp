// parley calibrate: free parameters fitted to target metrics
// (tuning/calibrate.h), and with --write FILE the fitted scenario
// (tuning/calibrated_file.h), validated before it is written.
//
// An unreachable target is reported (table, stderr and calibrate.json's
// "all_reached": false) but is not an error: the exit code stays 0, since
// the best fit within the bounds is a result.
#include <iostream>
#include <string>

#include "api/tuning.h"
#include "cli/commands.h"
#include "cli/run_shared.h"
#include "cli/scenario_options.h"
#include "core/text.h"

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

}  // namespace

int CalibrateCommand(const Args& args, Cluster& cluster) {
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
  ProgressLines lines("evaluations", quiet, true);
  api::Context context = MakeContext(threads, cluster, &lines);
  api::CalibrateOutput result = api::Calibrate({scenario, free_args, target_args, calibrate, write_file}, context, [&] {
    if (!out_dir.empty()) MakeDirectory(out_dir);
  });
  lines.Finish();
  WriteOutputs(out_dir, result.files, cluster);
  const int code = Report(result, quiet, cluster);
  if (!result.written.empty() && cluster.rank() == 0) {
    api::WriteCalibratedScenario(write_file, result.written);
    if (!quiet) std::cout << "wrote " << write_file << "\n";
  }
  return code;
}

}  // namespace parley::cli

// parley sensitivity: the library's sensitivity (api/tuning.h), which
// uncertain inputs drive each metric. Without -n each design point runs 1,000
// replicates, not the file's count: a design has hundreds of points, and
// the noise this leaves is reported beside the indices.
#include <string>

#include "api/tuning.h"
#include "cli/commands.h"
#include "cli/run_shared.h"
#include "cli/scenario_options.h"

namespace po = boost::program_options;

namespace parley::cli {

namespace {

const char* kSensitivityUsage =
    "usage: parley sensitivity SCENARIO [--metric M]... [--factor PATH[=LO:HI]]... [--method sobol|oat] [--samples N]\n"
    "                          [--bootstrap B] [-n N] [--seed S] [--protocol P] [--set PATH=VALUE]... [--threads T]\n"
    "                          [--out DIR] [--quiet]\n"
    "The factors are the scenario's parameters given as distributions (all of them, or those named by --factor);\n"
    "--factor PATH=LO:HI studies a constant uniformly over [LO, HI] (each run sets it, known to every actor).\n"
    "Each run pins the factors at quantiles of their distributions (the actors still believe the distributions)\n"
    "and runs -n replicates (default 1000) of the rest of the randomness, all with the same seed.\n"
    "sobol: first-order and total indices, Saltelli design on a Sobol sequence, Jansen estimators, 95% bootstrap\n"
    "intervals; N (k + 2) runs for k factors. oat: each factor at its 10th and 90th percentile, the others drawn.\n"
    "--out DIR writes sensitivity.json and sensitivity.csv.";

}  // namespace

int SensitivityCommand(const Args& args, Cluster& cluster) {
  ScenarioOptions scenario;
  std::vector<std::string> metric_names, factor_paths;
  std::string out_dir, method = "sobol";
  int threads = 0, samples = 64, resamples = 1000;
  bool quiet = false;
  po::options_description options("parley sensitivity");
  scenario.replicates_help = "replicates of each run (default 1000)";
  scenario.AddTo(options, true);
  options.add_options()
      ("metric", po::value(&metric_names)->composing(), "a path into summary.json; repeatable (default deal.p)")
      ("factor", po::value(&factor_paths)->composing(), "PATH: a parameter given as a distribution; PATH=LO:HI: a constant "
       "studied over that range; repeatable (default: every parameter with a distribution)")
      ("method", po::value(&method), "sobol (default) or oat")
      ("samples", po::value(&samples), "sobol: base samples N (default 64; a power of 2 suits the Sobol sequence)")
      ("bootstrap", po::value(&resamples), "sobol: bootstrap resamples for the intervals (default 1000)")
      ("threads", po::value(&threads), "worker threads (default: all cores); results do not depend on it")
      ("out", po::value(&out_dir), "write sensitivity.json and sensitivity.csv into DIR")
      ("quiet,q", po::bool_switch(&quiet), "no progress and no table");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  if (!ParseArgs(args, options, positional, vm, kSensitivityUsage)) return 0;
  if (vm.count("threads") && threads < 1) throw UsageError("--threads must be at least 1");
  api::SensitivityRequest request{scenario, metric_names, factor_paths, method, samples, resamples, !quiet};
  ProgressLines lines("runs", quiet);
  api::Context context = MakeContext(threads, cluster, &lines);
  api::CommandResult result = api::Sensitivity(request, context, [&] {
    if (!out_dir.empty()) MakeDirectory(out_dir);
  });
  lines.Finish();
  WriteOutputs(out_dir, result.files, cluster);
  return Report(result, quiet, cluster);
}

}  // namespace parley::cli

// parley sweep: the library's sweep (api/tuning.h), the scenario over a grid of values.
#include <string>

#include "api/tuning.h"
#include "cli/commands.h"
#include "cli/run_shared.h"
#include "cli/scenario_options.h"

namespace po = boost::program_options;

namespace parley::cli {

namespace {

const char* kSweepUsage =
    "usage: parley sweep SCENARIO --vary PATH=LO:HI:STEPS... [--vary PATH=v1,v2,...] [--metric M]... [-n N]\n"
    "                    [--seed S] [--protocol P] [--set PATH=VALUE]... [--threads T] [--out DIR] [--quiet]\n"
    "Runs the scenario at every point of the grid (the cartesian product of the --vary axes, the first slowest),\n"
    "every point with the same seed and replicates (common random numbers). PATH is any value of the scenario as\n"
    "--set names it, a distribution's own parameters included (actors.russia.war_cost.high). LO:HI:STEPS gives\n"
    "STEPS evenly spaced values from LO to HI; a list gives numbers or level names. Metrics are paths into\n"
    "summary.json (default deal.p), each shown with its Monte Carlo standard error. --out DIR writes sweep.csv\n"
    "and sweep.json.";

}  // namespace

int SweepCommand(const Args& args, Cluster& cluster) {
  ScenarioOptions scenario;
  std::vector<std::string> vary, metric_names;
  std::string out_dir;
  int threads = 0;
  bool quiet = false;
  po::options_description options("parley sweep");
  scenario.AddTo(options, true);
  options.add_options()
      ("vary", po::value(&vary)->composing(), "PATH=LO:HI:STEPS or PATH=v1,v2,...; repeatable (a grid)")
      ("metric", po::value(&metric_names)->composing(), "a path into summary.json; repeatable (default deal.p)")
      ("threads", po::value(&threads), "worker threads (default: all cores); results do not depend on it")
      ("out", po::value(&out_dir), "write sweep.csv and sweep.json into DIR")
      ("quiet,q", po::bool_switch(&quiet), "no progress and no table");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  if (!ParseArgs(args, options, positional, vm, kSweepUsage)) return 0;
  if (vm.count("threads") && threads < 1) throw UsageError("--threads must be at least 1");
  if (vary.empty()) throw UsageError("give at least one --vary PATH=LO:HI:STEPS\n" + std::string(kSweepUsage));
  ProgressLines lines("points", quiet);
  api::Context context = MakeContext(threads, cluster, &lines);
  api::CommandResult result = api::Sweep({scenario, vary, metric_names}, context, [&] {
    if (!out_dir.empty()) MakeDirectory(out_dir);
  });
  lines.Finish();
  WriteOutputs(out_dir, result.files, cluster);
  return Report(result, quiet, cluster);
}

}  // namespace parley::cli

// parley sweep: the scenario over a grid of values (tuning/sweep.h).
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/run_shared.h"
#include "cli/tuning_args.h"
#include "montecarlo/cluster.h"
#include "output/atomic_file.h"

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

int SweepCommand(const Args& args) {
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
  if (metric_names.empty()) metric_names = {"deal.p"};

  TuningBase base = LoadTuningBase(scenario);
  Diagnostics diags;
  std::vector<MetricInfo> metrics = ParseMetrics(base, metric_names, "--metric", diags);
  ParsedAxes axes = ParseVary(base, vary, diags);
  if (diags.empty()) CheckGrid(base, axes, diags);
  diags.ThrowIfAny();
  if (!out_dir.empty()) MakeDirectory(out_dir);

  InstallStopHandlers();
  RunSettings settings = MakeRunSettings(base.scenario, threads);
  Progress progress("sweep", "points", quiet);
  SweepResult result = RunSweep(axes.axes, metrics, LocatedCompiler(scenario, axes.origins), settings,
                                [&](std::int64_t done, std::int64_t total) { progress.Update(done, total); });
  progress.Finish();
  if (CurrentCluster().rank() != 0) return StopRequested() ? 130 : 0;  // rank 0 alone reports

  SweepInfo info{base.scenario.name, base.scenario.sha256, base.scenario.protocol.kind, base.scenario.spec.files,
                 scenario.EchoedOverrides(), settings.seed, settings.replicates};
  if (!out_dir.empty()) {
    WriteFileAtomically(out_dir + "/sweep.json", SweepJson(axes.axes, metrics, result, info).dump(2) + "\n");
    WriteFileAtomically(out_dir + "/sweep.csv", SweepCsv(axes.axes, metrics, result));
  }
  if (!quiet) std::cout << SweepTable(axes.axes, metrics, result, info) << std::flush;
  if (!result.complete) {
    std::fprintf(stderr, "interrupted: the points finished are reported; outputs are marked \"complete\": false\n");
    return 130;
  }
  return 0;
}

}  // namespace parley::cli

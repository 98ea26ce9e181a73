// parley sensitivity: which uncertain inputs drive each metric
// (tuning/sensitivity.h). Without -n each design point runs 1,000
// replicates, not the file's count: a design has hundreds of points, and
// the noise this leaves is reported beside the indices.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "protocols/registry.h"
#include "cli/progress.h"
#include "cli/run_shared.h"
#include "cli/tuning_args.h"
#include "core/text.h"
#include "montecarlo/cluster.h"
#include "output/atomic_file.h"
#include "tuning/point_runner.h"
#include "tuning/sensitivity.h"

namespace po = boost::program_options;

namespace parley::cli {

namespace {

constexpr long long kDefaultReplicates = 1000;

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

// Before a long design: how many runs it makes and about how long they take
// here, from a pilot of a few hundred replicates of the base scenario (the
// design's runs cost about what the base does).
void AnnounceCost(const Scenario& s, const ProtocolFactory& make_protocol, const std::vector<MetricInfo>& metrics,
                  const RunSettings& settings, const std::string& method, int samples, size_t factors) {
  const std::int64_t k = static_cast<std::int64_t>(factors);
  const std::int64_t runs = method == "sobol" ? samples * (k + 2) : 2 * k + 1;
  RunSettings pilot = settings;
  pilot.replicates = std::min<std::int64_t>(settings.replicates, 200);
  std::unique_ptr<Protocol> protocol = make_protocol(s);
  auto start = std::chrono::steady_clock::now();
  RunPoint(s, *protocol, metrics, pilot, settings.threads, true);
  double per_replicate =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / static_cast<double>(pilot.replicates);
  double seconds = per_replicate * static_cast<double>(runs * settings.replicates);
  if (CurrentCluster().rank() != 0) return;
  std::string design = method == "sobol" ? "N = " + std::to_string(samples) + " samples x (" + std::to_string(k) +
                                               " factors + 2)"
                                         : "2 x " + std::to_string(k) + " factors + 1";
  char eta[64];
  if (seconds < 90) std::snprintf(eta, sizeof eta, "%.0f s", seconds);
  else if (seconds < 5400) std::snprintf(eta, sizeof eta, "%.0f min", seconds / 60);
  else std::snprintf(eta, sizeof eta, "%.1f h", seconds / 3600);
  std::cerr << "sensitivity: " << runs << " runs (" << design << ") of " << settings.replicates
            << " replicates each; about " << eta << " here on " << settings.threads << " threads (timed on "
            << pilot.replicates << " replicates; Ctrl-C stops at a run boundary)\n";
}

}  // namespace

int SensitivityCommand(const Args& args) {
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
  if (method != "sobol" && method != "oat")
    throw UsageError("--method `" + method + "`: expected `sobol` or `oat`" + DidYouMean(method, {"sobol", "oat"}));
  if (samples < 2) throw UsageError("--samples must be at least 2, got " + std::to_string(samples));
  if (resamples < 0) throw UsageError("--bootstrap must be at least 0, got " + std::to_string(resamples));
  if (metric_names.empty()) metric_names = {"deal.p"};
  CheckCounts(scenario);  // before the default: a -n -1 given is an error, not the default
  if (!ScenarioOptions::Given(scenario.replicates)) scenario.replicates = kDefaultReplicates;

  TuningBase base = LoadTuningBase(scenario);
  Diagnostics diags;
  std::vector<MetricInfo> metrics = ParseMetrics(base, metric_names, "--metric", diags);
  std::vector<int> factors = ParseFactors(base, factor_paths, diags);
  diags.ThrowIfAny();
  if (factors.empty())
    throw UsageError("no parameter of " + base.scenario.name +
                     " is given as a distribution: nothing is uncertain, so there is nothing to analyse");
  if (!out_dir.empty()) MakeDirectory(out_dir);

  InstallStopHandlers();
  RunSettings settings = MakeRunSettings(base.scenario, threads);
  ProtocolFactory make_protocol = [](const Scenario& s) { return MakeProtocol(s); };
  if (!quiet) AnnounceCost(base.scenario, make_protocol, metrics, settings, method, samples, factors.size());
  Progress progress("sensitivity", "runs", quiet);
  auto show = [&](std::int64_t done, std::int64_t total) { progress.Update(done, total); };
  SensitivityInfo info{base.scenario.protocol.kind, scenario.EchoedOverrides(), settings.seed, settings.replicates};
  Json json;
  std::string csv, table;
  bool complete = false;
  if (method == "sobol") {
    SobolOptions sobol{samples, resamples};
    SensitivityResult r = RunSobol(base.scenario, make_protocol, metrics, factors, sobol, settings, show);
    progress.Finish();
    if (CurrentCluster().rank() != 0) return StopRequested() ? 130 : 0;  // rank 0 alone reports
    json = SobolJson(base.scenario, factors, metrics, sobol, r, info);
    csv = SobolCsv(base.scenario, factors, metrics, r);
    table = SobolTable(base.scenario, factors, metrics, sobol, r, info);
    complete = r.complete;
  } else {
    OatResult r = RunOat(base.scenario, make_protocol, metrics, factors, settings, show);
    progress.Finish();
    if (CurrentCluster().rank() != 0) return StopRequested() ? 130 : 0;
    json = OatJson(base.scenario, factors, metrics, r, info);
    csv = OatCsv(base.scenario, factors, metrics, r);
    table = OatTable(base.scenario, factors, metrics, r, info);
    complete = r.complete;
  }
  if (!out_dir.empty()) {
    WriteFileAtomically(out_dir + "/sensitivity.json", json.dump(2) + "\n");
    WriteFileAtomically(out_dir + "/sensitivity.csv", csv);
  }
  if (!quiet) std::cout << table << std::flush;
  if (!complete) {
    std::fprintf(stderr, "interrupted: the design is incomplete, so no indices; outputs are marked \"complete\": false\n");
    return 130;
  }
  return 0;
}

}  // namespace parley::cli

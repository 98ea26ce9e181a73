#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "protocols/registry.h"
#include "cli/replicate_rows.h"
#include "cli/run_shared.h"
#include "montecarlo/cluster.h"
#include "output/atomic_file.h"

namespace po = boost::program_options;

namespace parley::cli {

namespace {

const char* kRunUsage =
    "usage: parley run SCENARIO [-n N] [--seed S] [--threads T] [--protocol P|all] [--set PATH=VALUE]... [--out DIR]\n"
    "                  [--replicates FILE] [--quiet]\n"
    "--protocol all runs every protocol on the same scenario, seed and replicates and prints them side by side;\n"
    "protocols that cannot run the scenario get a row saying why. With --out DIR it writes DIR/ensemble.json and\n"
    "each protocol's summary.json, issues.csv and bundles.csv into DIR/<protocol>/. Not with --replicates.";

// One protocol, as the scenario file or --protocol names it.
int RunSingle(const RunArgs& a) {
  Scenario scenario = LoadScenario(a.scenario);
  std::unique_ptr<Protocol> protocol = MakeProtocol(scenario);
  if (!a.out_dir.empty()) MakeDirectory(a.out_dir);

  RunOptions run = MakeRunOptions(a, scenario, "");
  Cluster& cluster = CurrentCluster();
  if (cluster.size() > 1 && !a.replicates_file.empty())
    throw UsageError("--replicates FILE is not written by a distributed run (mpirun); run without mpirun for the rows");
  std::unique_ptr<AtomicStream> rows;
  if (!a.replicates_file.empty()) {
    rows = std::make_unique<AtomicStream>(a.replicates_file);
    rows->Write(ReplicateHeader(scenario));
    run.format_row = [&](std::uint64_t r, const World& drawn, const Outcome& o, std::string& out) {
      AppendReplicateRow(scenario, r, drawn, o, out);
    };
    run.write_rows = [&](const std::string& text) { rows->Write(text); };
  }

  InstallStopHandlers();
  auto start = std::chrono::steady_clock::now();
  RunResult result = RunMonteCarlo(scenario, *protocol, run);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (cluster.size() > 1 && !result.complete) {
    // The chunks the ranks finished do not form a prefix: nothing to report.
    if (cluster.rank() == 0) std::fprintf(stderr, "interrupted: a distributed run writes no partial outputs\n");
    return 130;
  }
  if (cluster.rank() != 0) return 0;  // rank 0 alone reports

  RunInfo info{scenario.protocol.kind, scenario.replicates, scenario.seed, a.scenario.EchoedOverrides(), result.complete};
  Json summary = SummaryJson(scenario, result.total, info);
  if (!a.out_dir.empty()) WriteRunOutputs(a.out_dir, scenario, summary);
  if (rows) rows->Commit();
  if (!a.quiet) {
    std::cout << ConsoleTable(summary) << std::flush;  // before stderr, so the two never interleave
    ReportSpeed("", result.done, seconds, run.threads);
  }
  if (!result.complete) {
    std::fprintf(stderr, "interrupted: %lld of %lld replicates done; outputs are marked \"complete\": false\n",
                 static_cast<long long>(result.done), static_cast<long long>(scenario.replicates));
    return 130;
  }
  return 0;
}

}  // namespace

int RunCommand(const Args& args) {
  RunArgs a;
  a.scenario.all_protocols = true;
  po::options_description options("parley run");
  a.scenario.AddTo(options, true);
  options.add_options()
      ("threads", po::value(&a.threads), "worker threads (default: all cores); results do not depend on it")
      ("out", po::value(&a.out_dir), "write summary.json, issues.csv and bundles.csv into DIR "
       "(--protocol all: ensemble.json, and those three per protocol in DIR/<protocol>/)")
      ("replicates", po::value(&a.replicates_file), "stream one CSV row per replicate into FILE")
      ("quiet,q", po::bool_switch(&a.quiet), "no progress and no table");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  if (!ParseArgs(args, options, positional, vm, kRunUsage)) return 0;
  if (vm.count("threads") && a.threads < 1) throw UsageError("--threads must be at least 1");
  return a.scenario.protocol == kAllProtocols ? RunEnsemble(a) : RunSingle(a);
}

}  // namespace parley::cli

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.h"
#include "cli/replicate_rows.h"
#include "cli/scenario_options.h"
#include "montecarlo/runner.h"
#include "output/atomic_file.h"
#include "output/summary.h"

namespace po = boost::program_options;

namespace parley::cli {

namespace {

std::atomic<bool> g_stop{false};

extern "C" void OnStopSignal(int) { g_stop.store(true); }

// Ctrl-C and SIGTERM end the run at a chunk boundary; a second Ctrl-C kills.
void InstallStopHandlers() {
  struct sigaction action {};
  action.sa_handler = OnStopSignal;
  action.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

void MakeDirectory(const std::string& dir) {
  std::string partial;
  for (size_t i = 0; i <= dir.size(); ++i) {
    if (i == dir.size() || dir[i] == '/') {
      if (!partial.empty()) ::mkdir(partial.c_str(), 0777);
    }
    if (i < dir.size()) partial += dir[i];
  }
  struct stat info {};
  if (::stat(dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode))
    throw UsageError("--out " + dir + ": cannot create the directory");
  if (::access(dir.c_str(), W_OK) != 0) throw UsageError("--out " + dir + ": directory is not writable");
}

struct RunArgs {
  ScenarioOptions scenario;
  int threads = 0;
  std::string out_dir, replicates_file;
  bool quiet = false;
};

void ShowProgress(std::int64_t done, std::int64_t total) {
  std::fprintf(stderr, "\r%lld / %lld replicates (%.0f%%)", static_cast<long long>(done),
               static_cast<long long>(total), 100.0 * done / total);
  if (done == total) std::fprintf(stderr, "\n");
}

}  // namespace

int RunCommand(const Args& args) {
  RunArgs a;
  po::options_description options("parley run");
  a.scenario.AddTo(options, true);
  options.add_options()
      ("threads", po::value(&a.threads), "worker threads (default: all cores); results do not depend on it")
      ("out", po::value(&a.out_dir), "write summary.json, issues.csv and bundles.csv into DIR")
      ("replicates", po::value(&a.replicates_file), "stream one CSV row per replicate into FILE")
      ("quiet,q", po::bool_switch(&a.quiet), "no progress and no table");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  if (!ParseArgs(args, options, positional, vm, "usage: parley run SCENARIO [-n N] [--seed S] [--threads T] "
                 "[--protocol P] [--set PATH=VALUE]... [--out DIR] [--replicates FILE] [--quiet]"))
    return 0;
  if (vm.count("threads") && a.threads < 1) throw UsageError("--threads must be at least 1");

  Scenario scenario = LoadScenario(a.scenario);
  std::unique_ptr<Protocol> protocol = MakeProtocol(scenario);
  if (!a.out_dir.empty()) MakeDirectory(a.out_dir);

  RunOptions run;
  run.seed = scenario.seed;
  run.replicates = scenario.replicates;
  run.threads = a.threads > 0 ? a.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  run.stop = &g_stop;
  if (!a.quiet && ::isatty(STDERR_FILENO)) run.progress = ShowProgress;
  std::unique_ptr<AtomicStream> rows;
  if (!a.replicates_file.empty()) {
    rows = std::make_unique<AtomicStream>(a.replicates_file);
    rows->Write(ReplicateHeader(scenario));
    run.format_row = [&](std::uint64_t r, const World&, const Outcome& o, std::string& out) {
      AppendReplicateRow(scenario, r, o, out);
    };
    run.write_rows = [&](const std::string& text) { rows->Write(text); };
  }

  InstallStopHandlers();
  auto start = std::chrono::steady_clock::now();
  RunResult result = RunMonteCarlo(scenario, *protocol, run);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  RunInfo info{scenario.protocol.kind, scenario.replicates, scenario.seed, a.scenario.EchoedOverrides(), result.complete};
  Json summary = SummaryJson(scenario, result.total, info);
  if (!a.out_dir.empty()) {
    WriteFileAtomically(a.out_dir + "/summary.json", summary.dump(2) + "\n");
    WriteFileAtomically(a.out_dir + "/issues.csv", IssuesCsv(scenario, result.total));
    WriteFileAtomically(a.out_dir + "/bundles.csv", BundlesCsv(scenario, result.total));
  }
  if (rows) rows->Commit();
  if (!a.quiet) {
    std::cout << ConsoleTable(summary) << std::flush;  // before stderr, so the two never interleave
    std::fprintf(stderr, "%lld replicates in %.3f s (%.0f per second) on %d threads\n",
                 static_cast<long long>(result.done), seconds, result.done / std::max(seconds, 1e-9), run.threads);
  }
  if (!result.complete) {
    std::fprintf(stderr, "interrupted: %lld of %lld replicates done; outputs are marked \"complete\": false\n",
                 static_cast<long long>(result.done), static_cast<long long>(scenario.replicates));
    return 130;
  }
  return 0;
}

}  // namespace parley::cli

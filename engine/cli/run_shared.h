// What `parley run` and its ensemble (`--protocol all`) share: the options,
// the output directory, stopping at Ctrl-C, progress, and the writers.
#pragma once

#include <atomic>
#include <string>

#include "cli/scenario_options.h"
#include "montecarlo/runner.h"
#include "output/summary.h"

namespace parley::cli {

struct RunArgs {
  ScenarioOptions scenario;
  int threads = 0;
  std::string out_dir, replicates_file;
  bool quiet = false;
};

// Creates DIR and its parents; UsageError when it cannot be written.
void MakeDirectory(const std::string& dir);

// Ctrl-C and SIGTERM end the run at a chunk boundary; a second Ctrl-C kills.
void InstallStopHandlers();
bool StopRequested();
const std::atomic<bool>* StopFlag();  // what the runners poll

// Seed, replicates, threads, stop flag and (on a terminal) progress, whose
// line starts with `label` when it is not empty.
RunOptions MakeRunOptions(const RunArgs& args, const Scenario& scenario, const std::string& label);

// summary.json, issues.csv and bundles.csv into DIR, each atomically; the
// CSVs are written from the summary alone.
void WriteRunOutputs(const std::string& dir, const Scenario& scenario, const Json& summary);

// "N replicates in S s (R per second) on T threads" on stderr.
void ReportSpeed(const std::string& label, std::int64_t done, double seconds, int threads);

// `parley run --protocol all`.
int RunEnsemble(const RunArgs& args);

}  // namespace parley::cli

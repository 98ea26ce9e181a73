// How a command of the library runs: its threads, the flag that stops it
// (Ctrl-C in the CLI, KeyboardInterrupt in Python), the ranks it is split
// over, and where its progress goes. Passed in by the caller: the library
// keeps no state between calls.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "montecarlo/cluster.h"
#include "tuning/point_runner.h"

namespace parley::api {

struct Context {
  int threads = 0;                          // 0: every core
  const std::atomic<bool>* stop = nullptr;  // polled at chunk and point boundaries
  Cluster* cluster = nullptr;               // null: this process alone
  // Work done so far: `label` names the command (or, under --protocol all,
  // the protocol), `extra` follows the count (say, the best objective).
  std::function<void(const std::string& label, std::int64_t done, std::int64_t total, const std::string& extra)>
      progress;
  // What is said while the work goes on (say, how long it will take); the CLI prints it at once.
  std::function<void(const std::string&)> say;

  int Threads() const;            // threads, or every core
  Cluster& Ranks() const { return ClusterOr(cluster); }
  bool Speaks() const { return Ranks().rank() == 0; }  // rank 0 alone reports
  bool Stopped() const { return stop && stop->load(); }
};

// Seed and replicates of the scenario, with the context's threads, stop flag and cluster.
RunSettings MakeRunSettings(const Scenario& scenario, const Context& context);

// A file a command writes into its output directory (`name` may hold a
// subdirectory: `nash/summary.json`).
struct OutputFile {
  std::string name, contents;
};

// What a command gives: its files (what `--out DIR` receives; the Python
// module parses the same bytes), its console table, what it has to say
// beside the table (the CLI prints notes on stderr unless --quiet, and
// warnings always; Python issues warnings), and whether it ran to the end.
struct CommandResult {
  std::vector<OutputFile> files;
  std::string table;
  std::vector<std::string> notes, warnings;
  bool complete = true;
};

}  // namespace parley::api

// The Monte Carlo runner: every replicate drawn, played and accumulated.
//
// Each chunk (chunk_scheduler.h) fills its own Accumulator, and chunks merge
// strictly in chunk order. Since every random number is a pure function of
// (seed, replicate, stream, counter), the merged result is byte-identical for
// any thread count. A stop request (Ctrl-C) ends the run at a chunk
// boundary, with the merged chunks a prefix of the replicates.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "montecarlo/chunk_scheduler.h"
#include "montecarlo/cluster.h"
#include "protocols/protocol.h"
#include "stats/accumulator.h"

namespace parley {

struct RunOptions {
  std::uint64_t seed = 1;
  std::int64_t replicates = 1000;
  int threads = 1;
  const std::atomic<bool>* stop = nullptr;  // set by a signal handler
  Cluster* cluster = nullptr;               // the ranks to split over; null: this process alone
  // True: this process runs every replicate itself, even under MPI (the
  // tuning commands spread whole runs over the ranks instead).
  bool local = false;
  // Called on the merging thread after each merged chunk.
  std::function<void(std::int64_t done, std::int64_t total)> progress;
  // When set, formats one replicate's row into the chunk's text (on a worker);
  // the texts are handed to `write_rows` in replicate order.
  std::function<void(std::uint64_t replicate, const World&, const Outcome&, std::string& out)> format_row;
  std::function<void(const std::string& rows)> write_rows;
};

struct RunResult {
  Accumulator total;
  std::int64_t done = 0;  // replicates merged (a prefix 0 .. done-1)
  bool complete = false;
};

RunResult RunMonteCarlo(const Scenario& scenario, const Protocol& protocol, const RunOptions& options);

// Plays one replicate exactly as the big run does (for explain and tests).
void PlayReplicate(const Scenario& scenario, const Protocol& protocol, std::uint64_t seed,
                   std::uint64_t replicate, World& world, Workspace& workspace, Outcome& out, Trace* trace);

}  // namespace parley

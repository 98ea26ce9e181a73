// The Monte Carlo runner: replicates in fixed-size chunks on a thread pool.
//
// Replicate r always lands in chunk r / kChunkSize; each chunk fills its own
// Accumulator, and chunks are merged strictly in chunk order by the calling
// thread. Since every random number is a pure function of (seed, replicate,
// stream, counter), the merged result is byte-identical for any thread count.
// Workers run at most a small window of chunks ahead of the merge, so memory
// does not grow with the number of replicates. A stop request (Ctrl-C) ends
// the run at a chunk boundary: the merged chunks always form a prefix.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "protocols/protocol.h"
#include "stats/accumulator.h"

namespace parley {

inline constexpr std::int64_t kChunkSize = 1024;

struct RunOptions {
  std::uint64_t seed = 1;
  std::int64_t replicates = 1000;
  int threads = 1;
  const std::atomic<bool>* stop = nullptr;  // set by a signal handler
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

// Many Monte Carlo runs of one scenario at different points (sweep grid
// points, sensitivity design points), each measured by the same metrics.
//
// Every run uses the same seed and replicates (common random numbers), and a
// run's result does not depend on how it is scheduled, so the points can be
// spread however is fastest and the results stay identical:
//
// - many points (at least 4 per worker): whole points are spread over the
//   threads and, under MPI, over the ranks (rank r takes points r, r + K, ...),
//   each run on one thread of one process; rank 0 gathers every result;
// - few points: one after the other, each with every thread, and under MPI
//   its replicates split over the ranks (RunMonteCarlo).
//
// Either way rank 0 ends with every point's result, in point order; on the
// other ranks the results are not meaningful. Bad input at one point (an
// InputError from compiling it) ends the call with that error on every rank.
// A stop request (Ctrl-C) ends
// the loop between points (or at a chunk boundary inside one); points not
// finished are marked incomplete.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "model/scenario.h"
#include "montecarlo/cluster.h"
#include "protocols/protocol.h"
#include "tuning/metrics.h"

namespace parley {

struct RunSettings {
  std::uint64_t seed = 1;
  std::int64_t replicates = 1000;
  int threads = 1;
  const std::atomic<bool>* stop = nullptr;
  Cluster* cluster = nullptr;  // null: this process alone
};

// A scenario compiled with its protocol; on the heap, as the protocol keeps
// the scenario's address.
struct CompiledPoint {
  std::unique_ptr<Scenario> scenario;
  std::unique_ptr<Protocol> protocol;
};

// Compiles the scenario file with these overrides after the user's own;
// throws InputError.
using PointCompiler = std::function<CompiledPoint(const std::vector<std::string>& overrides)>;

struct PointResult {
  std::vector<MetricValue> metrics;  // one per metric asked for
  std::int64_t done = 0;             // replicates run
  bool complete = false;
};

// One Monte Carlo run, measured. `local`: in this process only, even under
// MPI; otherwise the replicates are split over the ranks and only rank 0's
// result is meaningful.
PointResult RunPoint(const Scenario& scenario, const Protocol& protocol, const std::vector<MetricInfo>& metrics,
                     const RunSettings& settings, int threads, bool local);

// How one point is run: with `threads` threads, locally or split over ranks.
using PointRun = std::function<PointResult(std::int64_t index, int threads, bool local)>;
// Points done so far of the total (on rank 0's calling thread).
using PointProgress = std::function<void(std::int64_t done, std::int64_t total)>;

// Runs points 0 .. count-1 (see the header), each measured by `metrics`
// metrics. Exceptions of any run are rethrown here.
std::vector<PointResult> RunPoints(std::int64_t count, size_t metrics, const RunSettings& settings,
                                   const PointRun& run, const PointProgress& progress);

}  // namespace parley

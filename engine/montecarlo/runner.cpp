#include "montecarlo/runner.h"

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>

#include "montecarlo/chunk_scheduler.h"
#include "montecarlo/cluster.h"

namespace parley {

void PlayReplicate(const Scenario& s, const Protocol& protocol, std::uint64_t seed, std::uint64_t replicate,
                   World& world, Workspace& workspace, Outcome& out, Trace* trace) {
  Draw(s, seed, replicate, world);
  out.Clear();
  protocol.Play(world, workspace, out, trace);
}

namespace {

struct ChunkResult {
  explicit ChunkResult(const Scenario& s) : accumulator(s) {}
  Accumulator accumulator;
  std::string rows;
};

}  // namespace

namespace {

// The job every process runs: its share of the chunks, each filled by a
// worker thread and handed to `merge` in chunk order.
ChunkJob<ChunkResult> MakeJob(const Scenario& s, const Protocol& protocol, const RunOptions& o) {
  ChunkJob<ChunkResult> job;
  job.replicates = o.replicates;
  job.threads = o.threads;
  job.stop = o.stop;
  job.make_chunk = [&s] { return std::make_unique<ChunkResult>(s); };
  job.make_worker = [&s, &protocol, &o] {
    // Everything a replicate touches is allocated here, once per thread.
    auto world = std::make_shared<World>();
    Resize(s, *world);
    auto outcome = std::make_shared<Outcome>();
    Resize(s, *outcome);
    std::shared_ptr<Workspace> workspace = protocol.NewWorkspace();
    return [&s, &protocol, &o, world, outcome, workspace](std::int64_t first, std::int64_t last, ChunkResult& chunk) {
      chunk.accumulator.Reset();
      chunk.rows.clear();
      for (std::int64_t r = first; r < last; ++r) {
        PlayReplicate(s, protocol, o.seed, r, *world, *workspace, *outcome, nullptr);
        chunk.accumulator.Add(*outcome);
        if (o.format_row) o.format_row(r, *world, *outcome, chunk.rows);
      }
    };
  };
  return job;
}

// A distributed run (docs/cli.md §14): rank r runs chunks r, r + K, ...
// Counts, minima and maxima are reduced onto rank 0 (order-free); each
// chunk's moments are gathered and merged there in global chunk order,
// exactly as a single process merges them, so summary.json is byte-identical
// for any rank count. An interruption on any rank leaves no usable total
// (the chunks done do not form a prefix): complete is false and done is 0.
RunResult RunDistributed(const Scenario& s, const Protocol& protocol, const RunOptions& o, Cluster& cluster) {
  RunResult result{Accumulator(s), 0, false};
  if (o.format_row) throw std::invalid_argument("per-replicate rows are not written by a distributed run");
  const int rank = cluster.rank(), size = cluster.size();
  ChunkJob<ChunkResult> job = MakeJob(s, protocol, o);
  job.first_chunk = rank, job.chunk_stride = size;
  std::vector<double> moments;  // n, mean, m2 of every Moments of every chunk, in local chunk order
  std::int64_t local_done = 0, expected = 0;
  for (std::int64_t c = rank; c * kChunkSize < o.replicates; c += size)
    expected += std::min(o.replicates, (c + 1) * kChunkSize) - c * kChunkSize;
  job.merge = [&](ChunkResult& chunk) {
    result.total.Merge(chunk.accumulator);  // only its order-free fields are used
    chunk.accumulator.VisitMoments([&](const Moments& m) {
      moments.push_back(static_cast<double>(m.n)), moments.push_back(m.mean), moments.push_back(m.m2);
    });
    local_done += chunk.accumulator.replicates;
    if (o.progress && rank == 0) o.progress(std::min(o.replicates, local_done * size), o.replicates);
  };
  RunChunks(job);
  if (cluster.AnyRank(local_done != expected)) return RunResult{Accumulator(s), 0, false};

  std::vector<std::int64_t> counts;
  std::vector<double> mins, maxs;
  result.total.VisitOrderFree([&](std::int64_t& c) { counts.push_back(c); }, [&](double& m) { mins.push_back(m); },
                              [&](double& m) { maxs.push_back(m); });
  cluster.SumToRoot(counts), cluster.MinToRoot(mins), cluster.MaxToRoot(maxs);
  std::vector<std::vector<double>> gathered = cluster.GatherToRoot(moments);
  if (rank != 0) {  // its share is done and handed over; rank 0 holds the total
    result.done = local_done, result.complete = true;
    return result;
  }

  Accumulator total(s);
  size_t ci = 0, mi = 0, xi = 0;
  total.VisitOrderFree([&](std::int64_t& c) { c = counts[ci++]; }, [&](double& m) { m = mins[mi++]; },
                       [&](double& m) { m = maxs[xi++]; });
  std::vector<size_t> next(size, 0);
  const std::int64_t chunks = (o.replicates + kChunkSize - 1) / kChunkSize;
  for (std::int64_t c = 0; c < chunks; ++c) {
    const std::vector<double>& from = gathered[c % size];
    size_t& at = next[c % size];
    total.VisitMoments([&](Moments& m) {
      Moments chunk;
      chunk.n = static_cast<std::int64_t>(from[at]), chunk.mean = from[at + 1], chunk.m2 = from[at + 2];
      at += 3;
      m.Merge(chunk);
    });
  }
  result.total = std::move(total);
  result.done = result.total.replicates;
  result.complete = result.done == o.replicates;
  return result;
}

}  // namespace

RunResult RunMonteCarlo(const Scenario& s, const Protocol& protocol, const RunOptions& o) {
  Cluster& cluster = ClusterOr(o.cluster);
  if (cluster.size() > 1 && !o.local) return RunDistributed(s, protocol, o, cluster);
  RunResult result{Accumulator(s), 0, false};
  ChunkJob<ChunkResult> job = MakeJob(s, protocol, o);
  job.merge = [&](ChunkResult& chunk) {
    result.total.Merge(chunk.accumulator);
    result.done += chunk.accumulator.replicates;
    if (o.write_rows && !chunk.rows.empty()) o.write_rows(chunk.rows);
    if (o.progress) o.progress(result.done, o.replicates);
  };
  RunChunks(job);
  result.complete = result.done == o.replicates;
  return result;
}

}  // namespace parley

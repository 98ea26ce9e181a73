#include "montecarlo/runner.h"

#include <memory>
#include <string>

#include "montecarlo/chunk_scheduler.h"

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

RunResult RunMonteCarlo(const Scenario& s, const Protocol& protocol, const RunOptions& o) {
  RunResult result{Accumulator(s), 0, false};
  ChunkJob<ChunkResult> job;
  job.replicates = o.replicates;
  job.threads = o.threads;
  job.stop = o.stop;
  job.make_chunk = [&] { return std::make_unique<ChunkResult>(s); };
  job.make_worker = [&] {
    // Everything a replicate touches is allocated here, once per thread.
    auto world = std::make_shared<World>();
    Resize(s, *world);
    auto outcome = std::make_shared<Outcome>();
    outcome->Resize(s.NumActors(), s.NumIssues(), static_cast<int>(s.spec.events.size()));
    std::shared_ptr<Workspace> workspace = protocol.NewWorkspace();
    return [&, world, outcome, workspace](std::int64_t first, std::int64_t last, ChunkResult& chunk) {
      chunk.accumulator.Reset();
      chunk.rows.clear();
      for (std::int64_t r = first; r < last; ++r) {
        PlayReplicate(s, protocol, o.seed, r, *world, *workspace, *outcome, nullptr);
        chunk.accumulator.Add(*outcome);
        if (o.format_row) o.format_row(r, *world, *outcome, chunk.rows);
      }
    };
  };
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

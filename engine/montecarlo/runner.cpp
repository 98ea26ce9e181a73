#include "montecarlo/runner.h"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace parley {

void PlayReplicate(const Scenario& s, const Protocol& protocol, std::uint64_t seed, std::uint64_t replicate,
                   World& world, Workspace& workspace, Outcome& out, Trace* trace) {
  Draw(s, seed, replicate, world);
  out.Clear();
  protocol.Play(world, workspace, out, trace);
}

namespace {

struct ChunkResult {
  std::unique_ptr<Accumulator> accumulator;
  std::string rows;
};

// Shared state of one run; every field behind `mutex` except the options.
class ChunkScheduler {
 public:
  ChunkScheduler(const Scenario& s, const RunOptions& o)
      : scenario_(s),
        options_(o),
        chunks_((o.replicates + kChunkSize - 1) / kChunkSize),
        window_(4 * std::max(1, o.threads)) {}

  // A worker's next chunk, or -1 when the run is over or stopping.
  std::int64_t Claim() {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return next_ < merged_ + window_ || Stopping(); });
    if (Stopping() || next_ >= chunks_) return -1;
    return next_++;
  }

  std::unique_ptr<Accumulator> TakeAccumulator() {
    std::lock_guard lock(mutex_);
    if (spare_.empty()) return std::make_unique<Accumulator>(scenario_);
    auto acc = std::move(spare_.back());
    spare_.pop_back();
    acc->Reset();
    return acc;
  }

  void Finish(std::int64_t chunk, ChunkResult result) {
    std::lock_guard lock(mutex_);
    done_.emplace(chunk, std::move(result));
    ready_.notify_all();
  }

  void WorkerExit(std::exception_ptr error) {
    std::lock_guard lock(mutex_);
    ++exited_;
    if (error && !error_) error_ = error, failed_ = true;
    ready_.notify_all();
    room_.notify_all();
  }
  std::exception_ptr error() const { return error_; }

  // Merges finished chunks in order until every worker has exited.
  void MergeAll(int workers, RunResult& result) {
    std::unique_lock lock(mutex_);
    while (true) {
      ready_.wait(lock, [&] { return done_.count(merged_) > 0 || exited_ == workers; });
      auto it = done_.find(merged_);
      if (it == done_.end()) break;  // every worker gone: the rest was never claimed
      ChunkResult chunk = std::move(it->second);
      done_.erase(it);
      lock.unlock();
      result.total.Merge(*chunk.accumulator);
      result.done += chunk.accumulator->replicates;
      if (options_.write_rows && !chunk.rows.empty()) options_.write_rows(chunk.rows);
      if (options_.progress) options_.progress(result.done, options_.replicates);
      lock.lock();
      spare_.push_back(std::move(chunk.accumulator));
      ++merged_;
      room_.notify_all();
    }
  }

 private:
  bool Stopping() const { return failed_ || (options_.stop && options_.stop->load()); }

  const Scenario& scenario_;
  const RunOptions& options_;
  const std::int64_t chunks_;
  const std::int64_t window_;
  std::mutex mutex_;
  std::condition_variable room_, ready_;
  std::int64_t next_ = 0, merged_ = 0;
  int exited_ = 0;
  bool failed_ = false;  // a worker threw: stop everyone, rethrow on the caller
  std::exception_ptr error_;
  std::map<std::int64_t, ChunkResult> done_;
  std::vector<std::unique_ptr<Accumulator>> spare_;
};

void Worker(const Scenario& s, const Protocol& protocol, const RunOptions& o, ChunkScheduler& scheduler) {
  // Everything a replicate touches is allocated here, once per thread.
  World world;
  Resize(s, world);
  Outcome outcome;
  outcome.Resize(s.NumActors(), s.NumIssues(), static_cast<int>(s.spec.events.size()));
  std::unique_ptr<Workspace> workspace = protocol.NewWorkspace();
  std::exception_ptr error;
  try {
    for (std::int64_t chunk; (chunk = scheduler.Claim()) >= 0;) {
      ChunkResult result{scheduler.TakeAccumulator(), {}};
      std::int64_t first = chunk * kChunkSize, last = std::min(o.replicates, first + kChunkSize);
      for (std::int64_t r = first; r < last; ++r) {
        PlayReplicate(s, protocol, o.seed, r, world, *workspace, outcome, nullptr);
        result.accumulator->Add(outcome);
        if (o.format_row) o.format_row(r, world, outcome, result.rows);
      }
      scheduler.Finish(chunk, std::move(result));
    }
  } catch (...) {
    error = std::current_exception();
  }
  scheduler.WorkerExit(error);
}

}  // namespace

RunResult RunMonteCarlo(const Scenario& s, const Protocol& protocol, const RunOptions& options) {
  RunResult result{Accumulator(s), 0, false};
  ChunkScheduler scheduler(s, options);
  int workers = std::max(1, options.threads);
  std::vector<std::thread> pool;
  for (int t = 0; t < workers; ++t)
    pool.emplace_back(Worker, std::cref(s), std::cref(protocol), std::cref(options), std::ref(scheduler));
  scheduler.MergeAll(workers, result);
  for (std::thread& t : pool) t.join();
  if (scheduler.error()) std::rethrow_exception(scheduler.error());
  result.complete = result.done == options.replicates;
  return result;
}

}  // namespace parley

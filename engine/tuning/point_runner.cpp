#include "tuning/point_runner.h"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include "core/error.h"
#include "montecarlo/cluster.h"
#include "montecarlo/runner.h"

namespace parley {

namespace {

// A point per rank-local slot, run by `threads` workers; returns when every
// worker is done. Progress counts this rank's points times the rank count.
void RunLocally(const std::vector<std::int64_t>& mine, std::vector<PointResult>& results, int threads, int ranks,
                std::int64_t count, const RunSettings& settings, const PointRun& run, const PointProgress& progress) {
  std::mutex mutex;
  std::condition_variable changed;
  size_t next = 0;
  std::int64_t finished = 0;
  int exited = 0;
  bool failed = false;
  std::exception_ptr error;
  auto work = [&] {
    try {
      while (true) {
        size_t j;
        {
          std::lock_guard lock(mutex);
          if (failed || next >= mine.size() || (settings.stop && settings.stop->load())) break;
          j = next++;
        }
        PointResult result = run(mine[j], 1, true);
        std::lock_guard lock(mutex);
        results[static_cast<size_t>(mine[j])] = std::move(result);
        ++finished;
        changed.notify_all();
      }
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!error) error = std::current_exception();
      failed = true;
    }
    std::lock_guard lock(mutex);
    ++exited;
    changed.notify_all();
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(work);
  {
    std::unique_lock lock(mutex);
    std::int64_t shown = 0;
    while (exited < threads) {
      changed.wait(lock, [&] { return exited == threads || finished != shown; });
      if (finished == shown) continue;
      shown = finished;
      if (!progress) continue;
      lock.unlock();
      progress(std::min(count, shown * ranks), count);
      lock.lock();
    }
  }
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

// Every rank's results onto rank 0: per point done, complete, then value
// and standard error of each metric.
void GatherResults(const std::vector<std::int64_t>& mine, std::vector<PointResult>& results, size_t metrics,
                   Cluster& cluster) {
  std::vector<double> flat;
  for (std::int64_t i : mine) {
    const PointResult& r = results[static_cast<size_t>(i)];
    flat.push_back(static_cast<double>(r.done));
    flat.push_back(r.complete ? 1 : 0);
    for (size_t m = 0; m < metrics; ++m) {
      bool have = m < r.metrics.size();
      flat.push_back(have ? r.metrics[m].value : kUndefined);
      flat.push_back(have ? r.metrics[m].se : kUndefined);
    }
  }
  std::vector<std::vector<double>> all = cluster.GatherToRoot(flat);
  if (cluster.rank() != 0) return;
  const int ranks = cluster.size();
  for (int r = 0; r < ranks; ++r) {
    size_t at = 0;
    for (std::int64_t i = r; i < static_cast<std::int64_t>(results.size()) && at < all[r].size(); i += ranks) {
      PointResult& p = results[static_cast<size_t>(i)];
      p.done = static_cast<std::int64_t>(all[r][at]);
      p.complete = all[r][at + 1] != 0;
      at += 2;
      p.metrics.assign(metrics, MetricValue{});
      for (size_t m = 0; m < metrics; ++m, at += 2) p.metrics[m] = {all[r][at], all[r][at + 1]};
    }
  }
}

}  // namespace

PointResult RunPoint(const Scenario& s, const Protocol& protocol, const std::vector<MetricInfo>& metrics,
                     const RunSettings& settings, int threads, bool local) {
  RunOptions options;
  options.seed = settings.seed;
  options.replicates = settings.replicates;
  options.threads = threads;
  options.stop = settings.stop;
  options.local = local;
  options.cluster = settings.cluster;
  RunResult run = RunMonteCarlo(s, protocol, options);
  PointResult result;
  result.done = run.done;
  result.complete = run.complete;
  if (!local && ClusterOr(settings.cluster).rank() != 0) return result;  // rank 0 holds the total
  Json summary = SummaryJson(s, run.total, {s.protocol.kind, settings.replicates, settings.seed, {}, run.complete});
  for (const MetricInfo& m : metrics) result.metrics.push_back(Measure(summary, run.total, m));
  return result;
}

std::vector<PointResult> RunPoints(std::int64_t count, size_t metrics, const RunSettings& settings,
                                   const PointRun& run, const PointProgress& progress) {
  Cluster& cluster = ClusterOr(settings.cluster);
  const int ranks = cluster.size(), threads = std::max(1, settings.threads);
  std::vector<PointResult> results(static_cast<size_t>(count));
  auto report = [&](std::int64_t done) {
    if (progress && cluster.rank() == 0) progress(done, count);
  };
  if (count < 4 * static_cast<std::int64_t>(threads) * ranks) {
    for (std::int64_t i = 0; i < count; ++i) {
      if (cluster.AnyRank(settings.stop && settings.stop->load())) break;
      results[static_cast<size_t>(i)] = run(i, threads, false);
      if (!results[static_cast<size_t>(i)].complete) break;
      report(i + 1);
    }
    return results;
  }
  std::vector<std::int64_t> mine;
  for (std::int64_t i = cluster.rank(); i < count; i += ranks) mine.push_back(i);
  if (ranks == 1) {
    RunLocally(mine, results, threads, ranks, count, settings, run, progress);
    return results;
  }
  // Bad input at a point (a grid combination the scenario rejects) may show
  // on one rank only, which must not leave the others waiting: the point is
  // marked (done = -1), the results gathered, and rank 0 compiles that point
  // again to throw its located error; the other ranks end with bad input too.
  PointRun marking = [&run](std::int64_t index, int threads, bool local) {
    try {
      return run(index, threads, local);
    } catch (const InputError&) {
      PointResult bad;
      bad.done = -1;
      return bad;
    }
  };
  RunLocally(mine, results, threads, ranks, count, settings, marking, cluster.rank() == 0 ? progress : PointProgress());
  GatherResults(mine, results, metrics, cluster);
  bool bad_here = std::any_of(mine.begin(), mine.end(), [&](std::int64_t i) { return results[i].done < 0; });
  if (cluster.AnyRank(bad_here)) {
    if (cluster.rank() != 0) throw InputError(std::vector<Diagnostic>{});  // rank 0 reports it
    for (std::int64_t i = 0; i < count; ++i)
      if (results[static_cast<size_t>(i)].done < 0) run(i, 1, true);  // throws the point's InputError
    throw std::logic_error("a point failed with bad input on another rank but compiles on rank 0");
  }
  return results;
}

}  // namespace parley

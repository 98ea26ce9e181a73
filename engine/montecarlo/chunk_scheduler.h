// Runs replicates 0..n-1 in fixed-size chunks on a thread pool and hands the
// chunk results to the calling thread strictly in chunk order.
//
// Replicate r always lands in chunk r / kChunkSize, whatever the thread
// count, so a caller that merges in the order given gets the same bytes for
// any number of threads. Workers run at most a small window of chunks ahead
// of the merge, so memory does not grow with n. A stop request ends the run
// at a chunk boundary: the merged chunks always form a prefix. An exception
// in a worker stops everyone and is rethrown on the caller.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace parley {

inline constexpr std::int64_t kChunkSize = 1024;

template <class Chunk>
struct ChunkJob {
  std::int64_t replicates = 0;
  // This process runs chunks first_chunk, first_chunk + chunk_stride, ...
  // (a rank's share of a distributed run); merged in that order.
  std::int64_t first_chunk = 0, chunk_stride = 1;
  int threads = 1;
  const std::atomic<bool>* stop = nullptr;
  std::function<std::unique_ptr<Chunk>()> make_chunk;  // chunk results are pooled and reused
  // Each worker thread calls this once for its own replicate loop, which
  // fills a chunk (first reset by the loop itself) with replicates [first, last).
  std::function<std::function<void(std::int64_t first, std::int64_t last, Chunk&)>()> make_worker;
  std::function<void(Chunk&)> merge;  // on the calling thread, in chunk order
};

template <class Chunk>
class ChunkScheduler {
 public:
  explicit ChunkScheduler(const ChunkJob<Chunk>& job)
      : job_(job),
        chunks_(std::max<std::int64_t>(
            0, ((job.replicates + kChunkSize - 1) / kChunkSize - job.first_chunk + job.chunk_stride - 1) / job.chunk_stride)),
        window_(4 * std::max(1, job.threads)) {}

  // Runs the job; returns the number of chunks merged.
  std::int64_t Run() {
    const int workers = std::max(1, job_.threads);
    std::vector<std::thread> pool;
    for (int t = 0; t < workers; ++t) pool.emplace_back([this] { Work(); });
    MergeInOrder(workers);
    for (std::thread& t : pool) t.join();
    if (error_) std::rethrow_exception(error_);
    return merged_;
  }

 private:
  bool Stopping() const { return failed_ || (job_.stop && job_.stop->load()); }

  // A worker's next chunk, or -1 when the run is over or stopping.
  std::int64_t Claim() {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return next_ < merged_ + window_ || Stopping(); });
    if (Stopping() || next_ >= chunks_) return -1;
    return next_++;
  }

  std::unique_ptr<Chunk> TakeChunk() {
    std::lock_guard lock(mutex_);
    if (spare_.empty()) return job_.make_chunk();
    auto chunk = std::move(spare_.back());
    spare_.pop_back();
    return chunk;
  }

  void Work() {
    std::exception_ptr error;
    try {
      auto run = job_.make_worker();
      for (std::int64_t c; (c = Claim()) >= 0;) {
        std::unique_ptr<Chunk> chunk = TakeChunk();
        const std::int64_t global = job_.first_chunk + c * job_.chunk_stride;
        run(global * kChunkSize, std::min(job_.replicates, (global + 1) * kChunkSize), *chunk);
        std::lock_guard lock(mutex_);
        done_.emplace(c, std::move(chunk));
        ready_.notify_all();
      }
    } catch (...) {
      error = std::current_exception();
    }
    std::lock_guard lock(mutex_);
    ++exited_;
    if (error && !error_) error_ = error, failed_ = true;
    ready_.notify_all();
    room_.notify_all();
  }

  void MergeInOrder(int workers) {
    std::unique_lock lock(mutex_);
    while (true) {
      ready_.wait(lock, [&] { return done_.count(merged_) > 0 || exited_ == workers; });
      auto it = done_.find(merged_);
      if (it == done_.end()) break;  // every worker gone: the rest was never claimed
      std::unique_ptr<Chunk> chunk = std::move(it->second);
      done_.erase(it);
      lock.unlock();
      job_.merge(*chunk);
      lock.lock();
      spare_.push_back(std::move(chunk));
      ++merged_;
      room_.notify_all();
    }
  }

  const ChunkJob<Chunk>& job_;
  const std::int64_t chunks_, window_;
  std::mutex mutex_;
  std::condition_variable room_, ready_;
  std::int64_t next_ = 0, merged_ = 0;
  int exited_ = 0;
  bool failed_ = false;
  std::exception_ptr error_;
  std::map<std::int64_t, std::unique_ptr<Chunk>> done_;
  std::vector<std::unique_ptr<Chunk>> spare_;
};

template <class Chunk>
std::int64_t RunChunks(const ChunkJob<Chunk>& job) {
  return ChunkScheduler<Chunk>(job).Run();
}

}  // namespace parley

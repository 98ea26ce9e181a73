#include "cli/run_shared.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>
#include <thread>

#include "cli/commands.h"
#include "cli/progress.h"
#include "montecarlo/cluster.h"
#include "output/atomic_file.h"

namespace parley::cli {

namespace {

std::atomic<bool> g_stop{false};

extern "C" void OnStopSignal(int) { g_stop.store(true); }


}  // namespace

void MakeDirectory(const std::string& dir) {
  std::string partial;
  for (size_t i = 0; i <= dir.size(); ++i) {
    if (i == dir.size() || dir[i] == '/') {
      if (!partial.empty()) ::mkdir(partial.c_str(), 0777);
    }
    if (i < dir.size()) partial += dir[i];
  }
  struct stat info {};
  if (::stat(dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode))
    throw UsageError("--out " + dir + ": cannot create the directory");
  if (::access(dir.c_str(), W_OK) != 0) throw UsageError("--out " + dir + ": directory is not writable");
}

void InstallStopHandlers() {
  struct sigaction action {};
  action.sa_handler = OnStopSignal;
  action.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool StopRequested() { return g_stop.load(); }

const std::atomic<bool>* StopFlag() { return &g_stop; }

RunOptions MakeRunOptions(const RunArgs& a, const Scenario& scenario, const std::string& label) {
  RunOptions run;
  run.seed = scenario.seed;
  run.replicates = scenario.replicates;
  run.threads = a.threads > 0 ? a.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  run.stop = &g_stop;
  // The same progress line as the tuning commands: count, share and time left.
  auto progress = std::make_shared<Progress>(label.empty() ? "run" : label, "replicates", a.quiet);
  run.progress = [progress](std::int64_t done, std::int64_t total) {
    progress->Update(done, total);
    if (done == total) progress->Finish();
  };
  return run;
}

void WriteRunOutputs(const std::string& dir, const Scenario& scenario, const Json& summary) {
  WriteFilesAtomically({{dir + "/summary.json", summary.dump(2) + "\n"},
                        {dir + "/issues.csv", IssuesCsv(scenario, summary)},
                        {dir + "/bundles.csv", BundlesCsv(scenario, summary)}});
}

void ReportSpeed(const std::string& label, std::int64_t done, double seconds, int threads) {
  if (CurrentCluster().rank() != 0) return;
  std::fprintf(stderr, "%s%lld replicates in %.3f s (%.0f per second) on %d threads\n",
               label.empty() ? "" : (label + ": ").c_str(), static_cast<long long>(done), seconds,
               done / std::max(seconds, 1e-9), threads);
}

}  // namespace parley::cli

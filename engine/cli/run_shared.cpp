#include "cli/run_shared.h"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "output/atomic_file.h"

namespace parley::cli {

namespace {

std::atomic<bool> g_stop{false};  // the CLI's own: set by its signal handler only

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

api::Context MakeContext(int threads, Cluster& cluster, ProgressLines* lines) {
  InstallStopHandlers();
  api::Context context;
  context.threads = threads;
  context.stop = &g_stop;
  context.cluster = &cluster;
  context.say = [](const std::string& text) { std::fprintf(stderr, "%s\n", text.c_str()); };
  if (lines && cluster.rank() == 0)
    context.progress = [lines](const std::string& label, std::int64_t done, std::int64_t total,
                               const std::string& extra) { lines->Update(label, done, total, extra); };
  return context;
}

void WriteOutputs(const std::string& dir, const std::vector<api::OutputFile>& files, const Cluster& cluster) {
  if (dir.empty() || cluster.rank() != 0) return;
  std::vector<std::pair<std::string, std::string>> paths;
  for (const api::OutputFile& f : files) {
    const size_t slash = f.name.rfind('/');
    if (slash != std::string::npos) MakeDirectory(dir + "/" + f.name.substr(0, slash));
    paths.emplace_back(dir + "/" + f.name, f.contents);
  }
  WriteFilesAtomically(paths);
}

int Report(const api::CommandResult& result, bool quiet, const Cluster& cluster) {
  if (cluster.rank() == 0) {
    if (!quiet) std::cout << result.table << std::flush;  // before stderr, so the two never interleave
    if (!quiet)
      for (const std::string& note : result.notes) std::fprintf(stderr, "%s\n", note.c_str());
    for (const std::string& warning : result.warnings) std::fprintf(stderr, "%s\n", warning.c_str());
  }
  return result.complete ? 0 : 130;
}

}  // namespace parley::cli

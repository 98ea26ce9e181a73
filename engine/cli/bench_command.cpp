// `parley bench`: the real Monte Carlo on a scenario, timed for each thread
// count, with scaling efficiency, instructions per replicate (hardware
// counters through perf_event_open, where the kernel allows them) and peak
// RSS. The figures are runtime measurements: they never go into a summary.
#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "cli/commands.h"
#include "protocols/registry.h"
#include "cli/scenario_options.h"
#include "core/text.h"
#include "montecarlo/runner.h"

namespace po = boost::program_options;

namespace parley::cli {

namespace {

// Counts the instructions this process and the threads it starts retire
// (user space only). Empty when the kernel refuses (perf_event_paranoid,
// containers without the capability).
class InstructionCounter {
 public:
  InstructionCounter() {
    perf_event_attr attr{};
    attr.type = PERF_TYPE_HARDWARE;
    attr.size = sizeof(attr);
    attr.config = PERF_COUNT_HW_INSTRUCTIONS;
    attr.disabled = 1;
    attr.inherit = 1;  // threads started after this count too
    attr.exclude_kernel = 1;
    attr.exclude_hv = 1;
    fd_ = static_cast<int>(syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0));
  }
  ~InstructionCounter() {
    if (fd_ >= 0) close(fd_);
  }
  InstructionCounter(const InstructionCounter&) = delete;
  InstructionCounter& operator=(const InstructionCounter&) = delete;

  bool available() const { return fd_ >= 0; }
  void Start() {
    if (fd_ < 0) return;
    ioctl(fd_, PERF_EVENT_IOC_RESET, 0);
    ioctl(fd_, PERF_EVENT_IOC_ENABLE, 0);
  }
  // Instructions since Start; with inherit, those of finished threads are
  // included once they have exited (the runner joins its workers).
  std::optional<double> Stop() {
    if (fd_ < 0) return std::nullopt;
    ioctl(fd_, PERF_EVENT_IOC_DISABLE, 0);
    long long count = 0;
    if (read(fd_, &count, sizeof(count)) != static_cast<ssize_t>(sizeof(count))) return std::nullopt;
    return static_cast<double>(count);
  }

 private:
  int fd_ = -1;
};

std::vector<int> ParseThreadList(const std::string& text) {
  std::vector<int> threads;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    std::optional<long long> n = ParseInteger(item);
    if (!n || *n < 1 || *n > 1024)
      throw UsageError("--threads: expected a comma-separated list of thread counts in 1..1024, got `" + text + "`");
    threads.push_back(static_cast<int>(*n));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return threads;
}

double PeakRssMegabytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // Linux reports kilobytes
}

struct Measurement {
  int threads = 1;
  double seconds = 0, rate = 0, efficiency = 0;
  std::optional<double> instructions_per_replicate;
};

}  // namespace

int BenchCommand(const Args& args, Cluster& /*cluster*/) {
  ScenarioOptions scenario;
  std::string thread_list;
  bool json = false;
  po::options_description options("parley bench");
  scenario.path_required = false;
  scenario.replicates_help = "replicates per timing (default: 20000, whatever the file says)";
  scenario.AddTo(options, true);
  options.add_options()
      ("threads", po::value(&thread_list), "comma-separated thread counts to time (default: 1 and all cores)")
      ("json", po::bool_switch(&json), "print the figures as JSON");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  if (!ParseArgs(args, options, positional, vm,
                 "usage: parley bench [SCENARIO] [--threads 1,2,...] [-n N] [--protocol P] [--set PATH=VALUE]... [--json]\n"
                 "  SCENARIO defaults to scenarios/ukraine/baseline.yaml; -n defaults to 20000"))
    return 0;
  if (scenario.path.empty()) scenario.path = "scenarios/ukraine/baseline.yaml";
  CheckCounts(scenario);  // before the default: a -n -1 given is an error, not the default
  if (!ScenarioOptions::Given(scenario.replicates)) scenario.replicates = 20000;
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<int> threads = thread_list.empty() ? std::vector<int>{1, cores} : ParseThreadList(thread_list);
  threads.erase(std::unique(threads.begin(), threads.end()), threads.end());

  Scenario s = LoadScenario(scenario);
  std::unique_ptr<Protocol> protocol = MakeProtocol(s);
  InstructionCounter counter;
  std::vector<Measurement> runs;
  std::string deal_p;  // the same for every thread count; shown as a check
  for (int t : threads) {
    RunOptions run;
    run.seed = s.seed, run.replicates = s.replicates, run.threads = t;
    counter.Start();
    const auto start = std::chrono::steady_clock::now();
    RunResult result = RunMonteCarlo(s, *protocol, run);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::optional<double> instructions = counter.Stop();
    Measurement m;
    m.threads = t, m.seconds = seconds, m.rate = result.done / seconds;
    if (instructions && result.done > 0) m.instructions_per_replicate = *instructions / result.done;
    runs.push_back(m);
    deal_p = FormatNumber(result.total.deals / static_cast<double>(std::max<std::int64_t>(1, result.done)));
  }
  const double base = runs.front().rate / runs.front().threads;  // per thread at the first count
  for (Measurement& m : runs) m.efficiency = m.rate / (base * m.threads);
  const double rss = PeakRssMegabytes();

  if (json) {
    nlohmann::ordered_json out;
    out["schema"] = "parley.bench/1";
    out["scenario"] = s.name;
    out["protocol"] = s.protocol.kind;
    out["replicates"] = s.replicates;
    out["seed"] = s.seed;
    out["cores"] = cores;
    out["runs"] = nlohmann::ordered_json::array();
    for (const Measurement& m : runs) {
      nlohmann::ordered_json run;
      run["threads"] = m.threads;
      run["seconds"] = m.seconds;
      run["replicates_per_second"] = m.rate;
      run["efficiency"] = m.efficiency;
      run["instructions_per_replicate"] =
          m.instructions_per_replicate ? nlohmann::ordered_json(*m.instructions_per_replicate) : nullptr;
      out["runs"].push_back(run);
    }
    out["peak_rss_mb"] = rss;
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::cout << s.name << " under " << s.protocol.kind << ": " << s.replicates << " replicates, seed " << s.seed
            << ", P(deal) " << deal_p << "\n";
  std::printf("%8s %10s %14s %11s %16s\n", "threads", "seconds", "replicates/s", "efficiency", "instr/replicate");
  for (const Measurement& m : runs) {
    std::string instr = m.instructions_per_replicate ? FormatNumber(std::round(*m.instructions_per_replicate)) : "n/a";
    std::printf("%8d %10.3f %14.0f %10.0f%% %16s\n", m.threads, m.seconds, m.rate, 100 * m.efficiency, instr.c_str());
  }
  std::printf("peak RSS %.1f MB%s\n", rss,
              counter.available() ? "" : "; instruction counts unavailable (perf_event_open refused)");
  return 0;
}

}  // namespace parley::cli

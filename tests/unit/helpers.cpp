#include "helpers.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text.h"
#include "model/scenario.h"
#include "montecarlo/runner.h"
#include "protocols/registry.h"
#include "scenario/load.h"

namespace parley::test {

std::string Source(const std::string& relative) { return std::string(PARLEY_SOURCE_DIR) + "/" + relative; }

std::string Set(const std::string& path, double value) { return path + "=" + FormatNumber(value); }

std::vector<std::string> ShippedScenarios() {
  std::vector<std::string> files;
  for (const char* dir : {"scenarios/textbook", "scenarios/examples", "scenarios/ukraine"})
    for (const auto& entry : std::filesystem::directory_iterator(Source(dir)))
      if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<ProtocolCase> ProtocolCases() {
  std::vector<ProtocolCase> cases;
  for (const ProtocolInfo& info : ProtocolRegistry()) {
    if (!info.create) continue;
    for (const std::string& file : ShippedScenarios()) {
      Scenario s = Compile(LoadScenarioSpec(file, {"protocol.kind=" + info.name}));
      if (info.unsupported && !info.unsupported(s).empty()) continue;
      cases.push_back({info.name, file, std::move(s)});
    }
  }
  return cases;
}

Json RunFile(const std::string& path, const std::vector<std::string>& overrides, long long replicates, int threads) {
  std::vector<std::string> all = overrides;
  if (replicates > 0) all.push_back("montecarlo.replicates=" + std::to_string(replicates));
  Scenario s = Compile(LoadScenarioSpec(path, all));
  const ProtocolInfo* info = FindProtocol(s.protocol.kind);
  std::unique_ptr<Protocol> protocol = info->create(s);
  RunOptions options;
  options.seed = s.seed;
  options.replicates = s.replicates;
  options.threads = threads;
  RunResult result = RunMonteCarlo(s, *protocol, options);
  return SummaryJson(s, result.total, {s.protocol.kind, s.replicates, s.seed, overrides, result.complete});
}

static std::string Quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) out += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

CliResult RunCli(const std::vector<std::string>& args, int timeout_seconds, const std::vector<std::string>& launcher) {
  std::string dir = TempDir("cli");
  std::string command = timeout_seconds > 0 ? "timeout -k 5 " + std::to_string(timeout_seconds) + " " : "";
  for (const std::string& l : launcher) command += Quote(l) + " ";
  command += Quote(PARLEY_BINARY);
  for (const std::string& a : args) command += " " + Quote(a);
  command += " >" + Quote(dir + "/out") + " 2>" + Quote(dir + "/err") + " </dev/null";
  int status = std::system(command.c_str());
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadFile(dir + "/out");
  result.err = ReadFile(dir + "/err");
  std::filesystem::remove_all(dir);
  return result;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

bool FileExists(const std::string& path) { return std::filesystem::exists(path); }

std::string TempDir(const std::string& tag) {
  std::string pattern = (std::filesystem::temp_directory_path() / ("parley-" + tag + "-XXXXXX")).string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (!::mkdtemp(buffer.data())) throw std::runtime_error("mkdtemp failed");
  return buffer.data();
}

}  // namespace parley::test

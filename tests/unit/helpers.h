// Shared helpers for tests that go through scenario files and the CLI.
#pragma once

#include <string>
#include <vector>

#include "model/scenario.h"
#include "output/summary.h"

namespace parley::test {

// A path under the source tree, e.g. Source("scenarios/textbook/rubinstein.yaml").
std::string Source(const std::string& relative);
// docs/model.md §9.5 (Fearon), the scenario most tests of uncertainty use.
inline const std::string kFearonFile = "scenarios/textbook/fearon.yaml";
// The shipped scenarios the tests use most, as paths under the source tree.
inline const std::string kExample = Source("scenarios/examples/ceasefire_uncertain.yaml");
inline const std::string kUkraine = Source("scenarios/ukraine/baseline.yaml");
inline const std::string kRubinstein = Source("scenarios/textbook/rubinstein.yaml");
// Every shipped scenario file (textbook, examples, ukraine), sorted.
std::vector<std::string> ShippedScenarios();

// One implemented protocol on one shipped scenario that it accepts, compiled
// with `protocol.kind` set: the cases of the conformance and allocation suites.
struct ProtocolCase {
  std::string protocol, file;
  Scenario scenario;
};
std::vector<ProtocolCase> ProtocolCases();

// Loads a scenario file with overrides, runs it through the library exactly as
// `parley run` does, and returns its summary.
Json RunFile(const std::string& path, const std::vector<std::string>& overrides = {}, long long replicates = -1,
             int threads = 1);

struct CliResult {
  int exit_code = -1;
  std::string out, err;
};
// Runs the parley binary with the given arguments (shell-quoted here). With
// timeout_seconds > 0 it runs under coreutils `timeout`, so a hang ends with
// exit code 124 (137 when it ignored the TERM) instead of hanging the suite.
// `launcher` comes before the binary on the command line (e.g. setpriv ...).
CliResult RunCli(const std::vector<std::string>& args, int timeout_seconds = 0,
                 const std::vector<std::string>& launcher = {});

// "PATH=VALUE" for --set, the value written so that it reads back exactly.
std::string Set(const std::string& path, double value);

std::string ReadFile(const std::string& path);
bool FileExists(const std::string& path);
// A fresh empty directory under the system temp dir.
std::string TempDir(const std::string& tag);

}  // namespace parley::test

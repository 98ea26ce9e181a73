// Options shared by every command that loads a scenario: --set, --protocol,
// -n and --seed, and the loading itself.
#pragma once

#include <boost/program_options.hpp>
#include <memory>
#include <optional>
#include <limits>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "protocols/protocol.h"

namespace parley::cli {

// `--protocol all`: every protocol side by side (parley run only).
inline constexpr const char* kAllProtocols = "all";

// -n and --seed: a whole number, plain or as 1e4; UsageError naming `option` otherwise.
long long ParseCount(const std::string& text, const std::string& option);

struct ScenarioOptions {
  std::string path;
  std::vector<std::string> sets;  // --set PATH=VALUE, in order
  std::string protocol;           // --protocol KIND; empty: the file's
  // Not given on the command line (no value a user can type: every negative
  // one given is an error, -1 included).
  static constexpr long long kNotGiven = std::numeric_limits<long long>::min();
  static bool Given(long long value) { return value != kNotGiven; }
  long long replicates = kNotGiven;  // -n; not given: the file's
  long long seed = kNotGiven;        // --seed; not given: the file's
  bool path_required = true;      // false: the command has a default scenario
  bool all_protocols = false;     // whether this command accepts --protocol all; set before AddTo
  std::string replicates_help;    // -n's help when the command's default is not the file's; set before AddTo

  void AddTo(boost::program_options::options_description& options, bool with_montecarlo);
  // Every override as the loader takes it: --set, then --protocol, -n, --seed.
  std::vector<std::string> Overrides() const;
  // What the summary echoes: the user's --set and --protocol.
  std::vector<std::string> EchoedOverrides() const;
};

// Loads and compiles; throws InputError, or UsageError for an unknown
// --protocol (and for `all`, which names no single protocol).
// -n and --seed as given: every negative value (and -n 0) is a usage error.
void CheckCounts(const ScenarioOptions& options);
Scenario LoadScenario(const ScenarioOptions& options);

// MakeProtocol and ProtocolRefusal are the engine's (protocols/registry.h).

// Parses args into vm; --help prints usage and returns false.
bool ParseArgs(const std::vector<std::string>& args, const boost::program_options::options_description& options,
               const boost::program_options::positional_options_description& positional,
               boost::program_options::variables_map& vm, const std::string& usage);

}  // namespace parley::cli

#include "cli/scenario_options.h"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <stdexcept>

#include "cli/commands.h"
#include "core/error.h"
#include "core/text.h"
#include "protocols/registry.h"
#include "scenario/load.h"

namespace po = boost::program_options;

namespace parley::cli {

// A count on the command line: an integer, written plainly or as 1e4 when it
// is a whole number; UsageError naming the option otherwise.
long long ParseCount(const std::string& text, const std::string& option) {
  if (!text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    try {
      return std::stoll(text);  // exact, whatever its size
    } catch (const std::out_of_range&) {
      throw UsageError(option + " is too large, got `" + text + "`");
    }
  }
  size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty() || !std::isfinite(value) || value != std::floor(value) ||
      std::fabs(value) > 9.0e15)
    throw UsageError(option + " must be a whole number (e.g. 10000 or 1e4), got `" + text + "`");
  if (value < 0) throw UsageError(option + " must be a non-negative integer, got `" + text + "`");
  return static_cast<long long>(value);
}

void ScenarioOptions::AddTo(po::options_description& options, bool with_montecarlo) {
  options.add_options()
      ("scenario", path_required ? po::value(&path)->required() : po::value(&path), "scenario file (YAML)")
      ("set", po::value(&sets)->composing(), "override PATH=VALUE (number, level name or inline YAML distribution); repeatable")
      ("protocol", po::value(&protocol),
       all_protocols ? "run under protocol KIND instead of the file's; `all`: every protocol, side by side"
                     : "run under protocol KIND instead of the file's");
  if (with_montecarlo)
    options.add_options()
        (",n", po::value<std::string>()->notifier([this](const std::string& text) { replicates = ParseCount(text, "-n"); }),
         replicates_help.empty() ? "number of replicates, e.g. 10000 or 1e4 (default: the file's montecarlo.replicates)"
                                 : replicates_help.c_str())
        ("seed", po::value<std::string>()->notifier([this](const std::string& text) { seed = ParseCount(text, "--seed"); }),
         "random seed, a non-negative integer (default: the file's montecarlo.seed)");
}

std::vector<std::string> ScenarioOptions::Overrides() const {
  std::vector<std::string> all = EchoedOverrides();
  if (Given(replicates)) all.push_back("montecarlo.replicates=" + std::to_string(replicates));
  if (Given(seed)) all.push_back("montecarlo.seed=" + std::to_string(seed));
  return all;
}

std::vector<std::string> ScenarioOptions::EchoedOverrides() const {
  std::vector<std::string> echoed = sets;
  if (!protocol.empty()) echoed.push_back("protocol.kind=" + protocol);
  return echoed;
}

// An unknown name lists the valid ones; `all` is refused where it cannot serve.
static void CheckProtocolName(const ScenarioOptions& options) {
  const std::string& name = options.protocol;
  if (name.empty() || FindProtocol(name)) return;
  std::vector<std::string> valid = ProtocolNames();
  if (name == kAllProtocols && !options.all_protocols)
    throw UsageError("--protocol all runs every protocol side by side and only `parley run` takes it; name one of " +
                     JoinChoices(valid));
  if (options.all_protocols) valid.push_back(kAllProtocols);
  if (name != kAllProtocols)
    throw UsageError("--protocol `" + name + "`: unknown protocol" + DidYouMean(name, valid) + "; expected " +
                     JoinChoices(valid));
  throw std::logic_error("--protocol all reached LoadScenario: the ensemble loads one protocol at a time");
}

void CheckCounts(const ScenarioOptions& options) {
  if (ScenarioOptions::Given(options.replicates) && options.replicates < 1)
    throw UsageError("-n must be at least 1, got " + std::to_string(options.replicates));
  if (ScenarioOptions::Given(options.seed) && options.seed < 0)
    throw UsageError("--seed must be a non-negative integer, got " + std::to_string(options.seed));
}

Scenario LoadScenario(const ScenarioOptions& options) {
  CheckProtocolName(options);
  CheckCounts(options);
  return Compile(LoadScenarioSpec(options.path, options.Overrides()));
}

bool ParseArgs(const std::vector<std::string>& args, const po::options_description& options,
               const po::positional_options_description& positional, po::variables_map& vm,
               const std::string& usage) {
  po::options_description all;
  all.add(options).add_options()("help,h", "show this help");
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
      std::cout << usage << "\n\n" << all << "\n";
      return false;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(std::string(e.what()) + "\n" + usage + "\n(see --help)");
  }
  return true;
}

}  // namespace parley::cli

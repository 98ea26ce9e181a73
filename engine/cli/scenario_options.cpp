#include "cli/scenario_options.h"

#include <iostream>

#include "cli/commands.h"

namespace po = boost::program_options;

namespace parley::cli {

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

#include <iostream>

#include "cli/commands.h"
#include "cli/scenario_options.h"
#include "core/error.h"
#include "protocols/registry.h"
#include "scenario/load.h"

namespace po = boost::program_options;

namespace parley::cli {

int ValidateCommand(const Args& args, Cluster& /*cluster*/) {
  std::vector<std::string> files, sets;
  po::options_description options("parley validate");
  options.add_options()("scenario", po::value(&files)->required(), "scenario files")
      ("set", po::value(&sets)->composing(), "override PATH=VALUE before validating; repeatable");
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  if (!ParseArgs(args, options, positional, vm, "usage: parley validate SCENARIO... [--set PATH=VALUE]...")) return 0;

  // Every file is checked, and every error of every file reported.
  Diagnostics all;
  for (const std::string& file : files) {
    try {
      Scenario s = Compile(LoadScenarioSpec(file, sets));
      std::cout << "ok: " << file << " (" << s.NumActors() << " actors, " << s.NumIssues() << " issues, "
                << s.params.size() << " parameters, protocol " << s.protocol.kind << ")\n";
      const ProtocolInfo* info = FindProtocol(s.protocol.kind);
      std::string why = info && info->unsupported ? info->unsupported(s) : "";
      if (!why.empty()) std::cout << "  note: `parley run` refuses it for now: " << why << "\n";
    } catch (const InputError& e) {
      all.Append(e);
    }
  }
  if (!all.empty()) throw InputError(all.all());
  return 0;
}

}  // namespace parley::cli

// The options every command that loads a scenario shares: the scenario
// file, --set, --protocol, -n and --seed, as a library request
// (api/scenario_request.h) the command fills from its command line.
#pragma once

#include <boost/program_options.hpp>
#include <string>
#include <vector>

#include "api/scenario_request.h"

namespace parley::cli {

using api::kAllProtocols;
using api::ParseCount;
using api::LoadScenario;
using api::CheckCounts;

struct ScenarioOptions : api::ScenarioRequest {
  bool path_required = true;    // false: the command has a default scenario
  std::string replicates_help;  // -n's help when the command's default is not the file's; set before AddTo

  // all_protocols (whether --protocol all is accepted) is set before AddTo.
  void AddTo(boost::program_options::options_description& options, bool with_montecarlo);
};

// Parses args into vm; --help prints usage and returns false.
bool ParseArgs(const std::vector<std::string>& args, const boost::program_options::options_description& options,
               const boost::program_options::positional_options_description& positional,
               boost::program_options::variables_map& vm, const std::string& usage);

}  // namespace parley::cli

// parley explain: the library's explain (api/explain.h), as text or, with
// --json, as explain.json on stdout.
#include <iostream>

#include "api/explain.h"
#include "cli/commands.h"
#include "cli/scenario_options.h"

namespace po = boost::program_options;

namespace parley::cli {

int ExplainCommand(const Args& args, Cluster& /*cluster*/) {
  ScenarioOptions scenario_options;
  long long replicate = -1;
  bool json = false;
  po::options_description options("parley explain");
  scenario_options.AddTo(options, false);
  options.add_options()("replicate", po::value(&replicate)->required(), "replicate index N (0-based) to replay")
      ("seed", po::value(&scenario_options.seed), "random seed (default: the file's montecarlo.seed)")
      ("json", po::bool_switch(&json), "print the replay as JSON (the draws, every round, the outcome, the row)");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  if (!ParseArgs(args, options, positional, vm,
                 "usage: parley explain SCENARIO --replicate N [--seed S] [--protocol P] [--set PATH=VALUE]... [--json]"))
    return 0;
  if (replicate < 0) throw UsageError("--replicate must be a non-negative integer");
  api::ExplainOutput out = api::Explain(scenario_options, static_cast<std::uint64_t>(replicate));
  if (json) std::cout << out.json.dump(2) << "\n";
  else std::cout << out.text;
  return 0;
}

}  // namespace parley::cli

// parley compare: the library's compare (api/compare.h).
#include <string>

#include "api/compare.h"
#include "cli/commands.h"
#include "cli/run_shared.h"
#include "cli/scenario_options.h"

namespace po = boost::program_options;

namespace parley::cli {

// Base and variant run replicate by replicate with the same seed, so each
// delta is a paired, common-random-numbers estimate.
int CompareCommand(const Args& args, Cluster& cluster) {
  ScenarioOptions base_options;
  std::string variant_path, out_dir;
  int threads = 0;
  bool quiet = false;
  po::options_description options("parley compare");
  base_options.AddTo(options, true);
  options.add_options()("variant", po::value(&variant_path)->required(), "variant scenario file")
      ("threads", po::value(&threads), "worker threads (default: all cores); results do not depend on it")
      ("out", po::value(&out_dir), "write compare.json into DIR (created if missing)")
      ("quiet,q", po::bool_switch(&quiet), "no progress and no table");
  po::positional_options_description positional;
  positional.add("scenario", 1).add("variant", 1);
  po::variables_map vm;
  if (!ParseArgs(args, options, positional, vm,
                 "usage: parley compare BASE VARIANT [-n N] [--seed S] [--threads T] [--protocol P] [--set PATH=VALUE]...\n"
                 "                      [--out DIR] [--quiet]\n"
                 "(--set and --protocol apply to both scenarios; -n and --seed default to the base's)"))
    return 0;
  if (vm.count("threads") && threads < 1) throw UsageError("--threads must be at least 1");

  ScenarioOptions variant;
  variant.path = variant_path;
  ProgressLines lines("replicates", quiet);
  api::Context context = MakeContext(threads, cluster, &lines);
  api::CommandResult result = api::Compare(base_options, variant, context, [&] {
    if (!out_dir.empty()) MakeDirectory(out_dir);  // before the computation, not after it
  });
  lines.Finish();
  WriteOutputs(out_dir, result.files, cluster);
  return Report(result, quiet, cluster);
}

}  // namespace parley::cli

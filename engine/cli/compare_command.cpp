#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>
#include <thread>

#include "cli/commands.h"
#include "protocols/registry.h"
#include "cli/progress.h"
#include "cli/run_shared.h"
#include "cli/scenario_options.h"
#include "output/atomic_file.h"
#include "tuning/compare.h"

namespace po = boost::program_options;

namespace parley::cli {

namespace {

std::string Names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// Paired deltas mean something only between variants of one negotiation:
// scenarios with no actor and no issue in common are refused; any other
// difference in the actors or issues is said on stderr.
void CheckComparable(const Scenario& base, const Scenario& variant) {
  auto actors = [](const Scenario& s) {
    std::vector<std::string> v;
    for (const Actor& a : s.actors) v.push_back(a.name);
    return v;
  };
  auto issues = [](const Scenario& s) {
    std::vector<std::string> v;
    for (const Issue& i : s.issues) v.push_back(i.name);
    return v;
  };
  const std::vector<std::string> ba = actors(base), va = actors(variant), bi = issues(base), vi = issues(variant);
  auto shares = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
    return std::any_of(a.begin(), a.end(), [&](const std::string& x) { return std::find(b.begin(), b.end(), x) != b.end(); });
  };
  if (!shares(ba, va) && !shares(bi, vi))
    throw UsageError("the scenarios share no actor and no issue (base: actors " + Names(ba) + ", issues " + Names(bi) +
                     "; variant: actors " + Names(va) + ", issues " + Names(vi) +
                     "): compare pairs variants of one negotiation");
  if (ba != va)
    std::cerr << "parley compare: the actors differ (base: " << Names(ba) << "; variant: " << Names(va)
              << "); only what both have is compared\n";
  if (bi != vi)
    std::cerr << "parley compare: the issues differ (base: " << Names(bi) << "; variant: " << Names(vi)
              << "); only what both have is compared\n";
}

}  // namespace

// Base and variant run replicate by replicate with the same seed, so each
// delta is a paired, common-random-numbers estimate.
int CompareCommand(const Args& args) {
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

  Scenario base = LoadScenario(base_options);
  ScenarioOptions variant_options = base_options;
  variant_options.path = variant_path;
  variant_options.replicates = base.replicates;  // both arms run the same replicates
  variant_options.seed = static_cast<long long>(base.seed);
  Scenario variant = LoadScenario(variant_options);
  CheckComparable(base, variant);
  auto base_protocol = MakeProtocol(base);
  auto variant_protocol = MakeProtocol(variant);
  if (!out_dir.empty()) MakeDirectory(out_dir);  // before the computation, not after it

  CompareOptions compare;
  compare.seed = base.seed;
  compare.replicates = base.replicates;
  compare.threads = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  InstallStopHandlers();  // Ctrl-C: stop at a chunk boundary, report what was done as incomplete
  compare.stop = StopFlag();
  Progress progress("compare", "replicates", quiet);
  compare.progress = [&](std::int64_t done, std::int64_t total) { progress.Update(done, total); };
  CompareResult result = ComparePaired(base, *base_protocol, variant, *variant_protocol, compare);
  progress.Finish();
  Json json = CompareJson(base, variant, result, compare);
  if (!out_dir.empty()) {
    WriteFileAtomically(out_dir + "/compare.json", json.dump(2) + "\n");
  }
  if (!quiet) std::cout << CompareTable(json);
  if (!result.skipped.empty()) {
    std::string list;
    for (const std::string& name : result.skipped) list += (list.empty() ? "" : ", ") + name;
    std::cerr << "parley compare: " << result.skipped.size() << " metrics of the base have no counterpart in the variant and "
              << "are not compared: " << list << "\n";
  }
  return StopRequested() ? 130 : 0;
}

}  // namespace parley::cli

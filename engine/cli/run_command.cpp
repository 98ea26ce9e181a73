// parley run: the library's run (api/run.h), its files into --out and its
// rows into --replicates FILE.
#include <memory>

#include "api/replicate_rows.h"
#include "api/run.h"
#include "cli/commands.h"
#include "cli/run_shared.h"
#include "cli/scenario_options.h"
#include "output/atomic_file.h"

namespace po = boost::program_options;

namespace parley::cli {

namespace {

const char* kRunUsage =
    "usage: parley run SCENARIO [-n N] [--seed S] [--threads T] [--protocol P|all] [--set PATH=VALUE]... [--out DIR]\n"
    "                  [--replicates FILE] [--quiet]\n"
    "--protocol all runs every protocol on the same scenario, seed and replicates and prints them side by side;\n"
    "protocols that cannot run the scenario get a row saying why. With --out DIR it writes DIR/ensemble.json and\n"
    "each protocol's summary.json, issues.csv and bundles.csv into DIR/<protocol>/. Not with --replicates.";

}  // namespace

int RunCommand(const Args& args, Cluster& cluster) {
  ScenarioOptions scenario;
  int threads = 0;
  std::string out_dir, replicates_file;
  bool quiet = false;
  scenario.all_protocols = true;
  po::options_description options("parley run");
  scenario.AddTo(options, true);
  options.add_options()
      ("threads", po::value(&threads), "worker threads (default: all cores); results do not depend on it")
      ("out", po::value(&out_dir), "write summary.json, issues.csv and bundles.csv into DIR "
       "(--protocol all: ensemble.json, and those three per protocol in DIR/<protocol>/)")
      ("replicates", po::value(&replicates_file), "stream one CSV row per replicate into FILE")
      ("quiet,q", po::bool_switch(&quiet), "no progress and no table");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  if (!ParseArgs(args, options, positional, vm, kRunUsage)) return 0;
  if (vm.count("threads") && threads < 1) throw UsageError("--threads must be at least 1");

  ProgressLines lines("replicates", quiet);
  api::Context context = MakeContext(threads, cluster, &lines);
  auto ready = [&] {
    if (!out_dir.empty()) MakeDirectory(out_dir);  // after the input is checked, before the long part
  };
  if (scenario.protocol == kAllProtocols) {
    if (!replicates_file.empty())
      throw UsageError("--replicates FILE streams the rows of one protocol and cannot be combined with --protocol all; "
                       "use `--protocol KIND --replicates FILE` once per protocol");
    api::CommandResult result = api::RunAll(scenario, context, ready);
    lines.Finish();
    WriteOutputs(out_dir, result.files, cluster);
    return Report(result, quiet, cluster);
  }
  std::unique_ptr<AtomicStream> stream;
  api::ReplicateRows rows;
  const Scenario* loaded = nullptr;
  if (!replicates_file.empty()) {
    rows.begin = [&](const Scenario& s) {
      loaded = &s;
      stream = std::make_unique<AtomicStream>(replicates_file);
      stream->Write(api::ReplicateHeader(s));
    };
    rows.format = [&](std::uint64_t r, const World& drawn, const Outcome& o, std::string& out) {
      api::AppendReplicateRow(*loaded, r, drawn, o, out);
    };
    rows.write = [&](const std::string& text) { stream->Write(text); };
  }
  api::RunOutput result = api::Run(scenario, context, rows, ready);
  lines.Finish();
  if (cluster.size() > 1 && !result.complete) return Report(result, quiet, cluster);  // no partial outputs
  WriteOutputs(out_dir, result.files, cluster);
  if (stream) stream->Commit();
  return Report(result, quiet, cluster);
}

}  // namespace parley::cli

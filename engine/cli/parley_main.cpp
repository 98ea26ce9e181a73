// parley: negotiation-scenario simulation engine. Main only dispatches and
// maps errors to exit codes: 2 for bad input or usage, 1 for internal failure.
// In a distributed run (parley-mpi) every rank runs it; rank 0 alone reports
// bad input (every rank meets the same), and an internal failure on any rank
// ends the whole job.
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/error.h"
#include "core/text.h"
#include "montecarlo/cluster.h"
#include "output/atomic_file.h"

namespace {

const char* kUsage =
    "parley " PARLEY_VERSION " - negotiation-scenario simulation engine\n"
    "\n"
    "usage:\n"
    "  parley run SCENARIO [-n N] [--seed S] [--threads T] [--protocol P|all] [--set PATH=VALUE]... [--out DIR]\n"
    "                      [--replicates FILE] [--quiet]\n"
    "  parley validate SCENARIO...\n"
    "  parley explain SCENARIO --replicate N\n"
    "  parley compare BASE VARIANT [-n N]   paired deltas with 95% intervals (common random numbers)\n"
    "  parley sweep SCENARIO --vary PATH=LO:HI:STEPS... [--metric M]...   metrics over a grid of values\n"
    "  parley sensitivity SCENARIO [--metric M]... [--method sobol|oat]    which uncertain inputs drive a metric\n"
    "  parley calibrate SCENARIO --free PATH[=LO:HI]... --target M=VALUE... [--write FILE]   fit to targets\n"
    "  parley protocols                      list the protocols and their parameters\n"
    "  parley schema                         the JSON Schema of scenario files (editor completion)\n"
    "  parley bench [SCENARIO] [--threads 1,2] [-n N] [--json]   replicates per second, scaling, instructions, RSS\n"
    "\n"
    "`parley COMMAND --help` describes a command's options.\n"
    "exit codes: 0 success, 1 internal failure, 2 bad input or usage, 130 interrupted (partial outputs)\n";

}  // namespace

int parley::cli::Main(int argc, char** argv, parley::Cluster& cluster) {
  using namespace parley::cli;
  const bool speaks = cluster.rank() == 0;
  const std::map<std::string, int (*)(const Args&, parley::Cluster&)> commands = {
      {"run", RunCommand}, {"validate", ValidateCommand}, {"explain", ExplainCommand}, {"protocols", ProtocolsCommand},
      {"schema", SchemaCommand},
      {"compare", CompareCommand}, {"bench", BenchCommand}, {"sweep", SweepCommand},
      {"sensitivity", SensitivityCommand}, {"calibrate", CalibrateCommand}};
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (name == "--version") {
    std::puts("parley " PARLEY_VERSION);
    return 0;
  }
  auto command = commands.find(name);
  if (command == commands.end()) {
    std::vector<std::string> names;
    for (const auto& entry : commands) names.push_back(entry.first);
    std::fprintf(stderr, "parley: unknown command `%s`%s\n\n%s", name.c_str(), parley::DidYouMean(name, names).c_str(),
                 kUsage);
    return 2;
  }
  try {
    return command->second(Args(argv + 2, argv + argc), cluster);
  } catch (const parley::InputError& e) {
    if (speaks) std::fprintf(stderr, "%s\n", e.what());
    return 2;
  } catch (const UsageError& e) {
    if (speaks) std::fprintf(stderr, "parley %s: %s\n", name.c_str(), e.what());
    return 2;
  } catch (const parley::OutputError& e) {
    // Earlier outputs are intact (atomic_file.h); say so, and what failed.
    std::fprintf(stderr, "parley %s: %s; no output was replaced\n", name.c_str(), e.what());
    return 1;
  } catch (const std::exception& e) {
    if (cluster.size() == 1) {
      std::fprintf(stderr, "parley %s: internal error: %s\n", name.c_str(), e.what());
      return 1;
    }
    std::fprintf(stderr, "parley %s: rank %d of %d failed: %s; ending every rank, no output written\n", name.c_str(),
                 cluster.rank(), cluster.size(), e.what());
    std::fflush(stderr);
    cluster.Abort(1);
    return 1;  // not reached
  }
}

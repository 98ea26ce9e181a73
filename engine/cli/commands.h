// The parley subcommands. Each parses its own options (Boost.Program_options),
// calls the library (api/) with the ranks it runs on (this process, or an
// MPI job's), prints, and returns an exit code: 0 success, 1 internal failure, 2 bad input
// or usage (InputError and UsageError propagate to main, which prints them).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "core/error.h"
#include "montecarlo/cluster.h"

namespace parley::cli {

using parley::UsageError;  // core/error.h

using Args = std::vector<std::string>;  // the arguments after the subcommand

// The whole command line (argv[1] is the command); returns the exit code.
int Main(int argc, char** argv, Cluster& cluster);

int RunCommand(const Args& args, Cluster& cluster);
int ValidateCommand(const Args& args, Cluster& cluster);
int ExplainCommand(const Args& args, Cluster& cluster);
int ProtocolsCommand(const Args& args, Cluster& cluster);
int SchemaCommand(const Args& args, Cluster& cluster);
int CompareCommand(const Args& args, Cluster& cluster);
int BenchCommand(const Args& args, Cluster& cluster);
int SweepCommand(const Args& args, Cluster& cluster);
int SensitivityCommand(const Args& args, Cluster& cluster);
int CalibrateCommand(const Args& args, Cluster& cluster);

}  // namespace parley::cli

// The parley subcommands. Each parses its own options (Boost.Program_options),
// runs, and returns an exit code: 0 success, 1 internal failure, 2 bad input
// or usage (InputError and UsageError propagate to main, which prints them).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace parley::cli {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

using Args = std::vector<std::string>;  // the arguments after the subcommand

// The whole command line (argv[1] is the command); returns the exit code.
int Main(int argc, char** argv);

int RunCommand(const Args& args);
int ValidateCommand(const Args& args);
int ExplainCommand(const Args& args);
int ProtocolsCommand(const Args& args);
int SchemaCommand(const Args& args);
int CompareCommand(const Args& args);
int BenchCommand(const Args& args);
int SweepCommand(const Args& args);
int SensitivityCommand(const Args& args);
int CalibrateCommand(const Args& args);

}  // namespace parley::cli

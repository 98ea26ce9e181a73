#include <iostream>

#include "cli/commands.h"
#include "scenario/json_schema.h"

namespace parley::cli {

// The JSON Schema of scenario files (scenario/json_schema.h), on stdout.
int SchemaCommand(const Args& args, Cluster& /*cluster*/) {
  if (!args.empty()) {
    if (args[0] == "--help" || args[0] == "-h") {
      std::cout << "usage: parley schema > scenario.schema.json\n"
                   "Prints the JSON Schema (draft-07) of scenario files, built from the loader's key tables; "
                   "docs/scenario.schema.json is a copy. For editor completion, start a scenario file with\n"
                   "  # yaml-language-server: $schema=PATH/TO/docs/scenario.schema.json\n";
      return 0;
    }
    throw UsageError("usage: parley schema");
  }
  std::cout << ScenarioJsonSchema().dump(2) << "\n";
  return 0;
}

}  // namespace parley::cli

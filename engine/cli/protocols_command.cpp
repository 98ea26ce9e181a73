#include <iostream>

#include "cli/commands.h"
#include "protocols/registry.h"

namespace parley::cli {

// Each protocol describes itself: name, summary, parameters with defaults.
int ProtocolsCommand(const Args& args) {
  if (!args.empty() && args[0] != "--help" && args[0] != "-h") throw UsageError("usage: parley protocols");
  for (const ProtocolInfo& info : ProtocolRegistry()) {
    std::cout << info.name << (info.create ? "" : "  (not implemented yet)") << "\n  " << info.summary << "\n";
    for (const ProtocolParam& p : info.params)
      std::cout << "    protocol." << p.name << " (default " << p.default_value << "): " << p.help << "\n";
  }
  return 0;
}

}  // namespace parley::cli

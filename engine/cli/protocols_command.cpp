#include <iostream>

#include "cli/commands.h"
#include "protocols/registry.h"

namespace parley::cli {

// Each protocol describes itself from its schema: name, summary, parameters
// (type, default, help), the actor keys only it reads and its no-deal causes.
int ProtocolsCommand(const Args& args, Cluster& /*cluster*/) {
  if (!args.empty() && args[0] != "--help" && args[0] != "-h") throw UsageError("usage: parley protocols");
  for (const ProtocolInfo& info : ProtocolRegistry()) {
    const ProtocolSchema& s = *info.schema;
    std::cout << info.name << (info.create ? "" : "  (not implemented yet)") << "\n  " << s.summary << "\n";
    std::cout << "  parameters (protocol.KEY when it is the file's kind, else protocol." << s.name << ".KEY):\n";
    for (const ParamSchema& p : s.params)
      std::cout << "    " << p.name << ": " << DescribeType(p) << ", default " << p.default_text << "; " << p.help
                << "\n";
    for (const std::string& key : s.actor_keys)
      std::cout << "  actor key `" << key << "`: read only by " << s.name << "\n";
    std::cout << "  no-deal causes:\n";
    for (const CauseSchema& c : s.causes) std::cout << "    " << c.name << ": " << c.meaning << "\n";
  }
  return 0;
}

}  // namespace parley::cli

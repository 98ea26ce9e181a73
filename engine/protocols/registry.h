// The explicit list of every protocol parley knows.
#pragma once

#include <string_view>
#include <vector>

#include "protocols/protocol.h"

namespace parley {

const std::vector<ProtocolInfo>& ProtocolRegistry();
const ProtocolInfo* FindProtocol(std::string_view name);  // null when unknown
std::vector<std::string> ProtocolNames();

// Why the scenario cannot run under this protocol, or "" when it can.
std::string ProtocolRefusal(const ProtocolInfo& info, const Scenario& scenario);

// The scenario's protocol, or an InputError (at protocol.kind) saying why it
// cannot run; what the CLI and the Python module both call.
std::unique_ptr<Protocol> MakeProtocol(const Scenario& scenario);

}  // namespace parley

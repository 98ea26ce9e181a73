// The explicit list of every protocol parley knows.
#pragma once

#include <string_view>
#include <vector>

#include "protocols/protocol.h"

namespace parley {

const std::vector<ProtocolInfo>& ProtocolRegistry();
const ProtocolInfo* FindProtocol(std::string_view name);  // null when unknown
std::vector<std::string> ProtocolNames();

}  // namespace parley

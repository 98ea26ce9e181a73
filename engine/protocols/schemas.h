// Every protocol's parameter schema (core/protocol_schema.h), one table per
// protocol in protocols/<name>_schema.cpp beside its factory. These files
// depend only on core, so the loader can validate `protocol:` against them.
#pragma once

#include <string_view>
#include <vector>

#include "core/protocol_schema.h"

namespace parley {

const ProtocolSchema& AlternatingOffersSchema();
const ProtocolSchema& NashSchema();
const ProtocolSchema& ExpectedUtilitySchema();
const ProtocolSchema& ConcessionSchema();

// The four, in the order `parley protocols` lists them.
const std::vector<const ProtocolSchema*>& ProtocolSchemas();
const ProtocolSchema* FindProtocolSchema(std::string_view name);  // null when unknown

}  // namespace parley

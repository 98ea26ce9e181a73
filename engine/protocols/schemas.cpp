#include "protocols/schemas.h"

namespace parley {

const std::vector<const ProtocolSchema*>& ProtocolSchemas() {
  static const std::vector<const ProtocolSchema*> all = {&AlternatingOffersSchema(), &NashSchema(),
                                                         &ExpectedUtilitySchema(), &ConcessionSchema()};
  return all;
}

const ProtocolSchema* FindProtocolSchema(std::string_view name) {
  for (const ProtocolSchema* s : ProtocolSchemas())
    if (s->name == name) return s;
  return nullptr;
}

}  // namespace parley

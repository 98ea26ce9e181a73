#include "core/protocol_schema.h"

#include "core/text.h"

namespace parley {

const ParamSchema* ProtocolSchema::Find(const std::string& param) const {
  for (const ParamSchema& p : params)
    if (p.name == param) return &p;
  return nullptr;
}

bool ProtocolSchema::HasCause(const std::string& cause) const {
  for (const CauseSchema& c : causes)
    if (c.name == cause) return true;
  return false;
}

std::string DescribeType(const ParamSchema& p) {
  switch (p.type) {
    case ParamType::Uncertain: return "a number or distribution " + p.domain.Text();
    case ParamType::Number: return "a number " + p.domain.Text();
    case ParamType::Integer: return "an integer " + p.domain.Text();
    case ParamType::Choice: return "one of " + JoinChoices(p.choices);
    case ParamType::ActorList: return "a list of distinct actor names";
    case ParamType::ActorWeights: return "a map from actor names to weights " + p.domain.Text();
  }
  return "";
}

}  // namespace parley

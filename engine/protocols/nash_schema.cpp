// nash's parameters and causes of no deal (protocols/schemas.h).
#include "protocols/schemas.h"

namespace parley {

const ProtocolSchema& NashSchema() {
  static const ProtocolSchema schema{
      "nash",
      "asymmetric Nash bargaining solution over the issue space, disagreement at the no-deal values",
      {
          {"weights", ParamType::ActorWeights, Domain::OpenClosed(0, kInf), {}, "capability",
           "bargaining power of each actor (> 0; every veto actor listed); by default its capability"},
      },
      {},
      {
          {"no_zone", "no terms beat every veto actor's value of no deal (no zone of agreement)"},
      },
      "",
      "a deal is struck whenever a zone of agreement exists, at once: P(deal) is the probability that one exists, "
      "and the round is always 0"};
  return schema;
}

}  // namespace parley

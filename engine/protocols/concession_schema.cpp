// concession's parameters, actor keys and causes of no deal (protocols/schemas.h).
#include "protocols/schemas.h"

namespace parley {

const ProtocolSchema& ConcessionSchema() {
  static const ProtocolSchema schema{
      "concession",
      "time-based concession tactics (Faratin et al. 1998) under stacked alternating offers",
      {
          {"grid", ParamType::Integer, Domain::Closed(2, 2147483647), {}, "11",
           "points per continuous issue in the discrete outcome space"},
          {"breakdown", ParamType::Uncertain, Domain::Closed(0, 1), {}, "0",
           "probability that a round without a deal ends the talks for good (NegMAS: 0; the tactics ignore it)"},
      },
      {"tactic"},
      {
          {"breakdown", "a round ended without a deal and the talks then broke down (the breakdown risk)"},
          {"horizon", "the last round passed without a deal"},
          {"walk_away", "a negotiator's value of no deal beats every outcome, so it walked away"},
      },
      "",
      "the tactics concede by time alone: they ignore the breakdown risk and the other side's values, so the timing "
      "of deals follows the tactics and the horizon"};
  return schema;
}

}  // namespace parley

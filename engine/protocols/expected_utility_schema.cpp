// expected_utility's parameters and causes of no deal (protocols/schemas.h).
#include "protocols/schemas.h"

namespace parley {

const ProtocolSchema& ExpectedUtilitySchema() {
  static const ProtocolSchema schema{
      "expected_utility",
      "Bueno de Mesquita's expected-utility model (Scholz, Calbert & Smith 2011), issue by issue",
      {
          {"q", ParamType::Number, Domain::Closed(0, 1), {}, "1",
           "Q: weight of the status quo in a challenge's expected utility (1 replicates BDM 1994)"},
          {"tolerance", ParamType::Number, Domain::Closed(0, 1), {}, "1e-6",
           "positions have settled when no actor moves more than this (unit scale)"},
          {"accept", ParamType::Choice, {}, {"least_move", "highest_eu"}, "least_move",
           "which move an actor takes within a kind: least_move (shortest, then highest challenger EU) or "
           "highest_eu"},
          {"deal", ParamType::Choice, {}, {"acceptable", "forecast"}, "acceptable",
           "acceptable: the forecast is a deal iff every veto actor prefers it to no deal; forecast: always a deal"},
      },
      {},
      {
          {"forecast_refused", "a veto actor prefers no deal to the model's forecast (deal: acceptable)"},
      },
      "iterations of the model",
      "a forecast by the model's own dynamics: its rounds are iterations, not the scenario's rounds, and the forecast "
      "need not move monotonically with an actor's capability"};
  return schema;
}

}  // namespace parley

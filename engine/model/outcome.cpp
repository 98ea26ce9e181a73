#include "model/outcome.h"

namespace parley {

const char* NoDealCauseName(NoDealCause cause) {
  switch (cause) {
    case NoDealCause::None: return "deal";
    case NoDealCause::Breakdown: return "breakdown";
    case NoDealCause::Horizon: return "horizon";
    case NoDealCause::NoZone: return "no_zone";
    case NoDealCause::ForecastRefused: return "forecast_refused";
    case NoDealCause::WalkAway: return "walk_away";
  }
  return "?";
}

NoDealCause NoDealCauseFromName(const std::string& name) {
  for (int c = 1; c < kNoDealCauses; ++c)
    if (name == NoDealCauseName(static_cast<NoDealCause>(c))) return static_cast<NoDealCause>(c);
  return NoDealCause::None;
}

void Outcome::Resize(int actors, int issues, int events) {
  terms.setZero(issues);
  value.setZero(actors);
  no_deal_value.setZero(actors);
  events_fired.assign(events, 0);
  events_clamped.assign(events, 0);
  events_round.assign(events, -1);
  Clear();
}

void Outcome::Clear() {
  deal = false;
  round = -1;
  proposer = -1;
  cause = NoDealCause::None;
  terms.setZero();
  value.setZero();
  no_deal_value.setZero();
  std::fill(events_fired.begin(), events_fired.end(), 0);
  std::fill(events_clamped.begin(), events_clamped.end(), 0);
  std::fill(events_round.begin(), events_round.end(), -1);
}

}  // namespace parley

// Outcome: what one replicate's negotiation produced.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

namespace parley {

// Why a replicate ended without a deal; each protocol lists the causes it
// reports, with their meanings, in its schema (protocols/<name>_schema.cpp).
enum class NoDealCause : std::uint8_t {
  None,             // a deal
  Breakdown,        // a round without a deal, then the breakdown risk ended the talks
  Horizon,          // the last round passed without a deal
  NoZone,           // no terms beat every veto actor's no-deal value (alternating_offers, nash)
  ForecastRefused,  // a veto actor prefers no deal to the model's forecast (expected_utility)
  WalkAway,         // a negotiator's no-deal value beats every outcome (concession)
};
inline constexpr int kNoDealCauses = 6;  // including None

const char* NoDealCauseName(NoDealCause cause);
// The cause named `name` ("no_zone", ...), or None when no cause has that name.
NoDealCause NoDealCauseFromName(const std::string& name);

struct Outcome {
  bool deal = false;
  int round = -1;          // 0-based round of the deal; -1 without a deal
  int proposer = -1;       // actor index of the accepted proposal
  NoDealCause cause = NoDealCause::None;
  Eigen::ArrayXd terms;    // unit scale per issue; meaningful only with a deal
  Eigen::ArrayXd value;    // U_i per actor, docs/model.md §3
  Eigen::ArrayXd no_deal_value;  // each actor's value of no deal from round 0
  std::vector<std::uint8_t> events_fired;    // per event, 0/1
  std::vector<std::uint8_t> events_clamped;  // per event, 1 when an effect of it was clamped to its target's domain
  std::vector<int> events_round;             // per event, the round it first fired; -1 when it did not

  void Resize(int actors, int issues, int events);
  void Clear();  // reset without reallocating
};

}  // namespace parley

// Outcome: what one replicate's negotiation produced.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace parley {

enum class NoDealCause : std::uint8_t { None, Breakdown, Horizon, NoZone };

const char* NoDealCauseName(NoDealCause cause);

struct Outcome {
  bool deal = false;
  int round = -1;          // 0-based round of the deal; -1 without a deal
  int proposer = -1;       // actor index of the accepted proposal
  NoDealCause cause = NoDealCause::None;
  Eigen::ArrayXd terms;    // unit scale per issue; meaningful only with a deal
  Eigen::ArrayXd value;    // U_i per actor, DESIGN.md section 3
  Eigen::ArrayXd no_deal_value;  // each actor's value of no deal from round 0
  std::vector<std::uint8_t> events_fired;  // per event, 0/1

  void Resize(int actors, int issues, int events);
  void Clear();  // reset without reallocating
};

}  // namespace parley

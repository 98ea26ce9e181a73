#include "protocols/talks_ledger.h"

namespace parley {

int ProposerOfRound(const Rng& order, int t, bool random, const std::vector<double>& cumulative) {
  const int count = static_cast<int>(cumulative.size());
  if (!random) return t % count;
  const double u = order.UniformAt(t) * cumulative.back();
  for (int q = 0; q < count - 1; ++q)
    if (u < cumulative[q]) return q;
  return count - 1;
}

void TalksLedger::Resize(const Scenario& scenario) {
  s_ = &scenario;
  parley::Resize(scenario, world_);
  const size_t n = scenario.NumActors();
  realised_.assign(n, 0.0), weight_.assign(n, 1.0), scratch_.assign(n, 0.0);
  fired_now_.reserve(scenario.events.size());
  ExpectedNoDealPath(scenario, world_, 0, path_);  // sizes the scratch once
}

void TalksLedger::Start(const World& drawn) {
  world_ = drawn;  // same sizes: no allocation
  std::fill(realised_.begin(), realised_.end(), 0.0);
  std::fill(weight_.begin(), weight_.end(), 1.0);
}

bool TalksLedger::Shock(int t, Outcome& out, TraceStep* step) {
  const bool moved = t > 0 && !s_->dynamics.empty() && MoveStatusQuo(*s_, world_, t);
  fired_now_.clear();
  const bool fired = !s_->events.empty() && FireEvents(*s_, world_, t, out.events_fired, &fired_now_, &out.events_clamped) > 0;
  for (int e : fired_now_)
    if (out.events_round[e] < 0) out.events_round[e] = t;
  if (moved || fired) Derive(*s_, world_);
  if (step) {
    step->events = fired_now_;
    if (!s_->dynamics.empty()) step->status_quo = world_.status_quo;
  }
  return fired;
}

void TalksLedger::PassRound() {
  for (size_t i = 0; i < realised_.size(); ++i) {
    realised_[i] += (1 - world_.discount[i]) * weight_[i] * world_.flow[i];
    weight_[i] *= world_.discount[i];
  }
}

bool TalksLedger::BreaksDown(const Rng& stream, int t, TraceStep* step) const {
  if (!(world_.breakdown > 0)) return false;
  const double u = stream.UniformAt(t);
  const bool broke = u < world_.breakdown;
  if (step) step->breakdown_draw = u, step->broke_down = broke;
  return broke;
}

void TalksLedger::NoDealValues(int t0, int lead, double* values) {
  ExpectedNoDealPath(*s_, world_, t0, path_, lead);
  const int n = s_->NumActors();
  for (int i = 0; i < n; ++i) {
    double war = path_.tail[i];
    const double d = world_.discount[i];
    for (int t = s_->horizon - 1; t >= t0; --t) war = (1 - d) * path_.flow[static_cast<size_t>(t - t0) * n + i] + d * war;
    values[i] = war;
  }
}

void TalksLedger::Settle(int round, int proposer, const double* terms, Outcome& out) {
  out.deal = true, out.round = round, out.proposer = proposer, out.cause = NoDealCause::None;
  for (int k = 0; k < s_->NumIssues(); ++k) out.terms[k] = terms[k];
  NoDealValues(round, 0, scratch_.data());
  for (int i = 0; i < s_->NumActors(); ++i) {
    out.value[i] = DealValue(i, Utility(*s_, world_, i, terms));
    out.no_deal_value[i] = DealValue(i, scratch_[i]);
  }
}

void TalksLedger::EndWithoutDeal(int next_round, Outcome& out) {
  NoDealValues(next_round, 1, scratch_.data());
  for (int i = 0; i < s_->NumActors(); ++i) out.no_deal_value[i] = out.value[i] = DealValue(i, scratch_[i]);
}

}  // namespace parley

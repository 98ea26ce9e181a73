#include "protocols/concession.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/text.h"
#include "protocols/private_information.h"
#include "protocols/talks_ledger.h"

namespace parley {

namespace {

constexpr double kSlack = 1e-4;  // NegMAS's tolerance below the aspiration

// Every drawn parameter a negotiator's utility table depends on.
std::vector<int> UtilityParams(const Scenario& s, int a) {
  const Actor& actor = s.actors[a];
  std::vector<int> params = actor.position;
  params.insert(params.end(), actor.salience.begin(), actor.salience.end());
  params.push_back(actor.risk);
  for (int k = 0; k < s.NumIssues(); ++k) {
    const int offset = s.value_offset(a, k);
    for (int l = 0; offset >= 0 && l < s.issues[k].LevelCount(); ++l) params.push_back(s.value_params[offset + l]);
  }
  return params;
}

struct ConcessionWorkspace final : Workspace {
  TalksLedger ledger;
  // Per negotiator, M outcomes each: utility by outcome, and the outcomes
  // sorted by (utility, index) with their utilities.
  std::vector<double> util, sorted_util;
  std::vector<int> sorted_outcome;
  std::vector<std::pair<double, int>> sort_scratch;  // (utility, outcome): sorted in place, cache-friendly
  std::vector<double> contrib;       // per (issue, point): s_ik·v_ik, one actor at a time
  std::vector<double> umin, umax;    // per negotiator
  std::vector<double> no_deal;       // per actor
  std::vector<double> terms;         // unit scale per issue
  bool tables_built = false;         // the fixed negotiators' tables are valid for every replicate
};

class Concession final : public Protocol {
 public:
  explicit Concession(const Scenario& s) : s_(&s), breakdown_stream_(kBreakdownDrawStream) {
    negotiators_ = s.veto_actors;
    const int issues = s.NumIssues();
    outcomes_ = 1;
    for (int k = issues - 1; k >= 0; --k) {
      const Issue& issue = s.issues[k];
      const int points = issue.ordinal ? issue.LevelCount() : s.protocol.grid;
      point_offset_.insert(point_offset_.begin(), 0);
      points_.insert(points_.begin(), points);
      stride_.insert(stride_.begin(), static_cast<int>(outcomes_));
      outcomes_ *= points;
    }
    for (int k = 0, offset = 0; k < issues; ++k) {
      point_offset_[k] = offset;
      for (int p = 0; p < points_[k]; ++p) point_unit_.push_back(points_[k] > 1 ? double(p) / (points_[k] - 1) : 0.0);
      offset += points_[k];
    }
    // t^e per (negotiator, round): the aspiration does not change with the draws.
    const int n = static_cast<int>(negotiators_.size());
    aspiration_.resize(static_cast<size_t>(n) * s.horizon);
    for (int i = 0; i < n; ++i) {
      const double e = s.actors[negotiators_[i]].tactic_exponent;
      for (int k = 0; k < s.horizon; ++k)
        aspiration_[static_cast<size_t>(i) * s.horizon + k] = 1.0 - std::pow(double(k + 1) / (s.horizon + 1), e);
    }
    fixed_.assign(n, 1);
    for (int i = 0; i < n; ++i)
      for (int param : UtilityParams(s, negotiators_[i])) {
        if (param < 0) continue;
        if (HasSpread(s.params[param].dist)) fixed_[i] = 0;
        for (const Event& event : s.events)
          for (const EventEffect& effect : event.effects)
            if (effect.target == param) fixed_[i] = 0;
      }
  }

  std::unique_ptr<Workspace> NewWorkspace() const override {
    auto ws = std::make_unique<ConcessionWorkspace>();
    const size_t n = negotiators_.size(), m = static_cast<size_t>(outcomes_);
    ws->ledger.Resize(*s_);
    ws->util.assign(n * m, 0.0), ws->sorted_util.assign(n * m, 0.0), ws->sorted_outcome.assign(n * m, 0);
    ws->sort_scratch.assign(m, {0.0, 0});
    ws->contrib.assign(point_unit_.size(), 0.0);
    ws->umin.assign(n, 0.0), ws->umax.assign(n, 0.0), ws->no_deal.assign(s_->NumActors(), 0.0);
    ws->terms.assign(s_->NumIssues(), 0.0);
    return ws;
  }

  void Play(const World& w, Workspace& workspace, Outcome& out, Trace* trace) const override;

 private:
  void BuildTables(const World& w, ConcessionWorkspace& ws) const;
  // umin from the actors' values of no deal; false when one of them walks away.
  bool SetFloors(ConcessionWorkspace& ws) const;
  double Threshold(const ConcessionWorkspace& ws, int i, int round) const {
    const double lo = ws.umin[i] + (ws.umax[i] - ws.umin[i]) * aspiration_[static_cast<size_t>(i) * s_->horizon + round] - kSlack;
    return std::min(std::max(lo, ws.umin[i]), ws.umax[i]);
  }
  // The outcome of lowest utility to negotiator i with utility ≥ lo.
  int Offer(const ConcessionWorkspace& ws, int i, double lo) const {
    const size_t base = static_cast<size_t>(i) * outcomes_;
    const double* first = &ws.sorted_util[base];
    const double* at = std::lower_bound(first, first + outcomes_, lo);
    return ws.sorted_outcome[base + (at - first)];
  }
  double U(const ConcessionWorkspace& ws, int i, int outcome) const {
    return ws.util[static_cast<size_t>(i) * outcomes_ + outcome];
  }
  void Terms(int outcome, double* terms) const {
    for (size_t k = 0; k < stride_.size(); ++k) terms[k] = point_unit_[point_offset_[k] + (outcome / stride_[k]) % points_[k]];
  }
  void TraceOffer(const ConcessionWorkspace& ws, int round, int i, int outcome, Trace& trace) const;

  const Scenario* s_;
  StreamId breakdown_stream_;
  std::vector<int> negotiators_;
  long long outcomes_ = 1;
  std::vector<int> points_, stride_, point_offset_;
  std::vector<double> point_unit_;  // unit-scale value of each point, issue after issue
  std::vector<double> aspiration_;  // 1 − t^e, negotiator-major
  // Per negotiator: 1 when no drawn parameter or event can change its utility
  // table, which is then built once per workspace.
  std::vector<std::uint8_t> fixed_;
};

void Concession::BuildTables(const World& w, ConcessionWorkspace& ws) const {
  const int issues = s_->NumIssues();
  for (size_t i = 0; i < negotiators_.size(); ++i) {
    if (fixed_[i] && ws.tables_built) continue;
    const int a = negotiators_[i];
    for (int k = 0; k < issues; ++k)
      for (int p = 0; p < points_[k]; ++p) {
        const int at = point_offset_[k] + p;
        ws.contrib[at] = w.salience(a, k) == 0 ? 0.0 : w.salience(a, k) * IssueValue(*s_, w, a, k, point_unit_[at]);
      }
    const bool indifferent = (w.salience.row(a) == 0).all();
    double* util = &ws.util[i * outcomes_];
    for (int o = 0; o < outcomes_; ++o) {
      // Summed in issue order, skipping silent issues, exactly as Utility does.
      double u = 0;
      for (int k = 0; k < issues; ++k)
        if (w.salience(a, k) != 0) u += ws.contrib[point_offset_[k] + (o / stride_[k]) % points_[k]];
      util[o] = indifferent ? 1.0 : u;
      ws.sort_scratch[o] = {util[o], o};
    }
    std::sort(ws.sort_scratch.begin(), ws.sort_scratch.end());  // by utility, ties in enumeration order
    double* sorted_util = &ws.sorted_util[i * outcomes_];
    int* sorted = &ws.sorted_outcome[i * outcomes_];
    for (int r = 0; r < outcomes_; ++r) sorted_util[r] = ws.sort_scratch[r].first, sorted[r] = ws.sort_scratch[r].second;
    ws.umax[i] = sorted_util[outcomes_ - 1];
  }
}

bool Concession::SetFloors(ConcessionWorkspace& ws) const {
  bool all_in = true;
  for (size_t i = 0; i < negotiators_.size(); ++i) {
    ws.umin[i] = std::max(ws.sorted_util[i * outcomes_], ws.no_deal[negotiators_[i]]);
    all_in &= ws.umin[i] <= ws.umax[i];
  }
  return all_in;
}

void Concession::TraceOffer(const ConcessionWorkspace& ws, int round, int i, int outcome, Trace& trace) const {
  TraceStep& step = trace.steps.emplace_back();
  step.round = round, step.proposer = negotiators_[i], step.offered = true;
  step.terms.resize(s_->NumIssues());
  Terms(outcome, step.terms.data());
  step.proposer_utility = U(ws, i, outcome);
}

void Concession::Play(const World& w, Workspace& workspace, Outcome& out, Trace* trace) const {
  auto& ws = static_cast<ConcessionWorkspace&>(workspace);
  out.deal = false, out.round = -1, out.proposer = -1;
  TalksLedger& ledger = ws.ledger;
  ledger.Start(w);
  BuildTables(w, ws);
  ws.tables_built = true;
  ledger.NoDealValues(0, 0, ws.no_deal.data());
  for (int a = 0; a < s_->NumActors(); ++a) out.no_deal_value[a] = ws.no_deal[a];
  const int n = static_cast<int>(negotiators_.size());
  if (trace) {
    trace->threshold_name = "aspiration threshold";
    std::string line = "concession over " + std::to_string(outcomes_) + " outcomes; aspiration 1 - t^e, t = (k+1)/" +
                       std::to_string(s_->horizon + 1) + ":";
    for (int i = 0; i < n; ++i)
      line += " " + s_->actors[negotiators_[i]].name + " e=" + FormatNumber(s_->actors[negotiators_[i]].tactic_exponent);
    trace->notes.push_back(line);
  }
  auto walk_away = [&](int next_round) {
    ledger.EndWithoutDeal(next_round, out);
    out.cause = NoDealCause::WalkAway;
    if (trace) trace->notes.push_back("a negotiator's value of no deal beats every outcome: it walks away");
  };
  if (n == 0 || !SetFloors(ws)) return walk_away(0);
  const Rng breakdown(w.seed, w.replicate, breakdown_stream_);
  int standing = -1, proposer = -1, accepted = 0;
  TraceStep shocks;  // round k's shocks, shown with its first step
  for (int k = 0; k < s_->horizon; ++k) {
    if (ledger.Shock(k, out, trace ? &shocks : nullptr)) {
      ledger.NoDealValues(k, 0, ws.no_deal.data());
      shocks.replanned = trace != nullptr;
      if (!SetFloors(ws)) return walk_away(k);
    }
    const size_t first_step = trace ? trace->steps.size() : 0;
    for (int i = 0; i < n; ++i) {
      const double lo = Threshold(ws, i, k);
      if (standing >= 0) {
        const double u = U(ws, i, standing);
        const bool accept = u >= lo;
        if (trace) {
          if (trace->steps.back().round != k) {  // the offer stands from an earlier round
            TraceStep& answers = trace->steps.emplace_back();
            answers.round = k, answers.note = "answers to " + s_->actors[proposer].name + "'s standing offer";
          }
          trace->steps.back().answers.push_back({negotiators_[i], u, lo, accept});
        }
        if (accept && ++accepted == n) break;
        if (accept) continue;
      }
      standing = Offer(ws, i, lo), proposer = negotiators_[i], accepted = 1;
      if (trace) TraceOffer(ws, k, i, standing, *trace);
      if (accepted == n) break;  // a single negotiator takes its own offer
    }
    if (trace && (!shocks.events.empty() || shocks.status_quo.size() > 0)) {
      if (trace->steps.size() == first_step) {
        TraceStep& quiet = trace->steps.emplace_back();
        quiet.note = "every negotiator accepts the standing offer";
      }
      TraceStep& first = trace->steps[first_step];
      first.round = k, first.events = shocks.events, first.status_quo = shocks.status_quo, first.replanned = shocks.replanned;
      shocks = TraceStep();
    }
    if (accepted == n) {
      Terms(standing, ws.terms.data());
      ledger.Settle(k, proposer, ws.terms.data(), out);
      if (trace) trace->steps.back().deal = true;
      return;
    }
    ledger.PassRound();
    if (ledger.BreaksDown(breakdown, k, trace ? &trace->steps.back() : nullptr)) {
      ledger.EndWithoutDeal(k + 1, out);
      out.cause = NoDealCause::Breakdown;
      return;
    }
  }
  ledger.EndWithoutDeal(s_->horizon, out);
  out.cause = NoDealCause::Horizon;
}

}  // namespace

std::string ConcessionUnsupported(const Scenario& s) {
  double outcomes = 1;
  for (const Issue& issue : s.issues) outcomes *= issue.ordinal ? issue.LevelCount() : s.protocol.grid;
  if (outcomes > kMaxConcessionOutcomes)
    return "the outcome space has " + FormatNumber(outcomes) + " points, more than the " +
           std::to_string(kMaxConcessionOutcomes) + " protocol `concession` enumerates; lower `protocol.grid`";
  return "";
}

std::unique_ptr<Protocol> MakeConcession(const Scenario& scenario) { return std::make_unique<Concession>(scenario); }

}  // namespace parley

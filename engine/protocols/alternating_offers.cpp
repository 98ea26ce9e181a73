#include "protocols/alternating_offers.h"

#include <cmath>
#include <utility>
#include <vector>

#include "core/rng.h"
#include "core/text.h"
#include "protocols/offer_solver.h"

namespace parley {

namespace {

constexpr double kAcceptTol = 1e-12;  // indifference accepts, up to rounding

// One replicate's plan and the solver's scratch, sized once per thread.
struct PlanWorkspace final : Workspace {
  OfferSolver solver;
  Offer offer;
  std::vector<double> threshold;      // R_i(t): round-major, rounds × actors
  std::vector<std::uint8_t> offered;  // per (round, slot)
  std::vector<double> terms;          // per (round, slot) × issues
  std::vector<double> value, next;    // V(t) and V(t+1) per actor
  std::vector<double> responder_threshold;
};

class AlternatingOffers final : public Protocol {
 public:
  explicit AlternatingOffers(const Scenario& s);
  std::unique_ptr<Workspace> NewWorkspace() const override;
  void Play(const World& world, Workspace& workspace, Outcome& out, Trace* trace) const override;

 private:
  // Plan slots per round: every proposer under random order, else the one.
  int Slots() const { return random_ ? static_cast<int>(proposers_.size()) : 1; }
  int ProposerIndex(const Rng& order, int t) const;
  bool Plan(const World& world, PlanWorkspace& ws) const;
  bool PlanRound(const World& world, PlanWorkspace& ws, int t, int slot, const double* R) const;
  bool Answer(PlanWorkspace& ws, int t, int q, size_t at, TraceStep* step) const;
  void Settle(const World& world, int t, int proposer, const double* terms, PlanWorkspace& ws, Outcome& out) const;
  void NotePlan(const World& world, const PlanWorkspace& ws, bool any, Trace& trace) const;

  const Scenario* s_;
  int horizon_, actors_, issues_;
  bool random_;
  std::vector<int> proposers_;
  std::vector<double> cumulative_;            // recognition, cumulated
  std::vector<std::vector<int>> responders_;  // per proposer index: the other veto actors
  StreamId order_stream_, breakdown_stream_;
};

AlternatingOffers::AlternatingOffers(const Scenario& s)
    : s_(&s), horizon_(s.horizon), actors_(s.NumActors()), issues_(s.NumIssues()),
      random_(s.protocol.order == Order::Random), proposers_(s.protocol.proposers),
      order_stream_(StreamIdOf("protocol.order")), breakdown_stream_(StreamIdOf("protocol.breakdown")) {
  double sum = 0;
  for (size_t q = 0; q < proposers_.size(); ++q) {
    sum += q < s.protocol.recognition.size() ? s.protocol.recognition[q] : 1.0 / proposers_.size();
    cumulative_.push_back(sum);
    std::vector<int> responders;
    for (int j : s.veto_actors)
      if (j != proposers_[q]) responders.push_back(j);
    responders_.push_back(std::move(responders));
  }
}

std::unique_ptr<Workspace> AlternatingOffers::NewWorkspace() const {
  auto ws = std::make_unique<PlanWorkspace>();
  ws->solver.Resize(*s_);
  ws->offer = ws->solver.NewOffer();
  const size_t rounds = horizon_, slots = Slots();
  ws->threshold.assign(rounds * actors_, 0.0);
  ws->offered.assign(rounds * slots, 0);
  ws->terms.assign(rounds * slots * issues_, 0.0);
  ws->value.assign(actors_, 0.0), ws->next.assign(actors_, 0.0);
  ws->responder_threshold.assign(actors_, 0.0);
  return ws;
}

int AlternatingOffers::ProposerIndex(const Rng& order, int t) const {
  const int count = static_cast<int>(proposers_.size());
  if (!random_) return t % count;
  const double u = order.UniformAt(t) * cumulative_.back();
  for (int q = 0; q < count - 1; ++q)
    if (u < cumulative_[q]) return q;
  return count - 1;
}

// Backward induction from the horizon; true when some round has an offer.
bool AlternatingOffers::Plan(const World& w, PlanWorkspace& ws) const {
  ws.solver.Load(*s_, w);
  for (int i = 0; i < actors_; ++i) ws.next[i] = w.flow[i];
  if (proposers_.empty()) return false;
  const double beta = w.breakdown;
  const int slots = Slots();
  bool any = false;
  for (int t = horizon_ - 1; t >= 0; --t) {
    // Value of letting round t pass: this round's flow, then breakdown or round t+1.
    double* R = &ws.threshold[static_cast<size_t>(t) * actors_];
    for (int i = 0; i < actors_; ++i) {
      const double d = w.discount[i], flow = w.flow[i];
      R[i] = (1 - d) * flow + d * (beta * flow + (1 - beta) * ws.next[i]);
      ws.value[i] = 0;
    }
    for (int slot = 0; slot < slots; ++slot) any |= PlanRound(w, ws, t, slot, R);
    std::swap(ws.value, ws.next);
  }
  return any;  // ws.next now holds V(0)
}

// The offer of one (round, proposer) slot, added to V(t) with the slot's weight.
bool AlternatingOffers::PlanRound(const World& w, PlanWorkspace& ws, int t, int slot, const double* R) const {
  const int q = random_ ? slot : t % static_cast<int>(proposers_.size());
  const double weight = random_ ? cumulative_[q] - (q > 0 ? cumulative_[q - 1] : 0.0) : 1.0;
  const int p = proposers_[q];
  const std::vector<int>& resp = responders_[q];
  const int count = static_cast<int>(resp.size());
  for (int j = 0; j < count; ++j) ws.responder_threshold[j] = R[resp[j]];
  // The proposer offers only what it prefers to letting the round pass.
  const size_t at = static_cast<size_t>(t) * Slots() + slot;
  const bool offer = ws.solver.Solve(p, resp.data(), count, ws.responder_threshold.data(), ws.offer) &&
                     ws.offer.proposer_utility >= R[p] - kAcceptTol;
  ws.offered[at] = offer;
  double* terms = &ws.terms[at * issues_];
  if (offer) std::copy(ws.offer.terms.begin(), ws.offer.terms.end(), terms);
  for (int i = 0; i < actors_; ++i) ws.value[i] += weight * (offer ? ws.solver.Utility(i, terms) : R[i]);
  return offer;
}

void AlternatingOffers::Settle(const World& w, int t, int proposer, const double* terms, PlanWorkspace& ws,
                               Outcome& out) const {
  out.deal = true, out.round = t, out.proposer = proposer, out.cause = NoDealCause::None;
  for (int k = 0; k < issues_; ++k) out.terms[k] = terms[k];
  // Flows until round t, then the deal, all discounted to round 0.
  for (int i = 0; i < actors_; ++i) {
    const double late = std::pow(w.discount[i], t);
    out.value[i] = (1 - late) * w.flow[i] + late * ws.solver.Utility(i, terms);
  }
}

// Every veto responder answers round t's planned offer (plan slot `at`);
// true when all accept. Fills the trace step when there is one.
bool AlternatingOffers::Answer(PlanWorkspace& ws, int t, int q, size_t at, TraceStep* step) const {
  const int p = proposers_[q];
  const double* terms = &ws.terms[at * issues_];
  const double* R = &ws.threshold[static_cast<size_t>(t) * actors_];
  if (step) step->round = t, step->proposer = p, step->offered = ws.offered[at];
  if (!ws.offered[at]) {
    if (step) step->note = "no offer: no terms both beat waiting for the proposer and satisfy every responder";
    return false;
  }
  bool deal = true;
  for (int j : responders_[q]) {
    const double u = ws.solver.Utility(j, terms);
    const bool accept = u >= R[j] - kAcceptTol;
    deal &= accept;
    if (step) step->answers.push_back({j, u, R[j], accept});
  }
  if (step) {
    step->terms = Eigen::Map<const Eigen::ArrayXd>(terms, issues_);
    step->proposer_utility = ws.solver.Utility(p, terms);
    step->deal = deal;
  }
  return deal;
}

void AlternatingOffers::Play(const World& w, Workspace& workspace, Outcome& out, Trace* trace) const {
  auto& ws = static_cast<PlanWorkspace&>(workspace);
  out.deal = false, out.round = -1, out.proposer = -1;
  for (int i = 0; i < actors_; ++i) out.value[i] = out.no_deal_value[i] = w.flow[i];
  const bool any = Plan(w, ws);
  if (trace) NotePlan(w, ws, any, *trace);
  // No round has terms both sides prefer to waiting: nothing to play out.
  if (!any) {
    out.cause = NoDealCause::NoZone;
    return;
  }
  const Rng order(w.seed, w.replicate, order_stream_), breakdown(w.seed, w.replicate, breakdown_stream_);
  const int slots = Slots();
  for (int t = 0; t < horizon_; ++t) {
    const int q = ProposerIndex(order, t), p = proposers_[q];
    const size_t at = static_cast<size_t>(t) * slots + (random_ ? q : 0);
    TraceStep* step = trace ? &trace->steps.emplace_back() : nullptr;
    const bool deal = Answer(ws, t, q, at, step);
    if (deal) {
      Settle(w, t, p, &ws.terms[at * issues_], ws, out);
      return;
    }
    // A round without a deal may end the talks.
    if (w.breakdown > 0) {
      const double u = breakdown.UniformAt(t);
      const bool broke = u < w.breakdown;
      if (step) step->breakdown_draw = u, step->broke_down = broke;
      if (broke) {
        out.cause = NoDealCause::Breakdown;
        return;
      }
    }
  }
  out.cause = NoDealCause::Horizon;
}

void AlternatingOffers::NotePlan(const World& w, const PlanWorkspace& ws, bool any, Trace& trace) const {
  int planned = 0;
  for (std::uint8_t o : ws.offered) planned += o;
  trace.notes.push_back("complete information: subgame-perfect plan by backward induction over " +
                        std::to_string(horizon_) + " rounds; " + std::to_string(planned) + " of " +
                        std::to_string(ws.offered.size()) + " (round, proposer) pairs have an offer");
  std::string values = "expected values at round 0 (no-deal value in brackets):";
  for (int i = 0; i < actors_; ++i)
    values += " " + s_->actors[i].name + " " + FormatNumber(ws.next[i]) + " [" + FormatNumber(w.flow[i]) + "]";
  trace.notes.push_back(values);
  if (!any) trace.notes.push_back("no zone of agreement: in no round does any proposer have an acceptable offer it prefers to waiting");
}

}  // namespace

std::unique_ptr<Protocol> MakeAlternatingOffers(const Scenario& scenario) {
  return std::make_unique<AlternatingOffers>(scenario);
}

}  // namespace parley

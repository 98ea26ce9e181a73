#include "protocols/alternating_offers.h"

#include "core/text.h"
#include "protocols/alternating_offers_internal.h"
#include "protocols/screened_offers.h"

namespace parley {

namespace alternating_offers_detail {

AlternatingOffers::AlternatingOffers(const Scenario& s, bool private_information)
    : s_(&s), horizon_(s.horizon), actors_(s.NumActors()), issues_(s.NumIssues()),
      random_(s.protocol.order == Order::Random), proposers_(s.protocol.proposers),
      order_stream_(StreamIdOf("protocol.order")), breakdown_stream_(kBreakdownDrawStream) {
  private_ = private_information;
  cost_prior_.assign(actors_, nullptr), cost_mean_.assign(actors_, 0.0), discount_mean_.assign(actors_, 0.0);
  discount_private_.assign(actors_, 0);
  for (int i = 0; private_ && i < actors_; ++i) {
    const Actor& a = s.actors[i];
    if (a.war_cost >= 0 && HasSpread(s.params[a.war_cost].dist)) {
      cost_prior_[i] = &s.params[a.war_cost].dist;
      cost_mean_[i] = cost_prior_[i]->Mean();
      uncertain_ = true;
    }
    if (a.discount >= 0 && HasSpread(s.params[a.discount].dist)) {
      discount_private_[i] = 1;
      discount_mean_[i] = s.params[a.discount].dist.Mean();
      uncertain_ = true;
    }
  }
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
  ws->warm.assign(proposers_.size(), ws->solver.NewWarmStart());
  ws->ledger.Resize(*s_);
  ws->war.assign(actors_, 0.0), ws->war_next.assign(actors_, 0.0);
  if (private_) {
    ws->sens.assign(rounds * actors_, 0.0);
    ws->dvalue.assign(actors_, 0.0), ws->dnext.assign(actors_, 0.0);
    ws->believed.assign(proposers_.size(), ws->ledger.world());
    ws->believed_R.assign(proposers_.size() * rounds * actors_, 0.0);
    ws->believed_B.assign(proposers_.size() * rounds * actors_, 0.0);
    ws->belief.resize(actors_);
    for (int i = 0; i < actors_; ++i) ws->belief[i].prior = cost_prior_[i];
    ws->offset.assign(actors_, 0.0);
    ws->best_terms.assign(issues_, 0.0);
    ws->play_warm.assign(proposers_.size(), ws->solver.NewWarmStart());
    ws->planned_from.assign(proposers_.size(), -1);
    ws->levels.assign(actors_, 0.5), ws->best_levels.assign(actors_, 0.5);
  }
  return ws;
}

int AlternatingOffers::ProposerIndex(const Rng& order, int t) const {
  return ProposerOfRound(order, t, random_, cumulative_);
}

// Backward induction from the horizon down to round t0, along the expected
// no-deal path from the world as it is now; true when some round has an
// offer. Leaves V(t0) in ws.next and W(t0), the value of no deal, in ws.war_next.
bool AlternatingOffers::Plan(const World& w, PlanWorkspace& ws, int t0) const {
  ws.solver.Load(*s_, w);
  for (WarmStart& warm : ws.warm) warm.Clear();
  ExpectedNoDealPath(*s_, w, t0, ws.path);
  for (int i = 0; i < actors_; ++i) ws.next[i] = ws.war_next[i] = ws.path.tail[i];
  if (private_) std::fill(ws.dnext.begin(), ws.dnext.end(), 1.0);  // the war for good: -dW/dc = 1
  if (proposers_.empty()) return false;
  const double beta = w.breakdown;
  const int slots = Slots();
  bool any = false;
  for (int t = horizon_ - 1; t >= t0; --t) {
    // Value of letting round t pass: this round's flow, then breakdown (the
    // war for good) or round t+1.
    double* R = &ws.threshold[static_cast<size_t>(t) * actors_];
    const double* flow = &ws.path.flow[static_cast<size_t>(t - t0) * actors_];
    for (int i = 0; i < actors_; ++i) {
      const double d = w.discount[i];
      R[i] = (1 - d) * flow[i] + d * (beta * ws.war_next[i] + (1 - beta) * ws.next[i]);
      ws.war[i] = (1 - d) * flow[i] + d * ws.war_next[i];
      ws.value[i] = 0;
      if (private_) {
        ws.sens[static_cast<size_t>(t) * actors_ + i] = (1 - d) + d * (beta + (1 - beta) * ws.dnext[i]);
        ws.dvalue[i] = 0;
      }
    }
    for (int slot = 0; slot < slots; ++slot) any |= PlanRound(ws, t, slot, R);
    if (private_) std::swap(ws.dvalue, ws.dnext);
    std::swap(ws.value, ws.next);
    std::swap(ws.war, ws.war_next);
  }
  return any;
}

// The offer of one (round, proposer) slot, added to V(t) with the slot's weight.
bool AlternatingOffers::PlanRound(PlanWorkspace& ws, int t, int slot, const double* R) const {
  const int q = random_ ? slot : t % static_cast<int>(proposers_.size());
  const double weight = random_ ? cumulative_[q] - (q > 0 ? cumulative_[q - 1] : 0.0) : 1.0;
  const int p = proposers_[q];
  const std::vector<int>& resp = responders_[q];
  const int count = static_cast<int>(resp.size());
  for (int j = 0; j < count; ++j) ws.responder_threshold[j] = R[resp[j]];
  // The proposer offers only what it prefers to letting the round pass.
  const size_t at = static_cast<size_t>(t) * Slots() + slot;
  const bool offer =
      ws.solver.Solve(p, resp.data(), count, ws.responder_threshold.data(), ws.offer, &ws.warm[q]) &&
      ws.offer.proposer_utility >= R[p] - kAcceptTol;
  ws.offered[at] = offer;
  double* terms = &ws.terms[at * issues_];
  if (offer) std::copy(ws.offer.terms.begin(), ws.offer.terms.end(), terms);
  for (int i = 0; i < actors_; ++i) ws.value[i] += weight * (offer ? ws.solver.Utility(i, terms) : R[i]);
  if (private_) {
    // -dV_i(t)/dc_i: R's when the round passes or i's constraint binds; 0
    // for the proposer and for slack responders (their terms do not move).
    const double* B = &ws.sens[static_cast<size_t>(t) * actors_];
    if (!offer)
      for (int i = 0; i < actors_; ++i) ws.dvalue[i] += weight * B[i];
    else
      for (int j : resp)
        if (ws.solver.Utility(j, terms) <= R[j] + 1e-9) ws.dvalue[j] += weight * B[j];
  }
  return offer;
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
  ws.ledger.Start(w);
  if (private_) return PlayPrivate(w, ws, out, trace);
  bool any = Plan(ws.ledger.world(), ws, 0);
  for (int i = 0; i < actors_; ++i) out.no_deal_value[i] = ws.war_next[i];
  if (trace) NotePlan(ws, any, *trace);
  // No round has terms both sides prefer to waiting, and nothing can change that.
  if (!any && s_->events.empty() && s_->dynamics.empty()) {
    for (int i = 0; i < actors_; ++i) out.value[i] = out.no_deal_value[i];
    out.cause = NoDealCause::NoZone;
    return;
  }
  const Rng order(w.seed, w.replicate, order_stream_), breakdown(w.seed, w.replicate, breakdown_stream_);
  const int slots = Slots();
  for (int t = 0; t < horizon_; ++t) {
    TraceStep* step = trace ? &trace->steps.emplace_back() : nullptr;
    if (ws.ledger.Shock(t, out, step)) {
      any |= Plan(ws.ledger.world(), ws, t);
      if (step) step->replanned = true;
    }
    const int q = ProposerIndex(order, t), p = proposers_[q];
    const size_t at = static_cast<size_t>(t) * slots + (random_ ? q : 0);
    if (Answer(ws, t, q, at, step)) {
      ws.ledger.Settle(t, p, &ws.terms[at * issues_], out);
      return;
    }
    if (PassRound(ws, breakdown, t, any, out, step)) return;
  }
  ws.ledger.EndWithoutDeal(horizon_, out);
  out.cause = any ? NoDealCause::Horizon : NoDealCause::NoZone;
}

// Round t ended without a deal: its flow is received, and the talks may break
// down for good. True when they did (out is then complete).
bool AlternatingOffers::PassRound(PlanWorkspace& ws, const Rng& breakdown, int t, bool any, Outcome& out,
                                  TraceStep* step) const {
  ws.ledger.PassRound();
  if (!ws.ledger.BreaksDown(breakdown, t, step)) return false;
  ws.ledger.EndWithoutDeal(t + 1, out);
  out.cause = any ? NoDealCause::Breakdown : NoDealCause::NoZone;
  return true;
}

void AlternatingOffers::NotePlan(const PlanWorkspace& ws, bool any, Trace& trace) const {
  int planned = 0;
  for (std::uint8_t o : ws.offered) planned += o;
  trace.notes.push_back(std::string(private_ ? "believed world of the last proposer planned" : "complete information") +
                        ": subgame-perfect plan by backward induction over " +
                        std::to_string(horizon_) + " rounds; " + std::to_string(planned) + " of " +
                        std::to_string(ws.offered.size()) + " (round, proposer) pairs have an offer");
  std::string values = "expected values at round 0 (no-deal value in brackets):";
  for (int i = 0; i < actors_; ++i)
    values += " " + s_->actors[i].name + " " + FormatNumber(ws.next[i]) + " [" + FormatNumber(ws.war_next[i]) + "]";
  trace.notes.push_back(values);
  if (!any) trace.notes.push_back("no zone of agreement: in no round does any proposer have an acceptable offer it prefers to waiting");
}


// ---- Private information (alternating_offers.h) ----

// The shift events gave each private cost since the draw (treated as known).

}  // namespace alternating_offers_detail

std::unique_ptr<Protocol> MakeAlternatingOffers(const Scenario& scenario) {
  // Private information: the equilibrium with one screened responder
  // (screened_offers.h); with none, every value that matters to play is
  // common knowledge and the complete-information planner plays it.
  std::vector<int> screened;
  if (ScreenedActors(scenario, &screened)) return MakeScreenedOffers(scenario, screened[0]);
  return std::make_unique<alternating_offers_detail::AlternatingOffers>(scenario, !screened.empty());
}

}  // namespace parley

#include "protocols/alternating_offers.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "core/rng.h"
#include "core/text.h"
#include "model/shocks.h"
#include "protocols/offer_solver.h"
#include "protocols/private_information.h"

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
  // Per proposer: what its last solves leave for its next (offer_solver.h:
  // starting multipliers, pruning bounds), which cuts the planning cost by
  // ~40%. Cleared per replicate: a replicate never depends on the one before.
  std::vector<WarmStart> warm;
  // Shocks: the replicate's world as dynamics and events change it, the
  // expected no-deal path actors plan on, and the realised payoff so far.
  World world;
  PathScratch path;
  std::vector<double> war, war_next;  // value of the war going on for good, W(t) and W(t+1)
  std::vector<double> realised, weight;  // Σ (1-δ)δ^τ w(τ) so far, and δ^t
  std::vector<int> fired_now;
  // Private information (alternating_offers.h): -dR_i(t)/dc_i of the last
  // plan (rounds × actors) and -dV/dc per actor; per proposer its believed
  // world and that world's R and B (rounds × actors); the common beliefs
  // and the shift events gave each private cost; the offer search's scratch.
  std::vector<double> sens, dvalue, dnext;
  std::vector<World> believed;
  std::vector<double> believed_R, believed_B;
  std::vector<CostBelief> belief;
  std::vector<double> offset, search_terms, best_terms;
  std::vector<WarmStart> play_warm;
  std::vector<int> planned_from;  // per proposer: first round of its believed plan; -1: to plan
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
  bool Plan(const World& world, PlanWorkspace& ws, int t0) const;
  bool Shock(PlanWorkspace& ws, int t, Outcome& out, TraceStep* step) const;
  void EndWithoutDeal(PlanWorkspace& ws, int next_round, Outcome& out) const;
  bool PlanRound(const World& world, PlanWorkspace& ws, int t, int slot, const double* R) const;
  bool Answer(PlanWorkspace& ws, int t, int q, size_t at, TraceStep* step) const;
  void Settle(int t, int proposer, const double* terms, PlanWorkspace& ws, Outcome& out) const;
  void NotePlan(const World& world, const PlanWorkspace& ws, bool any, Trace& trace) const;
  // Private information.
  void PlayPrivate(const World& drawn, PlanWorkspace& ws, Outcome& out, Trace* trace) const;
  void Offsets(const World& drawn, PlanWorkspace& ws) const;
  bool PlanBelief(const World& drawn, PlanWorkspace& ws, int q, int t0) const;
  double Expected(PlanWorkspace& ws, int t, int q, double level, double& accept, bool keep) const;
  bool PrivateOffer(PlanWorkspace& ws, int t, int q, double& level, double& accept) const;
  bool PrivateAnswer(PlanWorkspace& ws, int t, int q, TraceStep* step) const;
  double Cut(const PlanWorkspace& ws, int q, int t, int j, double u) const;

  const Scenario* s_;
  int horizon_, actors_, issues_;
  bool random_;
  std::vector<int> proposers_;
  std::vector<double> cumulative_;            // recognition, cumulated
  std::vector<std::vector<int>> responders_;  // per proposer index: the other veto actors
  StreamId order_stream_, breakdown_stream_;
  bool private_ = false, uncertain_ = false;
  std::vector<const Distribution*> cost_prior_;  // per actor: its war cost's prior, null if known
  std::vector<double> cost_mean_, discount_mean_;
  std::vector<unsigned char> discount_private_;
};

AlternatingOffers::AlternatingOffers(const Scenario& s)
    : s_(&s), horizon_(s.horizon), actors_(s.NumActors()), issues_(s.NumIssues()),
      random_(s.protocol.order == Order::Random), proposers_(s.protocol.proposers),
      order_stream_(StreamIdOf("protocol.order")), breakdown_stream_(StreamIdOf("protocol.breakdown")) {
  private_ = s.protocol.information == Information::Private;
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
  Resize(*s_, ws->world);
  ws->war.assign(actors_, 0.0), ws->war_next.assign(actors_, 0.0);
  ws->realised.assign(actors_, 0.0), ws->weight.assign(actors_, 1.0);
  ws->fired_now.reserve(s_->events.size());
  if (private_) {
    ws->sens.assign(rounds * actors_, 0.0);
    ws->dvalue.assign(actors_, 0.0), ws->dnext.assign(actors_, 0.0);
    ws->believed.assign(proposers_.size(), ws->world);
    ws->believed_R.assign(proposers_.size() * rounds * actors_, 0.0);
    ws->believed_B.assign(proposers_.size() * rounds * actors_, 0.0);
    ws->belief.resize(actors_);
    for (int i = 0; i < actors_; ++i) ws->belief[i].prior = cost_prior_[i];
    ws->offset.assign(actors_, 0.0);
    ws->search_terms.assign(issues_, 0.0), ws->best_terms.assign(issues_, 0.0);
    ws->play_warm.assign(proposers_.size(), ws->solver.NewWarmStart());
    ws->planned_from.assign(proposers_.size(), -1);
  }
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
    for (int slot = 0; slot < slots; ++slot) any |= PlanRound(w, ws, t, slot, R);
    if (private_) std::swap(ws.dvalue, ws.dnext);
    std::swap(ws.value, ws.next);
    std::swap(ws.war, ws.war_next);
  }
  return any;
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

void AlternatingOffers::Settle(int t, int proposer, const double* terms, PlanWorkspace& ws, Outcome& out) const {
  out.deal = true, out.round = t, out.proposer = proposer, out.cause = NoDealCause::None;
  for (int k = 0; k < issues_; ++k) out.terms[k] = terms[k];
  // The flows received before round t, then the deal, all discounted to round 0.
  for (int i = 0; i < actors_; ++i) out.value[i] = ws.realised[i] + ws.weight[i] * ws.solver.Utility(i, terms);
}

// Talks over without a deal before round `next_round`: the war goes on for
// good from there, along its expected path from the world as it is.
void AlternatingOffers::EndWithoutDeal(PlanWorkspace& ws, int next_round, Outcome& out) const {
  ExpectedNoDealPath(*s_, ws.world, next_round, ws.path, 1);
  for (int i = 0; i < actors_; ++i) {
    double war = ws.path.tail[i];
    const double d = ws.world.discount[i];
    for (int t = horizon_ - 1; t >= next_round; --t)
      war = (1 - d) * ws.path.flow[static_cast<size_t>(t - next_round) * actors_ + i] + d * war;
    out.value[i] = ws.realised[i] + ws.weight[i] * war;
  }
}

// Round t's dynamics and events; true when the world changed so that the
// actors must re-plan (an event fired). Dynamics alone move the realised
// status quo but not the plan: actors plan on the expected path.
bool AlternatingOffers::Shock(PlanWorkspace& ws, int t, Outcome& out, TraceStep* step) const {
  bool moved = t > 0 && MoveStatusQuo(*s_, ws.world, t);
  ws.fired_now.clear();
  const bool fired = !s_->events.empty() && FireEvents(*s_, ws.world, t, out.events_fired, &ws.fired_now) > 0;
  if (moved || fired) Derive(*s_, ws.world);
  if (step) {
    step->events = ws.fired_now;
    if (!s_->dynamics.empty()) step->status_quo = ws.world.status_quo;
  }
  return fired;
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
  ws.world = w;  // same sizes: no allocation
  if (private_) return PlayPrivate(w, ws, out, trace);
  bool any = Plan(ws.world, ws, 0);
  for (int i = 0; i < actors_; ++i) out.no_deal_value[i] = ws.war_next[i], ws.realised[i] = 0, ws.weight[i] = 1;
  if (trace) NotePlan(ws.world, ws, any, *trace);
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
    if (Shock(ws, t, out, step)) {
      any |= Plan(ws.world, ws, t);
      if (step) step->replanned = true;
    }
    const int q = ProposerIndex(order, t), p = proposers_[q];
    const size_t at = static_cast<size_t>(t) * slots + (random_ ? q : 0);
    if (Answer(ws, t, q, at, step)) {
      Settle(t, p, &ws.terms[at * issues_], ws, out);
      return;
    }
    // The round's flow is received; a round without a deal may end the talks.
    for (int i = 0; i < actors_; ++i) {
      ws.realised[i] += (1 - ws.world.discount[i]) * ws.weight[i] * ws.world.flow[i];
      ws.weight[i] *= ws.world.discount[i];
    }
    if (ws.world.breakdown > 0) {
      const double u = breakdown.UniformAt(t);
      const bool broke = u < ws.world.breakdown;
      if (step) step->breakdown_draw = u, step->broke_down = broke;
      if (broke) {
        EndWithoutDeal(ws, t + 1, out);
        out.cause = any ? NoDealCause::Breakdown : NoDealCause::NoZone;
        return;
      }
    }
  }
  EndWithoutDeal(ws, horizon_, out);
  out.cause = any ? NoDealCause::Horizon : NoDealCause::NoZone;
}

void AlternatingOffers::NotePlan(const World& w, const PlanWorkspace& ws, bool any, Trace& trace) const {
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
void AlternatingOffers::Offsets(const World& drawn, PlanWorkspace& ws) const {
  for (int i = 0; i < actors_; ++i)
    ws.offset[i] = cost_prior_[i] ? ws.world.param[s_->actors[i].war_cost] - drawn.param[s_->actors[i].war_cost] : 0.0;
}

// Proposer q's believed world (the others' private parameters at their prior
// means, shifted as events shifted the true ones; its own true) and that
// world's plan from round t0: R and B per round and actor. Planned lazily,
// when q first proposes after the start or an event. True when the plan has
// an offer.
bool AlternatingOffers::PlanBelief(const World& drawn, PlanWorkspace& ws, int q, int t0) const {
  bool any = false;
  const size_t block = static_cast<size_t>(horizon_) * actors_, from = static_cast<size_t>(t0) * actors_;
  ws.planned_from[q] = t0;
  {
    World& b = ws.believed[q];
    b = ws.world;  // same sizes: no allocation
    const int p = proposers_[q];
    bool changed = false;
    for (int i = 0; i < actors_; ++i) {
      if (i == p) continue;
      const Actor& a = s_->actors[i];
      if (cost_prior_[i]) b.param[a.war_cost] = cost_mean_[i] + ws.offset[i], changed = true;
      if (discount_private_[i]) {
        const double shift = ws.world.param[a.discount] - drawn.param[a.discount];
        b.param[a.discount] = std::clamp(discount_mean_[i] + shift, 0.0, 1.0), changed = true;
      }
    }
    if (changed) Derive(*s_, b);
    any |= Plan(b, ws, t0);
    std::copy(ws.threshold.begin() + from, ws.threshold.begin() + block, ws.believed_R.begin() + q * block + from);
    std::copy(ws.sens.begin() + from, ws.sens.begin() + block, ws.believed_B.begin() + q * block + from);
  }
  // No private parameter has spread: every believed world is the true one,
  // planned once, as under complete information.
  if (!uncertain_)
    for (size_t r = 0; r < proposers_.size(); ++r) {
      if (static_cast<int>(r) == q) continue;
      ws.planned_from[r] = t0;
      ws.believed[r] = ws.believed[q];
      std::copy(ws.threshold.begin() + from, ws.threshold.begin() + block, ws.believed_R.begin() + r * block + from);
      std::copy(ws.sens.begin() + from, ws.sens.begin() + block, ws.believed_B.begin() + r * block + from);
    }
  return any;
}

// The cost (in the prior's units) at and above which responder j accepts
// utility u in round t under proposer q's affine threshold
// R_j(t|c) = R_j(t) - B_j(t)·(c - c̄_j), indifference (to 1e-12) accepting.
double AlternatingOffers::Cut(const PlanWorkspace& ws, int q, int t, int j, double u) const {
  const size_t at = (static_cast<size_t>(q) * horizon_ + t) * actors_ + j;
  const double R = ws.believed_R[at], B = ws.believed_B[at];
  return ws.believed[q].war_cost[j] - ws.offset[j] + (R - u - kAcceptTol) / B;
}

// Proposer q's expected value in round t of the offer that satisfies every
// responder whose cost is at its belief's quantile `level`; the chance that
// all accept in `accept`. keep: leave the offer in ws.search_terms.
double AlternatingOffers::Expected(PlanWorkspace& ws, int t, int q, double level, double& accept, bool keep) const {
  const size_t row = (static_cast<size_t>(q) * horizon_ + t) * actors_;
  const double* R = &ws.believed_R[row];
  const double* B = &ws.believed_B[row];
  const World& b = ws.believed[q];
  const std::vector<int>& resp = responders_[q];
  const int count = static_cast<int>(resp.size());
  for (int k = 0; k < count; ++k) {
    const int j = resp[k];
    const CostBelief& bel = ws.belief[j];
    double thr = R[j];
    if (bel.prior && B[j] > 1e-12) thr -= B[j] * (bel.Quantile(level) + ws.offset[j] - b.war_cost[j]);
    ws.responder_threshold[k] = thr;
  }
  accept = 0;
  if (!ws.solver.Solve(proposers_[q], resp.data(), count, ws.responder_threshold.data(), ws.offer, &ws.play_warm[q]))
    return -std::numeric_limits<double>::infinity();
  const double* x = ws.offer.terms.data();
  accept = 1;
  for (int j : resp) {
    const double u = ws.solver.Utility(j, x);
    const CostBelief& bel = ws.belief[j];
    const double Bj = B[j];
    accept *= bel.prior && Bj > 1e-12 ? bel.ProbAtLeast(Cut(ws, q, t, j, u)) : (u >= R[j] - kAcceptTol ? 1.0 : 0.0);
  }
  if (keep) std::copy(ws.offer.terms.begin(), ws.offer.terms.end(), ws.search_terms.begin());
  return accept * ws.offer.proposer_utility + (1 - accept) * R[proposers_[q]];
}

// Proposer q's offer in round t under private information: the quantile
// level maximising its expected value (grid, golden section, parabolic
// steps). Leaves the terms in ws.best_terms; false when it prefers no offer.
bool AlternatingOffers::PrivateOffer(PlanWorkspace& ws, int t, int q, double& level, double& accept) const {
  bool uncertain = false;
  for (int j : responders_[q]) uncertain |= ws.belief[j].Uncertain();
  double best = -std::numeric_limits<double>::infinity(), a = 0;
  level = 0.5, accept = 0;
  auto eval = [&](double s) {
    const double e = Expected(ws, t, q, s, a, false);
    if (e > best) {
      best = e, level = s, accept = a;
      std::copy(ws.offer.terms.begin(), ws.offer.terms.end(), ws.best_terms.begin());
    }
    return e;
  };
  if (!uncertain) {
    eval(0.5);
  } else {
    constexpr int kGrid = 8;
    double f[kGrid + 1];
    for (int i = 0; i <= kGrid; ++i) f[i] = eval(static_cast<double>(i) / kGrid);
    int k = 0;
    for (int i = 1; i <= kGrid; ++i)
      if (f[i] > f[k]) k = i;
    if (std::isfinite(best)) {
      // Golden section on [s_{k-1}, s_{k+1}] down to 1e-4.
      double lo = std::max(0, k - 1) / static_cast<double>(kGrid), hi = std::min(kGrid, k + 1) / static_cast<double>(kGrid);
      const double g = 0.5 * (std::sqrt(5.0) - 1);
      double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
      double f1 = eval(x1), f2 = eval(x2);
      while (hi - lo > 1e-4) {
        if (f1 >= f2) hi = x2, x2 = x1, f2 = f1, x1 = hi - g * (hi - lo), f1 = eval(x1);
        else lo = x1, x1 = x2, f1 = f2, x2 = lo + g * (hi - lo), f2 = eval(x2);
      }
      // Parabolic steps through the best level and its neighbours at ±h:
      // exact for an expected value quadratic in the level (Fearon's).
      for (double h : {1e-4, 1e-5}) {
        const double s0 = level, f0 = best;
        if (s0 - h < 0 || s0 + h > 1) break;
        const double fm = eval(s0 - h), fp = eval(s0 + h);
        const double curve = fp - 2 * f0 + fm;
        if (!(curve < 0)) continue;
        const double v = s0 - 0.5 * h * (fp - fm) / curve;
        if (std::fabs(v - s0) <= 2 * h && v >= 0 && v <= 1) eval(v);
      }
    }
  }
  // A demand that almost surely fails (P below 1e-9: a gamble on a cost
  // beyond the belief's support, up to rounding) counts as no offer.
  return std::isfinite(best) && accept >= 1e-9 &&
         best >= ws.believed_R[(static_cast<size_t>(q) * horizon_ + t) * actors_ + proposers_[q]] - kAcceptTol;
}

// The responders answer ws.best_terms with their true costs in the affine
// threshold; every answer updates the common beliefs. True when all accept.
bool AlternatingOffers::PrivateAnswer(PlanWorkspace& ws, int t, int q, TraceStep* step) const {
  const double* x = ws.best_terms.data();
  const size_t row = (static_cast<size_t>(q) * horizon_ + t) * actors_;
  bool deal = true;
  for (int j : responders_[q]) {
    const double u = ws.solver.Utility(j, x);
    const double R = ws.believed_R[row + j], B = ws.believed_B[row + j];
    double thr = R;
    CostBelief& bel = ws.belief[j];
    const bool affine = bel.prior && B > 1e-12;
    if (affine) thr -= B * (ws.world.war_cost[j] - ws.believed[q].war_cost[j]);
    const bool yes = u >= thr - kAcceptTol;
    if (affine) {
      const double cut = Cut(ws, q, t, j, u);
      if (yes) bel.Accept(cut);
      else bel.Reject(cut);
    }
    deal &= yes;
    if (step) step->answers.push_back({j, u, thr, yes});
  }
  return deal;
}

void AlternatingOffers::PlayPrivate(const World& drawn, PlanWorkspace& ws, Outcome& out, Trace* trace) const {
  for (CostBelief& b : ws.belief) b.Reset();
  for (WarmStart& warm : ws.play_warm) warm.Clear();
  // The value of no deal, from the true world.
  ExpectedNoDealPath(*s_, ws.world, 0, ws.path);
  for (int i = 0; i < actors_; ++i) {
    double war = ws.path.tail[i];
    for (int t = horizon_ - 1; t >= 0; --t)
      war = (1 - ws.world.discount[i]) * ws.path.flow[static_cast<size_t>(t) * actors_ + i] + ws.world.discount[i] * war;
    out.no_deal_value[i] = war, ws.realised[i] = 0, ws.weight[i] = 1;
  }
  const Rng order(drawn.seed, drawn.replicate, order_stream_), breakdown(drawn.seed, drawn.replicate, breakdown_stream_);
  std::fill(ws.planned_from.begin(), ws.planned_from.end(), -1);
  Offsets(drawn, ws);
  bool any = proposers_.empty() ? false : PlanBelief(drawn, ws, ProposerIndex(order, 0), 0);
  if (trace) {
    trace->notes.push_back(
        "private information: each proposer plans on a believed world (the others' war costs and discounts at their "
        "prior means) and, each round, chooses the belief quantile q of the responders' costs that maximises "
        "P(accept)·u(offer) + (1-P(accept))·(value of waiting); rejections truncate the beliefs");
    NotePlan(ws.world, ws, any, *trace);
  }
  if (!any && !uncertain_ && s_->events.empty() && s_->dynamics.empty()) {
    for (int i = 0; i < actors_; ++i) out.value[i] = out.no_deal_value[i];
    out.cause = NoDealCause::NoZone;
    return;
  }
  for (int t = 0; t < horizon_; ++t) {
    TraceStep* step = trace ? &trace->steps.emplace_back() : nullptr;
    if (Shock(ws, t, out, step)) {
      std::fill(ws.planned_from.begin(), ws.planned_from.end(), -1);
      Offsets(drawn, ws);
      if (step) step->replanned = true;
    }
    const int q = ProposerIndex(order, t), p = proposers_[q];
    if (ws.planned_from[q] < 0) any |= PlanBelief(drawn, ws, q, t);
    double level = 0, accept = 0;
    const bool offer = PrivateOffer(ws, t, q, level, accept);
    any |= offer;
    if (step) step->round = t, step->proposer = p, step->offered = offer;
    bool deal = false;
    if (!offer) {
      if (step) step->note = "no offer: no terms have an expected value above waiting for the proposer";
    } else {
      deal = PrivateAnswer(ws, t, q, step);
      if (step) {
        step->terms = Eigen::Map<const Eigen::ArrayXd>(ws.best_terms.data(), issues_);
        step->proposer_utility = ws.solver.Utility(p, ws.best_terms.data());
        step->deal = deal;
        std::string note = "private information: quantile q " + FormatNumber(level) + ", expected P(all accept) " +
                           FormatNumber(accept);
        if (!deal) {
          note += "; beliefs after the answers:";
          for (int j : responders_[q])
            if (ws.belief[j].prior)
              note += " " + s_->actors[j].name + " war_cost in [" + FormatNumber(ws.belief[j].Low()) + ", " +
                      FormatNumber(ws.belief[j].High()) + "]";
        }
        step->note = note;
      }
    }
    if (deal) {
      Settle(t, p, ws.best_terms.data(), ws, out);
      return;
    }
    for (int i = 0; i < actors_; ++i) {
      ws.realised[i] += (1 - ws.world.discount[i]) * ws.weight[i] * ws.world.flow[i];
      ws.weight[i] *= ws.world.discount[i];
    }
    if (ws.world.breakdown > 0) {
      const double u = breakdown.UniformAt(t);
      const bool broke = u < ws.world.breakdown;
      if (step) step->breakdown_draw = u, step->broke_down = broke;
      if (broke) {
        EndWithoutDeal(ws, t + 1, out);
        out.cause = any ? NoDealCause::Breakdown : NoDealCause::NoZone;
        return;
      }
    }
  }
  EndWithoutDeal(ws, horizon_, out);
  out.cause = any ? NoDealCause::Horizon : NoDealCause::NoZone;
}

}  // namespace

std::unique_ptr<Protocol> MakeAlternatingOffers(const Scenario& scenario) {
  return std::make_unique<AlternatingOffers>(scenario);
}

}  // namespace parley

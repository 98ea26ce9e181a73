#include "protocols/screened_offers.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/rng.h"
#include "core/text.h"
#include "protocols/offer_solver.h"
#include "protocols/private_information.h"
#include "protocols/screening.h"
#include "protocols/talks_ledger.h"

namespace parley {

bool ScreenedActors(const Scenario& s, std::vector<int>* all) {
  all->clear();
  if (s.protocol.information != Information::Private) return false;
  for (int j : s.veto_actors) {
    const Actor& a = s.actors[j];
    const bool proposes = std::find(s.protocol.proposers.begin(), s.protocol.proposers.end(), j) != s.protocol.proposers.end();
    if (!proposes && a.war_cost >= 0 && HasSpread(s.params[a.war_cost].dist)) all->push_back(j);
  }
  // A discrete (choice) prior is left to the approximation: its atoms make
  // the equilibrium mix within an atom, which the solver does not certify
  // (measured one-shot gains up to 1e-2).
  return all->size() == 1 && s.params[s.actors[(*all)[0]].war_cost].dist.kind != DistKind::Choice;
}

namespace {

struct ScreenedWorkspace final : Workspace {
  OfferSolver solver;
  Offer offer;
  ScreeningSolver screening;
  TalksLedger ledger;
  PathScratch path;
  std::vector<double> no_deal;
  // The public part of the world the equilibrium was last solved for (every
  // parameter but the screened cost); valid: a solve from round 0 is kept.
  Eigen::ArrayXd solved_for;
  bool valid = false, solved_any = false;
};

class ScreenedOffers final : public Protocol {
 public:
  ScreenedOffers(const Scenario& s, int screened)
      : s_(&s), j_(screened), cost_param_(s.actors[screened].war_cost), prior_(&s.params[cost_param_].dist),
        random_(s.protocol.order == Order::Random), proposers_(s.protocol.proposers),
        order_stream_(StreamIdOf("protocol.order")), breakdown_stream_(kBreakdownDrawStream) {
    // The parameters the equilibrium depends on: all but the screened cost
    // and those of actors that neither propose nor hold a veto (they only
    // receive payoffs). A solve is reused while these repeat.
    relevant_.assign(s.params.size(), 1);
    relevant_[cost_param_] = 0;
    for (const Actor& a : s.actors) {
      const int i = static_cast<int>(&a - s.actors.data());
      const bool plays = a.veto || std::find(proposers_.begin(), proposers_.end(), i) != proposers_.end();
      if (plays) continue;
      const std::string prefix = "actors." + a.name + ".";
      for (size_t k = 0; k < s.params.size(); ++k)
        if (s.params[k].path.compare(0, prefix.size(), prefix) == 0) relevant_[k] = 0;
    }
    double sum = 0;
    for (size_t q = 0; q < proposers_.size(); ++q) {
      const double w = q < s.protocol.recognition.size() ? s.protocol.recognition[q] : 1.0 / proposers_.size();
      weights_.push_back(w);
      sum += w;
      cumulative_.push_back(sum);
    }
  }

  std::unique_ptr<Workspace> NewWorkspace() const override {
    auto ws = std::make_unique<ScreenedWorkspace>();
    ws->solver.Resize(*s_);
    ws->offer = ws->solver.NewOffer();
    ws->screening.Resize(*s_, proposers_, weights_, random_, j_, prior_);
    ws->ledger.Resize(*s_);
    World w;
    Resize(*s_, w);
    ExpectedNoDealPath(*s_, w, 0, ws->path);
    ws->no_deal.assign(s_->NumActors(), 0.0);
    ws->solved_for = w.param;
    return ws;
  }

  void Play(const World& drawn, Workspace& workspace, Outcome& out, Trace* trace) const override;

 private:
  int ProposerIndex(const Rng& order, int t) const { return ProposerOfRound(order, t, random_, cumulative_); }
  // The screened actor's type: its level in the prior, F(c).
  // The draw is the quantile of the stream's first uniform (model/world.h),
  // so that uniform is the level itself, without inverting the quantile;
  // a value `parley sensitivity` pins is not a draw: its level is its CDF.
  double TypeLevel(const World& drawn) const {
    const Param& param = s_->params[cost_param_];
    if (!std::isnan(param.pinned)) return PriorCdf(*prior_, drawn.param[cost_param_]);
    return Rng(drawn.seed, drawn.replicate, param.stream).UniformAt(0);
  }
  bool SolveFrom(ScreenedWorkspace& ws, const World& drawn, int t0) const;
  std::string CostRange(const ScreeningSolver& eq, double h) const {
    return "[" + FormatNumber(eq.Cost(0)) + ", " + FormatNumber(eq.Cost(h)) + "]";
  }

  const Scenario* s_;
  int j_, cost_param_;
  const Distribution* prior_;
  bool random_;
  std::vector<int> proposers_;
  std::vector<double> weights_, cumulative_;
  StreamId order_stream_, breakdown_stream_;
  std::vector<unsigned char> relevant_;  // per parameter: the equilibrium depends on it
};

// Solves the equilibrium from round t0 with the world as the ledger has it;
// from round 0 a solve of the same public world is reused.
bool ScreenedOffers::SolveFrom(ScreenedWorkspace& ws, const World& drawn, int t0) const {
  const World& w = ws.ledger.world();
  const double offset = w.param[cost_param_] - drawn.param[cost_param_];
  if (t0 == 0) {
    bool same = ws.valid;
    for (Eigen::Index k = 0; same && k < w.param.size(); ++k)
      same = !relevant_[k] || w.param[k] == ws.solved_for[k];
    if (same) return ws.solved_any;
  }
  ws.solver.Load(*s_, w);
  ExpectedNoDealPath(*s_, w, t0, ws.path);
  const bool any = ws.screening.Solve(w, ws.path, t0, offset, ws.solver);
  if (t0 == 0) {
    ws.solved_for = w.param;
    ws.valid = true, ws.solved_any = any;
  } else {
    ws.valid = false;  // the stored rounds now belong to this replicate's later world
  }
  return any;
}

void ScreenedOffers::Play(const World& drawn, Workspace& workspace, Outcome& out, Trace* trace) const {
  auto& ws = static_cast<ScreenedWorkspace&>(workspace);
  out.deal = false, out.round = -1, out.proposer = -1;
  ws.ledger.Start(drawn);
  ws.ledger.NoDealValues(0, 0, ws.no_deal.data());
  for (int i = 0; i < s_->NumActors(); ++i) out.no_deal_value[i] = ws.no_deal[i];
  const double type = TypeLevel(drawn);
  ScreeningSolver& eq = ws.screening;
  bool any = SolveFrom(ws, drawn, 0);
  const std::string& name = s_->actors[j_].name;
  if (trace) {
    trace->notes.push_back(
        "private information: perfect Bayesian equilibrium with " + name +
        "'s war cost private (the types above a cutoff accept; a rejection truncates the belief to the types "
        "below it); every other value is common knowledge; responders accept exactly when an offer beats the "
        "equilibrium value of waiting");
    trace->notes.push_back(name + "'s type: war cost " + FormatNumber(drawn.war_cost[j_]) + " at level " +
                           FormatNumber(type) + " of its prior");
    trace->threshold_name = "value of waiting";
  }
  const Rng order(drawn.seed, drawn.replicate, order_stream_), breakdown(drawn.seed, drawn.replicate, breakdown_stream_);
  double h = 1;  // the belief: levels [0, h] of the prior
  bool offered = false;
  for (int t = 0; t < s_->horizon; ++t) {
    TraceStep* step = trace ? &trace->steps.emplace_back() : nullptr;
    if (ws.ledger.Shock(t, out, step)) {
      any |= SolveFrom(ws, drawn, t);
      if (step) step->replanned = true;
    }
    const int q = ProposerIndex(order, t), p = proposers_[q];
    const ScreeningSolver::Choice c = eq.Decide(t, random_ ? q : 0, h, ws.solver, ws.offer);
    if (step) step->round = t, step->proposer = p, step->offered = c.offer;
    bool deal = false;
    if (!c.offer) {
      if (step)
        step->note = "no offer: waiting is worth " + FormatNumber(c.waiting_value) + " to the proposer, more than any offer; belief " +
                     name + " war_cost in " + CostRange(eq, h);
    } else {
      offered = true;
      const double* x = ws.offer.terms.data();
      deal = type >= c.cutoff;
      double own = std::numeric_limits<double>::quiet_NaN();  // the type's own value of waiting (explain)
      if (step) {
        step->terms = Eigen::Map<const Eigen::ArrayXd>(x, s_->NumIssues());
        step->proposer_utility = ws.solver.Utility(p, x);
        // The known responders' thresholds, before forward play reuses the scratch.
        std::vector<TraceAnswer> known;
        for (int k : s_->veto_actors)
          if (k != p && k != j_) known.push_back({k, ws.solver.Utility(k, x), c.known[k], true});
        // The type's own value of waiting (the marginal type's is c.threshold):
        // by forward play, for explain only.
        Offer keep = ws.offer;
        own = eq.RejectValue(t, c.cutoff, type, ws.solver);
        ws.offer = keep;
        // Under random order with many rounds left the tree is too large:
        // the marginal type's value stands in (said in the note).
        step->answers.push_back({j_, ws.solver.Utility(j_, x), std::isnan(own) ? c.threshold : own, deal});
        // The known veto responders: the offer meets their thresholds.
        step->answers.insert(step->answers.end(), known.begin(), known.end());
      }
      if (step) {
        step->deal = deal;
        step->note = "belief " + name + " war_cost in " + CostRange(eq, h) + "; the types with cost >= " +
                     FormatNumber(eq.Cost(c.cutoff)) + " accept (P " + FormatNumber(c.accept) +
                     "); the marginal type's value of waiting " + FormatNumber(c.threshold) +
                     (std::isnan(own) ? " (shown for " + name + ": its own is not computed under random order this far from the horizon)" : "") +
                     "; proposer's value " + FormatNumber(c.proposer_value) + " against " +
                     FormatNumber(c.waiting_value) + " for waiting";
      }
      if (deal) {
        ws.ledger.Settle(t, p, x, out);
        return;
      }
      h = c.cutoff;
    }
    ws.ledger.PassRound();
    if (ws.ledger.BreaksDown(breakdown, t, step)) {
      ws.ledger.EndWithoutDeal(t + 1, out);
      out.cause = any || offered ? NoDealCause::Breakdown : NoDealCause::NoZone;
      return;
    }
  }
  ws.ledger.EndWithoutDeal(s_->horizon, out);
  out.cause = any || offered ? NoDealCause::Horizon : NoDealCause::NoZone;
}

}  // namespace

std::unique_ptr<Protocol> MakeScreenedOffers(const Scenario& scenario, int screened) {
  return std::make_unique<ScreenedOffers>(scenario, screened);
}

}  // namespace parley

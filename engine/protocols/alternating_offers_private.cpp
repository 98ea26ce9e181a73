// Private information in alternating_offers: believed-world plans, beliefs
// as truncated priors, and the risk-return offer (see alternating_offers.h).
#include "core/text.h"
#include "protocols/alternating_offers_internal.h"

namespace parley::alternating_offers_detail {

void AlternatingOffers::Offsets(const World& drawn, PlanWorkspace& ws) const {
  for (int i = 0; i < actors_; ++i)
    ws.offset[i] = cost_prior_[i] ? ws.ledger.world().param[s_->actors[i].war_cost] - drawn.param[s_->actors[i].war_cost] : 0.0;
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
    b = ws.ledger.world();  // same sizes: no allocation
    const int p = proposers_[q];
    bool changed = false;
    for (int i = 0; i < actors_; ++i) {
      if (i == p) continue;
      const Actor& a = s_->actors[i];
      if (cost_prior_[i]) b.param[a.war_cost] = cost_mean_[i] + ws.offset[i], changed = true;
      if (discount_private_[i]) {
        const double shift = ws.ledger.world().param[a.discount] - drawn.param[a.discount];
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
// all accept in `accept` (levels: one per actor instead of the common one).
double AlternatingOffers::Expected(PlanWorkspace& ws, int t, int q, double level, double& accept,
                                   const double* levels) const {
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
    const double at = levels ? levels[j] : level;
    if (bel.prior && B[j] > 1e-12) thr -= B[j] * (bel.Quantile(at) + ws.offset[j] - b.war_cost[j]);
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
    const double e = Expected(ws, t, q, s, a);
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
  // The last round, several uncertain responders: each responder its own
  // quantile (coordinate ascent from the common one and from the best of a
  // grid). The responders' thresholds there are their wars for good, exact
  // in the affine model, so this is the exact one-round screening offer:
  // tying the quantiles together loses expected value and moves P(deal).
  int uncertain_count = 0;
  for (int j : responders_[q]) uncertain_count += ws.belief[j].Uncertain();
  ws.own_levels = false;
  if (t == horizon_ - 1 && uncertain_count >= 2 && std::isfinite(best)) {
    for (int j : responders_[q]) ws.levels[j] = level;
    auto eval_vec = [&]() {
      const double e = Expected(ws, t, q, 0, a, ws.levels.data());
      if (e > best) {
        best = e, accept = a, ws.own_levels = true;
        std::copy(ws.offer.terms.begin(), ws.offer.terms.end(), ws.best_terms.begin());
        std::copy(ws.levels.begin(), ws.levels.end(), ws.best_levels.begin());
      }
      return e;
    };
    std::copy(ws.levels.begin(), ws.levels.end(), ws.best_levels.begin());
    if (uncertain_count == 2) {
      // A 5 × 5 grid of the two levels, for a start away from the common one.
      int first = -1, second = -1;
      for (int j : responders_[q])
        if (ws.belief[j].Uncertain()) (first < 0 ? first : second) = j;
      for (int a1 = 0; a1 <= 4; ++a1)
        for (int a2 = 0; a2 <= 4; ++a2) {
          std::copy(ws.best_levels.begin(), ws.best_levels.end(), ws.levels.begin());
          ws.levels[first] = a1 / 4.0, ws.levels[second] = a2 / 4.0;
          eval_vec();
        }
    }
    std::copy(ws.best_levels.begin(), ws.best_levels.end(), ws.levels.begin());
    const double g = 0.5 * (std::sqrt(5.0) - 1);
    for (int sweep = 0; sweep < 12; ++sweep) {
      const double before = best;
      for (int j : responders_[q]) {
        if (!ws.belief[j].Uncertain()) continue;
        std::copy(ws.best_levels.begin(), ws.best_levels.end(), ws.levels.begin());
        const double centre = ws.levels[j], width = sweep == 0 ? 0.25 : 0.0625;
        double lo = std::max(0.0, centre - width), hi = std::min(1.0, centre + width);
        auto at = [&](double v) {
          std::copy(ws.best_levels.begin(), ws.best_levels.end(), ws.levels.begin());
          ws.levels[j] = v;
          return eval_vec();
        };
        double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
        double f1 = at(x1), f2 = at(x2);
        while (hi - lo > 1e-8) {
          if (f1 >= f2) hi = x2, x2 = x1, f2 = f1, x1 = hi - g * (hi - lo), f1 = at(x1);
          else lo = x1, x1 = x2, f1 = f2, x2 = lo + g * (hi - lo), f2 = at(x2);
        }
      }
      if (!(best > before + 1e-14)) break;
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
    if (affine) thr -= B * (ws.ledger.world().war_cost[j] - ws.believed[q].war_cost[j]);
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
  ws.ledger.NoDealValues(0, 0, ws.war.data());
  for (int i = 0; i < actors_; ++i) out.no_deal_value[i] = ws.war[i];
  const Rng order(drawn.seed, drawn.replicate, order_stream_), breakdown(drawn.seed, drawn.replicate, breakdown_stream_);
  std::fill(ws.planned_from.begin(), ws.planned_from.end(), -1);
  Offsets(drawn, ws);
  bool any = proposers_.empty() ? false : PlanBelief(drawn, ws, ProposerIndex(order, 0), 0);
  if (trace) {
    trace->notes.push_back(
        "private information with several screened responders, an approximation (not an equilibrium; "
        "docs/private_information.md): each proposer plans on a believed world (the others' war costs and discounts "
        "at their prior means) and, each round, chooses the belief quantile q of the responders' costs that "
        "maximises P(accept)·u(offer) + (1-P(accept))·(value of waiting), in the last round one quantile per "
        "responder; rejections truncate the beliefs");
    NotePlan(ws, any, *trace);
  }
  if (!any && !uncertain_ && s_->events.empty() && s_->dynamics.empty()) {
    for (int i = 0; i < actors_; ++i) out.value[i] = out.no_deal_value[i];
    out.cause = NoDealCause::NoZone;
    return;
  }
  for (int t = 0; t < horizon_; ++t) {
    TraceStep* step = trace ? &trace->steps.emplace_back() : nullptr;
    if (ws.ledger.Shock(t, out, step)) {
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
        std::string note = "private information: quantile q " + FormatNumber(level);
        if (ws.own_levels) {
          note = "private information (last round): quantiles";
          for (int j : responders_[q])
            if (ws.belief[j].prior) note += " " + s_->actors[j].name + " " + FormatNumber(ws.best_levels[j]);
        }
        note += ", expected P(all accept) " + FormatNumber(accept);
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
      ws.ledger.Settle(t, p, ws.best_terms.data(), out);
      return;
    }
    if (PassRound(ws, breakdown, t, any, out, step)) return;
  }
  ws.ledger.EndWithoutDeal(horizon_, out);
  out.cause = any ? NoDealCause::Horizon : NoDealCause::NoZone;
}

}  // namespace parley::alternating_offers_detail

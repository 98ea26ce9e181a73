#include "protocols/nash.h"

#include <cmath>
#include <limits>
#include <vector>

#include "core/numbers.h"
#include "core/text.h"
#include "protocols/offer_solver.h"
#include "protocols/talks_ledger.h"

namespace parley {

namespace {

constexpr int kMaxCycles = 2000;    // coordinate ascent over issues (3+ veto actors)
constexpr double kLevelTol = 1e-14;

constexpr int kMaxNewton = 100;     // Newton iterations (3+ veto actors, smooth)
constexpr double kNewtonMove = 1e-14;  // converged when a Newton step moves no issue more
constexpr double kCurvatureCap = 1e8;  // |u''| used at most (it is infinite at an ideal when r < 2)

struct NashWorkspace final : Workspace {
  OfferSolver solver;
  TalksLedger ledger;     // round 0's shocks, when the scenario has any
  std::vector<double> d;  // the disagreement point: each actor's value of no deal
  Offer offer;
  std::vector<double> weight, level, best_terms, anchor;
  std::vector<int> others;
  // Newton scratch: u'_ic (veto-major), gradient, Hessian, step, trial terms.
  std::vector<double> slope, grad, hess, step, trial;
  std::vector<int> active;  // continuous issues some veto actor cares about
  std::vector<unsigned char> capped;  // per active issue: curvature capped this step
};

class Nash final : public Protocol {
 public:
  explicit Nash(const Scenario& s)
      : s_(&s), actors_(s.NumActors()), issues_(s.NumIssues()), shocks_(!s.events.empty() || !s.dynamics.empty()) {
    if (!s.veto_actors.empty()) {
      first_ = s.veto_actors.front();
      others_.assign(s.veto_actors.begin() + 1, s.veto_actors.end());
    }
  }
  std::unique_ptr<Workspace> NewWorkspace() const override;
  void Play(const World& world, Workspace& workspace, Outcome& out, Trace* trace) const override;

 private:
  bool SolveAt(NashWorkspace& ws, long long combo) const;
  void BestLevel(NashWorkspace& ws, long long combo) const;
  bool SolveCombo(NashWorkspace& ws, long long combo, double& product) const;
  bool Anchor(NashWorkspace& ws, long long combo) const;
  double Slope(NashWorkspace& ws, int c) const;
  void Ascend(NashWorkspace& ws) const;
  bool Smooth(const NashWorkspace& ws) const;
  double Objective(NashWorkspace& ws, const double* terms) const;
  bool NewtonDirection(NashWorkspace& ws, int n) const;
  bool Newton(NashWorkspace& ws) const;

  const Scenario* s_;
  int actors_, issues_;
  int first_ = -1;
  std::vector<int> others_;  // the veto actors after the first
  bool shocks_ = false;      // events or dynamics
};

std::unique_ptr<Workspace> Nash::NewWorkspace() const {
  auto ws = std::make_unique<NashWorkspace>();
  ws->solver.Resize(*s_);
  ws->offer = ws->solver.NewOffer();
  ws->weight.assign(actors_, 0.0), ws->level.assign(actors_, 0.0), ws->d.assign(actors_, 0.0);
  ws->ledger.Resize(*s_);
  ws->best_terms.assign(issues_, 0.0), ws->anchor.assign(issues_, 0.0);
  ws->others.assign(actors_, 0);
  const int kc = ws->solver.NumContinuous();
  ws->slope.assign(static_cast<size_t>(actors_) * kc, 0.0);
  ws->grad.assign(kc, 0.0), ws->hess.assign(static_cast<size_t>(kc) * kc, 0.0), ws->step.assign(kc, 0.0);
  ws->trial.assign(issues_, 0.0), ws->active.assign(kc, 0), ws->capped.assign(kc, 0);
  return ws;
}

// U_1*(L): the first veto actor's best terms giving the others their levels;
// false when no terms do, or when the first gets no more than its no-deal value.
bool Nash::SolveAt(NashWorkspace& ws, long long combo) const {
  const int m = static_cast<int>(others_.size());
  return ws.solver.SolveCombo(combo, first_, others_.data(), m, ws.level.data(), ws.offer) &&
         ws.offer.proposer_utility > ws.d[first_];
}

// Two veto actors: bisection on the sign of d/dL of the Nash objective, L
// being the second actor's level.
void Nash::BestLevel(NashWorkspace& ws, long long combo) const {
  const int j = 0, actor = others_[j];
  const double d1 = ws.d[first_], dj = ws.d[actor];
  double lo = dj, hi = 1.0;  // utilities never exceed 1
  for (int it = 0; it < 200; ++it) {
    const double mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    ws.level[j] = mid;
    if (!SolveAt(ws, combo)) {
      hi = mid;
      continue;
    }
    const double slope = -ws.weight[first_] * ws.offer.multiplier[j] / (ws.offer.proposer_utility - d1) +
                         ws.weight[actor] / (mid - dj);
    (slope > 0 ? lo : hi) = mid;
  }
  ws.level[j] = lo;
}

// The Nash point within one combination of ordinal levels, left in ws.offer.
bool Nash::SolveCombo(NashWorkspace& ws, long long combo, double& product) const {
  const int m = static_cast<int>(others_.size());
  const bool smooth = m >= 1 && Smooth(ws);
  // Smooth, two or more veto actors: Newton from the anchor (exact). Else, or
  // if Newton fails: coordinate ascent, or with two actors the exact
  // bisection on the second one's level.
  bool done = false;
  if (m >= 2 || smooth) {
    if (!Anchor(ws, combo)) return false;
    done = smooth && Newton(ws);
    if (!done && m >= 2) Ascend(ws), done = true;
  }
  if (!done) {
    for (int j = 0; j < m; ++j) ws.level[j] = ws.d[others_[j]];
    if (!SolveAt(ws, combo)) return false;
    if (m == 1) BestLevel(ws, combo);
    if (!SolveAt(ws, combo)) return false;
  }
  // Every veto actor must gain strictly (weakly if it has no weight).
  product = 0;
  for (int i : s_->veto_actors) {
    const double gain = ws.solver.Utility(i, ws.offer.terms.data()) - ws.d[i];
    if (gain < 0 || (gain == 0 && ws.weight[i] > 0)) return false;
    if (ws.weight[i] > 0) product += ws.weight[i] * std::log(gain);
  }
  return true;
}

// A point where every veto actor gains strictly: the average of each veto
// actor's best terms that leave the others their no-deal values (each gains
// strictly at its own, and utilities are concave). None exists when some
// actor cannot gain at its own best: no zone of agreement.
bool Nash::Anchor(NashWorkspace& ws, long long combo) const {
  const std::vector<int>& veto = s_->veto_actors;
  const int n = static_cast<int>(veto.size());
  std::fill(ws.anchor.begin(), ws.anchor.end(), 0.0);
  for (int i = 0; i < n; ++i) {
    int count = 0;
    for (int j = 0; j < n; ++j)
      if (j != i) ws.others[count] = veto[j], ws.level[count] = ws.d[veto[j]], ++count;
    if (!ws.solver.SolveCombo(combo, veto[i], ws.others.data(), count, ws.level.data(), ws.offer) ||
        ws.offer.proposer_utility <= ws.d[veto[i]])
      return false;
    for (int k = 0; k < issues_; ++k) ws.anchor[k] += ws.offer.terms[k] / n;
  }
  // Ordinal terms are the combination's levels in every solve: keep them exact.
  for (int k = 0; k < issues_; ++k)
    if (s_->issues[k].ordinal) ws.anchor[k] = ws.offer.terms[k];
  std::copy(ws.anchor.begin(), ws.anchor.end(), ws.offer.terms.begin());
  return true;
}

// d/dx_k of Σ w_i·log(u_i − d_i) at the terms in ws.offer; +inf when some
// veto actor does not gain there.
double Nash::Slope(NashWorkspace& ws, int c) const {
  const int k = ws.solver.ContinuousIssue(c);
  double slope = 0;
  for (int i : s_->veto_actors) {
    const double gain = ws.solver.Utility(i, ws.offer.terms.data()) - ws.d[i];
    if (gain <= 0) return kInf;
    slope += ws.weight[i] * ws.solver.Derivative(i, c, ws.offer.terms[k]) / gain;
  }
  return slope;
}

// Coordinate ascent over the continuous issues from a point where everyone
// gains: along one issue the objective is concave, so bisect on the sign of
// its slope, treating a point where someone stops gaining as beyond the peak.
void Nash::Ascend(NashWorkspace& ws) const {
  double* x = ws.offer.terms.data();
  for (int cycle = 0; cycle < kMaxCycles; ++cycle) {
    double moved = 0;
    for (int c = 0; c < ws.solver.NumContinuous(); ++c) {
      const int k = ws.solver.ContinuousIssue(c);
      const double start = x[k], slope = Slope(ws, c);
      if (slope == 0) continue;
      // The current point stays the feasible end of the bracket.
      double near = start, far = slope > 0 ? 1.0 : 0.0;
      for (int it = 0; it < 100; ++it) {
        const double mid = 0.5 * (near + far);
        if (mid == near || mid == far) break;
        x[k] = mid;
        const double g = Slope(ws, c);
        (g != kInf && (g > 0) == (slope > 0) ? near : far) = mid;
      }
      x[k] = near;
      moved = std::fmax(moved, std::fabs(near - start));
    }
    if (moved <= kLevelTol) break;
  }
}

// Newton applies: positive weights, and r > 1 wherever a veto actor cares.
bool Nash::Smooth(const NashWorkspace& ws) const {
  for (int i : s_->veto_actors) {
    if (!(ws.weight[i] > 0)) return false;
    for (int c = 0; c < ws.solver.NumContinuous(); ++c)
      if (ws.solver.Salience(i, c) > 0 && !(ws.solver.Risk(i) > 1)) return false;
  }
  return true;
}

// Σ w_i·log(u_i − d_i) at terms; −inf when some veto actor does not gain.
double Nash::Objective(NashWorkspace& ws, const double* terms) const {
  double sum = 0;
  for (int i : s_->veto_actors) {
    const double gain = ws.solver.Utility(i, terms) - ws.d[i];
    if (!(gain > 0)) return -kInf;
    sum += ws.weight[i] * std::log(gain);
  }
  return sum;
}

// Gradient and Newton step over the n active issues at ws.offer.terms:
// ∇ = Σ w_i u'_i/G_i, ∇² = Σ w_i (diag(u''_i)/G_i − u'_i u'_iᵀ/G_i²), step
// = −(∇²)⁻¹∇ by Cholesky of −∇² (concave objective; a tiny relative ridge).
// At an ideal of an actor with r < 2 the curvature is infinite: it is capped
// at kCurvatureCap, and ws.capped[u] notes it (the step there is then only
// a nudge off the ideal, not evidence of convergence).
bool Nash::NewtonDirection(NashWorkspace& ws, int n) const {
  const double* x = ws.offer.terms.data();
  double *grad = ws.grad.data(), *a = ws.hess.data(), *p = ws.step.data();
  std::fill(grad, grad + n, 0.0), std::fill(a, a + n * n, 0.0);
  std::fill(ws.capped.begin(), ws.capped.end(), 0);
  for (int i : s_->veto_actors) {
    const double gain = ws.solver.Utility(i, x) - ws.d[i], wi = ws.weight[i];
    if (!(gain > 0)) return false;
    double* d = &ws.slope[static_cast<size_t>(i) * n];
    for (int u = 0; u < n; ++u) {
      const int c = ws.active[u], k = ws.solver.ContinuousIssue(c);
      d[u] = ws.solver.Derivative(i, c, x[k]);
      grad[u] += wi * d[u] / gain;
      const double curvature = ws.solver.Curvature(i, c, x[k]);
      if (curvature < -kCurvatureCap) ws.capped[u] = 1;
      a[u * n + u] -= wi * std::fmax(curvature, -kCurvatureCap) / gain;
    }
    for (int u = 0; u < n; ++u)
      for (int v = 0; v <= u; ++v) a[u * n + v] += wi * d[u] * d[v] / (gain * gain);
  }
  for (int u = 0; u < n; ++u) a[u * n + u] = a[u * n + u] * (1 + 1e-13) + 1e-300;
  for (int u = 0; u < n; ++u)
    for (int v = 0; v <= u; ++v) {
      double sum = a[u * n + v];
      for (int t = 0; t < v; ++t) sum -= a[u * n + t] * a[v * n + t];
      if (u == v && !(sum > 0)) return false;
      a[u * n + v] = u == v ? std::sqrt(sum) : sum / a[v * n + v];
    }
  for (int u = 0; u < n; ++u) {
    double sum = grad[u];
    for (int t = 0; t < u; ++t) sum -= a[u * n + t] * p[t];
    p[u] = sum / a[u * n + u];
  }
  for (int u = n - 1; u >= 0; --u) {
    double sum = p[u];
    for (int t = u + 1; t < n; ++t) sum -= a[t * n + u] * p[t];
    p[u] = sum / a[u * n + u];
  }
  return true;
}

// Damped Newton on the continuous issues from the anchor (every veto actor
// gains there): backtracking keeps every gain positive and makes the
// objective rise (Armijo). Converged when a full step would move no issue by
// more than kNewtonMove (quadratic convergence: that is the error left).
// False when it fails to converge; ws.offer.terms keeps the best point.
bool Nash::Newton(NashWorkspace& ws) const {
  int n = 0;
  for (int c = 0; c < ws.solver.NumContinuous(); ++c) {
    bool cared = false;
    for (int i : s_->veto_actors) cared |= ws.solver.Salience(i, c) > 0;
    if (cared) ws.active[n++] = c;
  }
  double* x = ws.offer.terms.data();
  double value = Objective(ws, x);
  for (int it = 0; it < kMaxNewton; ++it) {
    if (!NewtonDirection(ws, n)) return false;
    double move = 0, rise = 0;
    bool nudge = false;  // a capped coordinate with a slope: not converged
    for (int u = 0; u < n; ++u) {
      move = std::fmax(move, std::fabs(ws.step[u])), rise += ws.grad[u] * ws.step[u];
      nudge |= ws.capped[u] && ws.grad[u] != 0;
    }
    if (move <= kNewtonMove && !nudge) return true;
    bool accepted = false;
    for (double alpha = 1; alpha > 1e-12 && !accepted; alpha *= 0.5) {
      std::copy(x, x + issues_, ws.trial.begin());
      for (int u = 0; u < n; ++u) {
        const int k = ws.solver.ContinuousIssue(ws.active[u]);
        ws.trial[k] = std::fmin(1.0, std::fmax(0.0, x[k] + alpha * ws.step[u]));
      }
      const double next = Objective(ws, ws.trial.data());
      // A full step whose predicted rise is below the objective's rounding
      // (the last steps) is taken as long as everyone still gains.
      const bool unseen = alpha == 1 && rise <= 1e-13 * (1 + std::fabs(value)) && next != -kInf;
      if (unseen || next >= value + 1e-4 * alpha * rise - 1e-15 * (1 + std::fabs(value))) {
        std::copy(ws.trial.begin(), ws.trial.end(), x);
        value = next, accepted = true;
      }
    }
    if (!accepted) return move <= 1e3 * kNewtonMove && !nudge;  // stalled at rounding
  }
  return false;
}

void Nash::Play(const World& drawn, Workspace& workspace, Outcome& out, Trace* trace) const {
  auto& ws = static_cast<NashWorkspace&>(workspace);
  // With events or dynamics, round 0's events fire first, and the
  // disagreement point is the war for good along its expected path.
  if (shocks_) {
    ws.ledger.Start(drawn);
    TraceStep* step = trace ? &trace->steps.emplace_back() : nullptr;
    ws.ledger.Shock(0, out, step);  // round 0 moves no front: only a fired event changes the war
    ws.ledger.NoDealValues(0, 0, ws.d.data());
    if (step && step->events.empty() && step->status_quo.size() == 0) trace->steps.pop_back();
    else if (step) step->note = "shocks before the Nash point";
  } else {
    std::copy(drawn.flow.data(), drawn.flow.data() + actors_, ws.d.begin());
  }
  const World& w = shocks_ ? ws.ledger.world() : drawn;
  ws.solver.Load(*s_, w);
  const std::vector<double>& given = s_->protocol.weights;
  for (int i = 0; i < actors_; ++i)
    ws.weight[i] = given.size() == static_cast<size_t>(actors_) ? given[i] : w.capability[i];
  out.deal = false, out.round = -1, out.proposer = -1;
  for (int i = 0; i < actors_; ++i) {
    // The no-deal value on the realised path (after round 0's shocks): gains are measured against it.
    out.no_deal_value[i] = out.value[i] = ws.d[i];
  }
  // Best Nash product over the ordinal level combinations.
  double best = -kInf;
  bool found = false;
  for (long long combo = 0; first_ >= 0 && combo < ws.solver.NumCombos(); ++combo) {
    double product;
    if (!SolveCombo(ws, combo, product) || (found && product <= best)) continue;
    found = true, best = product;
    std::copy(ws.offer.terms.begin(), ws.offer.terms.end(), ws.best_terms.begin());
  }
  if (!found) {
    out.cause = NoDealCause::NoZone;
    if (trace) trace->notes.push_back("no zone of agreement: no terms give every veto actor more than its no-deal value");
    return;
  }
  out.deal = true, out.round = 0, out.cause = NoDealCause::None;
  for (int k = 0; k < issues_; ++k) out.terms[k] = ws.best_terms[k];
  for (int i = 0; i < actors_; ++i) out.value[i] = ws.solver.Utility(i, ws.best_terms.data());
  if (trace) {
    trace->notes.push_back("asymmetric Nash bargaining solution; weighted log-gain sum " + FormatNumber(best));
    TraceStep& step = trace->steps.emplace_back();
    step.round = 0, step.offered = true, step.deal = true;
    step.terms = Eigen::Map<const Eigen::ArrayXd>(ws.best_terms.data(), issues_);
    for (int i : s_->veto_actors) step.answers.push_back({i, out.value[i], ws.d[i], true});
    step.note = "the Nash point is agreed at once";
  }
}

}  // namespace

std::unique_ptr<Protocol> MakeNash(const Scenario& scenario) { return std::make_unique<Nash>(scenario); }

}  // namespace parley

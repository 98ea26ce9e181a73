// The recursive method of the proposer problem (offer_solver.h): responders
// one at a time, each with a bracketed root search on its multiplier around
// the problem with one responder fewer. Used for non-smooth problems, as the
// fast path's fallback, and always under Method::kRecursive.
#include <algorithm>
#include <limits>

#include "core/numbers.h"
#include "protocols/offer_solver.h"

namespace parley {

namespace {

constexpr double kTight = 1e-15;    // a constraint this close to binding is binding
constexpr double kClose = 1e-13;    // bracket ends this close: finish on the segment
constexpr double kCertify = 1e-14;  // dual gap accepted as zero (linear losses)

}  // namespace

void OfferSolver::Argmin(const double* weights, double* x) {
  const int kc = static_cast<int>(continuous_.size());
  for (int c = 0; c < kc; ++c) {
    int n = 0;
    for (int i = 0; i < n_; ++i) {
      const int a = part_[i];
      double w = weights[i] * salience_(a, c);
      if (w > 0) terms_[n++] = {w, ideal_(a, c), risk_[a]};
    }
    // Nobody the objective weighs cares: settle by everyone present, else status quo.
    if (n == 0)
      for (int i = 0; i < n_; ++i) {
        const int a = part_[i];
        if (salience_(a, c) > 0) terms_[n++] = {salience_(a, c), ideal_(a, c), risk_[a]};
      }
    x[c] = n == 0 ? status_quo_[c] : IssueArgmin(terms_.data(), n);
  }
}

double OfferSolver::Loss(int participant, const double* x) const {
  const int a = part_[participant];
  double loss = 0;
  for (size_t c = 0; c < continuous_.size(); ++c)
    loss += salience_(a, c) * LossPower(x[c] - ideal_(a, c), risk_[a]);
  return loss;
}

// Minimises Σ weights_i·L_i subject to L_j <= B_j for participants 1..m.
// nu[1..m] receives the multipliers in the units of `weights`.
bool OfferSolver::SolveLevel(int m, const double* weights, double* x, double* nu) {
  if (m == 0) {
    Argmin(weights, x);
    return true;
  }
  Level& s = scratch_[m];
  s.outer = weights;
  // Responder m aside: if the best point for the objective suits it, done.
  const double f0 = Evaluate(m, 0.0, 0);
  if (f0 == kInf) return false;
  if (f0 <= 0) {
    std::copy(s.x[0].begin(), s.x[0].end(), x);
    std::copy(s.nu[0].begin(), s.nu[0].begin() + m, nu);
    nu[m] = 0;
    return true;
  }
  // Responder m's own best point (t = 1): if even that falls short, infeasible.
  const double f1 = Evaluate(m, 1.0, 1);
  if (f1 > kFeasibleTol) return false;
  Bracket br{0.0, f0, 1.0, std::min(f1, 0.0), 0, 1};
  const double t = Search(m, br);
  // The answer: the feasible end if binding, else the root on the segment.
  if (br.fb >= -kTight)
    std::copy(s.x[br.slot_b].begin(), s.x[br.slot_b].end(), x);
  else
    Segment(m, s.x[br.slot_a].data(), s.x[br.slot_b].data(), br.fa, br.fb, x);
  // Back to the units of `weights`: divide by the objective's share 1 − t.
  const double share = 1 - t;
  for (int j = 1; j < m; ++j) nu[j] = share > 0 ? s.nu[br.slot_b][j] / share : kInf;
  nu[m] = share > 0 ? t / share : kInf;
  return true;
}

// x(t) into slot: the inner problem with objective (1−t)·outer + t·L_m.
// Returns L_m(x(t)) − B_m, or +inf when the inner problem is infeasible.
double OfferSolver::Evaluate(int m, double t, int slot) {
  Level& s = scratch_[m];
  for (int i = 0; i < n_; ++i) s.weights[i] = (1 - t) * s.outer[i] + (i == m ? t : 0.0);
  if (!SolveLevel(m - 1, s.weights.data(), s.x[slot].data(), s.nu[slot].data())) return kInf;
  double objective = 0;
  for (int i = 0; i < n_; ++i)
    if (s.outer[i] != 0) objective += s.outer[i] * Loss(i, s.x[slot].data());
  s.objective[slot] = objective;
  return Loss(m, s.x[slot].data()) - bound_[m];
}

// Whether the two bracket ends' points are within kClose on every issue.
bool OfferSolver::Close(int m, const Bracket& br) const {
  const Level& s = scratch_[m];
  const double *xa = s.x[br.slot_a].data(), *xb = s.x[br.slot_b].data();
  for (size_t c = 0; c < continuous_.size(); ++c)
    if (std::fabs(xa[c] - xb[c]) > kClose) return false;
  return true;
}

// Root search on t for L_m(x(t)) = B_m. Smooth losses: regula falsi with the
// Illinois correction, until the ends are within kClose or the feasible end
// binds. Linear losses: x(t) is piecewise constant and the dual function
// φ(t) = min (1−t)·F + t·(L_m − B_m) piecewise linear, so Kelley's cutting
// plane: try where the two ends' tangent lines cross; when φ reaches the
// lines there, both ends minimise the Lagrangian at that t and the segment
// between them holds the exact answer. Smooth searches that stall (a
// near-jump) take a cutting-plane step too. Returns the multiplier's t.
double OfferSolver::Search(int m, Bracket& br) {
  Level& s = scratch_[m];
  Illinois illinois(br);
  double width_mark = br.b - br.a;
  for (int it = 0; it < 400 && br.fb < -kTight && !Close(m, br); ++it) {
    const double Fa = s.objective[br.slot_a], Fb = s.objective[br.slot_b];
    const double sa = br.fa - Fa, sb = br.fb - Fb;  // slopes of the lines F + t·(f − F)
    bool cutting = linear_;
    if (!linear_ && it % 3 == 2) {
      cutting = br.b - br.a > 0.5 * width_mark;
      width_mark = br.b - br.a;
    }
    double t = cutting ? (Fb - Fa) / (sa - sb) : illinois.Secant(br);
    if (!(t > br.a && t < br.b)) t = 0.5 * (br.a + br.b), cutting = false;
    if (t <= br.a || t >= br.b) break;
    const int slot = 3 - br.slot_a - br.slot_b;
    const double f = Evaluate(m, t, slot);
    const double line = Fa + t * sa;
    if (cutting && (1 - t) * s.objective[slot] + t * f >= line - kCertify * (1 + std::fabs(line))) return t;
    illinois.Accept(br, t, f, slot);
  }
  return br.b;
}

// The point of the segment xa → xb where L_m = B_m (L_m convex on it, above
// B_m at xa, not above at xb). Returns the feasible side of the final bracket.
void OfferSolver::Segment(int m, const double* xa, const double* xb, double fa, double fb, double* x) {
  const int kc = static_cast<int>(continuous_.size());
  double* point = scratch_[m].x[3].data();
  // Interpolated from the nearer end, so both ends are reproduced exactly.
  auto at = [&](double alpha, double* out) {
    for (int c = 0; c < kc; ++c)
      out[c] = alpha <= 0.5 ? xa[c] + alpha * (xb[c] - xa[c]) : xb[c] + (1 - alpha) * (xa[c] - xb[c]);
  };
  auto eval = [&](double alpha, int) {
    at(alpha, point);
    return Loss(m, point) - bound_[m];
  };
  Bracket br{0.0, fa, 1.0, fb, 0, 1};
  ShrinkBracket(br, kTight, eval, [](const Bracket&) { return false; });
  at(br.b, x);
}

// The recursive method on the current combination and bounds.
bool OfferSolver::SolveRecursive(double* terms, double* multiplier, double& utility) {
  double* weights = scratch_[0].weights.data();
  std::fill(weights, weights + n_, 0.0);
  weights[0] = 1.0;
  if (!SolveLevel(n_ - 1, weights, x_.data(), nu_.data())) return false;
  WriteTerms(x_.data(), terms);
  for (int j = 1; j < n_; ++j) multiplier[j - 1] = nu_[j];
  utility = Utility(part_[0], terms);
  return true;
}

}  // namespace parley

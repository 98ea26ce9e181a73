#include "protocols/dual_newton.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "core/numbers.h"
#include "protocols/numerics.h"

namespace parley {

namespace {

constexpr int kMaxIterations = 60;
constexpr int kMaxHalvings = 40;
constexpr double kArmijo = 1e-4;
constexpr double kRidge = 1e-13;        // relative ridge on the Newton matrix
constexpr double kHugeInverse = 1e200;  // 1/h_c where h_c underflows (finite: no 0·inf)
constexpr double kRayCheck = 1e3;       // |λ| from which infeasibility is checked directly
constexpr double kTinyBound = 1e-9;     // smaller bounds: left to the recursive method
constexpr double kMove = 1e-14;         // converged when Newton would move the terms less

}  // namespace

void DualNewton::Resize(int participants, int kc) {
  const int n = participants;
  s_.assign(static_cast<size_t>(kc) * n, 0.0), th_.assign(static_cast<size_t>(kc) * n, 0.0);
  r_.assign(n, 0.0), sq_.assign(kc, 0.0);
  quad_.assign(kc, 0), cared_.assign(kc, 0);
  for (State* st : {&a_, &b_, &probe_}) {
    st->lambda.assign(n, 0.0), st->x.assign(kc, 0.0), st->loss.assign(n, 0.0);
    st->phi.assign(static_cast<size_t>(kc) * n, 0.0), st->hinv.assign(kc, 0.0);
  }
  weights_.assign(n, 0.0), dir_.assign(n, 0.0), rhs_.assign(n, 0.0), pivot_.assign(n, 0.0);
  chol_.assign(static_cast<size_t>(n) * n, 0.0), free_.assign(n, 0), index_.assign(n, 0);
  terms_.assign(n, IssueTerm{});
}

bool DualNewton::Load(int n, const int* part, const Eigen::ArrayXXd& salience, const Eigen::ArrayXXd& ideal,
                      const Eigen::ArrayXd& risk, const double* status_quo) {
  n_ = n, kc_ = static_cast<int>(salience.cols());
  for (int i = 0; i < n; ++i) r_[i] = risk[part[i]];
  pmax_ = 0;
  quadratic_ = true;
  for (int c = 0; c < kc_; ++c) {
    sq_[c] = status_quo[c];
    bool cared = false, quad = true;
    for (int i = 0; i < n; ++i) {
      const double s = salience(part[i], c), th = ideal(part[i], c);
      s_[c * n + i] = s, th_[c * n + i] = th;
      if (s <= 0) continue;
      // A kink (r = 1) makes x(λ) jump: the recursive method handles it.
      if (!(r_[i] > 1)) return false;
      cared = true, quad &= r_[i] == 2.0;
    }
    // Without the proposer's weight, x_c(λ) is not unique where λ vanishes.
    if (cared && !(s_[c * n] > 0)) return false;
    cared_[c] = cared, quad_[c] = quad;
    quadratic_ &= quad;
    if (cared) pmax_ += s_[c * n] * LossPower(std::max(th_[c * n], 1 - th_[c * n]), r_[0]);
  }
  return true;
}

// x_c minimising Σ_i weights_i·s_ic|x − θ_ic|^{r_i}; the status quo where nobody weighed cares.
double DualNewton::IssuePoint(int c, const double* weights, double guess) {
  const double *s = &s_[c * n_], *th = &th_[c * n_];
  IssueTerm* terms = terms_.data();
  int m = 0;
  for (int i = 0; i < n_; ++i)
    if (weights[i] * s[i] > 0) terms[m++] = {weights[i] * s[i], th[i], r_[i]};
  return m == 0 ? sq_[c] : SmoothArgmin(terms, m, guess);
}

// Quadratic issue: x_c is the weighted mean, φ_ic = 2s(x − θ), h_c = 2Σ w s.
void DualNewton::QuadraticIssue(State& st, int c, const double* weights) {
  const int n = n_;
  const double *s = &s_[c * n], *th = &th_[c * n];
  double sum = 0, total = 0;
  for (int i = 0; i < n; ++i) {
    const double w = weights[i] * s[i];
    sum += w * th[i], total += w;
  }
  const double inverse = 1 / total, x = total > 0 ? sum * inverse : sq_[c];
  double *phi = &st.phi[c * n], *loss = st.loss.data();
  for (int i = 0; i < n; ++i) {
    const double d = x - th[i], sd = s[i] * d;
    loss[i] += sd * d, phi[i] = 2 * sd;
  }
  st.x[c] = x;
  st.hinv[c] = total > 0 ? 0.5 * inverse : kHugeInverse;
}

// Losses, first derivatives φ_ic and 1/h_c of issue c at st.x[c].
void DualNewton::IssueTerms(State& st, int c, const double* weights) {
  const double x = st.x[c], *s = &s_[c * n_], *th = &th_[c * n_];
  double* phi = &st.phi[c * n_];
  double h = 0;
  for (int i = 0; i < n_; ++i) {
    phi[i] = 0;
    if (s[i] == 0) continue;
    const double d = x - th[i], ad = std::fabs(d), r = r_[i];
    const double p = PowerBelow(ad, r);
    st.loss[i] += s[i] * p * ad;
    phi[i] = s[i] * r * (d > 0 ? p : -p);
    if (weights[i] == 0) continue;
    // Curvature of |d|^r: infinite at the ideal when r < 2, zero when r > 2.
    const double curv = r == 2.0 ? 2 * s[i] : (ad > 0 ? s[i] * r * (r - 1) * p / ad : (r < 2 ? kInf : 0.0));
    h += weights[i] * curv;
  }
  st.hinv[c] = h == kInf ? 0.0 : (h > 1.0 / kHugeInverse ? 1.0 / h : kHugeInverse);
}

// x(λ) for st.lambda, with the proposer weighted proposer_weight (1, or 0 for
// the infeasibility certificate), and q = Lagrangian at x(λ).
void DualNewton::Evaluate(State& st, double proposer_weight, const double* guess) {
  ++evaluations_;
  double* weights = weights_.data();
  weights[0] = proposer_weight;
  for (int j = 1; j < n_; ++j) weights[j] = st.lambda[j];
  for (int i = 0; i < n_; ++i) st.loss[i] = 0;
  for (int c = 0; c < kc_; ++c) {
    if (!cared_[c]) {
      st.x[c] = sq_[c], st.hinv[c] = 0;
      for (int i = 0; i < n_; ++i) st.phi[c * n_ + i] = 0;
    } else if (quad_[c]) {
      QuadraticIssue(st, c, weights);
    } else {
      st.x[c] = IssuePoint(c, weights, guess ? guess[c] : -1.0);
      IssueTerms(st, c, weights);
    }
  }
  double q = proposer_weight * st.loss[0];
  for (int j = 1; j < n_; ++j) q += st.lambda[j] * (st.loss[j] - bound_[j]);
  st.q = q;
}

// KKT residual: violation, or slack where the multiplier is positive.
double DualNewton::Residual(const State& st) const {
  double res = 0;
  for (int j = 1; j < n_; ++j) {
    const double g = st.loss[j] - bound_[j];
    res = std::max(res, st.lambda[j] > 0 ? std::fabs(g) : g);
  }
  return res;
}

// The Newton direction dir_ on the free multipliers (free_ = 1); those at
// most eps with a slack constraint are fixed (free_ = 0) and head for 0. False when
// the Newton matrix is not positive definite even with the ridge.
bool DualNewton::Step(const State& cur, double eps) {
  int f = 0;
  int* index = index_.data();
  for (int j = 1; j < n_; ++j) {
    const double g = cur.loss[j] - bound_[j];
    free_[j] = cur.lambda[j] > eps || g > 0;
    dir_[j] = 0;
    if (free_[j]) index[f++] = j;
  }
  // Newton matrix −∇²q on the free set: Σ_c φ_jc φ_kc / h_c, with a tiny
  // ridge relative to each diagonal entry (singular with more free
  // multipliers than issues, or responders alike).
  double* a = chol_.data();
  for (int u = 0; u < f; ++u)
    for (int v = 0; v <= u; ++v) {
      double sum = 0;
      for (int c = 0; c < kc_; ++c)
        sum += cur.phi[c * n_ + index[u]] * cur.phi[c * n_ + index[v]] * cur.hinv[c];
      a[u * f + v] = u == v ? sum * (1 + kRidge) + 1e-300 : sum;
    }
  if (!Factor(f)) return false;
  // Quadratic losses: Newton on L_j^(−1/2) = B_j^(−1/2), which is linear in λ
  // for one issue and one responder and nearly so otherwise: the same matrix
  // with the residual 2L(√(L/B) − 1) for L − B (equal to first order).
  double ascent = 0;
  for (int u = 0; u < f; ++u) {
    const double loss = cur.loss[index[u]], bound = bound_[index[u]];
    rhs_[u] = quadratic_ && loss > 0 && bound > 0 ? 2 * loss * (std::sqrt(loss / bound) - 1) : loss - bound;
  }
  Substitute(f);
  for (int u = 0; u < f; ++u) ascent += (cur.loss[index[u]] - bound_[index[u]]) * rhs_[u];
  // Not an ascent direction for q (far from the solution): the plain step.
  if (quadratic_ && !(ascent > 0)) {
    for (int u = 0; u < f; ++u) rhs_[u] = cur.loss[index[u]] - bound_[index[u]];
    Substitute(f);
  }
  for (int u = 0; u < f; ++u) dir_[index[u]] = rhs_[u];
  return true;
}

// Cholesky of the f×f matrix in chol_, in place (lower triangle); pivot_
// keeps the reciprocals of the diagonal.
bool DualNewton::Factor(int f) {
  double* a = chol_.data();
  for (int u = 0; u < f; ++u)
    for (int v = 0; v <= u; ++v) {
      double sum = a[u * f + v];
      for (int w = 0; w < v; ++w) sum -= a[u * f + w] * a[v * f + w];
      if (u != v) {
        a[u * f + v] = sum * pivot_[v];
        continue;
      }
      if (!(sum > 0)) return false;
      a[u * f + u] = std::sqrt(sum), pivot_[u] = 1 / a[u * f + u];
    }
  return true;
}

// rhs_ ← (L Lᵀ)⁻¹ rhs_ with the factor in chol_.
void DualNewton::Substitute(int f) {
  const double* a = chol_.data();
  double* b = rhs_.data();
  for (int u = 0; u < f; ++u) {
    double sum = b[u];
    for (int w = 0; w < u; ++w) sum -= a[u * f + w] * b[w];
    b[u] = sum * pivot_[u];
  }
  for (int u = f - 1; u >= 0; --u) {
    double sum = b[u];
    for (int w = u + 1; w < f; ++w) sum -= a[w * f + u] * b[w];
    b[u] = sum * pivot_[u];
  }
}

// Largest change of the terms the Newton step dir_ predicts (dx_c/dλ_j =
// −φ_jc/h_c), fixed multipliers going to 0.
double DualNewton::TermsMove(const State& cur) const {
  double move = 0;
  for (int c = 0; c < kc_; ++c) {
    double sum = 0;
    for (int j = 1; j < n_; ++j) sum += cur.phi[c * n_ + j] * (free_[j] ? dir_[j] : -cur.lambda[j]);
    move = std::max(move, std::fabs(sum * cur.hinv[c]));
  }
  return move;
}

// Backtracking along the projected Newton path until q rises enough (Armijo);
// on success the trial point becomes current.
bool DualNewton::Search(State*& cur, State*& trial) {
  // q is a sum of terms of this size: changes below its rounding are noise.
  double scale = std::fabs(cur->loss[0]) + 1;
  for (int j = 1; j < n_; ++j) scale += cur->lambda[j] * (cur->loss[j] + bound_[j]);
  // Trust radius: a multiplier grows at most 4-fold (or to 1) per step, which
  // tames the infinite steps where x sits at an ideal with r < 2.
  double top = 0, longest = 0;
  for (int j = 1; j < n_; ++j) top = std::max(top, cur->lambda[j]);
  for (int j = 1; j < n_; ++j) longest = std::max(longest, free_[j] ? std::fabs(dir_[j]) : 0.0);
  const double radius = std::max(1.0, 4 * top);
  double alpha = longest > radius ? radius / longest : 1.0;
  for (int half = 0; half < kMaxHalvings; ++half, alpha *= 0.5) {
    double predicted = 0;
    trial->lambda[0] = 1;
    for (int j = 1; j < n_; ++j) {
      // Fixed multipliers head for 0 with the step: (1 − α)·λ_j.
      const double next =
          free_[j] ? std::max(0.0, cur->lambda[j] + alpha * dir_[j]) : (1 - alpha) * cur->lambda[j];
      trial->lambda[j] = next;
      predicted += (cur->loss[j] - bound_[j]) * (next - cur->lambda[j]);
    }
    Evaluate(*trial, 1.0, cur->x.data());
    // A full step whose predicted rise is below q's rounding (the last
    // steps) is taken: Armijo cannot see it.
    const bool unseen = alpha == 1 && predicted <= 1e-13 * scale;
    if (unseen || trial->q >= cur->q + kArmijo * predicted - 1e-15 * scale) {
      std::swap(cur, trial);
      return true;
    }
  }
  return false;
}

// With μ = λ/|λ|: min_x Σ μ_j (L_j − B_j) > kCertify proves no x meets every bound.
bool DualNewton::CertifyInfeasible(const State& cur, State& probe) {
  double total = 0;
  for (int j = 1; j < n_; ++j) total += cur.lambda[j];
  if (!(total > 0)) return false;
  for (int j = 1; j < n_; ++j) probe.lambda[j] = cur.lambda[j] / total;
  Evaluate(probe, 0.0, cur.x.data());
  return probe.q > kCertify;
}

// At λ = 0, x = θ_p: with r_p > 2 the dual's curvature is infinite there and
// with r_p < 2 zero, so Newton steps are useless. Instead search the ray
// λ = τ·v (v: the violations, the largest scaled to 1) for where q stops
// rising: factors of 64 until the slope v·g changes sign, then three
// geometric bisections; the best point seen becomes current.
void DualNewton::Seed(State*& cur, State*& trial) {
  double top = 0;
  for (int j = 1; j < n_; ++j) top = std::max(top, cur->loss[j] - bound_[j]);
  for (int j = 1; j < n_; ++j) dir_[j] = std::max(cur->loss[j] - bound_[j], 0.0) / top;
  auto slope_at = [&](double tau) {
    for (int j = 1; j < n_; ++j) trial->lambda[j] = tau * dir_[j];
    Evaluate(*trial, 1.0, cur->x.data());
    double slope = 0;
    for (int j = 1; j < n_; ++j) slope += dir_[j] * (trial->loss[j] - bound_[j]);
    if (trial->q > cur->q) std::swap(cur, trial);
    return slope;
  };
  double lo = 0, hi = 0, tau = 1;
  const double first = slope_at(tau);
  for (int k = 0; k < 10; ++k) {
    if (first > 0 ? slope_at(tau * 64) > 0 : slope_at(tau / 64) <= 0)
      tau = first > 0 ? tau * 64 : tau / 64;
    else
      break;
  }
  lo = first > 0 ? tau : tau / 64, hi = first > 0 ? tau * 64 : tau;
  for (int k = 0; k < 3; ++k) {
    const double mid = std::sqrt(lo * hi);
    (slope_at(mid) > 0 ? lo : hi) = mid;
  }
}

DualNewton::Status DualNewton::Solve(const double* bound, double cutoff, double* lambda, double* x) {
  bound_ = bound;
  iterations_ = evaluations_ = 0;
  value_ = -kInf;
  State *cur = &a_, *trial = &b_, *spare = &probe_;
  int seeds = 0;
  cur->lambda[0] = 1;
  for (int j = 1; j < n_; ++j) cur->lambda[j] = std::max(lambda[j], 0.0);
  Evaluate(*cur, 1.0, nullptr);
  // A violated bound near 0 asks for a responder's ideal: λ_j → ∞.
  for (int j = 1; j < n_; ++j)
    if (bound_[j] < kTinyBound && cur->loss[j] - bound_[j] > kAccept) return Status::kUnknown;
  double next_check = kRayCheck;
  bool solved = false;
  for (;;) {
    // Weak duality: q(λ) is a lower bound on the proposer's least loss.
    value_ = cur->q;
    if (Dominates(cur->q, cutoff)) {
      for (int j = 1; j < n_; ++j) lambda[j] = cur->lambda[j];  // a start that prunes again
      return Status::kDominated;
    }
    if (cur->q > pmax_ + kCertify) return Status::kInfeasible;
    const double res = Residual(*cur);
    if (iterations_++ >= kMaxIterations) break;
    // At λ = 0 with r_p != 2 Newton is blind (see Seed).
    bool zero = r_[0] != 2.0 && seeds < 2 && res > 0;
    for (int j = 1; j < n_; ++j) zero &= cur->lambda[j] == 0;
    if (zero) {
      ++seeds;
      Seed(cur, trial);
      continue;
    }
    // Bertsekas' ε: how far λ is from stationarity for the bound λ >= 0.
    double eps = 0;
    for (int j = 1; j < n_; ++j) {
      const double g = cur->loss[j] - bound_[j];
      eps = std::max(eps, g >= 0 ? g : std::min(cur->lambda[j], -g));
    }
    const bool step = Step(*cur, std::min(eps, 1e-3));
    // Converged: bounds met and the terms would move by less than kMove.
    if (res <= kAccept && (!step || TermsMove(*cur) <= kMove)) {
      solved = true;
      break;
    }
    if (!step || !Search(cur, trial)) break;
    // A multiplier growing without bound while a bound stays violated.
    double total = 0;
    for (int j = 1; j < n_; ++j) total += cur->lambda[j];
    if (total > next_check && Residual(*cur) > kAccept) {
      next_check *= 16;
      if (CertifyInfeasible(*cur, *spare)) return Status::kInfeasible;
    }
  }
  if (!solved) return Status::kUnknown;
  for (int j = 1; j < n_; ++j) lambda[j] = cur->lambda[j];
  std::copy(cur->x.begin(), cur->x.begin() + kc_, x);
  return Status::kSolved;
}

}  // namespace parley

#include "protocols/screening.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/numbers.h"

namespace parley {


void ScreeningSolver::Resize(const Scenario& scenario, const std::vector<int>& proposers,
                             const std::vector<double>& weights, bool random, int screened,
                             const Distribution* prior) {
  s_ = &scenario;
  actors_ = scenario.NumActors(), horizon_ = scenario.horizon, j_ = screened;
  proposers_ = proposers, weights_ = weights, random_ = random, prior_ = prior;
  known_.assign(proposers_.size(), {});
  for (size_t q = 0; q < proposers_.size(); ++q)
    for (int k : scenario.veto_actors)
      if (k != proposers_[q] && k != j_) known_[q].push_back(k);
  max_slots_ = random_ ? static_cast<int>(proposers_.size()) : 1;
  point_cap_ = (kKnots + 1) + 2 * kMaxJumps;  // the knots, merged with jumps (two points) and kinks
  stage_s_.assign(kKnots + 1, 0.0), stage_v_.assign((kKnots + 1) * actors_, 0.0);
  column_cap_ = kKnots + 1 + 2 * kMaxJumps;
  const size_t H = horizon_, A = actors_;
  war_.assign((H + 1) * A, 0.0), flow_.assign(H * A, 0.0);
  knot_cost_.resize(kKnots + 1), knot_s_.resize(kKnots + 1);
  for (int k = 0; k <= kKnots; ++k) knot_s_[k] = KnotLevel(k), knot_cost_[k] = Quantile(knot_s_[k]);
  prior_breaks_.clear();
  if (prior_->kind == DistKind::Triangular && prior_->mode > prior_->low && prior_->mode < prior_->high)
    prior_breaks_.push_back((prior_->mode - prior_->low) / (prior_->high - prior_->low));
  points_.assign(H + 1, 0);
  ps_.assign(H * point_cap_, 0.0), pv_.assign(H * point_cap_ * A, 0.0), pf_.assign(H * point_cap_, 0);
  columns_.assign(H, 0);
  cs_.assign(H * column_cap_, 0.0), ct_.assign(H * column_cap_, 0.0);
  cc_.assign(H * column_cap_ * A, 0.0), cu_.assign(H * column_cap_ * max_slots_ * A, 0.0);
  cf_.assign(H * column_cap_ * max_slots_, 0);
  v_scratch_.assign(A, 0.0), dv_scratch_.assign(A, 0.0), c_scratch_.assign(A, 0.0), u_scratch_.assign(A, 0.0);
  thresholds_.assign(A, 0.0), row_v_.assign(A, 0.0), left_v_.assign(A, 0.0), right_v_.assign(A, 0.0);
  responders_.assign(A, 0);
  row_col_.assign((kKnots + 1) * max_slots_, -1);
  row_cut_.assign((kKnots + 1) * max_slots_, 0.0), row_regime_.assign((kKnots + 1) * max_slots_, -1);
  first_feasible_.assign(max_slots_, -1);
  pieces_.assign(H + 1, 0);
  piece_lo_.assign(H * kMaxPieces, 0.0), piece_hi_.assign(H * kMaxPieces, 0.0), piece_degree_.assign(H * kMaxPieces, 0);
  v0_.assign(H * A, 0.0);
  piece_coef_.assign(H * kMaxPieces * A * (kMaxDegree + 1), 0.0);
  fit_rhs_.assign((kMaxDegree + 1) * A, 0.0), fit_keep_.assign((kMaxDegree + 1) * A, 0.0), fit_value_.assign(A, 0.0), fit_slope_.assign(A, 0.0);
  special_.resize(kMaxJumps);
  jumps_.assign(H + 1, 0), round_jumps_.resize(H * kMaxJumps);
}

int ScreeningSolver::SlotProposer(int t, int slot) const {
  return random_ ? proposers_[slot] : proposers_[t % static_cast<int>(proposers_.size())];
}
double ScreeningSolver::SlotWeight(int, int slot) const { return random_ ? weights_[slot] : 1.0; }

// Knot k's level: Chebyshev points, dense at both ends, where a prior whose
// density vanishes there makes the cost grow like a root of the level and
// where the first rounds' small states lie.
double ScreeningSolver::KnotLevel(int k) {
  if (k <= 0) return 0;
  if (k >= kKnots) return 1;
  return 0.5 * (1 - std::cos(3.14159265358979323846 * k / kKnots));
}

int ScreeningSolver::KnotOf(double s) const {
  const int k = static_cast<int>(std::lround(kKnots * std::acos(std::clamp(1 - 2 * s, -1.0, 1.0)) / 3.14159265358979323846));
  return k >= 0 && k <= kKnots && std::fabs(knot_s_[k] - s) <= 1e-14 ? k : -1;
}

double ScreeningSolver::Cost(double s) const {
  const int k = KnotOf(s);
  if (k >= 0) return knot_cost_[k] + offset_;
  return Quantile(s) + offset_;
}

// The prior's quantile, pulled in by 1e-12 where the support is unbounded.
double ScreeningSolver::Quantile(double s) const {
  const double q = prior_->Quantile(std::clamp(s, 0.0, 1.0));
  return std::isfinite(q) ? q : prior_->Quantile(std::clamp(s, 1e-12, 1 - 1e-12));
}

// Round t's functions at s: linear between points, the right-hand limit at a
// jump. At the horizon the war goes on for good.
void ScreeningSolver::Evaluate(int t, double s, double* G, double* V) const {
  const int A = actors_;
  if (t >= horizon_) {
    for (int i = 0; i < A; ++i) V[i] = war_[static_cast<size_t>(horizon_) * A + i];
    V[j_] = war_[static_cast<size_t>(horizon_) * A + j_] + cj_true_ - Cost(s);
    *G = V[j_];
    return;
  }
  // Stored: mass × value for every actor but j (smooth where the values
  // are), the top type's value for j. Returned: values per unit mass.
  PieceAt(t, s, V, fit_slope_.data());
  for (int i = 0; i < A; ++i)
    if (i != j_) V[i] = s > 1e-12 ? V[i] / s : v0_[static_cast<size_t>(t) * A + i];
  *G = V[j_];
}

// Round t's functions between their jumps and kinks are least-squares
// Chebyshev fits over each smooth piece's points, of the lowest degree (2 to
// kMaxDegree) that meets them to 1e-11. Not a local stencil: differentiating
// a local interpolant multiplies the points' rounding by 1/spacing, and the
// policy of round t−1 depends on these slopes, so the noise would grow by
// that factor with every round back from the horizon. A fit over the whole
// piece is exact on the piecewise quadratic values of linear utilities and a
// uniform prior, and smooth elsewhere.
void ScreeningSolver::Fit(int t) {
  const int A = actors_, n = points_[t];
  const double* ps = &ps_[t * point_cap_];
  const double* pv = &pv_[t * point_cap_ * A];
  const unsigned char* pf = &pf_[t * point_cap_];
  constexpr int D = kMaxDegree + 1;
  int count = 0;
  for (int a = 0; a < n;) {
    // Piece [a, b]: a jump's left limit (2) or a kink (3) ends it.
    int b = a;
    // (At the cap the last piece runs to the end: a fit over what is left.)
    while (b + 1 < n && (count + 1 == kMaxPieces || (pf[b] != 2 && !(pf[b] == 3 && b > a)))) ++b;
    const size_t at = t * kMaxPieces + count;
    const double lo = ps[a], hi = ps[b];
    piece_lo_[at] = lo, piece_hi_[at] = hi;
    double* coef = &piece_coef_[at * A * D];
    const int m = b - a + 1;
    int degree = 0;
    std::fill(coef, coef + A * D, 0.0);
    if (!(hi > lo) || m == 1) {
      for (int i = 0; i < A; ++i) coef[i * D] = pv[static_cast<size_t>(b) * A + i];
    } else {
      double last_worst = kInf;
      for (degree = std::min(2, m - 1);; ++degree) {
        const int d = degree + 1;
        // Normal equations in the Chebyshev basis on [lo, hi], by Cholesky.
        double N[D * D] = {0}, T[D];
        std::fill(fit_rhs_.begin(), fit_rhs_.end(), 0.0);
        for (int k = a; k <= b; ++k) {
          const double u = (2 * ps[k] - lo - hi) / (hi - lo);
          T[0] = 1, T[1] = u;
          for (int e = 2; e < d; ++e) T[e] = 2 * u * T[e - 1] - T[e - 2];
          for (int e = 0; e < d; ++e) {
            for (int f = 0; f <= e; ++f) N[e * D + f] += T[e] * T[f];
            for (int i = 0; i < A; ++i) fit_rhs_[e * A + i] += T[e] * pv[static_cast<size_t>(k) * A + i];
          }
        }
        double L[D * D] = {0};
        bool ok = true;
        for (int e = 0; e < d && ok; ++e)
          for (int f = 0; f <= e; ++f) {
            double sum = N[e * D + f];
            for (int g = 0; g < f; ++g) sum -= L[e * D + g] * L[f * D + g];
            if (e == f) {
              ok = sum > 0;
              L[e * D + e] = ok ? std::sqrt(sum) : 1;
            } else {
              L[e * D + f] = sum / L[f * D + f];
            }
          }
        for (int i = 0; i < A; ++i) {
          double y[D];
          for (int e = 0; e < d; ++e) {
            double sum = fit_rhs_[e * A + i];
            for (int g = 0; g < e; ++g) sum -= L[e * D + g] * y[g];
            y[e] = sum / L[e * D + e];
          }
          for (int e = d - 1; e >= 0; --e) {
            double sum = y[e];
            for (int g = e + 1; g < d; ++g) sum -= L[g * D + e] * coef[i * D + g];
            coef[i * D + e] = sum / L[e * D + e];
          }
          for (int e = d; e < D; ++e) coef[i * D + e] = 0;
        }
        // Residual at the points.
        double worst = 0;
        for (int k = a; k <= b && ok; ++k) {
          const double u = (2 * ps[k] - lo - hi) / (hi - lo);
          for (int i = 0; i < A; ++i) {
            double b1 = 0, b2 = 0;
            for (int e = d - 1; e >= 1; --e) {
              const double b0 = 2 * u * b1 - b2 + coef[i * D + e];
              b2 = b1, b1 = b0;
            }
            const double v = u * b1 - b2 + coef[i * D];
            worst = std::max(worst, std::fabs(v - pv[static_cast<size_t>(k) * A + i]));
          }
        }
        // Stop at the tolerance, at the cap, or when one more degree no longer
        // halves the residual (what is left is rounding: fitting it
        // would only pass the noise on to the slopes).
        if ((ok && worst <= kFitTol) || degree >= std::min(kMaxDegree, m - 1)) break;
        if (degree > 2 && !(worst < 0.5 * last_worst)) {
          // Back to the previous degree's fit.
          degree -= 1;
          std::copy_n(fit_keep_.data(), A * D, coef);
          break;
        }
        last_worst = worst;
        std::copy_n(coef, A * D, fit_keep_.data());
      }
    }
    piece_degree_[at] = degree;
    ++count;
    a = pf[b] == 3 && b > a ? b : b + 1;
  }
  pieces_[t] = count;
}

// Round t's fitted functions at s and their slopes (the piece that holds s;
// at a jump, the right one).
void ScreeningSolver::PieceAt(int t, double s, double* value, double* slope) const {
  const int A = actors_;
  constexpr int D = kMaxDegree + 1;
  const double* lo = &piece_lo_[t * kMaxPieces];
  const int n = pieces_[t];
  int k = static_cast<int>(std::upper_bound(lo, lo + n, s) - lo) - 1;
  k = std::clamp(k, 0, n - 1);
  const size_t at = t * kMaxPieces + k;
  const double a = piece_lo_[at], b = piece_hi_[at];
  const double* coef = &piece_coef_[at * A * D];
  const int d = piece_degree_[at] + 1;
  if (!(b > a)) {
    for (int i = 0; i < A; ++i) value[i] = coef[i * D], slope[i] = 0;
    return;
  }
  const double u = std::clamp((2 * s - a - b) / (b - a), -1.0, 1.0), scale = 2 / (b - a);
  // Chebyshev values and derivatives by recurrence (U: second kind).
  double T[D], dT[D];
  T[0] = 1, dT[0] = 0;
  if (d > 1) T[1] = u, dT[1] = 1;
  for (int e = 2; e < d; ++e) T[e] = 2 * u * T[e - 1] - T[e - 2], dT[e] = 2 * T[e - 1] + 2 * u * dT[e - 1] - dT[e - 2];
  for (int i = 0; i < A; ++i) {
    double v = 0, dv = 0;
    for (int e = 0; e < d; ++e) v += coef[i * D + e] * T[e], dv += coef[i * D + e] * dT[e];
    value[i] = v, slope[i] = dv * scale;
  }
}

void ScreeningSolver::Slope(int t, double s, double* dV) const {
  const int A = actors_;
  if (t >= horizon_) {
    for (int i = 0; i < A; ++i) dV[i] = war_[static_cast<size_t>(horizon_) * A + i];  // d(s·W)/ds
    dV[j_] = -CostSlope(s);
    return;
  }
  // dV[i]: for j the slope of G; for the others the slope of mass × value.
  PieceAt(t, s, fit_value_.data(), dV);
}

double ScreeningSolver::CostSlope(double s) const {
  // Exact where the quantile is affine; else a central difference (its
  // rounding is a smooth bias here, not noise between nearby points).
  if (prior_->kind == DistKind::Uniform) return prior_->high - prior_->low;
  const double e = 1e-5;
  const double a = std::max(s - e, 1e-12), b = std::min(s + e, 1 - 1e-12);
  return (Quantile(b) - Quantile(a)) / (b - a);
}

double ScreeningSolver::ScoreSlope(int t, int q, double h, double s, OfferSolver& solver, bool& ok) {
  const int A = actors_, p = SlotProposer(t, q);
  double T;
  ok = OfferAt(t, q, s, solver, T, c_scratch_.data(), u_scratch_.data(), &offer_);
  if (!ok) return 0;
  Slope(t + 1, s, dv_scratch_.data());
  const double beta = world_->breakdown, dj = world_->discount[j_], dc = CostSlope(s);
  // Thresholds' slopes: T' for j, C_k' for the known responders, C_p' for the proposer.
  const double dT = -(1 - dj) * dc - dj * beta * dc + dj * (1 - beta) * dv_scratch_[j_];
  // C_k = a_k + δ_k(1−β)·M_k(s)/s, M the stored mass × value.
  // OfferAt left the next round's values at s in v_scratch_.
  auto dC = [&](int i) { return s > 0 ? world_->discount[i] * (1 - beta) * (dv_scratch_[i] - v_scratch_[i]) / s : 0.0; };
  double dup = -offer_.multiplier[0] * dT;
  const std::vector<int>& known = known_[random_ ? q : t % static_cast<int>(proposers_.size())];
  for (size_t k = 0; k < known.size(); ++k) dup -= offer_.multiplier[k + 1] * dC(known[k]);
  // d(s·C_p)/ds = a_p + δ_p(1−β)·M_p'(s).
  const double dp = world_->discount[p];
  const double d_scp = (1 - dp) * flow_[static_cast<size_t>(t) * A + p] +
                       dp * beta * war_[static_cast<size_t>(t + 1) * A + p] + dp * (1 - beta) * dv_scratch_[p];
  return -u_scratch_[p] + (h - s) * dup + d_scp;
}

// The two values of letting round t pass that every step uses: actor i's,
// C_i = (1−δ)w_i(t) + δ[β W_i(t+1) + (1−β)·next], and the screened type's
// of cost c, T = (1−δ)(ū_j(t) − c) + δ[β(W̄_j(t+1) − c) + (1−β)·next], with
// `next` the value the next round brings (per unit mass).
double ScreeningSolver::Waiting(int t, int i, double next) const {
  const size_t A = actors_;
  const double d = world_->discount[i], beta = world_->breakdown;
  return (1 - d) * flow_[t * A + i] + d * (beta * war_[(t + 1) * A + i] + (1 - beta) * next);
}

double ScreeningSolver::TypeWaiting(int t, double c, double next) const {
  const size_t A = actors_;
  const double d = world_->discount[j_], beta = world_->breakdown;
  const double ubar = flow_[t * A + j_] + cj_true_, w1 = war_[(t + 1) * A + j_] + cj_true_;
  return (1 - d) * (ubar - c) + d * (beta * (w1 - c) + (1 - beta) * next);
}

void ScreeningSolver::Values(int t, double h, double* values) const {
  double g;
  Evaluate(t, h, &g, values);
}

double ScreeningSolver::Threshold(int t, double s) const {
  double G1;
  Evaluate(t + 1, s, &G1, v_scratch_.data());
  return TypeWaiting(t, Cost(s), G1);
}

bool ScreeningSolver::OfferAt(int t, int q, double s, OfferSolver& solver, double& T, double* C, double* u,
                            parley::Offer* out) {
  const int A = actors_;
  double G1;
  Evaluate(t + 1, s, &G1, v_scratch_.data());
  for (int i = 0; i < A; ++i) C[i] = Waiting(t, i, v_scratch_[i]);
  C[j_] = T = TypeWaiting(t, Cost(s), G1);
  const int p = SlotProposer(t, q);
  const std::vector<int>& known = known_[random_ ? q : t % static_cast<int>(proposers_.size())];
  int count = 0;
  responders_[count] = j_, thresholds_[count++] = T;
  for (int k : known) responders_[count] = k, thresholds_[count++] = C[k];
  parley::Offer& o = out ? *out : offer_;
  if (!solver.Solve(p, responders_.data(), count, thresholds_.data(), o, &warm_[q])) return false;
  for (int i = 0; i < A; ++i) u[i] = solver.Utility(i, o.terms.data());
  return true;
}

// Candidates of round t: the knots and both sides of each jump of round
// t+1's policy, each with T, C and every slot's offer.
int ScreeningSolver::Columns(int t) {
  const int A = actors_;
  const size_t base = t * column_cap_;
  int n = 0;
  auto add = [&](double s) {
    cs_[base + n] = s;
    ++n;
  };
  // Jumps of round t+1: s values that appear twice among its points.
  int k = 0;
  if (t + 1 < horizon_) {
    const int m = points_[t + 1];
    const double* ps = &ps_[(t + 1) * point_cap_];
    for (int a = 0; a + 1 < m; ++a) {
      if (ps[a] != ps[a + 1]) continue;
      const double b = ps[a];
      for (; k <= kKnots && knot_s_[k] < b - kJumpSide; ++k) add(knot_s_[k]);
      if (b - kJumpSide > 0) add(b - kJumpSide);
      if (b + kJumpSide < 1) add(b + kJumpSide);
      ++a;
    }
  }
  for (; k <= kKnots; ++k) add(knot_s_[k]);
  columns_[t] = n;
  for (int q = 0; q < max_slots_; ++q) first_feasible_[q] = -1;
  for (int c = 0; c < n; ++c) {
    const size_t at = base + c;
    for (int q = 0; q < max_slots_; ++q) {
      double* u = &cu_[(at * max_slots_ + q) * A];
      const bool ok = OfferAt(t, q, cs_[at], *solver_, ct_[at], &cc_[at * A], u, nullptr);
      cf_[at * max_slots_ + q] = ok;
      if (ok && first_feasible_[q] < 0) first_feasible_[q] = c;
    }
  }
  return n;
}

// The best candidate of slot q at state h with some acceptance (−1: none
// is feasible), with its unnormalised score.
int ScreeningSolver::BestColumn(int t, int q, double h, double cp_h, double& score) const {
  const int A = actors_, p = SlotProposer(t, q);
  const size_t base = t * column_cap_;
  int best = -1;
  double top = -kInf;
  for (int c = 0; c < columns_[t]; ++c) {
    const size_t at = base + c;
    const double s = cs_[at];
    if (s >= h) break;
    if (!cf_[at * max_slots_ + q]) continue;
    const double v = Score(h, s, cu_[(at * max_slots_ + q) * A + p], cc_[at * A + p]);
    if (v > top) top = v, best = c;
  }
  (void)cp_h;
  score = top;
  return best;
}

// Slot q's cutoff at state h: the best candidate polished (Polish), or h
// (no offer) when waiting, worth h·cp_h, is better. column: the candidate
// (−1: no offer); score: the unnormalised value of the choice.
double ScreeningSolver::Choose(int t, int q, double h, double cp_h, int& column, double& score, bool fast) {
  column = h > 0 ? BestColumn(t, q, h, cp_h, score) : -1;
  const double none = h * cp_h;
  if (column >= 0) {
    const double cut = Polish(t, q, h, column, *solver_, score, fast);
    if (score >= none - kTieTol * h) return cut;
  }
  column = -1, score = none;
  return h;
}

// The values of state (t, h): V per actor (normalised; the screened actor's
// entry is its top type's value G). forced_slot/forced_column: that slot
// takes this candidate (−1: no offer) instead of its best (a jump's sides).
void ScreeningSolver::Row(int t, double h, int forced_slot, int forced_column, double* G, double* V,
                          OfferSolver& solver) {
  const int A = actors_;
  double G1;
  Evaluate(t + 1, h, &G1, left_v_.data());  // the next round's values at h: no offer
  std::fill(V, V + A, 0.0);
  *G = 0;
  for (int q = 0; q < max_slots_; ++q) {
    const double w = SlotWeight(t, q);
    const int p = SlotProposer(t, q);
    // The value of no offer, per unit mass.
    for (int i = 0; i < A; ++i) right_v_[i] = Waiting(t, i, left_v_[i]);
    const double Th = TypeWaiting(t, Cost(h), G1);
    right_v_[j_] = Th;
    int column;
    double score = 0;
    if (h <= 0) {
      // A point belief at the lowest type: offer to it or not.
      const size_t at = t * column_cap_;
      const bool ok = cf_[at * max_slots_ + q];
      const double up = cu_[(at * max_slots_ + q) * A + p];
      column = ok && up >= right_v_[p] - kTieTol ? 0 : -1;
      if (q == forced_slot) column = forced_column;
      if (forced_slot < 0) row_col_[q] = column, row_cut_[q] = 0, row_regime_[q] = column < 0 ? -1 : 0;
      if (column == 0) {
        for (int i = 0; i < A; ++i) V[i] += w * cu_[(at * max_slots_ + q) * A + i];
        *G += w * cu_[(at * max_slots_ + q) * A + j_];
      } else {
        for (int i = 0; i < A; ++i) V[i] += w * right_v_[i];
        *G += w * Th;
      }
      continue;
    }
    double cut = h;
    if (q == forced_slot) {
      column = forced_column;
      if (column >= 0) {
        const size_t at = t * column_cap_ + column;
        score = Score(h, cs_[at], cu_[(at * max_slots_ + q) * A + p], cc_[at * A + p]);
        cut = Polish(t, q, h, column, solver, score, true);
      }
    } else {
      cut = Choose(t, q, h, right_v_[p], column, score, true);
    }
    if (forced_slot < 0 && KnotOf(h) >= 0) {
      const int k = KnotOf(h);
      row_col_[k * max_slots_ + q] = column, row_cut_[k * max_slots_ + q] = h, row_regime_[k * max_slots_ + q] = -1;
    }
    if (column < 0) {
      for (int i = 0; i < A; ++i) V[i] += w * right_v_[i];
      *G += w * Th;
      continue;
    }
    double T;
    const double s = cut;
    if (forced_slot < 0 && KnotOf(h) >= 0) {
      const int k = KnotOf(h);
      row_cut_[k * max_slots_ + q] = s;
      row_regime_[k * max_slots_ + q] = RegimeOf(t, q, column, s);
    }
    OfferAt(t, q, s, solver, T, c_scratch_.data(), u_scratch_.data(), nullptr);
    for (int i = 0; i < A; ++i) V[i] += w * ((h - s) * u_scratch_[i] + s * c_scratch_[i]) / h;
    // The top type accepts: it gets the offer (V[j] above is its value too).
    *G += w * u_scratch_[j_];
  }
  // The values per unit mass at h = 0 are kept as they are (Evaluate's limit
  // there); elsewhere stored as mass × value (see Evaluate).
  if (h <= 0 && forced_slot < 0) std::copy_n(V, A, &v0_[static_cast<size_t>(t) * A]);
  for (int i = 0; i < A; ++i) V[i] *= h;
  V[j_] = *G;
}

bool ScreeningSolver::Solve(const World& world, const PathScratch& path, int t0, double offset,
                            OfferSolver& solver) {
  world_ = &world, offset_ = offset, solver_ = &solver;
  if (offer_.terms.empty()) {  // once per workspace
    offer_ = solver.NewOffer();
    warm_.assign(max_slots_, solver.NewWarmStart());
  }
  // Solves of one round's candidates follow each other closely: each slot
  // keeps the offer solver's warm start (cleared: the preferences changed).
  for (WarmStart& w : warm_) w.Clear();
  const int A = actors_, H = horizon_;
  cj_true_ = world.war_cost[j_];
  for (int t = t0; t < H; ++t)
    for (int i = 0; i < A; ++i) flow_[static_cast<size_t>(t) * A + i] = path.flow[static_cast<size_t>(t - t0) * A + i];
  for (int i = 0; i < A; ++i) {
    double war = path.tail[i];
    war_[static_cast<size_t>(H) * A + i] = war;
    for (int t = H - 1; t >= t0; --t) {
      war = (1 - world.discount[i]) * flow_[static_cast<size_t>(t) * A + i] + world.discount[i] * war;
      war_[static_cast<size_t>(t) * A + i] = war;
    }
  }
  bool any = false;
  for (int t = H - 1; t >= t0; --t) {
    Columns(t);
    // Knot rows, staged, then merged with the jumps and kinks into the points.
    double* ps = &ps_[t * point_cap_];
    double* pv = &pv_[t * point_cap_ * A];
    unsigned char* pf = &pf_[t * point_cap_];
    double* ss = stage_s_.data();
    double* sv = stage_v_.data();
    for (int k = 0; k <= kKnots; ++k) {
      const double h = knot_s_[k];
      double G;
      Row(t, h, -1, -1, &G, row_v_.data(), solver);
      for (int q = 0; q < max_slots_; ++q) any |= row_col_[k * max_slots_ + q] >= 0 && h > 0;
      ss[k] = h;
      std::copy_n(row_v_.data(), A, sv + static_cast<size_t>(k) * A);
    }
    // Jumps and kinks of each slot's policy between neighbouring knots.
    int nspecial = 0;
    for (int k = 1; k <= kKnots; ++k)
      for (int q = 0; q < max_slots_ && nspecial < kMaxJumps; ++q) {
        Special sp;
        if (FindSpecial(t, q, k, sp)) special_[nspecial++] = sp;
      }
    // Where the prior's quantile has a kink (a triangular prior's mode), so
    // may every function: a piece boundary with both one-sided limits.
    for (double b : prior_breaks_)
      if (nspecial < kMaxJumps) {
        Special sp;
        sp.h = b, sp.jump = true, sp.prior = true;
        special_[nspecial++] = sp;
      }
    std::sort(special_.begin(), special_.begin() + nspecial,
              [](const Special& a, const Special& b) { return a.h < b.h; });
    // The jumps, for play: at a state within 1e-6 of one, Decide takes the
    // branch of the side the state is on, as the values of round t−1 did.
    jumps_[t] = 0;
    for (int a = 0; a < nspecial; ++a)
      if (special_[a].jump && !special_[a].prior) round_jumps_[t * kMaxJumps + jumps_[t]++] = special_[a];
    // Merge: a jump adds both one-sided limits, a kink one point; both bound
    // the interpolation stencils.
    int out = 0, kn = 0;
    for (int a = 0; a <= nspecial; ++a) {
      const double until = a < nspecial ? special_[a].h : 2.0;
      for (; kn <= kKnots && ss[kn] < until - 1e-9; ++kn, ++out) {
        ps[out] = ss[kn];
        pf[out] = 0;
        std::copy_n(sv + static_cast<size_t>(kn) * A, A, pv + static_cast<size_t>(out) * A);
      }
      if (a == nspecial) break;
      const Special& sp = special_[a];
      // A knot within 1e-9 of the special point gives way to it (a stencil
      // through two nearly equal points would be ill-conditioned).
      if (kn <= kKnots && std::fabs(ss[kn] - sp.h) <= 1e-9) ++kn;
      if (out > 0 && ps[out - 1] >= sp.h - 1e-9) continue;  // two specials at one point: keep the first
      double G;
      if (sp.prior) {
        Row(t, sp.h - kJumpSide, -1, -1, &G, row_v_.data(), solver);
        ps[out] = sp.h, pf[out] = 2;
        std::copy_n(row_v_.data(), A, pv + static_cast<size_t>(out++) * A);
        Row(t, sp.h + kJumpSide, -1, -1, &G, row_v_.data(), solver);
        ps[out] = sp.h, pf[out] = 1;
        std::copy_n(row_v_.data(), A, pv + static_cast<size_t>(out++) * A);
      } else if (sp.jump) {
        // The one-sided limits: the rows at the two ends of the bisection's
        // last bracket (1e-13 apart), each on its own branch.
        Row(t, sp.lo, -1, -1, &G, row_v_.data(), solver);
        ps[out] = sp.h, pf[out] = 2;
        std::copy_n(row_v_.data(), A, pv + static_cast<size_t>(out++) * A);
        Row(t, sp.hi, -1, -1, &G, row_v_.data(), solver);
        ps[out] = sp.h, pf[out] = 1;
        std::copy_n(row_v_.data(), A, pv + static_cast<size_t>(out++) * A);
      } else {
        Row(t, sp.h, -1, -1, &G, row_v_.data(), solver);
        ps[out] = sp.h, pf[out] = 3;
        std::copy_n(row_v_.data(), A, pv + static_cast<size_t>(out++) * A);
      }
    }
    points_[t] = out;
    Fit(t);
  }
  return any;
}

// The regime of slot q's choice at state h: no offer (−1), the lowest
// feasible cutoff (0: every type accepts, or the offer is clamped at the end
// of a scale), or an interior cutoff (1); and the cutoff itself.
int ScreeningSolver::Regime(int t, int q, double h, int& column, double& cutoff) {
  const int p = SlotProposer(t, q);
  double score;
  const double cp = WaitingValue(t, p, h);
  cutoff = Choose(t, q, h, cp, column, score, true);
  if (column < 0) return -1;
  return RegimeOf(t, q, column, cutoff);
}

// Actor i's value of letting round t pass with the belief staying [0, h]:
// C_i(h) per unit mass.
double ScreeningSolver::WaitingValue(int t, int i, double h) const {
  double G1;
  Evaluate(t + 1, h, &G1, v_scratch_.data());
  return Waiting(t, i, v_scratch_[i]);
}

// 0: the lowest feasible cutoff; 1: an interior cutoff between knots; 2 + c:
// aiming at the side of a jump of the next round's policy (candidate c).
// Where the regime changes the values have a kink.
int ScreeningSolver::RegimeOf(int t, int q, int column, double cutoff) const {
  if (cutoff <= cs_[t * column_cap_ + first_feasible_[q]] + 1e-12) return 0;
  const double s = cs_[t * column_cap_ + column];
  return KnotOf(s) >= 0 ? 1 : 2 + column;
}

// Slot q's cutoff at state h estimated without a solve: the best candidate,
// moved to the vertex of the parabola through it and its neighbours (h when
// no candidate beats waiting).
double ScreeningSolver::Vertex(int t, int q, double h) {
  const int A = actors_, p = SlotProposer(t, q);
  double score;
  const double cp = WaitingValue(t, p, h);
  const int c = BestColumn(t, q, h, cp, score);
  if (c < 0 || score < h * cp - kTieTol * h) return h;
  const size_t at = t * column_cap_ + c;
  if (c == 0 || c + 1 >= columns_[t] || cs_[at + 1] >= h || !cf_[(at - 1) * max_slots_ + q] || !cf_[(at + 1) * max_slots_ + q])
    return cs_[at];
  const double sm = cs_[at - 1], s0 = cs_[at], sp = cs_[at + 1];
  const double fm = Score(h, sm, cu_[((at - 1) * max_slots_ + q) * A + p], cc_[(at - 1) * A + p]);
  const double fp = Score(h, sp, cu_[((at + 1) * max_slots_ + q) * A + p], cc_[(at + 1) * A + p]);
  // Unequal spacing (a jump's sides): Lagrange through the three points.
  const double d1 = (score - fm) / (s0 - sm), d2 = (fp - score) / (sp - s0), curve = (d2 - d1) / (sp - sm);
  if (!(curve < 0)) return s0;
  const double v = 0.5 * (sm + s0) - d1 / (2 * curve);
  return std::clamp(v, sm, sp);
}

// Between knots k−1 and k: a jump of slot q's cutoff or a change of its
// regime (a kink of the values), located by bisection on the regime and the
// cutoff at the midpoint (which side of the jump it is nearer).
bool ScreeningSolver::FindSpecial(int t, int q, int k, Special& sp) {
  const double ha = knot_s_[k - 1], hb = knot_s_[k], cell = hb - ha;
  int ca = row_col_[(k - 1) * max_slots_ + q], cb = row_col_[k * max_slots_ + q];
  double sa = row_cut_[(k - 1) * max_slots_ + q], sb = row_cut_[k * max_slots_ + q];
  int ra = row_regime_[(k - 1) * max_slots_ + q], rb = row_regime_[k * max_slots_ + q];
  // Suspect a jump or kink when the ends differ in regime or lie far apart,
  // or when the cutoff at the midpoint is off the line between them by more
  // than a smooth policy's curvature allows (a small jump inside the cell).
  if (!(std::fabs(sb - sa) > 2.5 * cell || ra != rb)) {
    // Not in the first cells, where waiting and the best offer differ by
    // O(h²) and the choice between them flickers at the tolerance.
    if (k <= kMidpointFrom) return false;
    // First without solves: the vertex of the parabola through the best
    // candidate at the midpoint and its neighbours; polished only when that
    // is off the line.
    if (std::fabs(Vertex(t, q, 0.5 * (ha + hb)) - 0.5 * (sa + sb)) <= 1e-3 * cell) return false;
    int cm;
    double sm;
    const int rm = Regime(t, q, 0.5 * (ha + hb), cm, sm);
    if (rm == ra && std::fabs(sm - 0.5 * (sa + sb)) <= 1e-3 * cell) return false;
  }
  double lo = ha, hi = hb;
  for (int it = 0; it < 50 && hi - lo > 1e-13; ++it) {
    const double m = 0.5 * (lo + hi);
    int cm;
    double sm;
    const int rm = Regime(t, q, m, cm, sm);
    // A regime shared with one end only decides the side; else the nearer cutoff.
    const bool left = rm == ra && rm != rb ? true : rm == rb && rm != ra ? false : std::fabs(sm - sa) <= std::fabs(sm - sb);
    if (left) lo = m, ca = cm, sa = sm, ra = rm;
    else hi = m, cb = cm, sb = sm, rb = rm;
  }
  sp.h = 0.5 * (lo + hi), sp.slot = q, sp.left = ca, sp.right = cb;
  sp.lo = lo, sp.hi = hi, sp.cut_left = sa, sp.cut_right = sb;
  // A continuous policy moves ~1e-13 across the final bracket; in the first
  // cells only a jump of more than a spacing counts (see above).
  sp.jump = std::fabs(sb - sa) > (k <= 4 ? 1.5 * cell : 1e-7);
  if (!sp.jump && ra == rb) return false;
  // A kink at a knot (to 1e-6 of the spacing) is put on the knot: no piece
  // that short.
  if (!sp.jump && sp.h - ha < 1e-6 * cell) sp.h = ha;
  if (!sp.jump && hb - sp.h < 1e-6 * cell) sp.h = hb;
  return true;
}

// The best cutoff of slot q at state h near candidate `column`: a root of
// the score's slope between the neighbouring candidates (Illinois regula
// falsi on exact solves), else the better end; the candidate itself when it
// is a jump's side. best: the candidate's score in, the cutoff's out.
double ScreeningSolver::Polish(int t, int slot, double h, int column, OfferSolver& solver, double& best, bool fast) {
  const int p = SlotProposer(t, slot);
  const size_t base = t * column_cap_;
  double best_s = cs_[base + column];
  auto f = [&](double s) {
    double T;
    if (!OfferAt(t, slot, s, solver, T, c_scratch_.data(), u_scratch_.data(), nullptr)) return -kInf;
    const double v = Score(h, s, u_scratch_[p], c_scratch_[p]);
    if (v > best) best = v, best_s = s;
    return v;
  };
  const bool knot = KnotOf(best_s) >= 0;
  if (knot && fast && column > 0 && column + 1 < columns_[t]) {
    // The vertex of the parabola through the candidate and its neighbouring
    // knots, then one Newton step on the score's slope there: two solves.
    const int A = actors_;
    const size_t at = base + column;
    const double sm = cs_[at - 1], s0 = cs_[at], sp = cs_[at + 1];
    if (sp < h && KnotOf(sm) >= 0 && KnotOf(sp) >= 0 && cf_[(at - 1) * max_slots_ + slot] &&
        cf_[(at + 1) * max_slots_ + slot]) {
      const double fm = Score(h, sm, cu_[((at - 1) * max_slots_ + slot) * A + p], cc_[(at - 1) * A + p]);
      const double fp = Score(h, sp, cu_[((at + 1) * max_slots_ + slot) * A + p], cc_[(at + 1) * A + p]);
      const double f0 = best;
      // Divided differences (the knots are unevenly spaced): f'' = 2·dd2.
      const double d1 = (f0 - fm) / (s0 - sm), d2 = (fp - f0) / (sp - s0), dd2 = (d2 - d1) / (sp - sm);
      const double curve = 2 * dd2;
      if (curve < 0) {
        const double v = 0.5 * (sm + s0) - d1 / (2 * dd2);
        if (v > sm && v < sp) {
          bool ok;
          const double g = ScoreSlope(t, slot, h, v, solver, ok);
          if (ok) {
            const double v2 = std::clamp(v - g / curve, sm, std::min(sp, h * (1 - 1e-15)));
            f(v2);
            return best_s;
          }
        }
      }
    }
  }
  if (knot) {
    // The optimum lies between the neighbouring knots: a root of the score's
    // slope there (Illinois regula falsi), else the better end.
    double lo = column > 0 ? cs_[base + column - 1] : best_s, hi = column + 1 < columns_[t] ? cs_[base + column + 1] : best_s;
    hi = std::min(hi, h * (1 - 1e-15));
    bool ok_lo = false, ok_hi = false;
    double g_lo = hi > lo ? ScoreSlope(t, slot, h, lo, solver, ok_lo) : 0;
    double g_hi = hi > lo ? ScoreSlope(t, slot, h, hi, solver, ok_hi) : 0;
    if (ok_lo && ok_hi && g_lo > 0 && g_hi < 0) {
      int side = 0;
      // Every third step bisects: at a kink of the score (an offer clamped
      // at the end of a scale) the slope jumps and regula falsi alone crawls.
      for (int it = 0; it < 120 && hi - lo > 1e-15; ++it) {
        double m = (lo * g_hi - hi * g_lo) / (g_hi - g_lo);
        if (!(m > lo && m < hi) || it % 3 == 2) m = 0.5 * (lo + hi);
        bool ok;
        const double g = ScoreSlope(t, slot, h, m, solver, ok);
        if (!ok) break;
        if (g > 0) {
          lo = m, g_lo = g;
          if (side == 1) g_hi *= 0.5;
          side = 1;
        } else if (g < 0) {
          hi = m, g_hi = g;
          if (side == -1) g_lo *= 0.5;
          side = -1;
        } else {
          lo = hi = m;
          break;
        }
      }
      f(0.5 * (lo + hi));
    } else {
      if (ok_lo) f(lo);
      if (ok_hi) f(hi);
    }
  }
  return best_s;
}

double ScreeningSolver::RejectValue(int t, double cutoff, double s, OfferSolver& solver) {
  return TypeWaiting(t, Cost(s), TypeValue(t + 1, cutoff, s, solver));
}

double ScreeningSolver::TypeValue(int t, double h, double s, OfferSolver& solver) {
  const int A = actors_;
  if (t >= horizon_) return war_[static_cast<size_t>(horizon_) * A + j_] + cj_true_ - Cost(s);
  // Under `random` the play branches over each round's proposers: the tree
  // has slots^(rounds left) nodes; beyond kTreeBudget the value is not
  // computed (NaN; explain says so).
  if (max_slots_ > 1 && (horizon_ - t) * std::log(double(max_slots_)) > std::log(kTreeBudget))
    return std::numeric_limits<double>::quiet_NaN();
  parley::Offer offer = solver.NewOffer();
  double value = 0;
  for (int q = 0; q < max_slots_; ++q) {
    const Choice c = Decide(t, q, h, solver, offer);
    const double v = c.offer && s >= c.cutoff ? solver.Utility(j_, offer.terms.data())
                                              : RejectValue(t, c.offer ? c.cutoff : h, s, solver);
    value += SlotWeight(t, q) * v;
  }
  return value;
}

ScreeningSolver::Choice ScreeningSolver::Decide(int t, int slot, double h, OfferSolver& solver, parley::Offer& out) {
  Choice choice;
  const int A = actors_, p = SlotProposer(t, slot);
  const double cp = WaitingValue(t, p, h);
  choice.waiting_value = cp;
  choice.cutoff = h;
  choice.threshold = Threshold(t, h);
  choice.proposer_value = cp;
  if (!(h > 0)) {
    double T;
    if (OfferAt(t, slot, 0.0, solver, T, c_scratch_.data(), u_scratch_.data(), &out) && u_scratch_[p] >= cp - kTieTol) {
      choice.offer = true, choice.cutoff = 0, choice.accept = 1, choice.threshold = T;
      choice.proposer_value = u_scratch_[p];
    }
    return choice;
  }
  double best;
  int column = -2;
  double best_s = h;
  for (int a = 0; a < jumps_[t]; ++a) {
    const Special& sp = round_jumps_[t * kMaxJumps + a];
    if (sp.slot != slot || std::fabs(h - sp.h) > 1e-6) continue;
    // The side's branch: polish from the candidate nearest its cutoff.
    column = h >= sp.h ? sp.right : sp.left;
    const double target = h >= sp.h ? sp.cut_right : sp.cut_left;
    if (column >= 0) {
      const size_t base = t * column_cap_;
      for (int c = 0; c < columns_[t] && cs_[base + c] < h; ++c)
        if (cf_[(base + c) * max_slots_ + slot] && std::fabs(cs_[base + c] - target) < std::fabs(cs_[base + column] - target))
          column = c;
      const size_t at = base + column;
      best = Score(h, cs_[at], cu_[(at * max_slots_ + slot) * A + p], cc_[at * A + p]);
      best_s = Polish(t, slot, h, column, solver, best, false);
    }
  }
  if (column == -2) best_s = Choose(t, slot, h, cp, column, best, false);
  if (column < 0) return choice;
  double T;
  if (!OfferAt(t, slot, best_s, solver, T, c_scratch_.data(), u_scratch_.data(), &out)) return choice;
  choice.offer = true;
  choice.known = c_scratch_.data();
  choice.cutoff = best_s;
  choice.accept = (h - best_s) / h;
  choice.threshold = T;
  choice.proposer_value = best / h;
  return choice;
}

}  // namespace parley

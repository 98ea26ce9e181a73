// The fast path of the proposer problem (offer_solver.h) for smooth losses:
//
//   minimise L_0(x)  subject to  L_j(x) <= B_j,  j = 1..M,
//
// with L_i(x) = Σ_c s_ic |x_c − θ_ic|^{r_i} over the continuous issues and
// every participant's r_i > 1 (participant 0 is the proposer).
//
// Method: projected Newton on the Lagrangian dual. For multipliers λ >= 0,
//
//   q(λ) = min_x [L_0(x) + Σ_j λ_j (L_j(x) − B_j)]
//
// is concave; with r > 1 the minimiser x(λ) is unique and continuous, so q
// is differentiable with gradient g_j = L_j(x(λ)) − B_j. The minimiser
// separates by issue: the weighted mean when everyone weighted on the issue
// has r = 2, else a safeguarded Newton search on the issue's first-order
// condition F_c(x_c, λ) = Σ_i w_i φ_ic(x_c) = 0 (w_0 = 1, w_j = λ_j,
// φ_ic = dL_i/dx_c). The implicit function theorem on F_c gives
// dx_c/dλ_j = −φ_jc / h_c with h_c = ∂F_c/∂x_c, hence the Hessian
//
//   ∂²q/∂λ_j∂λ_k = −Σ_c φ_jc φ_kc / h_c.
//
// Each iteration takes the Newton step on the free multipliers (those > ε or
// with a violated constraint), moves the others towards 0 (Bertsekas' ε-
// active set), projects onto λ >= 0 and backtracks until q rises (Armijo;
// a full step whose predicted rise is below q's rounding is taken as is),
// a multiplier growing at most 4-fold (or to 1) per step. Refinements:
//  - With every loss quadratic the step solves L_j^(−1/2) = B_j^(−1/2)
//    instead of L_j = B_j (same Jacobian up to row scaling; linear in λ for
//    one issue and one responder, nearly so otherwise), when that is an
//    ascent direction for q.
//  - At λ = 0 with r_p != 2, x = θ_p and the dual's curvature is 0 or
//    infinite: a geometric search along the violations' ray gives the start.
//  - Infinite curvature (an ideal with r < 2) drops an issue from the
//    Newton matrix; a ridge of 1e-13 of each diagonal entry keeps it
//    definite when free multipliers outnumber the issues.
//
// Verdicts and exactness:
//  - Solved: every residual g_j is <= kAccept = 1e-13 (and, with λ_j > 0,
//    >= −kAccept): complementary slackness to 1e-13 with λ_j = 0 exactly on
//    slack constraints; and the next Newton step would move no term by more
//    than 1e-14 (Newton converges quadratically: that is the terms' error).
//    By weak duality (q(λ) <= optimum) and the multipliers' sensitivity, the
//    proposer's loss is within Σ λ_j |g_j| of the optimum.
//  - Infeasible: certified by weak duality, either q(λ) exceeds the largest
//    loss the proposer can have anywhere in [0,1]^K, or, with μ = λ/|λ|,
//    min_x Σ μ_j (L_j − B_j) > kCertify = 1e-12. A problem infeasible by less
//    than that, where the recursive method may still say feasible within its
//    1e-13 tolerance, gets Unknown instead.
//  - Dominated: q(λ) showed the proposer's loss cannot go below `cutoff`
//    (weak duality), so the caller's incumbent is at least as good; lambda
//    receives that λ.
//  - Unknown: a violated bound below 1e-9 (the multiplier would have to
//    grow without bound to reach a responder's ideal), or no conclusion in
//    60 iterations (degenerate or nearly infeasible problems, r near 1 or
//    far above 2 with a multiplier near 0); the caller falls back to the
//    recursive method, which is exact. Random problems with risks in
//    [1.01, 10] get here in ~0.2% of cases, with risk 2 never.
//
// Solve allocates nothing and keeps no state between calls: its result
// depends only on its inputs (a replicate's numbers do not depend on which
// thread, or after which other replicate, it ran).
#pragma once

#include <Eigen/Core>
#include <vector>

#include "protocols/numerics.h"

namespace parley {

class DualNewton {
 public:
  enum class Status { kSolved, kInfeasible, kDominated, kUnknown };
  static constexpr double kAccept = 1e-13;   // residual accepted
  static constexpr double kCertify = 1e-12;  // infeasibility margin

  // Sizes the scratch for up to `participants` participants and `continuous`
  // issues (allocates).
  void Resize(int participants, int continuous);
  // Gathers the participants' preferences: actor part[i] in rows of the
  // actor × continuous-issue arrays. False when the problem is not for this
  // method: some participant with a positive salience has r <= 1, or the
  // proposer has no salience on an issue another participant cares about
  // (there x(λ) is not unique when that participant's λ is 0).
  bool Load(int n, const int* part, const Eigen::ArrayXXd& salience, const Eigen::ArrayXXd& ideal,
            const Eigen::ArrayXd& risk, const double* status_quo);
  // Solves with bounds B_j = bound[j] (j = 1..n−1, each >= 0). lambda[1..n−1]
  // is the starting point on entry (clamped to >= 0) and the multipliers on
  // exit; x receives the continuous terms. Stops with kDominated once q
  // shows the proposer's loss is >= cutoff (pass +inf to never stop).
  Status Solve(const double* bound, double cutoff, double* lambda, double* x);

  // q at the last λ Solve reached (a lower bound on the proposer's loss).
  double Value() const { return value_; }
  // Whether a dual value q proves a loss of at least cutoff (with a margin
  // for rounding in q).
  static bool Dominates(double q, double cutoff) {
    return q >= cutoff + 1e-14 * (1 + (cutoff < 0 ? -cutoff : cutoff));
  }
  int Iterations() const { return iterations_; }
  int Evaluations() const { return evaluations_; }

 private:
  struct State {                          // one evaluated point λ → x(λ) and what the step needs
    std::vector<double> lambda, x, loss;  // per participant, per issue, per participant
    std::vector<double> phi;              // issue-major: dL_i/dx_c at x(λ)
    std::vector<double> hinv;             // per issue: 1/h_c (0 where h_c is infinite)
    double q = 0;
  };

  void Evaluate(State& st, double proposer_weight, const double* guess);
  double IssuePoint(int c, const double* weights, double guess);
  void IssueTerms(State& st, int c, const double* weights);
  void QuadraticIssue(State& st, int c, const double* weights);
  bool Step(const State& cur, double eps);
  bool Factor(int f);
  void Substitute(int f);
  bool Search(State*& cur, State*& trial);
  bool CertifyInfeasible(const State& cur, State& probe);
  void Seed(State*& cur, State*& trial);
  double Residual(const State& st) const;
  double TermsMove(const State& cur) const;

  int n_ = 0, kc_ = 0;
  std::vector<double> s_, th_;        // issue-major: [c * n + i]
  std::vector<double> r_;             // per participant
  std::vector<double> sq_;            // status quo per issue
  std::vector<unsigned char> quad_;   // issue: every weighted participant has r = 2
  std::vector<unsigned char> cared_;  // issue: some participant has salience > 0
  double pmax_ = 0;                   // the proposer's largest loss over [0,1]^K
  bool quadratic_ = false;            // every issue quadratic
  const double* bound_ = nullptr;

  State a_, b_, probe_;
  std::vector<double> weights_, dir_, chol_, rhs_, pivot_;
  std::vector<int> free_, index_;
  std::vector<IssueTerm> terms_;
  int iterations_ = 0, evaluations_ = 0;
  double value_ = 0;
};

}  // namespace parley

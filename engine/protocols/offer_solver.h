// The proposer problem of docs/model.md §5: the terms a proposer likes
// best among those every listed responder accepts,
//
//   maximise u_p(x)  subject to  u_j(x) >= R_j  for each responder j,
//
// over x in [0,1] on continuous issues and on the levels of ordinal issues.
// Nash bargaining (nash.h) reuses it, with a responder's level as threshold.
//
// Method. Ordinal issues contribute constants (their value tables, or
// 1 − |level − θ|^r), so their level combinations are enumerated. With the
// levels fixed, u_i = K_i − L_i(x) with the convex loss
// L_i(x) = Σ_c s_ic |x_c − θ_ic|^{r_i} over the continuous issues, and the
// problem is  minimise L_p  subject to  L_j <= B_j = K_j − R_j.
//
// Combinations. A combination is skipped when the proposer's best case there
// (K_p) cannot beat the incumbent, or when a dual value shows that its loss
// cannot go below K_p − incumbent (weak duality: any λ >= 0 gives a lower
// bound). Ties go to the lowest combination, whatever the order of solving.
//
// Smooth problems (every participant that cares about a continuous issue has
// r > 1, and the proposer cares about every issue another participant cares
// about) go to the fast path, dual_newton.h: projected Newton on the M
// multipliers of the Lagrangian dual, a handful of evaluations of x(λ)
// whatever M, per combination. A caller solving the same proposer and
// responders repeatedly (alternating offers, round after round) keeps a
// WarmStart: each combination starts from its last multipliers (extrapolated
// from the last two), the last winner is solved first, and the others are
// often pruned without an evaluation, since x(λ) does not depend on the
// bounds and the kept dual value moves linearly with them. Without a
// WarmStart, a combination starts from the incumbent's multipliers. When the
// fast path cannot conclude (dual_newton.h: degenerate, a bound near 0, or
// within 1e-12 of infeasible) the recursive method below takes over.
//
// The recursive method (non-smooth problems, fallback, or Method::kRecursive).
// For weights μ >= 0 the minimiser of
// Σ μ_i L_i separates by issue (numerics.h: weighted median when every
// r = 1, weighted mean when every r = 2, Newton between the kinks
// otherwise). Responders are taken one at a time, recursively: with the
// multiplier of the last responder j written t = λ/(1+λ) in [0,1], x(t)
// minimises (1−t)·objective + t·L_j subject to the other responders'
// constraints (the same problem with one responder fewer), and L_j(x(t))
// falls as t grows (parametric convexity), so a bracketed root search finds
// where L_j(x(t)) = B_j: regula falsi (Illinois) for smooth losses; for
// linear ones, where x(t) jumps, Kelley's cutting plane on the dual function,
// which certifies the optimum when the dual meets the cutting lines. The
// search ends with two bracket ends, x(t_a) just infeasible and x(t_b)
// feasible; the answer is the point of the segment between them where
// L_j = B_j exactly. The other constraints hold at both ends, so by
// convexity they hold on the segment.
//
// Exactness.
//  - Fast path (smooth): the KKT conditions hold to 1e-13 (each bound met to
//    that, λ_j = 0 exactly on slack constraints) and the next Newton step
//    would move no term by more than 1e-14, so the terms are the optimum's
//    to ~1e-14 and the proposer's loss is within Σ λ_j·1e-13 of it (weak
//    duality). Infeasibility is certified by weak duality with a 1e-12
//    margin; inside the margin the recursive method decides, so the verdict
//    is the recursive method's (up to its 1e-13 tolerance). Random tests
//    (test_offer_solver.cpp) find the two methods' utilities within 1e-13.
//  - Linear utilities (all r = 1, recursive): the certified ends both
//    minimise the Lagrangian at the optimal multiplier, the segment between
//    them is part of the set of minimisers, L_j is linear on it, and the
//    answer is exact up to rounding: optimal to the certificate's 1e-14,
//    thresholds met to ~1e-16 (the closed forms of docs/model.md §9.1-§9.3 hold
//    to 1e-12).
//  - Smooth utilities, recursive: the search stops when the ends are within
//    1e-13 on every issue or the feasible end binds to 1e-15, so the answer
//    is feasible to rounding and its terms are within ~1e-13 of the optimum.
//  - Several responders, recursive: the same, level by level; exact, but the
//    cost grows as (evaluations per level)^responders: ~10-15 evaluations
//    per level for smooth utilities, 2-5 for linear ones, more when mixed.
//  - The multiplier of the last responder is as precise as the search;
//    those of inner responders are taken at the feasible bracket end.
//  - Approximations (recursive): where the current objective puts no weight
//    on an issue (the weighted actors all have zero salience there), the
//    issue goes to the unweighted sum of the participants' losses, and to
//    the status quo if none of them cares. This tie-break matches
//    lexicographic order only when a single responder is involved. (The
//    fast path is not used for such problems.)
//  - A threshold within 1e-13 above what a responder can get at best is
//    treated as attainable (the offer then meets it to 1e-13).
//  - Combinations of ordinal levels are enumerated: the cost is linear in
//    their number (the product of the level counts), less what pruning saves.
//
// Solve allocates nothing: every scratch array is sized once by Resize.
#pragma once

#include <algorithm>
#include <vector>

#include "model/scenario.h"
#include "model/world.h"
#include "protocols/dual_newton.h"
#include "protocols/numerics.h"

namespace parley {

// A solved proposer problem.
struct Offer {
  std::vector<double> terms;       // unit scale, every issue; ordinal ones on levels
  std::vector<double> multiplier;  // per responder: −du_p/dR_j (the shadow price)
  double proposer_utility = 0;     // u_p(terms)
};

// What a caller keeps between solves with the same proposer and responders
// (e.g. successive rounds) to start the next one close: per combination of
// ordinal levels the multipliers of the last solves (the next start
// extrapolates the last two or three solutions) and the bounds and dual value
// of the last, which may prune the combination without solving it; and the
// combination of the last offer, solved first so that it prunes the others.
// Clear it whenever the preferences change (a new replicate). From
// OfferSolver::NewWarmStart.
struct WarmStart {
  std::vector<double> lambda, previous, older, bound;  // combos × actors, newest first
  std::vector<double> q;                        // per combo; −inf: none
  std::vector<unsigned char> kept;              // per combo: lambda holds multipliers
  std::vector<unsigned char> solutions;         // per combo: of them the last 0 to 3 are solutions
  long long best = -1;
  void Clear() {
    std::fill(kept.begin(), kept.end(), 0), std::fill(solutions.begin(), solutions.end(), 0);
    best = -1;
  }
};

class OfferSolver {
 public:
  static constexpr double kFeasibleTol = 1e-13;
  // kAuto: the fast path where it applies; kRecursive: always the recursive
  // method (tests compare the two).
  enum class Method { kAuto, kRecursive };
  // Counts since Resize, per combination of ordinal levels: solved by the
  // fast path, by the recursive method after the fast path gave up, by the
  // recursive method directly (non-smooth or kRecursive), pruned; and the
  // fast path's evaluations of x(λ) and Newton iterations.
  struct Stats {
    long long fast = 0, fallback = 0, recursive = 0, pruned = 0;
    long long evaluations = 0, iterations = 0;
  };

  // Sizes every scratch array for the scenario (allocates; once per thread).
  void Resize(const Scenario& scenario);
  // Takes one replicate's preferences (no allocation).
  void Load(const Scenario& scenario, const World& world);

  // The best offer for `proposer` that gives each responders[j] at least
  // thresholds[j]; false when no terms do. out must come from NewOffer().
  // warm (optional): kept between solves with this proposer and responders.
  bool Solve(int proposer, const int* responders, int count, const double* thresholds, Offer& out,
             WarmStart* warm = nullptr);
  // The same restricted to one combination of ordinal levels (no warm start).
  bool SolveCombo(long long combo, int proposer, const int* responders, int count,
                  const double* thresholds, Offer& out);
  long long NumCombos() const { return combos_; }

  void SetMethod(Method method) { method_ = method; }
  const Stats& GetStats() const { return stats_; }
  Offer NewOffer() const;
  WarmStart NewWarmStart() const;
  // u_i: model Utility's value to the last bit, from the arrays Load keeps.
  double Utility(int actor, const double* terms) const;
  // Continuous issues, and du_i/dx_k on continuous issue number c at x
  // (a one-sided value at a kink of a linear utility).
  int NumContinuous() const { return static_cast<int>(continuous_.size()); }
  int ContinuousIssue(int c) const { return continuous_[c]; }
  double Derivative(int actor, int c, double x) const;
  // d²u_i/dx_k² there (−inf at the ideal when 1 < r < 2; 0 off the ideal when r = 1).
  double Curvature(int actor, int c, double x) const;
  double Salience(int actor, int c) const { return salience_(actor, c); }
  double Risk(int actor) const { return risk_[actor]; }

 private:
  struct Level {  // scratch of one recursion level (one responder handled)
    const double* outer = nullptr;  // objective weights of this level
    std::vector<double> weights;    // objective weights of the inner problem
    std::vector<double> x[4];       // continuous terms: 3 root-search slots, 1 for the segment
    std::vector<double> nu[3];      // inner multipliers per root-search slot
    double objective[3] = {0, 0, 0};  // outer objective per slot
  };

  enum class Result { kFound, kInfeasible, kDominated };
  void SetParticipants(int proposer, const int* responders, int count);
  void SetCombo(long long combo);
  bool SetBounds(const double* thresholds);
  Result SolveCurrent(double best, const double* start, double* terms, double* multiplier, double& utility);
  const double* WarmPoint(const WarmStart* warm, long long combo, int count);
  bool PrunedByWarm(const WarmStart* warm, long long combo, int count, double best) const;
  void Remember(WarmStart* warm, long long combo, int count, bool solution) const;
  bool SolveRecursive(double* terms, double* multiplier, double& utility);
  void Argmin(const double* weights, double* x);
  double Loss(int participant, const double* x) const;
  bool SolveLevel(int m, const double* weights, double* x, double* nu);
  double Evaluate(int m, double t, int slot);
  bool Close(int m, const Bracket& br) const;
  double Search(int m, Bracket& br);
  void Segment(int m, const double* xa, const double* xb, double fa, double fb, double* x);
  void WriteTerms(const double* x, double* terms) const;

  const Scenario* scenario_ = nullptr;
  const World* world_ = nullptr;
  int actors_ = 0, issues_ = 0;
  std::vector<int> continuous_, ordinal_;  // issue indices
  std::vector<int> issue_slot_;            // per issue: continuous number c, or −1 − ordinal number
  long long combos_ = 1;

  // Per replicate: actor × continuous issue, and per-level constants.
  Eigen::ArrayXXd salience_, ideal_;
  Eigen::ArrayXd risk_, base_;             // base: Σ continuous salience (+1 if indifferent)
  Eigen::ArrayXXd level_term_;             // actor × Σ levels: s_ik·v_ik(level)
  Eigen::ArrayXXd combo_constant_;         // actor × combination: K_a
  std::vector<int> level_offset_;          // per ordinal issue, into level_term_ columns
  std::vector<int> level_last_;            // per ordinal issue: its level count − 1
  std::vector<double> status_quo_;         // per continuous issue
  std::vector<unsigned char> indifferent_; // per actor: no salience anywhere (utility 1)

  // Per solve: participants (0 = proposer, then responders) and their bounds.
  int n_ = 0;
  bool linear_ = false, smooth_ = false;
  Method method_ = Method::kAuto;
  Stats stats_;
  DualNewton dual_;
  std::vector<double> lambda_, start_;
  double q_ = 0;  // dual value of the last fast-path solve
  std::vector<int> part_;
  long long combo_ = 0;
  std::vector<double> constant_, bound_;   // K_i and B_j per participant
  std::vector<IssueTerm> terms_;
  std::vector<Level> scratch_;              // index m: the level handling responder m
  std::vector<double> x_, nu_, terms_cur_, mult_cur_;
};

}  // namespace parley

// The proposer problem of DESIGN.md section 4.1: the terms a proposer likes
// best among those every listed responder accepts,
//
//   maximise u_p(x)  subject to  u_j(x) >= R_j  for each responder j,
//
// over x in [0,1] on continuous issues and on the levels of ordinal issues.
// Nash bargaining (nash.h) reuses it, with a responder's level as threshold.
//
// Method. Ordinal issues contribute constants (their value tables, or
// 1 − |level − θ|^r), so their level combinations are enumerated, skipping a
// combination whose best case cannot beat the best offer found so far. With
// the levels fixed, u_i = K_i − L_i(x) with the convex loss
// L_i(x) = Σ_c s_ic |x_c − θ_ic|^{r_i} over the continuous issues, and the
// problem is  minimise L_p  subject to  L_j <= B_j = K_j − R_j.
//
// It is solved through its Lagrangian. For weights μ >= 0 the minimiser of
// Σ_i μ_i L_i separates by issue (numerics.h: weighted median when every
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
//  - Linear utilities (all r = 1): the certified ends both minimise the
//    Lagrangian at the optimal multiplier, the segment between them is part
//    of the set of minimisers, L_j is linear on it, and the answer is exact
//    up to rounding: optimal to the certificate's 1e-14, thresholds met to
//    ~1e-16 (the closed forms of FORMULAS.md a.1-a.4 hold to 1e-12).
//  - Smooth utilities: the search stops when the ends are within 1e-13 on
//    every issue or the feasible end binds to 1e-15, so the answer is
//    feasible to rounding and its terms are within ~1e-13 of the optimum.
//  - Several responders: the same, level by level; exact, but the cost grows
//    as (evaluations per level)^responders: ~10-15 evaluations per level for
//    smooth utilities, 2-5 for linear ones, more when they are mixed.
//  - The multiplier of the last responder is as precise as the search;
//    those of inner responders are taken at the feasible bracket end.
//  - Approximations: where the current objective puts no weight on an issue
//    (the weighted actors all have zero salience there), the issue goes to
//    the unweighted sum of the participants' losses, and to the status quo
//    if none of them cares. This tie-break matches lexicographic order only
//    when a single responder is involved.
//  - A threshold within 1e-13 above what a responder can get at best is
//    treated as attainable (the offer then meets it to 1e-13).
//  - Combinations of ordinal levels are enumerated: the cost is linear in
//    their number (the product of the level counts).
//
// Solve allocates nothing: every scratch array is sized once by Resize.
#pragma once

#include <vector>

#include "model/scenario.h"
#include "model/world.h"
#include "protocols/numerics.h"

namespace parley {

// A solved proposer problem.
struct Offer {
  std::vector<double> terms;       // unit scale, every issue; ordinal ones on levels
  std::vector<double> multiplier;  // per responder: −du_p/dR_j (the shadow price)
  double proposer_utility = 0;     // u_p(terms)
};

class OfferSolver {
 public:
  static constexpr double kFeasibleTol = 1e-13;

  // Sizes every scratch array for the scenario (allocates; once per thread).
  void Resize(const Scenario& scenario);
  // Takes one replicate's preferences (no allocation).
  void Load(const Scenario& scenario, const World& world);

  // The best offer for `proposer` that gives each responders[j] at least
  // thresholds[j]; false when no terms do. out must come from NewOffer().
  bool Solve(int proposer, const int* responders, int count, const double* thresholds, Offer& out);
  // The same restricted to one combination of ordinal levels.
  bool SolveCombo(long long combo, int proposer, const int* responders, int count,
                  const double* thresholds, Offer& out);
  long long NumCombos() const { return combos_; }

  Offer NewOffer() const;
  double Utility(int actor, const double* terms) const;  // u_i, as model Utility
  // Continuous issues, and du_i/dx_k on continuous issue number c at x
  // (a one-sided value at a kink of a linear utility).
  int NumContinuous() const { return static_cast<int>(continuous_.size()); }
  int ContinuousIssue(int c) const { return continuous_[c]; }
  double Derivative(int actor, int c, double x) const;

 private:
  struct Level {  // scratch of one recursion level (one responder handled)
    const double* outer = nullptr;  // objective weights of this level
    std::vector<double> weights;    // objective weights of the inner problem
    std::vector<double> x[4];       // continuous terms: 3 root-search slots, 1 for the segment
    std::vector<double> nu[3];      // inner multipliers per root-search slot
    double objective[3] = {0, 0, 0};  // outer objective per slot
  };

  void SetParticipants(int proposer, const int* responders, int count);
  void SetCombo(long long combo);
  bool SolveCurrent(const double* thresholds, double* terms, double* multiplier, double& utility);
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
  long long combos_ = 1;

  // Per replicate: actor × continuous issue, and per-level constants.
  Eigen::ArrayXXd salience_, ideal_;
  Eigen::ArrayXd risk_, base_;             // base: Σ continuous salience (+1 if indifferent)
  Eigen::ArrayXXd level_term_;             // actor × Σ levels: s_ik·v_ik(level)
  std::vector<int> level_offset_;          // per ordinal issue, into level_term_ columns
  std::vector<double> status_quo_;         // per continuous issue

  // Per solve: participants (0 = proposer, then responders) and their bounds.
  int n_ = 0;
  bool linear_ = false;
  std::vector<int> part_, levels_;
  std::vector<double> constant_, bound_;   // K_i and B_j per participant
  std::vector<IssueTerm> terms_;
  std::vector<Level> scratch_;              // index m: the level handling responder m
  std::vector<double> x_, nu_, terms_cur_, mult_cur_;
};

}  // namespace parley

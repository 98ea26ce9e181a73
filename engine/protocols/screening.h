// The perfect Bayesian equilibrium of alternating offers when one veto
// responder's war cost is private (docs/private_information.md has the game,
// the derivation and the numbers; alternating_offers.h the protocol).
//
// The game. Rounds t = t0 … H−1. In each round a proposer whose values are
// common knowledge (one under `rotate`, each with its recognition probability
// under `random`) offers terms; the veto responders answer; all must accept.
// One of them, j, has a war cost c known only to itself, drawn from a prior
// with CDF F. Its type is written s = F(c) in [0, 1], so c(s) = F⁻¹(s) plus
// whatever public shift events added since the draw. The others' values are
// common knowledge. A rejected round pays the no-deal flow, then the talks
// break down with probability β, else the next round starts.
//
// Skimming. A type's value of rejecting falls as its cost rises, and the
// value of a deal does not depend on the cost, so the types that accept any
// offer are those above a cutoff. After a rejection the common belief is the
// prior truncated to [0, h] (h = the last cutoff, in the prior's CDF scale):
// the public state is (t, h). With
//
//   T_t(s) = (1−δ_j)·(ū_j(t) − c(s)) + δ_j·[β·(W̄_j(t+1) − c(s)) + (1−β)·G_{t+1}(s)]
//
// the value to type s of rejecting when the next state is s (s is then the
// highest type left, so G_{t+1}(s) is the value of the top type of state s),
// and C_i(s) = (1−δ_i)·w_i(t) + δ_i·[β·W_i(t+1) + (1−β)·V_i(t+1, s)] the
// value to actor i ≠ j of a rejected round leading to state s, the proposer
// p at state h chooses the cutoff s ≤ h to maximise
//
//   (h − s)·u_p(x(s)) + s·C_p(s)          (unnormalised: mass × value)
//
// where x(s) maximises u_p subject to u_j(x) >= T_t(s) and u_k(x) >= C_k(s)
// for the known veto responders k (offer_solver.h). s = h is "no offer". The
// state's values follow: V_i(t, h) = [(h − σ)·u_i(x(σ)) + σ·C_i(σ)] / h and
// G_t(h) = u_j(x(σ)) if σ < h else T_t(h), with σ = σ_t(h) the chosen
// cutoff (expected over the round's proposers under `random`). At the
// horizon the war goes on for good. Ties go to the lowest cutoff (the offer
// more types accept), and a deal to no offer.
//
// Representation (docs/private_information.md, "The numerical method").
// Each round's functions G_t and V_i(t, ·) are computed at Chebyshev knots
// s = (1 − cos(πk/N))/2 (N = kKnots) and at the policy's jumps (both one-sided limits) and kinks
// (where the choice changes regime: no offer, the lowest feasible cutoff,
// an interior cutoff, aiming at a jump of the next round's policy); each
// smooth piece between them is a least-squares Chebyshev fit (fits, not
// local interpolation: the next round back depends on these functions'
// slopes, and differentiating an interpolant would multiply rounding by the
// inverse spacing at every round). A round's candidate cutoffs are the knots
// and the two sides (±kJumpSide) of every jump of the next round's policy,
// where the proposer may aim exactly. Each knot row takes the best candidate
// and a Newton step on the score's slope (from the offer solver's shadow
// prices and the fits' slopes); jumps and kinks are located by bisection,
// small jumps first suspected by a midpoint test. At the states play
// reaches the cutoff is found to 1e-15 by regula falsi on the slope, and a
// state beside a stored jump takes that side's branch.
//
// Known responders' rejections never happen in equilibrium (the proposer
// meets their thresholds exactly); off the path a rejected round is read as
// though every responder had rejected (the belief becomes [0, s]).
//
// Nothing allocates after Resize.
#pragma once

#include <string>
#include <vector>

#include "core/distribution.h"
#include "model/scenario.h"
#include "model/shocks.h"
#include "model/world.h"
#include "protocols/offer_solver.h"

namespace parley {

class ScreeningSolver {
 public:
  static constexpr int kKnots = 128;          // knots of each round's functions
  static constexpr int kMaxJumps = 48;        // jumps of one round's policy that are tracked
  static constexpr int kMaxPieces = 64;       // smooth pieces of one round's functions
  static constexpr double kJumpSide = 1e-9;   // how far beside a jump the proposer aims
  static constexpr int kMaxDegree = 8;        // of the fits over smooth pieces
  static constexpr double kFitTol = 1e-9;     // the lowest degree that meets the points this well
  static constexpr int kMidpointFrom = 4;     // cells below this knot skip the midpoint test for small jumps
  static constexpr double kTreeBudget = 1e5;  // forward play's nodes under random order (explain, tests)
  static constexpr double kTieTol = 1e-12;    // a deal beats no offer within this, as under complete information

  // The game's fixed structure: proposers (rotation order), recognition
  // weights under random order, and the screened actor.
  void Resize(const Scenario& scenario, const std::vector<int>& proposers, const std::vector<double>& weights,
              bool random, int screened, const Distribution* prior);

  // Solves rounds t0 … H−1 for the world as it is (preferences already
  // loaded into `solver`), along the expected no-deal path in `path` (from
  // ExpectedNoDealPath(world, t0)); `offset` is the public shift of the
  // screened actor's cost since its draw. Returns true when some state has
  // an offer that some type accepts.
  bool Solve(const World& world, const PathScratch& path, int t0, double offset, OfferSolver& solver);

  // The equilibrium offer of proposer slot `slot` at state (t, h): the
  // cutoff (h when no offer), the terms (in out.terms when there is an
  // offer), and the screened type's value of rejecting at the cutoff, T_t(σ).
  struct Choice {
    bool offer = false;
    double cutoff = 0, accept = 0;    // σ, and P(accept | belief) = (h − σ)/h
    double threshold = 0;             // T_t(σ): the marginal type's value of waiting
    double proposer_value = 0;        // V_p(t, h)
    double waiting_value = 0;         // the proposer's value of letting the round pass, C_p(h)
    const double* known = nullptr;    // per actor: C_i(σ), the known responders' thresholds
  };
  Choice Decide(int t, int slot, double h, OfferSolver& solver, parley::Offer& out);

  // The value to type s of the screened actor of rejecting in round t when
  // the belief then becomes [0, cutoff] (a one-shot deviation when s is above
  // the cutoff), and its value at the start of round t in state h >= s, both
  // by playing the equilibrium forward (Decide at every state reached,
  // expected over the proposers under `random`, NaN when that tree would
  // exceed kTreeBudget nodes). Allocates; for explain and the tests'
  // certificates, not for the hot loop.
  double RejectValue(int t, double cutoff, double s, OfferSolver& solver);
  double TypeValue(int t, double h, double s, OfferSolver& solver);

  // Values of the state (t, h) as the last Solve left them (t <= H):
  // V_i(t, h) per actor (the screened actor's entry is G_t(h), its top type's).
  void Values(int t, double h, double* values) const;
  // T_t(s) and C_i(s) for every actor at cutoff s (scratch-backed).
  double Threshold(int t, double s) const;
  double Cost(double s) const;  // c(s) in the world's units
  double Quantile(double s) const;  // F⁻¹(s), without the shift
  static double KnotLevel(int k);   // the level of knot k
  int KnotOf(double s) const;       // k when s is knot k's level, else −1
  int SlotProposer(int t, int slot) const;
  double SlotWeight(int t, int slot) const;
  int screened() const { return j_; }

 private:
  int Columns(int t);
  void Evaluate(int t, double s, double* G, double* V) const;   // round t's functions (t <= H)
  void Slope(int t, double s, double* dV) const;                // their slopes in s (within a piece)
  double CostSlope(double s) const;                             // c'(s)
  void Fit(int t);
  void PieceAt(int t, double s, double* value, double* slope) const;
  struct Special {
    double h = 0;
    int slot = 0, left = -1, right = -1;  // the slot and its best candidate on each side
    bool jump = false;                    // a jump (two one-sided limits) or a kink (one point)
    bool prior = false;                   // a kink of the prior's quantile (both sides computed beside it)
    double lo = 0, hi = 0;                // the bisection's last bracket
    double cut_left = 0, cut_right = 0;   // the cutoff at each end
  };
  int Regime(int t, int q, double h, int& column, double& cutoff);
  int RegimeOf(int t, int q, int column, double cutoff) const;
  double Vertex(int t, int q, double h);
  double WaitingValue(int t, int i, double h) const;
  double Waiting(int t, int i, double next) const;
  double TypeWaiting(int t, double c, double next) const;
  bool FindSpecial(int t, int q, int k, Special& sp);
  // d/ds of slot q's score at state h and cutoff s (one solve): from the
  // solver's shadow prices and the slopes of the thresholds, with no
  // difference of nearby scores (which rounding would swamp).
  double ScoreSlope(int t, int q, double h, double s, OfferSolver& solver, bool& ok);
  // Round t's offer at cutoff s for slot q with the thresholds there; fills
  // u (per actor) and returns feasibility. C (per actor) and T come with it.
  bool OfferAt(int t, int q, double s, OfferSolver& solver, double& T, double* C, double* u, parley::Offer* out);
  double Score(double h, double s, double up, double cp) const { return (h - s) * up + s * cp; }
  void Row(int t, double h, int forced_slot, int forced_column, double* G, double* V, OfferSolver& solver);
  int BestColumn(int t, int q, double h, double cp_h, double& score) const;
  double Choose(int t, int q, double h, double cp_h, int& column, double& score, bool fast);
  double Polish(int t, int slot, double h, int column, OfferSolver& solver, double& best, bool fast);

  const Scenario* s_ = nullptr;
  int actors_ = 0, horizon_ = 0, j_ = -1;
  std::vector<int> proposers_;
  std::vector<double> weights_;
  bool random_ = false;
  const Distribution* prior_ = nullptr;
  std::vector<std::vector<int>> known_;   // per proposer slot: veto responders other than j

  // Per solve.
  const World* world_ = nullptr;
  OfferSolver* solver_ = nullptr;
  double offset_ = 0;
  std::vector<double> war_;               // (H+1) × actors: W_i(t), the war for good from t
  std::vector<double> flow_;              // H × actors: the expected no-deal flow w_i(t)
  double cj_true_ = 0;                    // the screened actor's cost in the world (cancels out)
  std::vector<double> knot_s_, knot_cost_;  // knots' levels and costs (without the offset)
  std::vector<double> prior_breaks_;        // levels where the prior's quantile has a kink

  // Round functions: per round t, points (s, G, V per actor), jumps doubled.
  std::vector<int> points_;               // count per round
  std::vector<double> ps_, pv_;           // round-major, point_cap_ per round
  std::vector<unsigned char> pf_;         // per point: 0 knot, 1 starts a piece, 2 ends one, 3 kink
  // Round candidates (for play): s, T, per slot feasibility and utilities, C per actor.
  std::vector<int> columns_;
  std::vector<double> cs_, ct_, cc_, cu_;  // cu: (slot × actors) per column
  std::vector<unsigned char> cf_;          // per (column, slot)
  // Scratch.
  // Scratch (mutable: the const evaluations write into it; one solver per thread).
  mutable std::vector<double> v_scratch_, fit_value_, fit_slope_;
  std::vector<double> dv_scratch_, c_scratch_, u_scratch_, thresholds_, row_v_, left_v_, right_v_;
  std::vector<int> responders_;
  std::vector<int> row_col_;               // per knot row × slot: best candidate index
  std::vector<double> row_cut_;            // per knot row × slot: the polished cutoff
  std::vector<int> row_regime_;            // per knot row × slot: −1 no offer, 0 lowest cutoff, 1 interior
  std::vector<int> pieces_, piece_degree_;  // per round: smooth pieces and their fits
  std::vector<double> stage_s_, stage_v_;  // one round's knot rows before the merge
  std::vector<double> v0_;                 // per round × actor: the values at h = 0
  std::vector<double> piece_lo_, piece_hi_, piece_coef_, fit_rhs_, fit_keep_;
  std::vector<int> first_feasible_;        // per slot: the round's lowest feasible candidate
  std::vector<Special> special_;
  std::vector<int> jumps_;                 // per round: its policy's jumps, in round_jumps_
  std::vector<Special> round_jumps_;
  parley::Offer offer_;
  std::vector<WarmStart> warm_;            // per slot
  int max_slots_ = 1;
  size_t point_cap_ = 0, column_cap_ = 0;
};

}  // namespace parley

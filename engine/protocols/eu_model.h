// eu_model: the per-issue mathematics of Bueno de Mesquita's expected-utility
// model as Scholz, Calbert & Smith (2011) specify it (docs/model.md §7;
// equation numbers are theirs). Pure functions on one issue's arrays, and one
// round of the model on an issue; the protocol (expected_utility.h) plays the
// rounds. Positions may be in any units: every formula uses distances divided
// by the range R = max − min of the current positions.
//
//   votes      v^{jk} = Σ_i c_i s_i·2(|x_i − x_k| − |x_i − x_j|)/R        (28–29)
//   forecast   weighted median of the positions, weights c_i·s_i, the lower
//              position on a flat minimum (the Condorcet winner of the votes)
//   mean       Σ c_i s_i x_i / Σ c_i s_i ("compromise model")
//   P^i vs j   Σ_{g_k>0} c_k s_k g_k / Σ_k c_k s_k |g_k|,
//              g_k = |x_k − x_j| − |x_k − x_i|; 1/2 when the sum is 0    (30–31)
//   utilities  d = |x_i − x_j|/R, e = (|x_i − μ| + |x_i − x_j|)/R:
//              U_s = 2 − 4(½ − ½d)^r, U_f = 2 − 4(½ + ½d)^r,             (15–16)
//              U_b = 2 − 4(½ − ¼e)^r, U_w = 2 − 4(½ + ¼e)^r, U_sq = 2 − 4(½)^r
//   T          1 iff |x_i − μ| < |x_i − x_j| (j moving to μ helps i)
//   challenge  E^i(U_ij) = s_j[P^i U_s + (1 − P^i)U_f] + (1 − s_j)U_s
//                          − Q·U_sq − (1 − Q)[T·U_b + (1 − T)·U_w]     (5–7, 25a)
//   security   Sec_i = Σ_{j≠i} E^j(U_ji), all r = 1                    (32, 34)
//   risk       R_i = (2Sec_i − max − min)/(max − min) ∈ [−1, 1], 0 when all
//              Sec are equal; r_i = (1 − R_i/3)/(1 + R_i/3) ∈ [½, 2]    (33)
//   offers     the octants of figure 6 with eqs. 35–36 (Classify, Resolve)
//
// Reference:
//   Scholz, J. B., Calbert, G. J. & Smith, G. A. (2011). Unravelling Bueno de
//     Mesquita's group decision model. Journal of Theoretical Politics 23(4),
//     510–531; ICAART 2011, 18–30.
#pragma once

#include <cstdint>
#include <vector>

namespace parley::eu {

// One issue as the model sees it: n actors' positions, capabilities and
// saliences (each in [0, 1], as given).
struct IssueView {
  int n = 0;
  const double* position = nullptr;
  const double* capability = nullptr;
  const double* salience = nullptr;
  double Weight(int i) const { return capability[i] * salience[i]; }
};

// Ties. Comparisons that the paper states as strict inequalities treat
// values within kTie as equal: distances within kTie·R, EUs within kTie
// (they are O(1)). Rounding must not break a tie of the exact arithmetic:
// BDM's positions 4, 7, 10 on the unit scale are 0.4, 0.7, 1, where
// |0.4 − 0.7| and |1 − 0.7| differ in the last bit.
constexpr double kTie = 1e-12;

double Range(const IssueView& v);  // max − min of the positions
// v^{jk}: positive when x_j beats x_k in a capability×salience vote; 0 when R = 0.
double Vote(const IssueView& v, int j, int k);
// The lower weighted median (half the weight reached within a relative
// kTie counts as reached); order is scratch for n indices.
double WeightedMedian(const IssueView& v, int* order);
double WeightedMean(const IssueView& v);  // the plain mean when every weight is 0

// P^i of i prevailing against j, and P^j = 1 − P^i, from one pass.
struct Chances {
  double i = 0.5, j = 0.5;
};
Chances Prevail(const IssueView& v, int i, int j);

struct BasicUtilities {
  double success = 0, failure = 0, better = 0, worse = 0, status_quo = 0;
};
// i's utilities of a challenge to j with median mu and range R > 0, under
// i's risk exponent r.
BasicUtilities Utilities(double xi, double xj, double mu, double range, double r);
// T: true iff j moving to the median would bring it closer to i, by more
// than tie (kTie·R).
inline bool MedianHelps(double xi, double xj, double mu, double tie) {
  return (xi > mu ? xi - mu : mu - xi) < (xi > xj ? xi - xj : xj - xi) - tie;
}
// E^i(U_ij) from i's utilities, P^i, the target's salience s_j and Q.
double Challenge(const BasicUtilities& u, double p, double target_salience, double q, bool t);

// R_i from i's security and the extremes over all actors (0 when max == min).
double RiskAttitude(double security, double max, double min);
// r_i = (1 − R_i/3)/(1 + R_i/3), computed as (3 − R)/(3 + R): exact ½ and 2 at the ends.
inline double RiskExponent(double attitude) { return (3 - attitude) / (3 + attitude); }

// Figure 6's regions of a dyad (a, b) = (E^i(U_ij), E^j(U_ji)). Boundary
// cases (a == b with both positive, |a| == |b| with opposite signs, or a
// zero, each within kTie) are Tie: nobody moves.
enum class Octant : std::uint8_t {
  Tie,
  ConfrontationMinus,  // a > 0, b > 0, b > a: i moves to x_j
  ConfrontationPlus,   // a > 0, b > 0, a > b: j moves to x_i
  CompromisePlus,      // a > 0, b < 0, |a| > |b|: j moves toward x_i (eq. 35)
  CompromiseMinus,     // a < 0, b > 0, |b| > |a|: i moves toward x_j (eq. 36)
  CompelPlus,          // a > 0, b < 0, |b| > |a|: j capitulates to x_i
  CompelMinus,         // a < 0, b > 0, |a| > |b|: i capitulates to x_j
  Stalemate,           // a < 0, b < 0: nobody moves
};
Octant Classify(double a, double b);

// Ordered by priority: an actor takes a conflict move before a compromise
// before a capitulation.
enum class MoveKind : std::uint8_t { None, Conflict, Compromise, Capitulation };

// A move one dyad proposes: mover goes to target because of proposer, whose
// EU of the challenge (eu) is attached.
struct Move {
  int mover = -1, proposer = -1;
  MoveKind kind = MoveKind::None;
  double target = 0, eu = 0;
};
// The dyad {i, j}'s move under figure 6 and eqs. 35–36 (kind None: none).
Move Resolve(int i, int j, double a, double b, double xi, double xj);
// True when the mover at x takes candidate rather than current: by kind,
// then (least move) the shorter move, the higher proposer EU, or (highest
// EU) the higher EU, the shorter move; last the lower proposer index.
// Lengths within tie (kTie·R) and EUs within kTie are equal.
bool Prefer(const Move& candidate, const Move& current, double x, bool highest_eu, double tie);

struct RoundRules {
  double q = 1;             // Q, the weight of the status quo
  bool highest_eu = false;  // offer selection (Prefer)
};

// Scratch for one round on an issue of up to n actors (allocated once).
struct RoundScratch {
  std::vector<int> order;
  std::vector<double> weight;                        // c·s per actor
  std::vector<double> chance;                        // n×n: chance[i·n + j] = P^i against j
  std::vector<double> eu;                            // n×n: eu[i·n + j] = E^i(U_ij), second pass
  std::vector<double> security, attitude, exponent;  // per actor: Sec_i, R_i, r_i
  std::vector<Move> chosen;                          // per actor: the move it takes (kind None: stays)
  void Resize(int n);
};

struct RoundSummary {
  double median = 0, range = 0;
  double largest_move = 0;  // max |next − x| over the actors
  int moves = 0;            // actors whose position changes
};

// One round of the model on an issue: the median, both EU passes, every
// dyad's move and each actor's choice. Writes the new positions to next
// (n entries, may not alias v.position). With R = 0 nobody moves.
RoundSummary PlayRound(const IssueView& v, const RoundRules& rules, RoundScratch& scratch, double* next);

}  // namespace parley::eu

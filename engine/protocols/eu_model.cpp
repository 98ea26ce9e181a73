#include "protocols/eu_model.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace parley::eu {

namespace {

// base^r with the exponents the model hits most (r = 1 in the first pass,
// ½ and 2 at the extremes of risk) done without pow.
inline double Power(double base, double r) {
  if (r == 1.0) return base;
  if (r == 2.0) return base * base;
  if (r == 0.5) return std::sqrt(base);
  return std::pow(base, r);
}

// 2 − 4·base^r, the shape of every basic utility (eqs. 15–16, 22–24). The
// bases stay in [0, 1] since no distance exceeds R; the clamp guards rounding.
inline double Shape(double base, double r) { return 2 - 4 * Power(base > 0 ? base : 0.0, r); }

// P^i against j with weights w_k (eqs. 30–31): actors closer to x_i than to
// x_j side with i, by w_k times the margin g_k. Branch-free (the signs of g
// are unpredictable); adding +0 leaves each sum as the branching loop has it.
template <class Weight>
inline Chances PrevailWith(const double* x, int n, int i, int j, Weight weight) {
  double with_i = 0, with_j = 0;
  for (int k = 0; k < n; ++k) {
    const double g = std::fabs(x[k] - x[j]) - std::fabs(x[k] - x[i]), w = weight(k);
    with_i += w * (g > 0 ? g : 0.0);
    with_j += w * (g < 0 ? -g : 0.0);
  }
  const double total = with_i + with_j;
  if (!(total > 0)) return {};
  return {with_i / total, with_j / total};
}

// U_b or U_w, whichever T selects (eqs. 22–23).
inline double MedianTerm(double xi, double xj, double mu, double range, double r) {
  const double e = (std::fabs(xi - mu) + std::fabs(xi - xj)) / range;
  return MedianHelps(xi, xj, mu, kTie * range) ? Shape(0.5 - 0.25 * e, r) : Shape(0.5 + 0.25 * e, r);
}

// E^i(U_ij) with the median term given (it is multiplied by 1 − Q = 0 when
// Q = 1, so callers may then pass 0 and skip computing it).
inline double Expected(double success, double failure, double status_quo, double median_term, double p,
                       double target_salience, double q) {
  return target_salience * (p * success + (1 - p) * failure) + (1 - target_salience) * success -
         q * status_quo - (1 - q) * median_term;
}

}  // namespace

double Range(const IssueView& v) {
  if (v.n == 0) return 0;
  const auto [lo, hi] = std::minmax_element(v.position, v.position + v.n);
  return *hi - *lo;
}

double Vote(const IssueView& v, int j, int k) {
  const double range = Range(v);
  if (!(range > 0)) return 0;
  const double* x = v.position;
  double sum = 0;
  for (int i = 0; i < v.n; ++i)
    sum += v.Weight(i) * 2 * (std::fabs(x[i] - x[k]) - std::fabs(x[i] - x[j])) / range;
  return sum;
}

// argmin_y Σ w_i|x_i − y| is the first position, in increasing order, at
// which the cumulative weight reaches half the total: the lower end of a
// flat minimum. The total is summed in the same order as the cumulative,
// and an exact half missed by rounding still counts.
double WeightedMedian(const IssueView& v, int* order) {
  const double* x = v.position;
  std::iota(order, order + v.n, 0);
  std::sort(order, order + v.n, [x](int a, int b) { return x[a] < x[b] || (x[a] == x[b] && a < b); });
  double total = 0;
  for (int u = 0; u < v.n; ++u) total += v.Weight(order[u]);
  double cumulative = 0;
  for (int u = 0; u < v.n; ++u) {
    cumulative += v.Weight(order[u]);
    if (2 * cumulative >= total * (1 - kTie)) return x[order[u]];
  }
  return v.n ? x[order[v.n - 1]] : 0.0;
}

double WeightedMean(const IssueView& v) {
  double weighted = 0, total = 0, plain = 0;
  for (int i = 0; i < v.n; ++i) {
    weighted += v.Weight(i) * v.position[i], total += v.Weight(i), plain += v.position[i];
  }
  return total > 0 ? weighted / total : (v.n ? plain / v.n : 0.0);
}

Chances Prevail(const IssueView& v, int i, int j) {
  return PrevailWith(v.position, v.n, i, j, [&v](int k) { return v.Weight(k); });
}

BasicUtilities Utilities(double xi, double xj, double mu, double range, double r) {
  const double d = std::fabs(xi - xj) / range, e = (std::fabs(xi - mu) + std::fabs(xi - xj)) / range;
  BasicUtilities u;
  u.success = Shape(0.5 - 0.5 * d, r);
  u.failure = Shape(0.5 + 0.5 * d, r);
  u.better = Shape(0.5 - 0.25 * e, r);
  u.worse = Shape(0.5 + 0.25 * e, r);
  u.status_quo = Shape(0.5, r);
  return u;
}

double Challenge(const BasicUtilities& u, double p, double target_salience, double q, bool t) {
  return Expected(u.success, u.failure, u.status_quo, t ? u.better : u.worse, p, target_salience, q);
}

// (Sec − min) − (max − Sec) over the spread is eq. 33's ratio, and exactly
// ±1 at the extremes.
double RiskAttitude(double security, double max, double min) {
  if (!(max > min)) return 0;
  return ((security - min) - (max - security)) / (max - min);
}

// Signs first (a zero is a tie), then the magnitudes (equal ones are a tie).
Octant Classify(double a, double b) {
  if (!(std::fabs(a) > kTie && std::fabs(b) > kTie)) return Octant::Tie;
  if (a < 0 && b < 0) return Octant::Stalemate;
  if (std::fabs(std::fabs(a) - std::fabs(b)) <= kTie) return Octant::Tie;
  if (a > 0 && b > 0) return b > a ? Octant::ConfrontationMinus : Octant::ConfrontationPlus;
  if (a > 0) return a > -b ? Octant::CompromisePlus : Octant::CompelPlus;
  return b > -a ? Octant::CompromiseMinus : Octant::CompelMinus;
}

Move Resolve(int i, int j, double a, double b, double xi, double xj) {
  switch (Classify(a, b)) {
    case Octant::ConfrontationMinus:
      return {i, j, MoveKind::Conflict, xj, b};
    case Octant::ConfrontationPlus:
      return {j, i, MoveKind::Conflict, xi, a};
    case Octant::CompromisePlus:
      return {j, i, MoveKind::Compromise, xj + (xi - xj) * std::fabs(b / a), a};  // eq. 35
    case Octant::CompromiseMinus:
      return {i, j, MoveKind::Compromise, xi + (xj - xi) * std::fabs(a / b), b};  // eq. 36
    case Octant::CompelPlus:
      return {j, i, MoveKind::Capitulation, xi, a};
    case Octant::CompelMinus:
      return {i, j, MoveKind::Capitulation, xj, b};
    case Octant::Tie:
    case Octant::Stalemate:
      break;
  }
  return {};
}

bool Prefer(const Move& candidate, const Move& current, double x, bool highest_eu, double tie) {
  if (current.kind == MoveKind::None) return candidate.kind != MoveKind::None;
  if (candidate.kind != current.kind) return candidate.kind < current.kind;
  const double near = std::fabs(candidate.target - x), far = std::fabs(current.target - x);
  const bool same_length = std::fabs(near - far) <= tie,
             same_eu = std::fabs(candidate.eu - current.eu) <= kTie;
  if (highest_eu) {
    if (!same_eu) return candidate.eu > current.eu;
    if (!same_length) return near < far;
  } else {
    if (!same_length) return near < far;
    if (!same_eu) return candidate.eu > current.eu;
  }
  return candidate.proposer < current.proposer;
}

void RoundScratch::Resize(int n) {
  const size_t square = static_cast<size_t>(n) * n;
  order.assign(n, 0), weight.assign(n, 0.0);
  chance.assign(square, 0.5), eu.assign(square, 0.0);
  security.assign(n, 0.0), attitude.assign(n, 0.0), exponent.assign(n, 1.0);
  chosen.assign(n, Move{});
}

RoundSummary PlayRound(const IssueView& v, const RoundRules& rules, RoundScratch& sc, double* next) {
  const int n = v.n;
  const double* x = v.position;
  const double q = rules.q;
  RoundSummary summary;
  std::copy(x, x + n, next);
  std::fill(sc.chosen.begin(), sc.chosen.begin() + n, Move{});
  summary.range = Range(v);
  summary.median = WeightedMedian(v, sc.order.data());
  if (!(summary.range > 0)) return summary;
  const double range = summary.range, mu = summary.median;

  // P^i against j does not depend on risk: once per dyad for both passes,
  // with the weights c·s computed once.
  double* weight = sc.weight.data();
  for (int k = 0; k < n; ++k) weight[k] = v.Weight(k);
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) {
      const Chances c = PrevailWith(x, n, i, j, [weight](int k) { return weight[k]; });
      sc.chance[i * n + j] = c.i, sc.chance[j * n + i] = c.j;
    }

  // Pass 1, every r = 1: E^i(U_ij) adds to j's security (what others expect
  // from challenging j). U_sq = 0 at r = 1.
  std::fill(sc.security.begin(), sc.security.begin() + n, 0.0);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      if (j == i) continue;
      const double d = std::fabs(x[i] - x[j]) / range;
      const double other = q != 1 ? MedianTerm(x[i], x[j], mu, range, 1.0) : 0.0;
      sc.security[j] += Expected(Shape(0.5 - 0.5 * d, 1.0), Shape(0.5 + 0.5 * d, 1.0), Shape(0.5, 1.0), other,
                                 sc.chance[i * n + j], v.salience[j], q);
    }
  const auto [low, high] = std::minmax_element(sc.security.begin(), sc.security.begin() + n);
  for (int i = 0; i < n; ++i) {
    sc.attitude[i] = RiskAttitude(sc.security[i], *high, *low);
    sc.exponent[i] = RiskExponent(sc.attitude[i]);
  }

  // Pass 2: each evaluator with its own r_i.
  for (int i = 0; i < n; ++i) {
    const double r = sc.exponent[i], status_quo = Shape(0.5, r);
    for (int j = 0; j < n; ++j) {
      if (j == i) continue;
      const double d = std::fabs(x[i] - x[j]) / range;
      const double other = q != 1 ? MedianTerm(x[i], x[j], mu, range, r) : 0.0;
      sc.eu[i * n + j] = Expected(Shape(0.5 - 0.5 * d, r), Shape(0.5 + 0.5 * d, r), status_quo, other,
                                  sc.chance[i * n + j], v.salience[j], q);
    }
  }

  // Every dyad proposes at most one move; each mover keeps its preferred one.
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) {
      const Move m = Resolve(i, j, sc.eu[i * n + j], sc.eu[j * n + i], x[i], x[j]);
      if (m.kind != MoveKind::None &&
          Prefer(m, sc.chosen[m.mover], x[m.mover], rules.highest_eu, kTie * range))
        sc.chosen[m.mover] = m;
    }

  // Everyone moves at once. A move to where the actor stands (possible
  // between co-located actors when Q < 1) is taken but moves nobody.
  for (int i = 0; i < n; ++i) {
    if (sc.chosen[i].kind == MoveKind::None || sc.chosen[i].target == x[i]) continue;
    next[i] = sc.chosen[i].target;
    summary.largest_move = std::fmax(summary.largest_move, std::fabs(next[i] - x[i]));
    ++summary.moves;
  }
  return summary;
}

}  // namespace parley::eu

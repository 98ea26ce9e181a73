#include "protocols/numerics.h"

#include <limits>
#include <utility>

namespace parley {

namespace {

constexpr double kStepTol = 1e-15;

// Weighted median; terms are sorted in place (a handful of actors).
double WeightedMedian(IssueTerm* terms, int n) {
  for (int i = 1; i < n; ++i)
    for (int j = i; j > 0 && terms[j].ideal < terms[j - 1].ideal; --j) std::swap(terms[j], terms[j - 1]);
  double total = 0;
  for (int i = 0; i < n; ++i) total += terms[i].weight;
  double below = 0;
  for (int i = 0; i < n; ++i) {
    below += terms[i].weight;
    // Exactly half below: every point up to the next ideal is a minimiser.
    if (2 * below == total && i + 1 < n) return 0.5 * (terms[i].ideal + terms[i + 1].ideal);
    if (2 * below >= total) return terms[i].ideal;
  }
  return terms[n - 1].ideal;
}

double WeightedMean(const IssueTerm* terms, int n) {
  double sum = 0, total = 0;
  for (int i = 0; i < n; ++i) sum += terms[i].weight * terms[i].ideal, total += terms[i].weight;
  return sum / total;
}

// Derivative of Σ w|x−θ|^r (a subgradient at kinks) and its slope.
void Slope(const IssueTerm* terms, int n, double x, double& g, double& h) {
  g = 0, h = 0;
  for (int i = 0; i < n; ++i) {
    const IssueTerm& t = terms[i];
    double d = x - t.ideal, ad = std::fabs(d), sign = d > 0 ? 1.0 : (d < 0 ? -1.0 : 0.0);
    if (t.risk == 1.0) {
      g += t.weight * sign;
    } else if (t.risk == 2.0) {
      g += 2 * t.weight * d, h += 2 * t.weight;
    } else {
      // One pow per term: |d|^(r−2) = |d|^(r−1) / |d|.
      const double p = std::pow(ad, t.risk - 1);
      g += t.weight * t.risk * sign * p;
      h += ad > 0 ? t.weight * t.risk * (t.risk - 1) * p / ad : std::numeric_limits<double>::infinity();
    }
  }
}

// One-sided derivatives at y: the subdifferential is [g_minus, g_plus].
void Subgradient(const IssueTerm* terms, int n, double y, double& g_minus, double& g_plus) {
  double g, h;
  Slope(terms, n, y, g, h);
  g_minus = g_plus = g;
  for (int i = 0; i < n; ++i)
    if (terms[i].risk == 1.0 && terms[i].ideal == y) g_minus -= terms[i].weight, g_plus += terms[i].weight;
}

// Newton inside a bracket where the derivative is monotone, bisecting when a
// Newton step would leave it. Linear terms put kinks in the objective: first
// look for a kink where 0 is a subgradient, else narrow the bracket to the
// two kinks around the root, where the derivative is smooth (and, with only
// risks 1 and 2, linear: one Newton step lands on the root).
double NewtonArgmin(const IssueTerm* terms, int n) {
  double lo = terms[0].ideal, hi = terms[0].ideal;
  for (int i = 1; i < n; ++i) lo = std::fmin(lo, terms[i].ideal), hi = std::fmax(hi, terms[i].ideal);
  for (int i = 0; i < n; ++i) {
    if (terms[i].risk != 1.0) continue;
    double y = terms[i].ideal, g_minus, g_plus;
    Subgradient(terms, n, y, g_minus, g_plus);
    if (g_minus <= 0 && g_plus >= 0) return y;
    if (g_plus < 0) lo = std::fmax(lo, y);
    if (g_minus > 0) hi = std::fmin(hi, y);
  }
  // Start from the weighted mean of the ideals (the answer when every r = 2).
  double sum = 0, total = 0;
  for (int i = 0; i < n; ++i) sum += terms[i].weight * terms[i].ideal, total += terms[i].weight;
  double x = std::fmin(std::fmax(sum / total, lo), hi);
  if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
  for (int it = 0; it < 200 && hi > lo; ++it) {
    double g, h;
    Slope(terms, n, x, g, h);
    if (g == 0) return x;
    (g < 0 ? lo : hi) = x;
    // A Newton step this small is below what any caller can see. At the
    // ideal of a term with r < 2 the slope is infinite: bisect instead.
    double next = 0.5 * (lo + hi);
    if (std::isfinite(h)) {
      const double step = g / h;
      if (std::fabs(step) <= kStepTol) return x;
      if (x - step > lo && x - step < hi) next = x - step;
    }
    if (next <= lo || next >= hi) break;
    x = next;
  }
  return x;
}

// The derivative g of Σ w|x − θ|^r at x (increasing in x), its slope h and
// curvature c, the sum of its terms' sizes, the distance to the nearest ideal
// of a term with r != 2, and the nearest term with r < 2 (−1: none) with its
// |x − θ|^(r−1); one pow per term.
struct SmoothSlope {
  double g = 0, h = 0, c = 0, size = 0, gap = 1, near_power = 0;
  int near = -1;
};
SmoothSlope SmoothAt(const IssueTerm* terms, int n, double x) {
  SmoothSlope s;
  for (int i = 0; i < n; ++i) {
    const IssueTerm& t = terms[i];
    const double d = x - t.ideal, ad = std::fabs(d), p = PowerBelow(ad, t.risk);
    const double term = t.weight * t.risk * p;
    s.g += d > 0 ? term : -term, s.size += term;
    if (t.risk == 2.0) {
      s.h += 2 * t.weight;
      continue;
    }
    if (t.risk < 2 && (s.near < 0 || ad < std::fabs(x - terms[s.near].ideal))) s.near = i, s.near_power = p;
    s.gap = std::fmin(s.gap, ad);
    if (ad == 0) {
      s.h += t.risk < 2 ? std::numeric_limits<double>::infinity() : 0.0;
      continue;
    }
    const double slope = term * (t.risk - 1) / ad;
    s.h += slope, s.c += slope * (t.risk - 2) / d;
  }
  return s;
}

}  // namespace

double SmoothArgmin(const IssueTerm* terms, int n, double guess) {
  double lo = terms[0].ideal, hi = terms[0].ideal;
  for (int i = 1; i < n; ++i) lo = std::fmin(lo, terms[i].ideal), hi = std::fmax(hi, terms[i].ideal);
  if (!(hi > lo)) return lo;
  double x = guess;
  if (!(x > lo && x < hi)) {
    // No usable guess: the weighted mean of the ideals (the answer when every r = 2).
    double sum = 0, total = 0;
    for (int i = 0; i < n; ++i) sum += terms[i].weight * terms[i].ideal, total += terms[i].weight;
    x = sum / total;
    if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
  }
  // Derivative values at the bracket ends, once known (NaN: not yet).
  double g_lo = std::numeric_limits<double>::quiet_NaN(), g_hi = g_lo;
  int last = 0;  // the end false position moved last (Illinois): −1 lo, +1 hi
  for (int it = 0; it < 200; ++it) {
    const SmoothSlope s = SmoothAt(terms, n, x);
    // A root to rounding: the terms cancel to their sum's last digits, or
    // the Newton step is below the spacing of doubles at x (and no ideal is
    // within reach, where the derivative could turn steeply).
    const double resolution = 4e-16 * x;
    if (std::fabs(s.g) <= 1e-15 * s.size) return x;
    if (std::isfinite(s.h) && std::fabs(s.g) <= resolution * s.h && s.gap > 4 * resolution) return x;
    (s.g < 0 ? lo : hi) = x, (s.g < 0 ? g_lo : g_hi) = s.g;
    double next = lo, step = 0;
    if (s.h > 0 && std::isfinite(s.h)) step = s.g / s.h, next = x - step;
    // A step onto or across the ideal of a term with r < 2, where the
    // derivative is steep like |x − θ|^(r−1) and Newton would oscillate:
    // Newton in u = sign·|x − θ|^(r−1) instead, in which that term is linear.
    if (step != 0 && s.near >= 0 && (x - terms[s.near].ideal) * (next - terms[s.near].ideal) <= 0) {
      const IssueTerm& t = terms[s.near];
      const double d = x - t.ideal, p = t.risk - 1, u = d > 0 ? s.near_power : -s.near_power;
      const double v = u - s.g * p * s.near_power / (s.h * std::fabs(d));
      next = t.ideal + (v > 0 ? std::pow(v, 1 / p) : -std::pow(-v, 1 / p)), step = x - next;
    }
    if (!(step != 0 && next > lo && next < hi)) {
      step = 0;
      // Newton leaves the bracket (near an ideal with r < 2 the derivative
      // is steep on one side): false position, halving the value of an end
      // that stays twice in a row (Illinois); the ends' values once needed.
      if (std::isnan(g_lo)) g_lo = SmoothAt(terms, n, lo).g;
      if (std::isnan(g_hi)) g_hi = SmoothAt(terms, n, hi).g;
      const int moved = s.g < 0 ? -1 : 1;
      if (moved == last) (moved < 0 ? g_hi : g_lo) *= 0.5;
      last = moved;
      next = g_hi > g_lo ? lo - g_lo * (hi - lo) / (g_hi - g_lo) : 0.5 * (lo + hi);
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    }
    if (next <= lo || next >= hi) return x;
    x = next;
    // Newton's error after this step is ~ c/(2h)·step² while no ideal is
    // within reach: below 1e-17, stop without another round of pow.
    if (step != 0 && s.gap > 4 * std::fabs(step) && std::fabs(s.c / s.h) * step * step <= 1e-17) return x;
  }
  return x;
}

double IssueArgmin(IssueTerm* terms, int n) {
  if (n == 1) return terms[0].ideal;
  bool linear = true, quadratic = true;
  for (int i = 0; i < n; ++i) linear &= terms[i].risk == 1.0, quadratic &= terms[i].risk == 2.0;
  if (linear) return WeightedMedian(terms, n);
  if (quadratic) return WeightedMean(terms, n);
  return NewtonArgmin(terms, n);
}

}  // namespace parley

// Small numerical kernels of the bargaining solvers.
//
// IssueArgmin solves the one-dimensional problem that every solver reduces
// to once the issues separate: the point of an issue that minimises a
// weighted sum of the actors' losses w·|x − θ|^r. ShrinkBracket is the root
// search the solvers use on monotone functions; it keeps a sign-changing
// bracket and tells which scratch slot holds each end, so callers can keep
// the points that go with the two ends without copying.
#pragma once

#include <cmath>

namespace parley {

// |d|^r, with the common exponents done without pow (as model/world.cpp).
inline double LossPower(double d, double r) {
  d = std::fabs(d);
  if (r == 1.0) return d;
  if (r == 2.0) return d * d;
  return std::pow(d, r);
}

// One actor's term on one issue: weight·|x − ideal|^risk, with risk >= 1.
struct IssueTerm {
  double weight = 0, ideal = 0, risk = 1;
};

// The minimiser over [0, 1] of Σ weight·|x − ideal|^risk for terms of
// positive weight (n >= 1; the terms may be reordered). All risk 1: the
// weighted median, and the middle of the flat interval when the weights
// split exactly in half. All risk 2: the weighted mean. Otherwise the kink
// of a linear term where 0 is a subgradient, or else a safeguarded Newton
// search on the (monotone) derivative between the kinks around the root.
double IssueArgmin(IssueTerm* terms, int n);

// |d|^(r−1) for d >= 0: the derivative's power, without pow for r = 2, 3.
inline double PowerBelow(double ad, double r) {
  if (r == 2.0) return ad;
  if (r == 3.0) return ad * ad;
  return std::pow(ad, r - 1);
}

// The minimiser of Σ weight·|x − ideal|^risk when every risk > 1 (n >= 1,
// positive weights), from the starting guess: Newton on the increasing
// derivative, kept inside a bracket that starts as the ideals' hull, and
// false position (Illinois) when a step leaves it: near the ideal of a term
// with r < 2 the derivative is steep on one side. It stops when the
// derivative's terms cancel to 1e-15 of their size or the Newton step is
// below the spacing of doubles, when Newton's own error estimate
// (curvature/slope · step², no ideal within reach) is below 1e-17, or when
// the bracket cannot shrink. The error left is then ~1e-15/(r − 1) at worst
// (the root's conditioning when r is near 1).
double SmoothArgmin(const IssueTerm* terms, int n, double guess);

// A root bracket of a nonincreasing function f: f(a) > 0 >= f(b). Each end
// remembers the scratch slot (0, 1 or 2) where its point is kept.
struct Bracket {
  double a = 0, fa = 0, b = 1, fb = 0;
  int slot_a = 0, slot_b = 1;
};

// The Illinois form of regula falsi: the end values used for the secant, and
// halving the stale end's value when the same end moves twice in a row.
struct Illinois {
  explicit Illinois(const Bracket& br) : ga(br.fa), gb(br.fb) {}
  double Secant(const Bracket& br) const { return br.b - gb * (br.b - br.a) / (gb - ga); }
  // Moves the end of the bracket that f(t) (kept in `slot`) replaces.
  void Accept(Bracket& br, double t, double f, int slot) {
    if (f > 0) {
      br.a = t, br.fa = ga = f, br.slot_a = slot;
      if (last == 1) gb *= 0.5;
      last = 1;
    } else {
      br.b = t, br.fb = gb = f, br.slot_b = slot;
      if (last == -1) ga *= 0.5;
      last = -1;
    }
  }
  double ga, gb;  // end values, Illinois-scaled
  int last = 0;   // +1: a moved last, -1: b moved last
};

// Shrinks the bracket by regula falsi with the Illinois correction, forcing a
// bisection when three steps have not halved it. Stops when f(b) >= -tight
// (the feasible end is a root to within `tight`), when close(bracket) holds,
// or when the bracket cannot shrink any further in double precision.
// eval(t, slot) evaluates f at t, keeping its point in scratch slot `slot`.
template <class Eval, class Close>
void ShrinkBracket(Bracket& br, double tight, Eval&& eval, Close&& close) {
  Illinois illinois(br);
  double width_mark = br.b - br.a;
  for (int it = 0; it < 400; ++it) {
    if (br.fb >= -tight || close(br)) return;
    double mid = 0.5 * (br.a + br.b);
    if (mid <= br.a || mid >= br.b) return;
    double t = illinois.Secant(br);
    // Regula falsi can creep along one end: bisect when progress stalls.
    if (it % 3 == 2) {
      if (br.b - br.a > 0.5 * width_mark) t = mid;
      width_mark = br.b - br.a;
    }
    if (!(t > br.a && t < br.b)) t = mid;
    int slot = 3 - br.slot_a - br.slot_b;
    illinois.Accept(br, t, eval(t, slot), slot);
  }
}

}  // namespace parley

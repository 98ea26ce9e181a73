#include "model/shocks.h"

#include <algorithm>
#include <boost/math/special_functions/erf.hpp>
#include <cmath>

#include "core/rng.h"

namespace parley {

bool MoveStatusQuo(const Scenario& s, World& w, int round) {
  for (const Dynamic& d : s.dynamics) {
    const Issue& issue = s.issues[d.issue];
    // Standard normal by inverse CDF of this round's uniform of the issue's stream.
    double u = Rng(w.seed, w.replicate, d.stream).UniformAt(static_cast<std::uint64_t>(round));
    double z = -std::sqrt(2.0) * boost::math::erfc_inv(2 * u);
    double& x = w.param[d.status_quo];
    x = std::clamp(x + w.param[d.drift] + w.param[d.volatility] * z, issue.low, issue.high);
  }
  return !s.dynamics.empty();
}

bool ClampToDomain(const Param& p, double& x) {
  const double low = p.domain_low_open ? std::nextafter(p.domain_low, p.domain_high) : p.domain_low;
  if (x < low) return x = low, true;
  if (x > p.domain_high) return x = p.domain_high, true;
  return false;
}

// Applies one effect; true when its result had to be clamped to the domain.
static bool ApplyEffect(const Scenario& s, const EventEffect& effect, World& w) {
  double& target = w.param[effect.target];
  const double size = w.param[effect.value];
  switch (effect.op) {
    case EffectOp::Add: target += size; break;
    case EffectOp::Scale: target *= size; break;
    case EffectOp::Set: target = size; break;
  }
  return ClampToDomain(s.params[static_cast<size_t>(effect.target)], target);
}

int FireEvents(const Scenario& s, World& w, int round, std::vector<std::uint8_t>& fired, std::vector<int>* fired_now,
               std::vector<std::uint8_t>* clamped) {
  int count = 0;
  for (size_t e = 0; e < s.events.size(); ++e) {
    const Event& event = s.events[e];
    if (round < event.from_round || (event.until_round >= 0 && round > event.until_round)) continue;
    if (event.once && fired[e]) continue;
    double u = Rng(w.seed, w.replicate, event.stream).UniformAt(static_cast<std::uint64_t>(round));
    if (!(u < w.param[event.hazard])) continue;
    for (const EventEffect& effect : event.effects)
      if (ApplyEffect(s, effect, w) && clamped) (*clamped)[e] = 1;
    fired[e] = 1;
    ++count;
    if (fired_now) fired_now->push_back(static_cast<int>(e));
  }
  return count;
}

// Unit-scale status quo of a drifting issue, `steps` rounds along its drift from now.
static double DriftedStatusQuo(const Scenario& s, const World& w, const Dynamic& d, double steps) {
  const Issue& issue = s.issues[d.issue];
  return issue.ToUnit(std::clamp(w.param[issue.status_quo] + w.param[d.drift] * steps, issue.low, issue.high));
}

// Along the path only the drifting issues move, so each flow is a fixed part
// (the still issues' utility less the war cost) plus the drifting issues'
// terms s_ik·(1 − |x_k − θ_ik|^r_i) (drifting issues are continuous: no
// level tables). The tail runs until the front reaches its bound, ~800
// rounds on the Ukraine baseline, so its loop is kept to a few flops per
// actor and round.
static void PrepareFlows(const Scenario& s, const World& w, PathScratch& p) {
  const int n = s.NumActors(), m = static_cast<int>(s.dynamics.size());
  p.coef.resize(static_cast<size_t>(m) * n), p.theta.resize(static_cast<size_t>(m) * n);
  for (int i = 0; i < n; ++i) {
    const Actor& a = s.actors[i];
    const bool indifferent = (w.salience.row(i) == 0).all();
    double fixed = 0;
    if (a.reservation >= 0) {
      fixed = w.param[a.reservation];
    } else if (indifferent) {
      fixed = 1.0 - w.war_cost[i];  // every outcome is worth 1
    } else {
      for (int k = 0; k < s.NumIssues(); ++k) {
        const bool drifting = std::any_of(s.dynamics.begin(), s.dynamics.end(), [k](const Dynamic& d) { return d.issue == k; });
        if (!drifting && w.salience(i, k) != 0) fixed += w.salience(i, k) * IssueValue(s, w, i, k, w.status_quo[k]);
      }
      fixed -= w.war_cost[i];
    }
    p.now[i] = fixed;
    for (int d = 0; d < m; ++d) {
      const int k = s.dynamics[d].issue;
      p.coef[static_cast<size_t>(d) * n + i] = (a.reservation >= 0 || indifferent) ? 0.0 : w.salience(i, k);
      p.theta[static_cast<size_t>(d) * n + i] = w.position(i, k);
    }
  }
}

static void FlowsAt(const Scenario& s, const World& w, double steps, PathScratch& p, double* out) {
  const int n = s.NumActors();
  for (int i = 0; i < n; ++i) out[i] = p.now[i];
  for (size_t d = 0; d < s.dynamics.size(); ++d) {
    const double x = DriftedStatusQuo(s, w, s.dynamics[d], steps);
    const double* coef = &p.coef[d * n];
    const double* theta = &p.theta[d * n];
    for (int i = 0; i < n; ++i) {
      if (coef[i] == 0) continue;
      const double distance = std::fabs(x - theta[i]), r = w.risk[i];
      const double closeness = r == 2.0 ? 1.0 - distance * distance : r == 1.0 ? 1.0 - distance : 1.0 - std::pow(distance, r);
      out[i] += coef[i] * closeness;
    }
  }
}

namespace {

// Σ_{t=lo}^{hi-1} q^t t^k for k = 0, 1, 2 and 0 < q < 1, as differences of
// the infinite tails F_k(m) = Σ_{t>=m} q^t t^k. Exact in closed form; the
// difference loses precision only when q^(hi-lo) is close to 1, which the
// caller avoids (it then sums term by term).
struct PowerSums {
  double s0 = 0, s1 = 0, s2 = 0;
};
PowerSums DiscountedPowerSums(double q, double lo, double hi) {
  const double g = 1 / (1 - q), a = q * g * g, b = q * (1 + q) * g * g * g;
  auto tail = [&](double m, PowerSums& f) {
    const double qm = std::pow(q, m);
    f.s0 = qm * g, f.s1 = qm * (m * g + a), f.s2 = qm * (m * m * g + 2 * m * a + b);
  };
  PowerSums from, to;
  tail(lo, from), tail(hi, to);
  return {from.s0 - to.s0, from.s1 - to.s1, from.s2 - to.s2};
}

// Σ_{t<T} q^t·(1 − |c + B·t|^r) for r = 1 or 2, over t in [lo, hi).
double LinearSegment(double q, double c, double slope, double r, double lo, double hi) {
  if (hi <= lo) return 0;
  if (r == 2.0) {
    const PowerSums p = DiscountedPowerSums(q, lo, hi);
    return (1 - c * c) * p.s0 - 2 * c * slope * p.s1 - slope * slope * p.s2;
  }
  // r = 1: split where c + B·t changes sign.
  double cut = hi;
  if (slope != 0) cut = std::clamp(std::ceil(-c / slope), lo, hi);
  double total = 0;
  for (auto [from, until] : {std::pair{lo, cut}, std::pair{cut, hi}}) {
    if (until <= from) continue;
    const double sign = (c + slope * from) + (c + slope * (until - 1)) >= 0 ? 1.0 : -1.0;
    const PowerSums p = DiscountedPowerSums(q, from, until);
    total += p.s0 - sign * (c * p.s0 + slope * p.s1);
  }
  return total;
}

}  // namespace

// The explicit part of the war's tail, rounds start .. start+T-1 of the
// path: Σ_t (1−δ)δ^t w(t) per actor into p.tail, δ^T into p.weight. Closed
// form per actor when every drifting term has r = 1 or 2 and T(1 − δ) >= 1
// (no cancellation); otherwise term by term. Both are tested against each
// other (tests/unit/test_shocks.cpp).
static void ExplicitTail(const Scenario& s, const World& w, PathScratch& p, double start, int T, bool closed) {
  const int n = s.NumActors();
  std::fill(p.tail.begin(), p.tail.end(), 0.0);
  std::fill(p.weight.begin(), p.weight.end(), 1.0);
  bool eligible = closed;
  for (int i = 0; i < n && eligible; ++i) {
    const double d = w.discount[i], r = w.risk[i];
    eligible = d >= 1.0 || (T * (1 - d) >= 1.0 && (r == 1.0 || r == 2.0));
  }
  if (!eligible) {
    for (int t = 0; t < T; ++t) {
      FlowsAt(s, w, start + t, p, p.terms.data());
      for (int i = 0; i < n; ++i) {
        const double d = w.discount[i];
        p.tail[i] += (1 - d) * p.weight[i] * p.terms[i];
        p.weight[i] *= d;
      }
    }
    return;
  }
  for (int i = 0; i < n; ++i) {
    const double q = w.discount[i];
    if (q >= 1.0) continue;  // the settled flow alone counts (see below)
    double sum = p.now[i] * DiscountedPowerSums(q, 0, T).s0;
    for (size_t k = 0; k < s.dynamics.size(); ++k) {
      const double coef = p.coef[k * n + i];
      if (coef == 0) continue;
      const Dynamic& d = s.dynamics[k];
      const Issue& issue = s.issues[d.issue];
      const double x0 = issue.ToUnit(w.param[issue.status_quo] + w.param[d.drift] * start);
      const double slope = w.param[d.drift] / (issue.high - issue.low), theta = p.theta[k * n + i];
      // Linear until the status quo reaches its bound, then constant there.
      double clamp_at = T;
      if (slope > 0) clamp_at = std::clamp(std::ceil((1 - x0) / slope), 0.0, double(T));
      if (slope < 0) clamp_at = std::clamp(std::ceil(-x0 / slope), 0.0, double(T));
      double part = LinearSegment(q, x0 - theta, slope, w.risk[i], 0, clamp_at);
      if (clamp_at < T) {
        const double bound = slope > 0 ? 1.0 : 0.0, distance = std::fabs(bound - theta), r = w.risk[i];
        part += (r == 2.0 ? 1 - distance * distance : 1 - distance) * DiscountedPowerSums(q, clamp_at, T).s0;
      }
      sum += coef * part;
    }
    p.tail[i] = (1 - q) * sum;
    p.weight[i] = std::pow(q, T);
  }
}

void ExpectedNoDealPath(const Scenario& s, const World& w, int t0, PathScratch& p, int lead) {
  ExpectedNoDealPath(s, w, t0, p, lead, true);
}

void ExpectedNoDealPath(const Scenario& s, const World& w, int t0, PathScratch& p, int lead, bool closed_form) {
  const int n = s.NumActors(), rounds = std::max(0, s.horizon - t0);
  p.flow.resize(static_cast<size_t>(rounds) * n);
  p.tail.resize(n), p.now.resize(n), p.weight.resize(n), p.terms.resize(n);
  if (s.dynamics.empty()) {  // a still status quo: the flows of the world as it is
    for (int t = 0; t < rounds; ++t) std::copy(w.flow.data(), w.flow.data() + n, &p.flow[static_cast<size_t>(t) * n]);
    std::copy(w.flow.data(), w.flow.data() + n, p.tail.begin());
    return;
  }
  // Rounds until every drifting status quo sits at its bound (or never moves).
  double settle = 0;
  for (const Dynamic& d : s.dynamics) {
    const Issue& issue = s.issues[d.issue];
    double drift = w.param[d.drift], x = w.param[issue.status_quo];
    if (drift != 0) settle = std::max(settle, std::ceil(((drift > 0 ? issue.high : issue.low) - x) / drift) - lead);
  }
  PrepareFlows(s, w, p);
  for (int t = 0; t < rounds; ++t) FlowsAt(s, w, lead + t, p, &p.flow[static_cast<size_t>(t) * n]);
  // The war after the horizon: discounted flows until the path settles (at
  // most 10,000 rounds), then the settled flow for good.
  const int explicit_rounds = static_cast<int>(std::min(std::max(0.0, settle - rounds), 10000.0));
  ExplicitTail(s, w, p, lead + rounds, explicit_rounds, closed_form);
  FlowsAt(s, w, lead + std::max<double>(settle, rounds), p, p.terms.data());
  for (int i = 0; i < n; ++i)
    p.tail[i] = w.discount[i] >= 1.0 ? p.terms[i] : p.tail[i] + p.weight[i] * p.terms[i];
}

}  // namespace parley

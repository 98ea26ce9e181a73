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

static void ApplyEffect(const EventEffect& effect, World& w) {
  double& target = w.param[effect.target];
  const double size = w.param[effect.value];
  switch (effect.op) {
    case EffectOp::Add: target += size; break;
    case EffectOp::Scale: target *= size; break;
    case EffectOp::Set: target = size; break;
  }
}

int FireEvents(const Scenario& s, World& w, int round, std::vector<std::uint8_t>& fired, std::vector<int>* fired_now) {
  int count = 0;
  for (size_t e = 0; e < s.events.size(); ++e) {
    const Event& event = s.events[e];
    if (round < event.from_round || (event.until_round >= 0 && round > event.until_round)) continue;
    if (event.once && fired[e]) continue;
    double u = Rng(w.seed, w.replicate, event.stream).UniformAt(static_cast<std::uint64_t>(round));
    if (!(u < w.param[event.hazard])) continue;
    for (const EventEffect& effect : event.effects) ApplyEffect(effect, w);
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

void ExpectedNoDealPath(const Scenario& s, const World& w, int t0, PathScratch& p, int lead) {
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
  std::fill(p.tail.begin(), p.tail.end(), 0.0);
  std::fill(p.weight.begin(), p.weight.end(), 1.0);
  for (int t = 0; t < explicit_rounds; ++t) {
    FlowsAt(s, w, lead + rounds + t, p, p.terms.data());
    for (int i = 0; i < n; ++i) {
      const double d = w.discount[i];
      p.tail[i] += (1 - d) * p.weight[i] * p.terms[i];
      p.weight[i] *= d;
    }
  }
  FlowsAt(s, w, lead + std::max<double>(settle, rounds), p, p.terms.data());
  for (int i = 0; i < n; ++i)
    p.tail[i] = w.discount[i] >= 1.0 ? p.terms[i] : p.tail[i] + p.weight[i] * p.terms[i];
}

}  // namespace parley

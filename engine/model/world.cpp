#include "model/world.h"

#include <cmath>

namespace parley {

void Resize(const Scenario& s, Outcome& outcome) {
  outcome.Resize(s.NumActors(), s.NumIssues(), static_cast<int>(s.events.size()));
}

void Resize(const Scenario& s, World& w) {
  const int n = s.NumActors(), k = s.NumIssues();
  w.param.setZero(static_cast<Eigen::Index>(s.params.size()));
  w.position.setZero(n, k);
  w.salience.setZero(n, k);
  w.salience_raw.setZero(n, k);
  w.capability.setZero(n);
  w.discount.setZero(n);
  w.risk.setZero(n);
  w.war_cost.setZero(n);
  w.flow.setZero(n);
  w.status_quo.setZero(k);
  w.level_value.setZero(static_cast<Eigen::Index>(s.value_params.size()));
}

void Draw(const Scenario& s, std::uint64_t seed, std::uint64_t replicate, World& w) {
  if (w.param.size() != static_cast<Eigen::Index>(s.params.size())) Resize(s, w);
  w.seed = seed;
  w.replicate = replicate;
  // Each parameter from the first uniform of its own stream: constants (and
  // pinned parameters, see Param::pinned) cost nothing.
  for (size_t i = 0; i < s.params.size(); ++i) {
    const Param& p = s.params[i];
    w.param[i] = p.dist.IsConstant() ? p.dist.value
                 : !std::isnan(p.pinned) ? p.pinned
                                        : p.dist.Quantile(Rng(seed, replicate, p.stream).UniformAt(0));
  }
  Derive(s, w);
}

void Derive(const Scenario& s, World& w) {
  const int n = s.NumActors(), k = s.NumIssues();
  for (int j = 0; j < k; ++j) w.status_quo[j] = s.issues[j].ToUnit(w.param[s.issues[j].status_quo]);
  for (int i = 0; i < n; ++i) {
    const Actor& a = s.actors[i];
    w.capability[i] = w.param[a.capability];
    w.discount[i] = w.param[a.discount];
    w.risk[i] = w.param[a.risk];
    w.war_cost[i] = a.war_cost >= 0 ? w.param[a.war_cost] : 0.0;
    double total = 0;
    for (int j = 0; j < k; ++j) {
      w.position(i, j) = s.issues[j].ToUnit(w.param[a.position[j]]);
      w.salience_raw(i, j) = w.param[a.salience[j]];
      total += w.salience_raw(i, j);
    }
    // An actor that cares about nothing is indifferent: utility 1 everywhere.
    for (int j = 0; j < k; ++j) w.salience(i, j) = total > 0 ? w.salience_raw(i, j) / total : 0.0;
  }
  for (Eigen::Index v = 0; v < w.level_value.size(); ++v) w.level_value[v] = w.param[s.value_params[v]];
  w.breakdown = w.param[s.protocol.breakdown];
  for (int i = 0; i < n; ++i) w.flow[i] = NoDealFlow(s, w, i, w.status_quo.data());
}

// 1 - |d|^r, with the common exponents done without pow.
static inline double Closeness(double distance, double r) {
  double d = std::fabs(distance);
  if (r == 1.0) return 1.0 - d;
  if (r == 2.0) return 1.0 - d * d;
  return 1.0 - std::pow(d, r);
}

double IssueValue(const Scenario& s, const World& w, int actor, int issue, double x) {
  const int offset = s.value_offset(actor, issue);
  return offset >= 0 ? w.level_value[offset + s.issues[issue].LevelOf(x)]
                     : Closeness(x - w.position(actor, issue), w.risk[actor]);
}

double Utility(const Scenario& s, const World& w, int actor, const double* x) {
  const int k = s.NumIssues();
  double u = 0;
  for (int j = 0; j < k; ++j) {
    double sal = w.salience(actor, j);
    if (sal == 0) continue;
    u += sal * IssueValue(s, w, actor, j, x[j]);
  }
  // Indifferent actor (all saliences zero): every outcome is as good as any.
  return (w.salience.row(actor) == 0).all() ? 1.0 : u;
}

double NoDealFlow(const Scenario& s, const World& w, int actor, const double* status_quo) {
  const Actor& a = s.actors[actor];
  if (a.reservation >= 0) return w.param[a.reservation];
  return Utility(s, w, actor, status_quo) - w.war_cost[actor];
}

}  // namespace parley

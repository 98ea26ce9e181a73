// Helpers for the protocol tests: scenarios and worlds built by hand.
#pragma once

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "model/outcome.h"
#include "model/scenario.h"
#include "model/world.h"
#include "protocols/alternating_offers.h"
#include "protocols/nash.h"

namespace parley::test {

// A scenario and one drawn world, built by hand. levels[k] == 0: continuous.
struct Setup {
  Scenario s;
  World w;

  Setup(int actors, const std::vector<int>& levels) {
    const int issues = static_cast<int>(levels.size());
    for (int k = 0; k < issues; ++k) {
      Issue issue;
      issue.name = "issue" + std::to_string(k);
      issue.ordinal = levels[k] > 0;
      for (int l = 0; l < levels[k]; ++l) issue.levels.push_back("level" + std::to_string(l));
      issue.high = issue.ordinal ? levels[k] - 1 : 1;
      s.issues.push_back(issue);
    }
    for (int a = 0; a < actors; ++a) {
      Actor actor;
      actor.name = "actor" + std::to_string(a);
      s.actors.push_back(actor);
      s.veto_actors.push_back(a);
    }
    s.protocol.proposers = s.veto_actors;
    s.protocol.recognition.assign(actors, 1.0 / actors);
    s.value_offset.setConstant(actors, issues, -1);
    w.seed = 7;
    w.position.setZero(actors, issues), w.salience.setConstant(actors, issues, 1.0 / issues);
    w.salience_raw = w.salience;
    w.capability.setOnes(actors), w.discount.setOnes(actors), w.risk.setOnes(actors);
    w.war_cost.setZero(actors), w.flow.setZero(actors), w.status_quo.setZero(issues);
  }
  void Mediator(int a) {
    s.actors[a].veto = false;
    s.veto_actors.clear();
    for (int i = 0; i < s.NumActors(); ++i)
      if (s.actors[i].veto) s.veto_actors.push_back(i);
  }
  Outcome Play(const Protocol& protocol, Trace* trace = nullptr) const {
    Outcome out;
    out.Resize(s.NumActors(), s.NumIssues(), 0);
    auto ws = protocol.NewWorkspace();
    protocol.Play(w, *ws, out, trace);
    return out;
  }
  Outcome PlayOffers(Trace* trace = nullptr) const { return Play(*MakeAlternatingOffers(s), trace); }
  Outcome PlayNash() const { return Play(*MakeNash(s)); }
};

// docs/model.md §9's pie: actor 0 wants 1, actor 1 wants 0; u_0 = x, u_1 = 1 − x when linear.
inline Setup Pie(double r, double d0, double d1, double w0 = 0, double w1 = 0, int horizon = 2000) {
  Setup p(2, {0});
  p.w.position(0, 0) = 1, p.w.position(1, 0) = 0;
  p.w.risk << r, r;
  p.w.discount << d0, d1;
  p.w.flow << w0, w1;
  p.s.horizon = horizon;
  return p;
}

// Largest u_0 over a grid of two continuous issues meeting the thresholds.
inline double GridBest(const Setup& p, const std::vector<int>& responders, const std::vector<double>& thresholds, int n) {
  double best = -1;
  for (int i = 0; i <= n; ++i)
    for (int j = 0; j <= n; ++j) {
      double x[2] = {static_cast<double>(i) / n, static_cast<double>(j) / n};
      bool ok = true;
      for (size_t r = 0; r < responders.size(); ++r) ok &= Utility(p.s, p.w, responders[r], x) >= thresholds[r];
      if (ok) best = std::fmax(best, Utility(p.s, p.w, 0, x));
    }
  return best;
}


// A random smooth problem: `actors` actors (actor 0 first), `continuous`
// continuous issues and ordinal issues of the given level counts, random
// positions, saliences (a few zeros for actors other than 0) and risks: 2
// for everyone with probability one half, else drawn in [1.1, 4] per actor.
inline Setup RandomSmooth(std::mt19937_64& rng, int actors, int continuous, const std::vector<int>& ordinal) {
  std::vector<int> levels(continuous, 0);
  levels.insert(levels.end(), ordinal.begin(), ordinal.end());
  Setup p(actors, levels);
  std::uniform_real_distribution<double> u(0, 1);
  const bool quadratic = u(rng) < 0.5;
  for (int a = 0; a < actors; ++a) {
    p.w.risk[a] = quadratic ? 2.0 : 1.1 + 2.9 * u(rng);
    double total = 0;
    for (size_t k = 0; k < levels.size(); ++k) {
      p.w.position(a, k) = levels[k] ? std::floor(u(rng) * levels[k]) / (levels[k] - 1) : u(rng);
      p.w.salience(a, k) = a > 0 && u(rng) < 0.1 ? 0.0 : 0.05 + u(rng);
      total += p.w.salience(a, k);
    }
    if (total > 0) p.w.salience.row(a) /= total;
  }
  p.w.salience_raw = p.w.salience;
  return p;
}

}  // namespace parley::test

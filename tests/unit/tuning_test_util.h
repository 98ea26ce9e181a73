// Shared pieces of the tuning tests: Fearon's closed form (docs/model.md §9.5)
// for the shipped scenarios/textbook/fearon.yaml, and compiling a scenario
// point as the CLI does.
#pragma once

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "helpers.h"
#include "model/scenario.h"
#include "protocols/registry.h"
#include "scenario/load.h"
#include "tuning/point_runner.h"

namespace parley::test {


// P(deal) in fearon.yaml (p = 0.6, cA = 0.1, cB ~ U[a, b] with a = 0.05) as
// a function of the responder's upper cost bound b: y* = (b - cA)/2 clamped
// to [a, min(b, 1 - p)], P(war) = (y* - a)/(b - a).
inline double FearonDeal(double b, double a = 0.05, double cA = 0.1, double p = 0.6) {
  double y = std::clamp((b - cA) / 2, a, std::min(b, 1 - p));
  return 1 - (y - a) / (b - a);
}

// dP(deal)/db of the closed form, by a central difference.
inline double FearonSlope(double b) { return (FearonDeal(b + 1e-6) - FearonDeal(b - 1e-6)) / 2e-6; }

// Compiles a file with overrides and its protocol, as `parley` does.
inline PointCompiler FileCompiler(const std::string& path, const std::vector<std::string>& base) {
  return [path, base](const std::vector<std::string>& point) {
    std::vector<std::string> all = base;
    all.insert(all.end(), point.begin(), point.end());
    CompiledPoint p;
    p.scenario = std::make_unique<Scenario>(Compile(LoadScenarioSpec(path, all)));
    p.protocol = FindProtocol(p.scenario->protocol.kind)->create(*p.scenario);
    return p;
  };
}

}  // namespace parley::test

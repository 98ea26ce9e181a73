// The per-round breakdown draws are independent of the drawn breakdown risk:
// with the risk drawn U(0, 1) and one rejected round, P(breakdown) = E[risk] = 1/2.
// (When both came from one stream, round 0 broke down iff u < F^-1(u) = u: never.)
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>

#include "helpers.h"

namespace parley {

TEST_CASE("a drawn breakdown risk and the round's breakdown draw are independent") {
  std::string dir = test::TempDir("breakdown-draws");
  std::string file = dir + "/s.yaml";
  // concession's opening offer is the proposer's best outcome, which the other rejects: one
  // rejected round, which then breaks down with the drawn risk.
  std::ofstream(file) << "parley: 1\nname: breakdown-draws\nrounds: {horizon: 1}\n"
                         "protocol: {kind: concession, breakdown: {dist: uniform, low: 0, high: 1}}\n"
                         "issues:\n  share: {scale: [0, 1], status_quo: 0.5}\n"
                         "actors:\n  a: {position: {share: 1}, salience: {share: 1}}\n"
                         "  b: {position: {share: 0}, salience: {share: 1}}\n";
  const int n = 20000;
  Json s = test::RunFile(file, {}, n);
  CHECK(s["deal"]["p"].get<double>() == 0.0);
  double p = s["no_deal"]["breakdown"].get<double>(), se = std::sqrt(0.25 / n);
  CHECK(std::fabs(p - 0.5) < 4 * se);
}

}  // namespace parley

// Data shared by the expected_utility tests: BDM's 1994 emission data and a
// random six-actor issue, with the helpers that play model rounds on them.
#pragma once

#include <doctest/doctest.h>

#include <vector>

#include "protocols/eu_model.h"

namespace parley::test {

// BDM 1994 p. 78 (Scholz et al. Table 1): Netherlands, Belgium, Luxembourg,
// Germany, France, Italy, UK, Ireland, Denmark, Greece.
enum { NL, BE, LU, DE, FR, IT, UK, IE, DK, GR };
inline const std::vector<double> kCapability = {.08, .08, .03, .16, .16, .16, .16, .05, .05, .08};
inline const std::vector<double> kPosition = {4, 7, 4, 4, 10, 10, 10, 7, 4, 7};
inline const std::vector<double> kSalience = {.8, .4, .2, .8, .6, .6, .9, .1, 1.0, .7};
inline const char* kBdmFile = "scenarios/textbook/bdm_1994_emissions.yaml";

inline eu::IssueView Bdm() { return {10, kPosition.data(), kCapability.data(), kSalience.data()}; }

// A random six-actor issue (Python random.Random(0), rounded to 3 places):
// its first round has conflicts and a compromise (eq. 35).
inline const std::vector<double> kRandomPosition = {0.844, 0.758, 0.421, 0.259, 0.511, 0.405};
inline const std::vector<double> kRandomCapability = {0.784, 0.303, 0.477, 0.583, 0.908, 0.505};
inline const std::vector<double> kRandomSalience = {0.282, 0.756, 0.618, 0.251, 0.91, 0.983};

inline eu::RoundScratch Scratch(int n) {
  eu::RoundScratch scratch;
  scratch.Resize(n);
  return scratch;
}

// Plays `rounds` model rounds from the positions given; returns the last.
inline std::vector<double> PlayRounds(std::vector<double> x, const std::vector<double>& c,
                                      const std::vector<double>& s, eu::RoundRules rules, int rounds) {
  const int n = static_cast<int>(x.size());
  eu::RoundScratch scratch = Scratch(n);
  std::vector<double> next(n);
  for (int t = 0; t < rounds; ++t) {
    eu::PlayRound({n, x.data(), c.data(), s.data()}, rules, scratch, next.data());
    x = next;
  }
  return x;
}

inline void CheckPositions(const std::vector<double>& got, const std::vector<double>& want) {
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i);
    CHECK(got[i] == doctest::Approx(want[i]).epsilon(1e-12));
  }
}

}  // namespace parley::test

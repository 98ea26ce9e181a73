// The expected-utility model's deterministic pieces (docs/model.md §7,
// protocols/eu_model.h) against hand-computed values on BDM's 1994 emission
// data, and full rounds.
//
// Expected numbers: unless derived by hand in a comment, they come from an
// independent Python reference written for these tests
// (tests/data/expected_utility/reference.py: float64, a direct
// transcription of docs/model.md §7: votes, argmin median, P^i, the five
// utilities, EU, security, R_i and r_i, the octant table, offer selection
// with the ties of eu::kTie), printed with 17 significant digits.
#include <doctest/doctest.h>

#include <cmath>
#include <utility>
#include <vector>

#include "eu_test_data.h"
#include "helpers.h"
#include "model/scenario.h"
#include "model/world.h"
#include "protocols/eu_model.h"
#include "scenario/load.h"

using namespace parley;
using namespace parley::test;
using eu::MoveKind;
using eu::Octant;

TEST_SUITE("expected_utility") {

TEST_CASE("votes (eqs. 28-29): v^{jk} = sum c_i s_i 2(|x_i - x_k| - |x_i - x_j|)/R") {
  // By hand, R = 6, weights c*s: 0.248 at 4, 0.093 at 7, 0.336 at 10.
  // 7 over 4: -0.248 + 0.093 + 0.336 = 0.181.
  CHECK(eu::Vote(Bdm(), BE, NL) == doctest::Approx(0.181).epsilon(1e-12));
  // 10 over 7: -0.248 - 0.093 + 0.336 = -0.005; 4 over 10: 2·0.248 + 0 - 2·0.336 = -0.176.
  CHECK(eu::Vote(Bdm(), FR, BE) == doctest::Approx(-0.005).epsilon(1e-12));
  CHECK(eu::Vote(Bdm(), NL, FR) == doctest::Approx(-0.176).epsilon(1e-12));
  CHECK(eu::Vote(Bdm(), NL, BE) == doctest::Approx(-eu::Vote(Bdm(), BE, NL)).epsilon(1e-15));
  // The median position (7) beats every other: the Condorcet winner.
  for (int k = 0; k < 10; ++k) CHECK(eu::Vote(Bdm(), BE, k) >= 0);
}

TEST_CASE("weighted median and mean of the BDM data: 7 and 500.3/67.7") {
  std::vector<int> order(10);
  CHECK(eu::WeightedMedian(Bdm(), order.data()) == 7.0);
  CHECK(eu::WeightedMean(Bdm()) == doctest::Approx(500.3 / 67.7).epsilon(1e-14));
  CHECK(eu::WeightedMean(Bdm()) == doctest::Approx(7.38996).epsilon(1e-6));
  // A flat minimum takes the lower position; no weight at all, the lowest.
  const std::vector<double> x = {1, 0}, c = {1, 1}, s = {0.5, 0.5}, zero = {0, 0};
  CHECK(eu::WeightedMedian({2, x.data(), c.data(), s.data()}, order.data()) == 0.0);
  CHECK(eu::WeightedMedian({2, x.data(), c.data(), zero.data()}, order.data()) == 0.0);
}

TEST_CASE("the scenario file gives the same median and mean") {
  Scenario s = Compile(LoadScenarioSpec(Source(kBdmFile)));
  REQUIRE(s.NumActors() == 10);
  World w;
  Draw(s, s.seed, 0, w);
  std::vector<double> x(10), c(10), sal(10);
  for (int a = 0; a < 10; ++a) x[a] = w.position(a, 0), c[a] = w.capability[a], sal[a] = w.salience_raw(a, 0);
  const eu::IssueView v{10, x.data(), c.data(), sal.data()};
  std::vector<int> order(10);
  CHECK(s.issues[0].FromUnit(eu::WeightedMedian(v, order.data())) == doctest::Approx(7.0).epsilon(1e-14));
  CHECK(s.issues[0].FromUnit(eu::WeightedMean(v)) == doctest::Approx(500.3 / 67.7).epsilon(1e-13));
}

TEST_CASE("probability of prevailing (eqs. 30-31)") {
  const eu::Chances nl_fr = eu::Prevail(Bdm(), NL, FR);
  CHECK(nl_fr.i == doctest::Approx(0.42465753424657537).epsilon(1e-14));
  CHECK(nl_fr.j == doctest::Approx(0.57534246575342463).epsilon(1e-14));
  CHECK(nl_fr.i + nl_fr.j == doctest::Approx(1.0).epsilon(1e-15));
  CHECK(eu::Prevail(Bdm(), FR, NL).i == doctest::Approx(nl_fr.j).epsilon(1e-15));
  CHECK(eu::Prevail(Bdm(), BE, UK).i == doctest::Approx(0.50369276218611525).epsilon(1e-14));
  CHECK(eu::Prevail(Bdm(), DK, GR).i == doctest::Approx(0.36632200886262928).epsilon(1e-14));
  // Co-located actors: every g_k is 0, so 1/2.
  CHECK(eu::Prevail(Bdm(), LU, DE).i == 0.5);
}

TEST_CASE("basic utilities (eqs. 15-16, 22-24) with r = 1 and r != 1") {
  // Netherlands (4) against France (10), median 7, R = 6: d = 1, e = 1.5.
  // r = 1: U_s = 2d = 2, U_f = -2, U_b = e = 1.5, U_w = -1.5, U_sq = 0.
  eu::BasicUtilities u = eu::Utilities(4, 10, 7, 6, 1);
  CHECK(u.success == 2.0);
  CHECK(u.failure == -2.0);
  CHECK(u.better == 1.5);
  CHECK(u.worse == -1.5);
  CHECK(u.status_quo == 0.0);
  // r = 2: 2 - 4·0.125² = 1.9375, 2 - 4·0.875² = -1.0625, U_sq = 2 - 4·0.25 = 1.
  u = eu::Utilities(4, 10, 7, 6, 2);
  CHECK(u.success == 2.0);
  CHECK(u.failure == -2.0);
  CHECK(u.better == 1.9375);
  CHECK(u.worse == -1.0625);
  CHECK(u.status_quo == 1.0);
  // Belgium (7) against the UK (10), r = 1/2: d = e = 0.5.
  // U_s = 2 - 4√.25 = 0, U_f = 2 - 4√.75, U_b = 2 - 4√.375, U_w = 2 - 4√.625, U_sq = 2 - 4√.5.
  u = eu::Utilities(7, 10, 7, 6, 0.5);
  CHECK(u.success == doctest::Approx(0.0).epsilon(1e-15));
  CHECK(u.failure == doctest::Approx(-1.4641016151377544).epsilon(1e-15));
  CHECK(u.better == doctest::Approx(-0.44948974278317788).epsilon(1e-15));
  CHECK(u.worse == doctest::Approx(-1.1622776601683795).epsilon(1e-15));
  CHECK(u.status_quo == doctest::Approx(-0.82842712474619029).epsilon(1e-15));
  // A general exponent goes through pow: r = 1.5, d = 1/3 (Python).
  u = eu::Utilities(4, 6, 7, 6, 1.5);
  CHECK(u.success == doctest::Approx(2 - 4 * std::pow(1.0 / 3, 1.5)).epsilon(1e-15));
}

TEST_CASE("the switch T: j moving to the median helps i") {
  const double tie = eu::kTie * 6;
  CHECK(eu::MedianHelps(4, 10, 7, tie));   // |4 - 7| = 3 < 6
  CHECK(eu::MedianHelps(7, 10, 7, tie));   // 0 < 3
  CHECK(!eu::MedianHelps(10, 7, 7, tie));  // 3 < 3 fails
  CHECK(!eu::MedianHelps(4, 7, 10, tie));  // 6 < 3 fails
  // Equal distances stay equal on the unit scale, where |0.7 - 0.4| and
  // |0.7 - 1| differ in the last bit.
  CHECK(!eu::MedianHelps(7, 10, 4, tie));
  CHECK(!eu::MedianHelps(0.7, 1.0, 0.4, eu::kTie * 0.6));
  CHECK(!eu::MedianHelps(0.7, 0.4, 1.0, eu::kTie * 0.6));
}

TEST_CASE("expected utility of a challenge (eqs. 5-7, 25a)") {
  const eu::IssueView v = Bdm();
  auto eu_of = [&](int i, int j, double r, double q) {
    return eu::Challenge(eu::Utilities(v.position[i], v.position[j], 7, 6, r), eu::Prevail(v, i, j).i,
                         v.salience[j], q, eu::MedianHelps(v.position[i], v.position[j], 7, eu::kTie * 6));
  };
  // r = 1, Q = 1 reduces to 2d(1 - 2 s_j (1 - P^i)): the target's salience.
  const double p = eu::Prevail(v, NL, FR).i;
  CHECK(eu_of(NL, FR, 1, 1) == doctest::Approx(2 * 1 * (1 - 2 * 0.6 * (1 - p))).epsilon(1e-14));
  CHECK(eu_of(NL, FR, 1, 1) == doctest::Approx(0.61917808219178094).epsilon(1e-14));
  CHECK(eu_of(BE, UK, 1, 1) == doctest::Approx(0.10664697193500743).epsilon(1e-14));
  // Q = 1/2 brings in -(1 - Q)[T U_b + (1 - T) U_w] (T = 1 for both pairs).
  CHECK(eu_of(BE, UK, 1, 0.5) == doctest::Approx(-0.14335302806499256).epsilon(1e-14));
  CHECK(eu_of(NL, FR, 1, 0.5) == doctest::Approx(-0.13082191780821906).epsilon(1e-14));
  // Co-located actors expect nothing from a challenge when Q = 1.
  CHECK(eu_of(LU, DE, 1, 1) == 0.0);
}

TEST_CASE("security, R_i and r_i (eqs. 32-34, 33) on the BDM data") {
  eu::RoundScratch sc = Scratch(10);
  std::vector<double> next(10);
  eu::PlayRound(Bdm(), {}, sc, next.data());
  const std::vector<double> security = {3.1649420286922556, 3.7633677991137371, 7.5412355071730639,
                                        3.1649420286922556, 3.6900062726371385, 3.6900062726371385,
                                        0.035009408955707491, 6.1908419497784353, 1.7061775358653195,
                                        1.3358936484490405};
  const std::vector<double> attitude = {-0.16604360732489218, -0.0065957669344725856, 1,
                                        -0.16604360732489218, -0.026142613916345692, -0.026142613916345692,
                                        -1,                   0.64019374324060618,  -0.55472480976652283,
                                        -0.65338527710955085};
  const std::vector<double> exponent = {1.1171814836347256, 1.0044068668451891, 0.5, 1.1171814836347256,
                                        1.0175816191043199, 1.0175816191043199, 2, 0.6482639175844046,
                                        1.4537115593223331, 1.5568747785786852};
  for (int i = 0; i < 10; ++i) {
    CAPTURE(i);
    CHECK(sc.security[i] == doctest::Approx(security[i]).epsilon(1e-13));
    CHECK(sc.attitude[i] == doctest::Approx(attitude[i]).epsilon(1e-12));
    CHECK(sc.exponent[i] == doctest::Approx(exponent[i]).epsilon(1e-12));
  }
  // The most secure actor (Luxembourg) is the most risk-acceptant, r = 1/2;
  // the least (the UK) the most risk-averse, r = 2: exactly.
  CHECK(sc.exponent[LU] == 0.5);
  CHECK(sc.exponent[UK] == 2.0);
  CHECK(eu::RiskAttitude(1, 1, 1) == 0.0);  // every Sec equal: R = 0, r = 1
  CHECK(eu::RiskExponent(0) == 1.0);
  // Pass 2 uses the evaluator's own r_i (Python).
  CHECK(sc.eu[NL * 10 + FR] == doctest::Approx(0.46315234092492652).epsilon(1e-13));
  CHECK(sc.eu[UK * 10 + NL] == doctest::Approx(-0.35890410958904106).epsilon(1e-13));
  CHECK(sc.eu[LU * 10 + UK] == doctest::Approx(0.75719424803386115).epsilon(1e-13));
}

TEST_CASE("octants of figure 6, boundaries included") {
  CHECK(eu::Classify(0.2, 0.5) == Octant::ConfrontationMinus);
  CHECK(eu::Classify(0.5, 0.2) == Octant::ConfrontationPlus);
  CHECK(eu::Classify(0.5, -0.2) == Octant::CompromisePlus);
  CHECK(eu::Classify(-0.2, 0.5) == Octant::CompromiseMinus);
  CHECK(eu::Classify(0.2, -0.5) == Octant::CompelPlus);
  CHECK(eu::Classify(-0.5, 0.2) == Octant::CompelMinus);
  CHECK(eu::Classify(-0.5, -0.2) == Octant::Stalemate);
  // Ties and zeros, also within rounding (kTie): nobody moves.
  for (auto [a, b] : {std::pair{0.3, 0.3}, {0.3, -0.3}, {-0.3, 0.3}, {0.0, 0.4}, {0.4, 0.0}, {0.0, -0.4}, {0.0, 0.0},
                      {0.3, 0.3 + 1e-14}, {-0.3 - 1e-14, 0.3}, {1e-15, 0.4}, {-0.4, -1e-15}})
    CHECK(eu::Classify(a, b) == Octant::Tie);
  CHECK(eu::Classify(0.3, 0.3 + 1e-9) == Octant::ConfrontationMinus);
  CHECK(eu::Resolve(0, 1, 0.3, 0.3, 4, 10).kind == MoveKind::None);
  CHECK(eu::Resolve(0, 1, -0.5, -0.2, 4, 10).kind == MoveKind::None);
}

TEST_CASE("moves of each region, eqs. 35-36") {
  // Conflict: the side with the smaller EU moves all the way.
  eu::Move m = eu::Resolve(0, 1, 0.2, 0.5, 4, 10);
  CHECK((m.mover == 0 && m.proposer == 1 && m.kind == MoveKind::Conflict && m.target == 10 && m.eu == 0.5));
  m = eu::Resolve(0, 1, 0.5, 0.2, 4, 10);
  CHECK((m.mover == 1 && m.proposer == 0 && m.kind == MoveKind::Conflict && m.target == 4 && m.eu == 0.5));
  // Eq. 35: j to x_j + (x_i - x_j)|b/a| = 10 - 6·0.25 = 8.5.
  m = eu::Resolve(0, 1, 0.8, -0.2, 4, 10);
  CHECK((m.mover == 1 && m.proposer == 0 && m.kind == MoveKind::Compromise && m.eu == 0.8));
  CHECK(m.target == doctest::Approx(8.5).epsilon(1e-15));
  // Eq. 36: i to x_i + (x_j - x_i)|a/b| = 4 + 6·0.5 = 7.
  m = eu::Resolve(0, 1, -0.3, 0.6, 4, 10);
  CHECK((m.mover == 0 && m.proposer == 1 && m.kind == MoveKind::Compromise && m.eu == 0.6));
  CHECK(m.target == doctest::Approx(7.0).epsilon(1e-15));
  // Compel: the side that loses more than the other gains gives in fully.
  m = eu::Resolve(0, 1, 0.2, -0.5, 4, 10);
  CHECK((m.mover == 1 && m.proposer == 0 && m.kind == MoveKind::Capitulation && m.target == 4));
  m = eu::Resolve(0, 1, -0.5, 0.2, 4, 10);
  CHECK((m.mover == 0 && m.proposer == 1 && m.kind == MoveKind::Capitulation && m.target == 10));
}

TEST_CASE("offer selection: kind first, then least move or highest EU") {
  const double x = 5, tie = eu::kTie * 10;
  const eu::Move conflict{0, 1, MoveKind::Conflict, 9, 0.1}, compromise{0, 2, MoveKind::Compromise, 5.5, 0.9};
  const eu::Move near{0, 3, MoveKind::Conflict, 6, 0.2}, rich{0, 4, MoveKind::Conflict, 8, 0.7};
  CHECK(eu::Prefer(conflict, compromise, x, false, tie));
  CHECK(!eu::Prefer(compromise, conflict, x, true, tie));
  CHECK(eu::Prefer(near, rich, x, false, tie));
  CHECK(eu::Prefer(rich, near, x, true, tie));
  // Equal moves: the higher EU, then the lower proposer.
  const eu::Move twin{0, 5, MoveKind::Conflict, 4, 0.2}, low{0, 6, MoveKind::Conflict, 6, 0.2};
  CHECK(eu::Prefer(near, twin, x, false, tie));  // |6 - 5| == |4 - 5|, same EU: proposer 3 before 5
  CHECK(!eu::Prefer(twin, near, x, false, tie));
  CHECK(eu::Prefer(near, low, x, false, tie));
  // Lengths equal up to rounding (0.7 - 0.4 against 1 - 0.7): the higher EU.
  const eu::Move down{0, 1, MoveKind::Conflict, 0.4, 0.47}, up{0, 2, MoveKind::Conflict, 1.0, 0.6};
  CHECK(eu::Prefer(up, down, 0.7, false, eu::kTie * 0.6));
  CHECK(!eu::Prefer(down, up, 0.7, false, eu::kTie * 0.6));
  CHECK(eu::Prefer(eu::Move{0, 1, MoveKind::Capitulation, 6, 1}, eu::Move{}, x, false, tie));
}

TEST_CASE("one full round on the BDM data") {
  eu::RoundScratch sc = Scratch(10);
  std::vector<double> next(10);
  const eu::RoundSummary summary = eu::PlayRound(Bdm(), {}, sc, next.data());
  CHECK(summary.median == 7.0);
  CHECK(summary.range == 6.0);
  CHECK(summary.moves == 8);
  CHECK(summary.largest_move == 6.0);  // the UK, 10 -> 4
  CheckPositions(next, {7, 10, 7, 7, 10, 10, 4, 10, 10, 10});
  // Every move is a conflict lost (Python): mover <- winner.
  const std::vector<std::pair<int, int>> lost = {{NL, GR}, {BE, FR}, {LU, BE}, {DE, GR},
                                                 {UK, LU}, {IE, FR}, {DK, FR}, {GR, FR}};
  for (auto [mover, winner] : lost) {
    CAPTURE(mover);
    CHECK(sc.chosen[mover].kind == MoveKind::Conflict);
    CHECK(sc.chosen[mover].proposer == winner);
  }
  CHECK(sc.chosen[FR].kind == MoveKind::None);
  CHECK(sc.chosen[IT].kind == MoveKind::None);
  CHECK(sc.chosen[UK].eu == doctest::Approx(0.75719424803386115).epsilon(1e-13));
  // The model is scale-free: the same round on the unit scale (the file's
  // positions), whatever the rounding of 0.4, 0.7, 1.
  std::vector<double> unit(10), unit_next(10);
  for (int i = 0; i < 10; ++i) unit[i] = kPosition[i] / 10;
  eu::RoundScratch unit_sc = Scratch(10);
  eu::PlayRound({10, unit.data(), kCapability.data(), kSalience.data()}, {}, unit_sc, unit_next.data());
  for (int i = 0; i < 10; ++i) {
    CAPTURE(i);
    CHECK(unit_next[i] * 10 == doctest::Approx(next[i]).epsilon(1e-14));
    CHECK(unit_sc.chosen[i].proposer == sc.chosen[i].proposer);
  }
  // The next rounds (Python), and the other rules.
  CheckPositions(PlayRounds(kPosition, kCapability, kSalience, {}, 2), {7, 7, 10, 7, 7, 7, 7, 7, 4, 7});
  CheckPositions(PlayRounds(kPosition, kCapability, kSalience, {}, 3), {7, 7, 7, 7, 7, 7, 7, 4, 7, 7});
  CheckPositions(PlayRounds(kPosition, kCapability, kSalience, {1, true}, 1), {10, 10, 10, 10, 10, 10, 4, 10, 10, 10});
  CheckPositions(PlayRounds(kPosition, kCapability, kSalience, {1, true}, 3), std::vector<double>(10, 10.0));
  CheckPositions(PlayRounds(kPosition, kCapability, kSalience, {0.5, false}, 1), {4, 10, 4, 4, 10, 10, 10, 10, 4, 10});
}

TEST_CASE("rounds with compromises and capitulations") {
  // Six random actors, round 0: four conflicts and a compromise (eq. 35).
  const int n = 6;
  eu::RoundScratch sc = Scratch(n);
  std::vector<double> next(n);
  eu::PlayRound({n, kRandomPosition.data(), kRandomCapability.data(), kRandomSalience.data()}, {}, sc, next.data());
  CheckPositions(next, {0.421, 0.421, 0.43958982499736671, 0.758, 0.511, 0.421});
  CHECK(sc.chosen[2].kind == MoveKind::Compromise);
  CHECK(sc.chosen[2].proposer == 4);
  CHECK(sc.chosen[4].kind == MoveKind::None);
  auto rounds = [&](eu::RoundRules rules, int t) {
    return PlayRounds(kRandomPosition, kRandomCapability, kRandomSalience, rules, t);
  };
  CheckPositions(rounds({}, 3), std::vector<double>(n, 0.421));
  CheckPositions(rounds({1, true}, 3),
                 {0.43958982499736671, 0.44956687634850351, 0.46388050478889309, 0.511, 0.421, 0.421});
  CheckPositions(rounds({0.5, false}, 3), std::vector<double>(n, 0.511));
  CheckPositions(rounds({0.5, true}, 3), std::vector<double>(n, 0.844));
  // Three actors at 0, 1/2, 1 with capabilities 1, 1, 3: compromises and
  // capitulations for three rounds.
  const std::vector<double> x = {0, 0.5, 1}, c = {1, 1, 3}, s = {1, 1, 1};
  CheckPositions(PlayRounds(x, c, s, {}, 1), {0.3184622197620109, 0.5, 1});
  CheckPositions(PlayRounds(x, c, s, {}, 2), {0.43325519020870273, 0.5, 0.3184622197620109});
  CheckPositions(PlayRounds(x, c, s, {}, 3), {0.43325519020870273, 0.45869665573301927, 0.5});
}

}  // TEST_SUITE

// Events and war dynamics through scenario files (issue 3): hazards fire at
// their rate, effects change the world and make actors re-plan, and no-deal
// flows follow the moving status quo.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "helpers.h"
#include "model/scenario.h"
#include "model/shocks.h"
#include "model/world.h"
#include "scenario/load.h"

using parley::Json;
using parley::test::RunCli;
using parley::test::RunFile;
using parley::test::TempDir;

namespace {

// A unit pie between `one` (position 1) and `two` (position 0).
std::string Pie(const std::string& one, const std::string& two, const std::string& extra, int horizon = 10) {
  return "parley: 1\nname: pie\nrounds: {horizon: " + std::to_string(horizon) +
         "}\nprotocol: {kind: alternating_offers, proposers: [one, two]}\nmontecarlo: {replicates: 4000, seed: 5}\n"
         "issues:\n  share: {scale: [0, 1], status_quo: 0.5}\nactors:\n"
         "  one:\n    position: {share: 1}\n    salience: {share: 1}\n" + one +
         "  two:\n    position: {share: 0}\n    salience: {share: 1}\n" + two + extra;
}

std::string Write(const std::string& dir, const std::string& name, const std::string& text) {
  std::ofstream(dir + "/" + name) << text;
  return dir + "/" + name;
}

}  // namespace

TEST_SUITE("shocks") {
  TEST_CASE("a once event with hazard h fires by the horizon with probability 1 - (1 - h)^H") {
    std::string dir = TempDir("hazard");
    // Reservations summing past the pie: no deal is ever possible, so every replicate runs to the horizon.
    std::string file = Write(dir, "s.yaml", Pie("    reservation: 0.6\n", "    reservation: 0.5\n",
                                                "events:\n  - id: shock\n    hazard: 0.1\n    once: true\n"
                                                "    effects: [{target: actors.one.discount, scale: 0.9}]\n"));
    const int n = 20000, H = 10;
    Json s = RunFile(file, {}, n);
    double p = 1 - std::pow(0.9, H), se = std::sqrt(p * (1 - p) / n);
    CHECK(s["no_deal"]["no_zone"].get<double>() == 1.0);
    CHECK(std::fabs(s["events"]["shock"]["p_fired"].get<double>() - p) < 4 * se);
    // Eligible only from round 6: four chances.
    s = RunFile(file, {"events.shock.when={from_round: 6}"}, n);
    p = 1 - std::pow(0.9, 4), se = std::sqrt(p * (1 - p) / n);
    CHECK(std::fabs(s["events"]["shock"]["p_fired"].get<double>() - p) < 4 * se);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("an effect that opens a zone makes the actors re-plan, visibly in explain") {
    std::string dir = TempDir("replan");
    // No zone until round 3, when one's reservation falls to 0.2 for sure.
    std::string file = Write(dir, "s.yaml", Pie("    reservation: 0.6\n", "    reservation: 0.5\n",
                                                "events:\n  - id: collapse\n    hazard: 1\n    once: true\n"
                                                "    when: {no_agreement_by: 3}\n"
                                                "    effects: [{target: actors.one.reservation, set: 0.2}]\n"));
    Json s = RunFile(file, {}, 500);
    CHECK(s["deal"]["p"].get<double>() == 1.0);
    CHECK(s["rounds"]["mean"].get<double>() == 3.0);
    CHECK(s["events"]["collapse"]["p_fired"].get<double>() == 1.0);
    auto e = RunCli({"explain", file, "--replicate", "0"});
    REQUIRE(e.exit_code == 0);
    CHECK(e.out.find("collapse") != std::string::npos);
    CHECK(e.out.find("re-plan") != std::string::npos);
    CHECK(e.out.find("deal in round 3") != std::string::npos);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("nash: round 0's events fire before the Nash point; a drifting war moves the disagreement point") {
    std::string dir = TempDir("nash_shocks");
    // A sure round-0 event setting one's reservation to 0.4 gives the Nash
    // split of reservations (0.4, 0): one gets 0.4 + 0.6/2 = 0.7.
    std::string file = Write(dir, "s.yaml", Pie("    reservation: 0\n", "    reservation: 0\n",
                                                "events:\n  - id: shift\n    hazard: 1\n    once: true\n"
                                                "    effects: [{target: actors.one.reservation, set: 0.4}]\n"));
    Json s = RunFile(file, {"protocol.kind=nash"}, 50);
    CHECK(s["deal"]["p"].get<double>() == 1.0);
    CHECK(s["issues"]["share"]["mean"].get<double>() == doctest::Approx(0.7).epsilon(1e-9));
    CHECK(s["events"]["shift"]["p_fired"].get<double>() == 1.0);
    // Gains are over the no-deal value on the realised path, after the event (0.4 here).
    CHECK(s["actors"]["one"]["gain"]["mean"].get<double>() == doctest::Approx(0.3).epsilon(1e-9));
    // The same split as a file with the reservation set from the start.
    Json direct = RunFile(Write(dir, "d.yaml", Pie("    reservation: 0.4\n", "    reservation: 0\n", "")),
                          {"protocol.kind=nash"}, 50);
    CHECK(direct["issues"]["share"]["mean"].get<double>() == s["issues"]["share"]["mean"].get<double>());
    // A status quo drifting toward one's side for good (one with a war cost,
    // two with none): one's flow rises along the path, so its disagreement
    // value and its share rise with the drift.
    std::string war = Write(dir, "w.yaml", Pie("    war_cost: 0.1\n    discount: 0.9\n",
                                               "    war_cost: 0.1\n    discount: 0.9\n",
                                               "dynamics:\n  share: {drift: 0.05}\n"));
    Json still = RunFile(war, {"protocol.kind=nash", "dynamics.share.drift=0"}, 50);
    Json drifting = RunFile(war, {"protocol.kind=nash"}, 50);
    CHECK(still["issues"]["share"]["mean"].get<double>() == doctest::Approx(0.5).epsilon(1e-9));
    CHECK(drifting["issues"]["share"]["mean"].get<double>() > 0.55);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("no-deal flows follow the drifting status quo") {
    std::string dir = TempDir("drift");
    // two holds out for the whole pie (reservation 1), so no deal; one's flow is x(t) - c.
    const double x0 = 0.3, drift = 0.05, c = 0.1, d = 0.9;
    const int H = 6;
    std::string file = Write(dir, "s.yaml",
                             Pie("    discount: 0.9\n    war_cost: 0.1\n", "    reservation: 1\n",
                                 "dynamics:\n  share: {drift: 0.05, volatility: 0}\n", H));
    Json s = RunFile(file, {"issues.share.status_quo=0.3"}, 50);
    CHECK(s["deal"]["p"].get<double>() == 0.0);
    // Value of no deal: flows along x(t) = x0 + drift t (clamped at 1), discounted for good.
    double value = 0, weight = 1;
    for (int t = 0; t < 400; ++t, weight *= d) value += (1 - d) * weight * (std::min(1.0, x0 + drift * t) - c);
    CHECK(s["actors"]["one"]["value"]["mean"].get<double>() == doctest::Approx(value).epsilon(1e-12));
    std::filesystem::remove_all(dir);
  }
}

TEST_SUITE("shocks") {
  TEST_CASE("a `when:` condition that can never hold is a located error") {
    std::string dir = TempDir("never");
    std::string file = Write(dir, "s.yaml", Pie("    reservation: 0.2\n", "    reservation: 0.2\n",
                                                "events:\n  - id: late\n    hazard: 0.5\n    when: {from_round: 10}\n"
                                                "    effects: [{target: actors.one.discount, scale: 0.9}]\n"));
    auto r = RunCli({"validate", file});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("s.yaml:20:") != std::string::npos);
    CHECK(r.err.find("events.late.when: can never hold") != std::string::npos);
    std::filesystem::remove_all(dir);
  }
}

// The war's tail past the horizon summed in closed form agrees with the
// round-by-round sum, for both risk exponents it covers, both drift
// directions, a front crossing an actor's position, and the Ukraine baseline.
TEST_SUITE("shocks") {
  TEST_CASE("expected no-deal path: closed-form tail equals the round-by-round sum") {
    std::string dir = TempDir("tail");
    std::vector<std::string> files = {
        parley::test::Source("scenarios/ukraine/baseline.yaml"),
        Write(dir, "r1.yaml", Pie("    war_cost: 0.05\n    discount: 0.97\n    risk: 1\n",
                                  "    war_cost: 0.02\n    discount: 0.95\n    risk: 2\n",
                                  "dynamics:\n  share: {drift: {dist: uniform, low: -0.004, high: 0.004}}\n", 20))};
    for (const std::string& file : files) {
      CAPTURE(file);
      parley::Scenario s = parley::Compile(parley::LoadScenarioSpec(file, {}));
      parley::World w;
      parley::Resize(s, w);
      parley::PathScratch closed, summed;
      for (std::uint64_t r = 0; r < 200; ++r) {
        parley::Draw(s, 11, r, w);
        for (int t0 : {0, 3}) {
          parley::ExpectedNoDealPath(s, w, t0, closed, t0 > 0 ? 1 : 0, true);
          parley::ExpectedNoDealPath(s, w, t0, summed, t0 > 0 ? 1 : 0, false);
          for (int i = 0; i < s.NumActors(); ++i) CHECK(closed.tail[i] == doctest::Approx(summed.tail[i]).epsilon(1e-12));
        }
      }
    }
    std::filesystem::remove_all(dir);
  }
}

// The expected_utility protocol (protocols/expected_utility.h): settling,
// the forecast, the deal test, events, and the BDM scenario file through the
// runner and the command line. Model rounds are checked in test_eu_model.cpp.
//
// Expected numbers come from the same independent Python reference (see
// test_eu_model.cpp) unless derived in a comment.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "eu_test_data.h"
#include "helpers.h"
#include "model/scenario.h"
#include "montecarlo/runner.h"
#include "protocol_test_util.h"
#include "protocols/expected_utility.h"
#include "scenario/load.h"

using namespace parley;
using namespace parley::test;

namespace {

// The six-actor issue as a world of a hand-built scenario (unit scale).
Setup RandomSetup(int horizon) {
  Setup p(6, {0});
  for (int a = 0; a < 6; ++a) {
    p.w.position(a, 0) = kRandomPosition[a];
    p.w.capability[a] = kRandomCapability[a];
    p.w.salience_raw(a, 0) = kRandomSalience[a];
  }
  p.s.horizon = horizon;
  p.s.protocol.kind = "expected_utility";
  return p;
}

}  // namespace

TEST_SUITE("expected_utility") {

TEST_CASE("the protocol settles, forecasts the median and values it") {
  // The six actors meet at 0.421 after round 2; round 3 moves nobody.
  Setup p = RandomSetup(10);
  Trace trace;
  Outcome out = p.Play(*MakeExpectedUtility(p.s), &trace);
  REQUIRE(out.deal);
  CHECK(out.cause == NoDealCause::None);
  CHECK(out.round == 3);
  CHECK(out.proposer == -1);
  CHECK(out.terms[0] == doctest::Approx(0.421).epsilon(1e-15));
  // Patient actors with no-deal flow 0: U_i = u_i(terms) = 1 - |0.421 - x_i|.
  for (int a = 0; a < 6; ++a) CHECK(out.value[a] == doctest::Approx(1 - std::fabs(0.421 - kRandomPosition[a])));
  REQUIRE(trace.steps.size() == 4);
  CHECK(trace.steps.back().deal);
  CHECK(trace.steps[0].note.find("compromise with actor4") != std::string::npos);
  // A horizon of 2 stops before the positions meet: the median of the
  // positions after round 1 (Python), in round 1.
  p.s.horizon = 2;
  out = p.Play(*MakeExpectedUtility(p.s));
  CHECK(out.round == 1);
  CHECK(out.terms[0] == doctest::Approx(0.421).epsilon(1e-15));
  // Q = 1/2, highest EU: everyone at 0.844 after round 2.
  p.s.horizon = 10, p.s.protocol.q = 0.5, p.s.protocol.accept_highest_eu = true;
  out = p.Play(*MakeExpectedUtility(p.s));
  CHECK(out.round == 3);
  CHECK(out.terms[0] == doctest::Approx(0.844).epsilon(1e-15));
}

TEST_CASE("deal: acceptable refuses a forecast a veto actor likes less than no deal") {
  Setup p = RandomSetup(10);
  p.w.flow[0] = 0.9;  // actor 0 gets 1 - |0.421 - 0.844| = 0.577 from the forecast
  Outcome out = p.Play(*MakeExpectedUtility(p.s));
  CHECK(!out.deal);
  CHECK(out.cause == NoDealCause::ForecastRefused);
  CHECK(out.round == -1);
  CHECK(out.value[0] == 0.9);
  CHECK(out.no_deal_value[0] == 0.9);
  // A mediator's refusal does not count; `deal: forecast` ignores refusals.
  p.Mediator(0);
  CHECK(p.Play(*MakeExpectedUtility(p.s)).deal);
  p = RandomSetup(10);
  p.w.flow[0] = 0.9;
  p.s.protocol.deal_forecast = true;
  out = p.Play(*MakeExpectedUtility(p.s));
  CHECK(out.deal);
  CHECK(out.value[0] == doctest::Approx(0.577));
}

TEST_CASE("an event re-reads capabilities and saliences; positions stay the model's") {
  const std::string dir = TempDir("eu_event"), file = dir + "/event.yaml";
  std::ofstream(file) << R"(parley: 1
name: eu-event
rounds: {horizon: 6}
protocol: {kind: expected_utility, deal: forecast}
issues:
  line: {scale: [0, 1], status_quo: 0.5}
actors:
  a: {capability: 1, position: {line: 0}, salience: {line: 1}}
  b: {capability: 1, position: {line: 0.5}, salience: {line: 1}}
  c: {capability: 3, position: {line: 1}, salience: {line: 1}}
events:
  - id: weaken
    hazard: 1
    once: true
    effects:
      - {target: actors.c.capability, set: 0.1}
      - {target: actors.c.position.line, set: 0}
)";
  auto play = [&](const std::vector<std::string>& overrides) {
    Scenario s = Compile(LoadScenarioSpec(file, overrides));
    auto protocol = MakeExpectedUtility(s);
    World w;
    Resize(s, w);
    Outcome out;
    Resize(s, out);
    auto ws = protocol->NewWorkspace();
    PlayReplicate(s, *protocol, s.seed, 0, w, *ws, out, nullptr);
    return out;
  };
  // The event fires in round 0, before the first model round: as if c's
  // capability were 0.1 from the start (Python: all at 0.5 after round 2),
  // while c's position stays 1 for the model.
  const Outcome fired = play({});
  const Outcome given = play({"events.0.hazard=0", "actors.c.capability=0.1"});
  const Outcome without = play({"events.0.hazard=0"});
  REQUIRE(fired.deal);
  CHECK(fired.events_fired[0] == 1);
  CHECK(fired.round == 3);
  CHECK(fired.terms[0] == 0.5);
  CHECK(given.round == fired.round);
  CHECK(given.terms[0] == fired.terms[0]);
  CHECK(without.terms[0] != fired.terms[0]);
  std::filesystem::remove_all(dir);
}

TEST_CASE("the BDM scenario file through the runner") {
  const std::string file = Source(kBdmFile);
  // Least move: the forecast stays 7, never settling in eight rounds.
  Json one = RunFile(file, {}, 16, 1), two = RunFile(file, {}, 16, 2);
  CHECK(one["deal"]["p"] == 1.0);
  CHECK(one["rounds"]["mean"] == 7.0);
  CHECK(one["issues"]["emission_standard"]["mean"].get<double>() == doctest::Approx(7.0).epsilon(1e-12));
  CHECK(one.dump() == two.dump());  // one thread or two: the same summary
  CHECK(RunFile(file, {}, 16, 1).dump() == one.dump());
  // Highest EU: everyone at 10 after round 2, settled in round 3; the
  // states at 4 and 7 prefer the status quo 7 to 10: no deal.
  Json highest = RunFile(file, {"protocol.accept=highest_eu"}, 4);
  CHECK(highest["deal"]["p"] == 0.0);
  CHECK(highest["no_deal"]["forecast_refused"] == 1.0);
  CHECK(highest["no_deal"].size() == 1);  // expected_utility's one cause
  Json forecast = RunFile(file, {"protocol.accept=highest_eu", "protocol.deal=forecast"}, 4);
  CHECK(forecast["deal"]["p"] == 1.0);
  CHECK(forecast["rounds"]["mean"] == 3.0);
  CHECK(forecast["issues"]["emission_standard"]["mean"].get<double>() == doctest::Approx(10.0).epsilon(1e-12));
}

TEST_CASE("terms lie in the hull of the initial positions, on every shipped scenario") {
  std::vector<std::string> files = {Source(kBdmFile)};
  for (const char* dir : {"scenarios/textbook", "scenarios/examples", "scenarios/ukraine"})
    for (const auto& entry : std::filesystem::directory_iterator(Source(dir)))
      if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  for (const std::string& file : files)
    for (const char* accept : {"least_move", "highest_eu"})
      for (const char* q : {"1", "0.5"}) {
        CAPTURE(file);
        CAPTURE(accept);
        CAPTURE(q);
        Scenario s = Compile(LoadScenarioSpec(
            file, {"protocol.kind=expected_utility", std::string("protocol.expected_utility.accept=") + accept,
                   std::string("protocol.expected_utility.q=") + q, "protocol.expected_utility.deal=forecast"}));
        auto protocol = MakeExpectedUtility(s);
        World w;
        Resize(s, w);
        Outcome out;
        Resize(s, out);
        auto ws = protocol->NewWorkspace();
        for (int r = 0; r < 20; ++r) {
          PlayReplicate(s, *protocol, s.seed, r, w, *ws, out, nullptr);
          REQUIRE(out.deal);
          for (int k = 0; k < s.NumIssues(); ++k) {
            CHECK(out.terms[k] >= w.position.col(k).minCoeff() - 1e-12);
            CHECK(out.terms[k] <= w.position.col(k).maxCoeff() + 1e-12);
          }
        }
      }
}

TEST_CASE("validate, run and explain the BDM file from the command line") {
  const std::string file = Source(kBdmFile);
  CHECK(RunCli({"validate", file}).exit_code == 0);
  CHECK(RunCli({"run", file, "-q"}).exit_code == 0);
  CliResult explain = RunCli({"explain", file, "--replicate", "0"});
  CHECK(explain.exit_code == 0);
  CHECK(explain.out.find("emission_standard: forecast 7, weighted mean 7.39") != std::string::npos);
  CHECK(explain.out.find("united_kingdom 10 -> 4: conflict, luxembourg prevails") != std::string::npos);
  CHECK(explain.out.find("outcome: deal in round 7") != std::string::npos);
}

}  // TEST_SUITE

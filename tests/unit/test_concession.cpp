// The `concession` protocol (docs/model.md §8): the NegMAS sessions reach the
// agreement and round NegMAS reached, random sessions like them reach what an
// independent transcription of the rules reaches, and two time-based
// conceders on a pie agree within one round of docs/model.md §9.7's t*.
#include <doctest/doctest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "helpers.h"

using namespace parley;

namespace {

// Runs a one-replicate session file and checks it against an expected.json
// entry: {"status": "agreement"|"horizon"|"no_zone", "agreement": {...}, "round": k}.
void CheckSession(const std::string& file, const nlohmann::json& expect) {
  CAPTURE(file);
  Json summary = test::RunFile(file, {}, 1);
  const std::string status = expect["status"];
  if (status != "agreement") {
    CHECK(summary["deal"]["p"].get<double>() == 0.0);
    // NegMAS's "no_zone" (a negotiator walks away) is concession's walk_away.
    CHECK(summary["no_deal"][status == "no_zone" ? "walk_away" : "horizon"].get<double>() == 1.0);
    return;
  }
  REQUIRE(summary["deal"]["p"].get<double>() == 1.0);
  CHECK(summary["rounds"]["mean"].get<double>() == expect["round"].get<int>());
  for (auto& [issue, level] : expect["agreement"].items()) {
    CAPTURE(issue);
    CHECK(summary["issues"][issue]["p"][level.get<std::string>()].get<double>() == 1.0);
  }
}

void CheckAll(const std::string& dir) {
  const nlohmann::json expected = nlohmann::json::parse(test::ReadFile(test::Source(dir + "/expected.json")));
  REQUIRE(expected.size() > 0);
  for (const auto& entry : expected) CheckSession(test::Source(dir + "/" + entry["file"].get<std::string>()), entry["expect"]);
}

}  // namespace

TEST_SUITE("concession") {
  TEST_CASE("NegMAS v0.15.7 sessions: same agreement in the same round") { CheckAll("tests/data/negmas"); }

  TEST_CASE("sessions like NegMAS's: same outcome as the independent transcription of the rules") {
    CheckAll("tests/data/negmas_like");
  }

  TEST_CASE("docs/model.md §9.7: agreement within one round of t* = (2 - r1 - r2)^(-1/e)") {
    const std::string pie = test::Source("scenarios/textbook/concession_pie.yaml");
    const int rounds = 100;
    for (double e : {0.25, 0.5, 1.0, 2.0, 4.0})
      for (auto [r1, r2] : {std::pair{0.0, 0.0}, {0.2, 0.1}, {0.3, 0.5}, {0.05, 0.4}}) {
        CAPTURE(e);
        CAPTURE(r1);
        CAPTURE(r2);
        const std::string exponent = "{exponent: " + std::to_string(e) + "}";
        Json s = test::RunFile(pie, {"actors.one.tactic=" + exponent, "actors.two.tactic=" + exponent,
                                     "actors.one.reservation=" + std::to_string(r1),
                                     "actors.two.reservation=" + std::to_string(r2)}, 1);
        REQUIRE(s["deal"]["p"].get<double>() == 1.0);
        // Round k is played at t = (k+1)/(N+1).
        const double t_star = std::pow(2 - r1 - r2, -1 / e);
        const double k_star = t_star * (rounds + 1) - 1;
        CHECK(std::fabs(s["rounds"]["mean"].get<double>() - k_star) <= 1.0);
        // The share: where the two demands meet, within the last round's concession.
        CHECK(s["issues"]["share"]["mean"].get<double>() == doctest::Approx((1 - r2) / (2 - r1 - r2)).epsilon(0.02));
      }
  }

  TEST_CASE("no deal when a negotiator's value of no deal beats every outcome") {
    // A's best outcome is worth 0.57·0.9 + 0.43·1 = 0.943 to it, below its reservation.
    Json s = test::RunFile(test::Source("tests/data/negmas/F2_bi2_tbc_e1.yaml"),
                           {"actors.A.reservation=0.99", "actors.A.values.i0.v9=0.9"}, 1);
    CHECK(s["deal"]["p"].get<double>() == 0.0);
    CHECK(s["no_deal"]["walk_away"].get<double>() == 1.0);
    CHECK_FALSE(s["no_deal"].contains("no_zone"));  // one name, one meaning
  }

  TEST_CASE("drawn utilities and events: the same summary for any thread count") {
    const std::string file = test::Source("scenarios/ukraine/baseline.yaml");
    Json one = test::RunFile(file, {"protocol.kind=concession"}, 3000, 1);
    Json two = test::RunFile(file, {"protocol.kind=concession"}, 3000, 2);
    CHECK(one.dump() == two.dump());
    CHECK(one["deal"]["p"].get<double>() > 0.0);
  }

  TEST_CASE("explain shows the offers and answers") {
    test::CliResult r = test::RunCli({"explain", test::Source("tests/data/negmas/F2_bi2_tbc_e1.yaml"), "--replicate", "0"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("round 59: B offers i0=v8, i1=v1") != std::string::npos);
    CHECK(r.out.find("round 60: answers to B's standing offer") != std::string::npos);
    CHECK(r.out.find("A accepts: utility 0.6148 vs aspiration threshold") != std::string::npos);
    CHECK(r.out.find("outcome: deal in round 60: i0=v8, i1=v1") != std::string::npos);
  }

  TEST_CASE("an outcome space too large to enumerate is refused with the reason") {
    test::CliResult r = test::RunCli({"run", test::Source("scenarios/ukraine/baseline.yaml"), "--protocol", "concession",
                                      "--set", "protocol.concession.grid=1000", "-n", "1"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("lower `protocol.grid`") != std::string::npos);
  }
}

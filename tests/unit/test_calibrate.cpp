// parley calibrate on fearon.yaml: fitting B's upper cost bound b to a
// target P(deal) recovers the b the closed form gives; the --write scenario
// validates and reproduces the metrics; an unreachable target says so.
#include <doctest/doctest.h>

#include <filesystem>

#include "core/text.h"
#include "tuning/calibrate.h"
#include "tuning_test_util.h"

using namespace parley;
using test::FearonDeal;

TEST_SUITE("tuning") {
  TEST_CASE("calibrating fearon.yaml's b to P(deal) = 0.7 recovers the closed-form b = 0.425") {
    // P(deal) = (b + cA)/(2 (b - a)) = 0.7 inside [0.2, 0.9] gives b = 0.425.
    const double target = 0.7, b_star = 0.425;
    REQUIRE(FearonDeal(b_star) == doctest::Approx(target).epsilon(1e-12));
    const std::int64_t n = 50000;
    std::string dir = test::TempDir("calibrate");
    const std::string file = test::Source(test::kFearonFile);
    auto r = test::RunCli({"calibrate", file, "--free", "actors.b.war_cost.high=0.2:0.9", "--target", "deal.p=0.7",
                           "-n", std::to_string(n), "--out", dir, "--write", dir + "/fitted.yaml"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("reached") != std::string::npos);
    auto json = nlohmann::json::parse(test::ReadFile(dir + "/calibrate.json"));
    const double b = json["fitted"]["actors.b.war_cost.high"].get<double>();
    const double reached = json["targets"][0]["value"].get<double>();
    CHECK(json["all_reached"] == true);
    CHECK(json["evaluations"].get<int>() <= 100);
    // Tolerance from the Monte Carlo noise: at a fixed b the estimate is off the closed form by
    // a few standard errors se = sqrt(p (1 - p) / n) (4 here), and "reached" allows 2 more; the
    // slope dP/db turns that into b (taken where it is flattest near b*, so the bound is safe).
    const double se = std::sqrt(target * (1 - target) / n);
    CHECK(std::fabs(reached - target) <= 2 * se);
    const double slope = std::min(std::fabs(test::FearonSlope(b_star - 0.03)), std::fabs(test::FearonSlope(b_star + 0.03)));
    CAPTURE(b);
    CHECK(std::fabs(b - b_star) <= 6 * se / slope);

    // The written scenario extends fearon.yaml, validates, and `parley run` reproduces the metric exactly.
    std::string fitted = test::ReadFile(dir + "/fitted.yaml");
    CHECK(fitted.find("extends: ") != std::string::npos);
    CHECK(fitted.find("high: " + FormatNumber(b)) != std::string::npos);
    CHECK(test::RunCli({"validate", dir + "/fitted.yaml"}).exit_code == 0);
    REQUIRE(test::RunCli({"run", dir + "/fitted.yaml", "--out", dir + "/run", "-q"}).exit_code == 0);
    auto summary = nlohmann::json::parse(test::ReadFile(dir + "/run/summary.json"));
    CHECK(summary["config"]["replicates"] == n);
    CHECK(summary["config"]["seed"] == 1995);
    CHECK(summary["deal"]["p"].get<double>() == reached);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("an unreachable target is reported as such, with the bound that stops it") {
    // Within b in [0.2, 0.9], P(deal) falls from 1 to its minimum 0.588 at b = 0.9: 0.5 is out of reach.
    std::string dir = test::TempDir("unreachable");
    auto r = test::RunCli({"calibrate", test::Source(test::kFearonFile), "--free", "actors.b.war_cost.high=0.2:0.9",
                           "--target", "deal.p=0.5", "-n", "5000", "--out", dir});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("NOT REACHED") != std::string::npos);
    CHECK(r.out.find("cannot be reached within the bounds: actors.b.war_cost.high is at its upper bound 0.9") !=
          std::string::npos);
    CHECK(r.err.find("target deal.p = 0.5 not reached") != std::string::npos);
    auto json = nlohmann::json::parse(test::ReadFile(dir + "/calibrate.json"));
    CHECK(json["all_reached"] == false);
    CHECK(json["at_bound"]["actors.b.war_cost.high"] == "upper");
    CHECK(json["fitted"]["actors.b.war_cost.high"].get<double>() == doctest::Approx(0.9).epsilon(1e-3));
    CHECK(std::fabs(json["targets"][0]["value"].get<double>() - FearonDeal(0.9)) <= 4 * std::sqrt(0.25 / 5000));
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("the written scenario restates --set, --protocol and list elements, and runs as calibrated") {
    // An event's hazard lives in a list (lists replace on extends), so the whole list is restated.
    std::string dir = test::TempDir("write");
    const std::string file = test::Source("scenarios/ukraine/baseline.yaml");
    auto r = test::RunCli({"calibrate", file, "--set", "actors.russia.war_cost={dist: uniform, low: 0.002, high: 0.02}",
                           "--set", "protocol.breakdown=0.02", "--free", "events.drone_wave.hazard=0.1:0.6",
                           "--target", "events.drone_wave.p_fired=0.9", "-n", "200", "--budget", "6", "--out", dir,
                           "--write", dir + "/fitted.yaml", "-q"});
    REQUIRE(r.exit_code == 0);
    auto json = nlohmann::json::parse(test::ReadFile(dir + "/calibrate.json"));
    std::string fitted = test::ReadFile(dir + "/fitted.yaml");
    CHECK(fitted.find("breakdown: 0.02") != std::string::npos);
    CHECK(fitted.find("events:") != std::string::npos);
    REQUIRE(test::RunCli({"run", dir + "/fitted.yaml", "--out", dir + "/run", "-q"}).exit_code == 0);
    auto summary = nlohmann::json::parse(test::ReadFile(dir + "/run/summary.json"));
    CHECK(summary["events"]["drone_wave"]["p_fired"].get<double>() == json["targets"][0]["value"].get<double>());
    Json direct = test::RunFile(file, {"actors.russia.war_cost={dist: uniform, low: 0.002, high: 0.02}",
                                       "protocol.breakdown=0.02",
                                       "events.drone_wave.hazard=" + FormatNumber(json["fitted"]["events.drone_wave.hazard"].get<double>())},
                                200);
    CHECK(direct["deal"]["p"] == summary["deal"]["p"]);
    CHECK(nlohmann::json::parse(direct["actors"].dump()) == summary["actors"]);
    std::filesystem::remove_all(dir);
  }
}

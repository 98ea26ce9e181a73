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

  TEST_CASE("the identification check: the range of b that still reaches the target, and a warning when it is wide") {
    const std::int64_t n = 4000;
    const std::string file = test::Source(test::kFearonFile);
    std::string dir = test::TempDir("calibrate-identified");
    auto r = test::RunCli({"calibrate", file, "--free", "actors.b.war_cost.high=0.2:0.9", "--target", "deal.p=0.7",
                           "-n", std::to_string(n), "--out", dir});
    REQUIRE(r.exit_code == 0);
    auto json = nlohmann::json::parse(test::ReadFile(dir + "/calibrate.json"));
    REQUIRE(json["all_reached"] == true);
    const auto& range = json["identified"]["actors.b.war_cost.high"];
    REQUIRE(range.is_object());
    const double low = range["low"].get<double>(), high = range["high"].get<double>();
    const double b = json["fitted"]["actors.b.war_cost.high"].get<double>();
    const double tol = json["targets"][0]["tolerance"].get<double>();
    CHECK(low <= b);
    CHECK(b <= high);
    CHECK(high - low > 0.01);  // the Monte Carlo noise leaves room: a range, not a point
    // Certificate: a run at either end (same seed and replicates) still reaches the target.
    for (double edge : {low, high}) {
      CAPTURE(edge);
      Json s = test::RunFile(file, {test::Set("actors.b.war_cost.high", edge)}, n);
      CHECK(std::fabs(s["deal"]["p"].get<double>() - 0.7) <= tol + 1e-12);
    }
    // The closed form agrees with the ends to the tolerance and a few standard errors.
    const double se = std::sqrt(0.7 * 0.3 / n);
    for (double edge : {low, high}) CHECK(std::fabs(FearonDeal(edge) - 0.7) <= tol + 5 * se);
    // The printed fit has the decimals its range supports, not 17 digits.
    CHECK(r.out.find(FormatNumber(b)) == std::string::npos);
    // A loose target (sd 0.1) leaves b weakly identified: a warning and weak: true.
    auto loose = test::RunCli({"calibrate", file, "--free", "actors.b.war_cost.high=0.2:0.9", "--target",
                               "deal.p=0.7±0.1", "-n", "1000", "--out", dir});
    REQUIRE(loose.exit_code == 0);
    CHECK(loose.out.find("is weakly identified") != std::string::npos);
    auto weak = nlohmann::json::parse(test::ReadFile(dir + "/calibrate.json"));
    CHECK(weak["identified"]["actors.b.war_cost.high"]["weak"] == true);
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

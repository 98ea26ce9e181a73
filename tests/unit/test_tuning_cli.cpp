// Bad input to the tuning commands: every error located in its argument
// (`--vary:N:C: path: message`), named, with a suggestion for a typo, all
// reported together, exit code 2, and nothing run or written.
#include <doctest/doctest.h>

#include <filesystem>

#include "helpers.h"
#include "tuning_test_util.h"

using parley::test::RunCli;
using parley::test::kFearonFile;
using parley::test::Source;

namespace {

// True when a line of `err` starts with `prefix` and contains `text`.
bool HasLine(const std::string& err, const std::string& prefix, const std::string& text) {
  size_t at = 0;
  while (at <= err.size()) {
    size_t end = err.find('\n', at);
    std::string line = err.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (line.rfind(prefix, 0) == 0 && line.find(text) != std::string::npos) return true;
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return false;
}

}  // namespace

TEST_SUITE("tuning") {
  TEST_CASE("sweep: unknown path with a suggestion, steps < 2, bounds reversed, unknown metric, all at once") {
    std::string dir = parley::test::TempDir("badsweep");
    auto r = RunCli({"sweep", Source(kFearonFile), "--vary", "actors.b.war_cots.high=0.1:0.3:3", "--vary",
                     "actors.b.war_cost.high=0.1:0.3:1", "--vary", "actors.b.war_cost.low=0.3:0.1:3", "--vary",
                     "protocol.order=0:1:3", "--metric", "deal.pp", "--out", dir + "/out"});
    CHECK(r.exit_code == 2);
    CAPTURE(r.err);
    CHECK(HasLine(r.err, "--vary:1:1: actors.b.war_cots.high: ", "did you mean `actors.b.war_cost.high`?"));
    CHECK(HasLine(r.err, "--vary:2:32: actors.b.war_cost.high: ", "steps must be at least 2"));
    CHECK(HasLine(r.err, "--vary:3:23: actors.b.war_cost.low: ", "bounds reversed"));
    CHECK(HasLine(r.err, "--vary:4:1: protocol.order: ", "not a number"));
    CHECK(HasLine(r.err, "--metric:1:1: deal.pp: ", "did you mean `deal.p`?"));
    CHECK(r.out.empty());
    CHECK_FALSE(std::filesystem::exists(dir + "/out"));
    // A grid value that breaks the scenario is reported at its argument with the scenario's message.
    auto value = RunCli({"sweep", Source(kFearonFile), "--vary", "actors.b.war_cost.high=0.01,0.3"});
    CHECK(value.exit_code == 2);
    CHECK(HasLine(value.err, "--vary:1:24: actors.b.war_cost.high: at `0.01`: ", "must be > low (0.05)"));
    CHECK(RunCli({"sweep", Source(kFearonFile)}).exit_code == 2);  // no --vary
    CHECK(RunCli({"sweep", Source(kFearonFile), "--vary", "actors.b.war_cost.high"}).exit_code == 2);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("calibrate: target metric that does not exist, free parameter that is not a number, bounds") {
    auto r = RunCli({"calibrate", Source(kFearonFile), "--free", "actors.b.war_cost", "--free", "protocol.order", "--free",
                     "actors.b.war_cost.high=0.9:0.2", "--free", "actors.a.war_cots", "--target", "deal.pp=0.5",
                     "--target", "deal.p=abc", "--target", "rounds.mean=1±0"});
    CHECK(r.exit_code == 2);
    CAPTURE(r.err);
    CHECK(HasLine(r.err, "--free:1:1: actors.b.war_cost: ", "is a distribution, not a number: free one of its "
                                                            "parameters, `actors.b.war_cost.low` or `actors.b.war_cost.high`"));
    CHECK(HasLine(r.err, "--free:2:1: protocol.order: ", "is `rotate`, not a number"));
    CHECK(HasLine(r.err, "--free:3:24: actors.b.war_cost.high: ", "bounds reversed"));
    CHECK(HasLine(r.err, "--free:4:1: actors.a.war_cots: ", "did you mean `actors.a.war_cost`?"));
    CHECK(HasLine(r.err, "--target:1:1: deal.pp: ", "unknown metric (did you mean `deal.p`?)"));
    CHECK(HasLine(r.err, "--target:2:8: deal.p: ", "expected a number"));
    CHECK(HasLine(r.err, "--target:3:16: rounds.mean: ", "standard deviation > 0"));
    // A bound that makes the scenario invalid, before any evaluation.
    auto bound = RunCli({"calibrate", Source(kFearonFile), "--free", "actors.b.war_cost.high=0.01:0.9", "--target", "deal.p=0.5"});
    CHECK(bound.exit_code == 2);
    CHECK(HasLine(bound.err, "--free:1:24: actors.b.war_cost.high: at `0.01`: ", "must be > low (0.05)"));
    // Not a parameter of the scenario (a protocol setting), an unknown algorithm, a zero budget.
    CHECK(HasLine(RunCli({"calibrate", Source(kFearonFile), "--free", "rounds.horizon=1:5", "--target", "deal.p=0.5"}).err,
                  "--free:1:1: rounds.horizon: ", "is not a parameter"));
    auto algorithm = RunCli({"calibrate", Source(kFearonFile), "--free", "actors.b.war_cost.high=0.2:0.9", "--target",
                             "deal.p=0.7", "--algorithm", "bobyq"});
    CHECK(algorithm.exit_code == 2);
    CHECK(algorithm.err.find("did you mean `bobyqa`?") != std::string::npos);
    CHECK(RunCli({"calibrate", Source(kFearonFile), "--free", "actors.b.war_cost.high", "--target", "deal.p=0.7", "--budget", "0"})
              .exit_code == 2);
  }

  TEST_CASE("sensitivity: a constant factor, an unknown factor, a scenario without uncertainty") {
    auto r = RunCli({"sensitivity", Source(kFearonFile), "--factor", "actors.a.war_cost", "--factor", "actors.b.war_cots",
                     "--metric", "deal.pp"});
    CHECK(r.exit_code == 2);
    CAPTURE(r.err);
    CHECK(HasLine(r.err, "--factor:1:1: actors.a.war_cost: ", "is the constant 0.1: give the range to study it over"));
    CHECK(HasLine(r.err, "--factor:2:1: actors.b.war_cots: ", "did you mean `actors.b.war_cost`?"));
    CHECK(HasLine(r.err, "--metric:1:1: deal.pp: ", "unknown metric"));
    auto none = RunCli({"sensitivity", Source("scenarios/textbook/rubinstein.yaml")});
    CHECK(none.exit_code == 2);
    CHECK(none.err.find("nothing is uncertain") != std::string::npos);
    CHECK(RunCli({"sensitivity", Source(kFearonFile), "--method", "sobl"}).exit_code == 2);
  }

  TEST_CASE("--help on the tuning commands") {
    for (const char* c : {"sweep", "sensitivity", "calibrate"}) {
      auto r = RunCli({c, "--help"});
      CHECK(r.exit_code == 0);
      CHECK(r.out.find(std::string("usage: parley ") + c) != std::string::npos);
    }
  }
}

TEST_SUITE("tuning") {
  TEST_CASE("a path both --set and --vary (or --free) is an error at the tuning argument (issue 13, item 6)") {
    auto sweep = RunCli({"sweep", Source(kFearonFile), "--set", "actors.b.war_cost.high=0.3", "--vary",
                         "actors.b.war_cost.high=0.2:0.3:2", "-n", "10"});
    CHECK(sweep.exit_code == 2);
    CHECK(sweep.err.find("--vary:1:1: actors.b.war_cost.high: also set by --set 1") != std::string::npos);
    auto calibrate = RunCli({"calibrate", Source(kFearonFile), "--set", "actors.a.war_cost=0.1", "--set",
                             "actors.b.war_cost.high=0.3", "--free", "actors.b.war_cost.high=0.2:0.4", "--target", "deal.p=0.7"});
    CHECK(calibrate.exit_code == 2);
    CHECK(calibrate.err.find("--free:1:1: actors.b.war_cost.high: also set by --set 2") != std::string::npos);
    // Another path set beside the varied one is fine.
    CHECK(RunCli({"sweep", Source(kFearonFile), "--set", "actors.a.war_cost=0.1", "--vary", "actors.b.war_cost.high=0.2:0.3:2",
                  "-n", "10"})
              .exit_code == 0);
  }
}

TEST_SUITE("tuning") {
  TEST_CASE("a calibration target outside its metric's range is a located error (issue 13, item 4)") {
    auto r = RunCli({"calibrate", Source(kFearonFile), "--free", "actors.b.war_cost.high=0.2:0.9", "--target", "deal.p=1.5",
                     "--target", "rounds.mean=3", "--target", "rounds.sd=-1"});
    CHECK(r.exit_code == 2);
    CHECK(HasLine(r.err, "--target:1:8: deal.p", "a proportion is in [0, 1], got 1.5"));
    CHECK(HasLine(r.err, "--target:2:13: rounds.mean", "a round is in [0, 0]"));
    CHECK(HasLine(r.err, "--target:3:11: rounds.sd", "a standard deviation is at least 0"));
  }
}

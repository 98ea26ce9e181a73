// The command line end to end: exit codes, located errors, no partial
// outputs, byte-identical summaries across --threads, explain = the run.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include <sys/wait.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/text.h"
#include "helpers.h"

using parley::test::FileExists;
using parley::test::ReadFile;
using parley::test::RunCli;
using parley::test::Source;
using parley::test::TempDir;

namespace {
using parley::test::kExample;
}

TEST_SUITE("cli") {
  TEST_CASE("--replicates rows carry the drawn inputs, the events with their rounds, no-deal values and gains") {
    namespace t = parley::test;
    const std::string dir = t::TempDir("rows-inputs");
    auto r = t::RunCli({"run", t::Source(t::kFearonFile), "-n", "400", "--replicates", dir + "/rows.csv", "--quiet"});
    REQUIRE(r.exit_code == 0);
    std::istringstream rows(t::ReadFile(dir + "/rows.csv"));
    std::string line;
    std::getline(rows, line);
    std::vector<std::string> header = parley::Split(line, ',');
    auto column = [&](const std::string& name) {
      auto it = std::find(header.begin(), header.end(), name);
      REQUIRE(it != header.end());
      return static_cast<size_t>(it - header.begin());
    };
    const size_t deal = column("deal"), cost = column("actors.b.war_cost"), value = column("value.b"),
                 no_deal = column("no_deal_value.b"), gain = column("gain.b");
    int n = 0;
    while (std::getline(rows, line)) {
      std::vector<std::string> cells = parley::Split(line, ',');
      REQUIRE(cells.size() == header.size());
      const double c = std::stod(cells[cost]);
      CHECK(c >= 0.05);
      CHECK(c <= 0.35);
      // Fearon, one round: B accepts the demand exactly when its drawn cost is at least y* = 0.125.
      CHECK((cells[deal] == "1") == (c >= 0.125));
      CHECK(std::stod(cells[gain]) == std::stod(cells[value]) - std::stod(cells[no_deal]));
      if (cells[deal] == "0") CHECK(std::stod(cells[gain]) == 0.0);
      ++n;
    }
    CHECK(n == 400);
    // Events: fired.<id> is 0/1, fired_round.<id> holds a round exactly when it fired; same bytes on 1 and 2 threads.
    auto one = t::RunCli({"run", t::kUkraine, "-n", "300", "--threads", "1", "--replicates", dir + "/u1.csv", "--quiet"});
    auto two = t::RunCli({"run", t::kUkraine, "-n", "300", "--threads", "2", "--replicates", dir + "/u2.csv", "--quiet"});
    REQUIRE(one.exit_code == 0);
    REQUIRE(two.exit_code == 0);
    CHECK(t::ReadFile(dir + "/u1.csv") == t::ReadFile(dir + "/u2.csv"));
    std::istringstream u(t::ReadFile(dir + "/u1.csv"));
    std::getline(u, line);
    header = parley::Split(line, ',');
    const size_t fired = column("fired.drone_wave"), round = column("fired_round.drone_wave");
    column("actors.russia.war_cost");
    int fired_count = 0;
    while (std::getline(u, line)) {
      std::vector<std::string> cells = parley::Split(line, ',');
      CHECK((cells[fired] == "1") == !cells[round].empty());
      fired_count += cells[fired] == "1";
    }
    CHECK(fired_count > 0);
  }

  TEST_CASE("compare creates --out before it computes and is quiet when asked (issue 13, items 9 and 16)") {
    const std::string file = parley::test::Source(parley::test::kFearonFile);
    const std::string dir = parley::test::TempDir("compare-out") + "/new/nested";
    auto r = parley::test::RunCli({"compare", file, file, "-n", "50", "--set", "actors.b.war_cost.high=0.3", "--out",
                                   dir, "--quiet"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
    CHECK(parley::test::FileExists(dir + "/compare.json"));
    // An output directory that cannot be made fails at once, before any replicate.
    auto bad = parley::test::RunCli({"compare", file, file, "-n", "50", "--out", "/proc/parley-cannot"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("cannot create the directory") != std::string::npos);
    auto usage = parley::test::RunCli({"compare", "--help"});
    CHECK(usage.out.find("[--protocol P]") != std::string::npos);
    CHECK(parley::test::RunCli({"explain", "--help"}).out.find("[--protocol P]") != std::string::npos);
  }

  TEST_CASE("run writes summary.json, issues.csv and bundles.csv") {
    std::string dir = TempDir("run");
    auto r = RunCli({"run", kExample, "-n", "2000", "--threads", "2", "--out", dir});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("P(deal)") != std::string::npos);
    for (const char* f : {"summary.json", "issues.csv", "bundles.csv"}) CHECK(FileExists(dir + "/" + f));
    auto summary = nlohmann::json::parse(ReadFile(dir + "/summary.json"));
    CHECK(summary["schema"] == "parley.summary/1");
    CHECK(summary["config"]["replicates"] == 2000);
    CHECK(summary["complete"] == true);
    CHECK(summary["scenario"]["sha256"].get<std::string>().size() == 64);
    for (const char* key : {"deal", "no_deal", "rounds", "issues", "bundles", "actors", "events"})
      CHECK(summary.contains(key));
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("summary.json is byte-identical for --threads 1 and 2") {
    std::string one = TempDir("t1"), two = TempDir("t2");
    REQUIRE(RunCli({"run", kExample, "-n", "5000", "--threads", "1", "--out", one, "-q"}).exit_code == 0);
    REQUIRE(RunCli({"run", kExample, "-n", "5000", "--threads", "2", "--out", two, "-q"}).exit_code == 0);
    for (const char* f : {"summary.json", "issues.csv", "bundles.csv"}) {
      CAPTURE(f);
      CHECK(ReadFile(one + "/" + f) == ReadFile(two + "/" + f));
    }
    std::filesystem::remove_all(one);
    std::filesystem::remove_all(two);
  }

  TEST_CASE("explain replays exactly the numbers of the replicate in the run") {
    std::string dir = TempDir("explain");
    REQUIRE(RunCli({"run", kExample, "-n", "300", "--threads", "2", "-q", "--replicates", dir + "/rows.csv"})
                .exit_code == 0);
    std::string rows = ReadFile(dir + "/rows.csv");
    for (int replicate : {0, 137, 299}) {
      auto e = RunCli({"explain", kExample, "--replicate", std::to_string(replicate)});
      REQUIRE(e.exit_code == 0);
      size_t at = e.out.rfind("row: ");
      REQUIRE(at != std::string::npos);
      std::string row = e.out.substr(at + 5);
      CAPTURE(row);
      CHECK(rows.find("\n" + row) != std::string::npos);
    }
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("a malformed scenario: exit 2, located named errors, no output file") {
    std::string dir = TempDir("bad");
    std::string file = dir + "/bad.yaml";
    std::ofstream(file) << "parley: 1\nname: bad\nrounds: {horizon: 3}\nissues:\n  x: {scale: [0, 1], status_quo: 0.5}\n"
                           "actors:\n  a:\n    position: {x: 1}\n    salience: {x: 1}\n    discount: 1.3\n"
                           "    salince: {x: 1}\n";
    auto r = RunCli({"run", file, "--out", dir + "/out"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("bad.yaml:10:") != std::string::npos);
    CHECK(r.err.find("actors.a.discount") != std::string::npos);
    CHECK(r.err.find("salience") != std::string::npos);  // the did-you-mean for `salince`
    CHECK_FALSE(FileExists(dir + "/out/summary.json"));
    CHECK(RunCli({"validate", file}).exit_code == 2);
    CHECK(RunCli({"run", dir + "/missing.yaml"}).exit_code == 2);
    CHECK(RunCli({"run"}).exit_code == 2);
    CHECK(RunCli({"frobnicate"}).exit_code == 2);
    CHECK(RunCli({"run", kExample, "--threads", "0"}).exit_code == 2);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("features a protocol does not play are refused, never ignored") {
    auto r = RunCli({"run", kExample, "--set", "protocol.grid=200", "--protocol", "concession", "-n", "10"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("protocol.grid") != std::string::npos);
  }

  TEST_CASE("compare writes compare.json; a scenario against itself has zero deltas") {
    std::string dir = TempDir("compare");
    auto r = RunCli({"compare", kExample, kExample, "-n", "1500", "--out", dir});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("deal.p") != std::string::npos);
    auto c = nlohmann::json::parse(ReadFile(dir + "/compare.json"));
    CHECK(c["schema"] == "parley.compare/1");
    for (auto& [name, m] : c["metrics"].items())
      if (!m["delta"].is_null()) CHECK(m["delta"].get<double>() == 0.0);
    CHECK(RunCli({"compare", kExample}).exit_code == 2);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("--help on every command, validate on shipped scenarios") {
    for (const char* c : {"run", "validate", "explain", "compare", "protocols"}) CHECK(RunCli({c, "--help"}).exit_code == 0);
    CHECK(RunCli({"--help"}).exit_code == 0);
    for (const char* f : {"scenarios/textbook/rubinstein.yaml", "scenarios/textbook/finite_horizon.yaml",
                          "scenarios/textbook/breakdown.yaml", "scenarios/textbook/nash_split.yaml"})
      CHECK(RunCli({"validate", Source(f)}).exit_code == 0);
  }

  TEST_CASE("SIGINT stops at a chunk boundary and writes an incomplete summary") {
    std::string dir = TempDir("sigint");
    // A run far too long to finish, interrupted after a second.
    std::ofstream(dir + "/interrupt.sh") << "'" << PARLEY_BINARY << "' run '" << kExample
                                         << "' -n 1000000000 --threads 2 -q --out '" << dir
                                         << "' & pid=$!\nsleep 1\nkill -INT $pid\nwait $pid\n";
    int status = std::system(("bash '" + dir + "/interrupt.sh'").c_str());
    CHECK(WEXITSTATUS(status) == 130);
    auto summary = nlohmann::json::parse(ReadFile(dir + "/summary.json"));
    CHECK(summary["complete"] == false);
    long long done = summary["replicates_done"].get<long long>();
    CHECK(done > 0);
    CHECK(done % 1024 == 0);
    std::filesystem::remove_all(dir);
  }
}

TEST_SUITE("cli") {
  TEST_CASE("-n and --seed: every negative value is refused, -1 included (issue 13, item 3)") {
    const std::string file = parley::test::Source(parley::test::kFearonFile);
    const std::vector<std::vector<std::string>> bad = {
        {"run", file, "--seed", "-1"},         {"run", file, "-n", "-1"},          {"run", file, "-n", "0"},
        {"run", file, "--seed", "-3"},         {"explain", file, "--replicate", "1", "--seed", "-1"},
        {"sensitivity", file, "-n", "-1"},     {"bench", file, "-n", "-1"},        {"sweep", file, "--vary", "actors.b.war_cost.high=0.2:0.3:2", "-n", "-1"}};
    for (const auto& args : bad) {
      CAPTURE(args[0]);
      CAPTURE(args[args.size() - 1]);
      const auto r = parley::test::RunCli(args);
      CHECK(r.exit_code == 2);
      CHECK((r.err.find("-n must be at least 1, got") != std::string::npos ||
             r.err.find("-n must be a non-negative integer, got") != std::string::npos ||
             r.err.find("--seed must be a non-negative integer, got") != std::string::npos));
      CHECK(r.err.find("replicates-count") == std::string::npos);  // messages name -n
    }
    // Whole numbers in scientific notation are counts; fractions and words are not.
    CHECK(parley::test::RunCli({"run", file, "-n", "1e2", "--quiet"}).exit_code == 0);
    for (const char* text : {"2.5", "abc", "1e-2", ""}) {
      const auto r = parley::test::RunCli({"run", file, "-n", text});
      CHECK(r.exit_code == 2);
      CHECK(r.err.find("-n must be a whole number") != std::string::npos);
    }
    // The file's values when not given; 0 is a seed.
    CHECK(parley::test::RunCli({"run", file, "--seed", "0", "-n", "10"}).exit_code == 0);
  }
}

TEST_SUITE("cli") {
  TEST_CASE("an unknown command suggests the nearest one (issue 13, item 8)") {
    const auto r = parley::test::RunCli({"runn"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("unknown command `runn` (did you mean `run`?)") != std::string::npos);
    CHECK(parley::test::RunCli({"xyzzy"}).err.find("did you mean") == std::string::npos);
  }
}

TEST_SUITE("cli") {
  TEST_CASE("compare refuses unrelated scenarios and says what differs or is skipped (issue 13, item 5)") {
    const std::string fearon = parley::test::Source(parley::test::kFearonFile);
    const auto unrelated = parley::test::RunCli({"compare", fearon, parley::test::kUkraine, "-n", "50"});
    CHECK(unrelated.exit_code == 2);
    CHECK(unrelated.err.find("share no actor and no issue") != std::string::npos);
    const auto partly = parley::test::RunCli({"compare", fearon, parley::test::kRubinstein, "-n", "50"});
    CHECK(partly.exit_code == 0);
    CHECK(partly.err.find("the actors differ (base: a, b; variant: one, two)") != std::string::npos);
    CHECK(partly.err.find("metrics of the base have no counterpart in the variant and are not compared: actors.a.value.mean") !=
          std::string::npos);
    // A variant of the same negotiation: nothing said.
    const auto same = parley::test::RunCli({"compare", fearon, fearon, "-n", "50"});
    CHECK(same.exit_code == 0);
    CHECK(same.err.find("differ") == std::string::npos);
    CHECK(same.err.find("not compared") == std::string::npos);
  }
}

TEST_SUITE("cli") {
  TEST_CASE("--set into events on a file without events names the missing event (issue 13, item 8)") {
    const auto r = parley::test::RunCli({"run", parley::test::Source(parley::test::kFearonFile), "--set", "events.strike.hazard=0.1"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--set:1:8: events.strike: no event `strike`: the scenario has no events") != std::string::npos);
  }
}

TEST_SUITE("cli") {
  TEST_CASE("a scenario in which no actor holds a veto is refused at `actors` (issue 13, item 7)") {
    const auto r = parley::test::RunCli({"validate", parley::test::kRubinstein, "--set", "actors.one.veto=false", "--set",
                                         "actors.two.veto=false"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("rubinstein.yaml:28:3: actors: expected at least one actor with a veto") != std::string::npos);
    CHECK(parley::test::RunCli({"validate", parley::test::kRubinstein, "--set", "actors.one.veto=false"}).exit_code == 0);
  }
}

// `parley run --protocol all`: a row for every protocol of the registry, the
// numbers of each protocol equal to its own run's, refusals with a reason,
// byte-identical across --threads, and the agreement block.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "helpers.h"
#include "model/scenario.h"
#include "output/ensemble.h"
#include "protocols/registry.h"
#include "scenario/load.h"

using parley::Json;
using parley::test::FileExists;
using parley::test::ReadFile;
using parley::test::RunCli;
using parley::test::Source;
using parley::test::TempDir;

namespace {

using parley::test::kRubinstein;
using parley::test::kUkraine;

Json ReadJson(const std::string& path) { return Json::parse(ReadFile(path)); }

// Every protocol of the registry has its row: ran with a summary, or refused
// with a reason. Returns the names of those that ran.
std::vector<std::string> CheckEveryProtocolHasARow(const Json& ensemble, const std::string& dir) {
  std::vector<std::string> ran;
  CHECK(ensemble["protocols"].size() == parley::ProtocolRegistry().size());
  for (const std::string& name : parley::ProtocolNames()) {
    CAPTURE(name);
    REQUIRE(ensemble["protocols"].contains(name));
    const Json& e = ensemble["protocols"][name];
    if (e["status"] == "ran") {
      ran.push_back(name);
      CHECK(e["summary"] == name + "/summary.json");
      for (const char* f : {"summary.json", "issues.csv", "bundles.csv"}) CHECK(FileExists(dir + "/" + name + "/" + f));
    } else {
      CHECK(e["status"] == "refused");
      CHECK_FALSE(e["reason"].get<std::string>().empty());
      CHECK_FALSE(FileExists(dir + "/" + name + "/summary.json"));
    }
  }
  return ran;
}

// A summary.json as SummaryJson writes it, with only the keys the ensemble reads.
Json FakeSummary(double p, Json rounds_mean, Json border_mean, Json status_p) {
  return {{"complete", true},
          {"replicates_done", 100},
          {"deal", {{"p", p}, {"ci95", {p, p}}, {"count", 0}}},
          {"no_deal", {{"breakdown", 0.0}, {"horizon", 1 - p}, {"no_zone", 0.0}}},
          {"rounds", {{"mean", rounds_mean}}},
          {"issues",
           {{"border", {{"kind", "continuous"}, {"mean", border_mean}}},
            {"status", {{"kind", "ordinal"}, {"p", status_p}}}}}};
}

parley::EnsembleEntry Ran(const std::string& name, Json summary) {
  return {name, parley::EnsembleEntry::Status::kRan, "", std::move(summary)};
}

}  // namespace

TEST_SUITE("ensemble") {
  TEST_CASE("--protocol all: a row per registry protocol, each equal to its own run") {
    std::string dir = TempDir("ensemble");
    auto r = RunCli({"run", kRubinstein, "--protocol", "all", "--out", dir, "-n", "200"});
    REQUIRE(r.exit_code == 0);
    Json ensemble = ReadJson(dir + "/ensemble.json");
    CHECK(ensemble["schema"] == "parley.ensemble/1");
    CHECK(ensemble["parley_version"] == PARLEY_VERSION);
    CHECK(ensemble["scenario"]["sha256"].get<std::string>().size() == 64);
    CHECK(ensemble["config"]["replicates"] == 200);
    CHECK(ensemble["config"]["overrides"].empty());
    CHECK(ensemble["complete"] == true);
    std::vector<std::string> ran = CheckEveryProtocolHasARow(ensemble, dir);
    CHECK(std::find(ran.begin(), ran.end(), "alternating_offers") != ran.end());

    for (const std::string& name : parley::ProtocolNames()) {
      CAPTURE(name);
      CHECK(r.out.find(name) != std::string::npos);  // the table has its row
      // A plain run of the same protocol agrees: same numbers, or refused too.
      std::string single = TempDir("single");
      auto s = RunCli({"run", kRubinstein, "--protocol", name, "--out", single, "-n", "200", "-q"});
      const Json& e = ensemble["protocols"][name];
      if (e["status"] == "ran") {
        REQUIRE(s.exit_code == 0);
        Json summary = ReadJson(single + "/summary.json");
        CHECK(e["deal"]["p"].dump() == summary["deal"]["p"].dump());
        CHECK(e["deal"]["ci95"].dump() == summary["deal"]["ci95"].dump());
        CHECK(e["rounds"]["mean"].dump() == summary["rounds"]["mean"].dump());
        for (const char* f : {"summary.json", "issues.csv", "bundles.csv"}) {
          CAPTURE(f);
          CHECK(ReadFile(dir + "/" + name + "/" + f) == ReadFile(single + "/" + f));
        }
      } else {
        CHECK(s.exit_code == 2);
      }
      std::filesystem::remove_all(single);
    }
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("ensemble.json is byte-identical for --threads 1 and 2") {
    std::string one = TempDir("e1"), two = TempDir("e2");
    REQUIRE(RunCli({"run", kRubinstein, "--protocol", "all", "-n", "3000", "--threads", "1", "--out", one, "-q"})
                .exit_code == 0);
    REQUIRE(RunCli({"run", kRubinstein, "--protocol", "all", "-n", "3000", "--threads", "2", "--out", two, "-q"})
                .exit_code == 0);
    CHECK(ReadFile(one + "/ensemble.json") == ReadFile(two + "/ensemble.json"));
    for (const std::string& name : parley::ProtocolNames())
      if (FileExists(one + "/" + name + "/summary.json")) {
        CAPTURE(name);
        CHECK(ReadFile(one + "/" + name + "/summary.json") == ReadFile(two + "/" + name + "/summary.json"));
      }
    std::filesystem::remove_all(one);
    std::filesystem::remove_all(two);
  }

  TEST_CASE("a protocol that cannot run the scenario is refused with its reason, not dropped") {
    std::string dir = TempDir("ensemble-refused");
    // 1000 points per continuous issue: more outcomes than concession enumerates.
    auto r = RunCli({"run", kUkraine, "--protocol", "all", "-n", "64", "--set", "protocol.concession.grid=1000", "--out", dir});
    REQUIRE(r.exit_code == 0);
    Json ensemble = ReadJson(dir + "/ensemble.json");
    CheckEveryProtocolHasARow(ensemble, dir);
    const Json& concession = ensemble["protocols"]["concession"];
    CHECK(concession["status"] == "refused");
    CHECK(concession["reason"].get<std::string>().find("protocol.grid") != std::string::npos);
    CHECK(ensemble["protocols"]["nash"]["status"] == "ran");  // nash plays events and dynamics
    CHECK(ensemble["protocols"]["alternating_offers"]["status"] == "ran");
    CHECK(r.out.find("concession") != std::string::npos);
    CHECK(r.out.find("refused: ") != std::string::npos);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("--protocol all is refused where it cannot serve; unknown names list the valid ones") {
    std::string dir = TempDir("ensemble-usage");
    auto r = RunCli({"explain", kRubinstein, "--replicate", "0", "--protocol", "all"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--protocol all") != std::string::npos);
    CHECK(r.err.find("parley run") != std::string::npos);

    r = RunCli({"run", kRubinstein, "--protocol", "all", "--replicates", dir + "/rows.csv", "--out", dir + "/out"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--replicates") != std::string::npos);
    CHECK_FALSE(FileExists(dir + "/rows.csv"));
    CHECK_FALSE(FileExists(dir + "/out"));

    CHECK(RunCli({"compare", kRubinstein, kRubinstein, "--protocol", "all"}).exit_code == 2);

    r = RunCli({"run", kRubinstein, "--protocol", "nahs"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("did you mean `nash`") != std::string::npos);
    for (const std::string& name : parley::ProtocolNames()) CHECK(r.err.find("`" + name + "`") != std::string::npos);
    CHECK(r.err.find("`all`") != std::string::npos);
    CHECK(RunCli({"run", "--help"}).out.find("--protocol all") != std::string::npos);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("SIGINT during the ensemble: ensemble.json marks complete false") {
    std::string dir = TempDir("ensemble-sigint");
    std::ofstream(dir + "/interrupt.sh") << "'" << PARLEY_BINARY << "' run '" << kRubinstein
                                         << "' --protocol all -n 1000000000 --threads 2 -q --out '" << dir
                                         << "' 2>'" << dir << "/err' & pid=$!\nsleep 1\nkill -INT $pid\nwait $pid\n";
    int status = std::system(("bash '" + dir + "/interrupt.sh'").c_str());
    CHECK(WEXITSTATUS(status) == 130);
    CHECK(ReadFile(dir + "/err").find("interrupted: alternating_offers") != std::string::npos);
    Json ensemble = ReadJson(dir + "/ensemble.json");
    CHECK(ensemble["complete"] == false);
    CHECK(ensemble["protocols"].size() == parley::ProtocolRegistry().size());
    const Json& first = ensemble["protocols"]["alternating_offers"];
    CHECK(first["status"] == "ran");
    CHECK(first["complete"] == false);
    CHECK(ReadJson(dir + "/alternating_offers/summary.json")["complete"] == false);
    // The protocols after the interrupted one did not run, and say so.
    for (auto& [name, e] : ensemble["protocols"].items())
      if (name != "alternating_offers") CHECK(e["status"] != "ran");
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("the agreement block: spreads over the protocols that ran, modal levels compared") {
    parley::Scenario s = parley::Compile(parley::LoadScenarioSpec(Source("scenarios/examples/minimal.yaml")));
    Json levels_a = {{"full", 0.2}, {"partial", 0.5}, {"none", 0.3}};
    Json levels_b = {{"full", 0.4}, {"partial", 0.4}, {"none", 0.2}};  // a tie: the earlier level is modal
    std::vector<parley::EnsembleEntry> entries = {
        Ran("a", FakeSummary(0.75, 2.0, 0.25, levels_a)),
        {"b", parley::EnsembleEntry::Status::kRefused, "not for this scenario", Json()},
        Ran("c", FakeSummary(0.5, 3.5, 0.75, levels_b)),
    };
    Json j = parley::EnsembleJson(s, entries, {100, 7, {"actors.north.risk=1"}});
    CHECK(j["complete"] == true);
    CHECK(j["protocols"]["b"] == Json({{"status", "refused"}, {"reason", "not for this scenario"}}));
    CHECK(j["protocols"]["a"]["issues"]["status"]["modal"] == Json({{"level", "partial"}, {"p", 0.5}}));
    CHECK(j["protocols"]["c"]["issues"]["status"]["modal"]["level"] == "full");
    const Json& a = j["agreement"];
    CHECK(a["deal_p"]["spread"].get<double>() == 0.25);
    CHECK(a["deal_p"]["protocols"] == Json({"a", "c"}));
    CHECK(a["rounds_mean"]["spread"].get<double>() == 1.5);
    CHECK(a["issues"]["border"]["spread"].get<double>() == 0.5);
    CHECK(a["issues"]["status"]["agree"] == false);
    CHECK(a["issues"]["status"]["modal"] == Json({{"a", "partial"}, {"c", "full"}}));

    // One protocol without deals has no terms: the issues compare the others,
    // and with fewer than two the spread is null, never a zero.
    Json no_levels = {{"full", nullptr}, {"partial", nullptr}, {"none", nullptr}};
    entries[2] = Ran("c", FakeSummary(0.0, nullptr, nullptr, no_levels));
    j = parley::EnsembleJson(s, entries, {100, 7, {}});
    CHECK(j["agreement"]["deal_p"]["spread"].get<double>() == 0.75);
    CHECK(j["agreement"]["issues"]["border"]["spread"].is_null());
    CHECK(j["agreement"]["issues"]["status"]["agree"].is_null());
    CHECK(j["protocols"]["c"]["issues"]["status"]["modal"].is_null());
    std::string table = parley::EnsembleTable(j);
    CHECK(table.find("refused: not for this scenario") != std::string::npos);
    CHECK(table.find("spread") != std::string::npos);

    entries.push_back({"d", parley::EnsembleEntry::Status::kNotRun, "interrupted", Json()});
    CHECK(parley::EnsembleJson(s, entries, {100, 7, {}})["complete"] == false);
  }
}

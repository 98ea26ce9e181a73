// Numerical edge cases, each played by every protocol: the degenerate corners
// of the parameter space must give defined results. No NaN or infinity may
// reach summary.json, the CSVs or the console; where a figure is undefined
// (no deal, so no mean term) the summary says null.
#include <doctest/doctest.h>

#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/rng.h"
#include "core/text.h"
#include "helpers.h"
#include "model/scenario.h"
#include "montecarlo/runner.h"
#include "protocols/registry.h"
#include "scenario/load.h"

using namespace parley;

namespace {

// Two veto actors and a mediator; every case below is a few --set lines on it.
const char* kEdge = R"(parley: 1
name: edge
rounds: {horizon: 8}
montecarlo: {replicates: 64, seed: 11}
protocol: {breakdown: 0.1, proposers: [a, b, m]}
issues:
  x: {scale: [0, 1], status_quo: 0.5}
  lvl: {levels: [low, mid, high], status_quo: mid}
actors:
  a: {capability: 0.6, position: {x: 0, lvl: low}, salience: {x: 1, lvl: 0.5}, discount: 0.95, war_cost: 0.01, risk: 2}
  b: {capability: 0.4, position: {x: 1, lvl: high}, salience: {x: 0.8, lvl: 0.6},
      discount: {dist: beta, mean: 0.9, sd: 0.02}, war_cost: {dist: uniform, low: 0, high: 0.02}}
  m: {veto: false, capability: 0.2, position: {x: 0.5, lvl: mid}, salience: {x: 0.5, lvl: 0.5}}
)";

struct EdgeCase {
  const char* name;
  std::vector<std::string> sets;
};

const std::vector<EdgeCase>& EdgeCases() {
  static const std::vector<EdgeCase> cases = {
      {"discount 1 (no impatience)", {"actors.a.discount=1", "actors.b.discount=1"}},
      {"zero breakdown", {"protocol.breakdown=0"}},
      {"discount 1 and zero breakdown: nothing pushes for a deal", {"actors.a.discount=1", "actors.b.discount=1",
                                                                    "protocol.breakdown=0", "actors.a.war_cost=0",
                                                                    "actors.b.war_cost=0"}},
      {"one veto actor", {"actors.b.veto=false"}},
      {"all actors at the same position", {"actors.a.position.x=0.3", "actors.b.position.x=0.3", "actors.m.position.x=0.3",
                                           "actors.a.position.lvl=mid", "actors.b.position.lvl=mid"}},
      {"at the status quo already", {"actors.a.position.x=0.5", "actors.b.position.x=0.5", "actors.a.position.lvl=mid",
                                     "actors.b.position.lvl=mid"}},
      {"zero salience on an issue, for everyone", {"actors.a.salience.lvl=0", "actors.b.salience.lvl=0",
                                                   "actors.m.salience.lvl=0"}},
      {"horizon 1", {"rounds.horizon=1"}},
      {"one replicate", {"montecarlo.replicates=1"}},
      {"the largest seed", {"montecarlo.seed=18446744073709551615"}},
      {"private information, zero-spread priors", {"protocol.information=private", "actors.b.discount=0.9",
                                                   "actors.b.war_cost=0.01"}},
      {"no deal is possible: reservations above any deal", {"actors.a.war_cost=~", "actors.a.reservation=1",
                                                            "actors.b.war_cost=~", "actors.b.reservation=1"}},
      {"degenerate distributions", {"actors.a.discount={dist: normal, mean: 0.95, sd: 1e-12, low: 0.9, high: 1}",
                                    "actors.b.discount={dist: beta, mean: 0.9, sd: 1e-5}",
                                    "actors.b.war_cost={dist: triangular, low: 0, mode: 0, high: 0.02}",
                                    "actors.a.war_cost={dist: choice, values: [0.01]}",
                                    "actors.a.risk={dist: lognormal, mu: 0.5, sigma: 1e-9, low: 1, high: 10}",
                                    "issues.x.status_quo={dist: uniform, low: 0.5, high: 0.5000000001}"}},
  };
  return cases;
}

// Every number in the tree is finite (nlohmann would print NaN as null, so
// the check runs on the tree, before any dump can hide it).
void CheckFinite(const Json& j, const std::string& path) {
  if (j.is_number_float()) {
    CAPTURE(path);
    CHECK(std::isfinite(j.get<double>()));
  }
  if (j.is_object())
    for (auto& [key, value] : j.items()) CheckFinite(value, path + "." + key);
  if (j.is_array())
    for (size_t i = 0; i < j.size(); ++i) CheckFinite(j[i], path + "." + std::to_string(i));
}

// `nan`, `-inf`, `Infinity`... as a word of their own (not inside "information").
bool HasNonFiniteText(const std::string& text) {
  auto letter = [&](size_t i) { return i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])); };
  for (size_t i = 0; i < text.size(); ++i) {
    if (letter(i) && (i == 0 || !letter(i - 1))) {
      size_t end = i;
      while (letter(end)) ++end;
      std::string word = text.substr(i, end - i);
      for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (word == "nan" || word == "inf" || word == "infinity") return true;
      i = end;
    }
  }
  return false;
}

struct Played {
  Json summary;
  std::string outputs;  // issues.csv, bundles.csv and the console table
};

Played Play(const Scenario& s, int threads = 1) {
  std::unique_ptr<Protocol> protocol = FindProtocol(s.protocol.kind)->create(s);
  RunOptions options;
  options.seed = s.seed;
  options.replicates = s.replicates;
  options.threads = threads;
  RunResult result = RunMonteCarlo(s, *protocol, options);
  REQUIRE(result.complete);
  Played p;
  p.summary = SummaryJson(s, result.total, {s.protocol.kind, s.replicates, s.seed, {}, true});
  p.outputs = IssuesCsv(s, p.summary) + BundlesCsv(s, p.summary) + ConsoleTable(p.summary);
  return p;
}

// Undefined figures are null, defined ones numbers: never a silent 0 or NaN.
void CheckDefinedOrNull(const Json& summary) {
  const bool deals = summary["deal"]["count"].get<std::int64_t>() > 0;
  CHECK(summary["rounds"]["mean"].is_null() == !deals);
  for (auto& [name, issue] : summary["issues"].items()) {
    if (issue["kind"] == "continuous") CHECK(issue["mean"].is_null() == !deals);
    else
      for (auto& [level, p] : issue["p"].items()) CHECK(p.is_null() == !deals);
  }
  double total = summary["deal"]["p"].get<double>();
  for (auto& [cause, p] : summary["no_deal"].items()) total += p.get<double>();
  CHECK(total == doctest::Approx(1.0).epsilon(1e-12));
}

Scenario LoadEdge(const std::vector<std::string>& sets) { return Compile(LoadScenarioSpecFromString(kEdge, "edge.yaml", sets)); }

}  // namespace

TEST_SUITE("edge_cases") {
  TEST_CASE("every edge case under every protocol: finite outputs, undefined said as null") {
    for (const ProtocolInfo& info : ProtocolRegistry()) {
      for (const EdgeCase& edge : EdgeCases()) {
        std::string edge_name = edge.name;
        CAPTURE(info.name);
        CAPTURE(edge_name);
        std::vector<std::string> sets = edge.sets;
        sets.push_back("protocol.kind=" + info.name);
        Scenario s = LoadEdge(sets);
        std::string refusal = info.unsupported ? info.unsupported(s) : "";
        REQUIRE_MESSAGE(refusal.empty(), refusal);
        Played p = Play(s);
        CheckFinite(p.summary, "summary");
        CHECK_FALSE(HasNonFiniteText(p.outputs));
        CHECK_FALSE(HasNonFiniteText(p.summary.dump()));
        CheckDefinedOrNull(p.summary);
      }
    }
  }

  TEST_CASE("defined answers where the corner has one") {
    for (const ProtocolInfo& info : ProtocolRegistry()) {
      CAPTURE(info.name);
      std::string kind = "protocol.kind=" + info.name;
      // Reservations of 1 are above any deal's value: no protocol may strike one.
      Json none = Play(LoadEdge({"actors.a.war_cost=~", "actors.a.reservation=1", "actors.b.war_cost=~",
                             "actors.b.reservation=1", kind})).summary;
      CHECK(none["deal"]["count"] == 0);
      CHECK(none["rounds"]["mean"].is_null());
      CHECK(none["issues"]["x"]["mean"].is_null());
      CHECK(none["issues"]["lvl"]["p"]["mid"].is_null());
      CHECK(none["bundles"].empty());
      // Everyone already at the status quo and wanting it: any deal keeps it.
      Json agreed = Play(LoadEdge({"actors.a.position.x=0.5", "actors.b.position.x=0.5", "actors.m.position.x=0.5",
                               "actors.a.position.lvl=mid", "actors.b.position.lvl=mid", kind}))
                        .summary;
      if (agreed["deal"]["count"].get<std::int64_t>() > 0) {
        CHECK(agreed["issues"]["x"]["mean"].get<double>() == doctest::Approx(0.5).epsilon(1e-9));
        CHECK(agreed["issues"]["lvl"]["p"]["mid"].get<double>() == 1.0);
      }
      // One replicate: an sd over one value is 0, not NaN.
      Json one = Play(LoadEdge({"montecarlo.replicates=1", kind})).summary;
      CHECK(one["replicates_done"] == 1);
      CHECK(one["actors"]["a"]["value"]["sd"].get<double>() == 0.0);
    }
  }

  TEST_CASE("horizon 10,000 under every protocol, a few replicates") {
    for (const ProtocolInfo& info : ProtocolRegistry()) {
      CAPTURE(info.name);
      // Patient actors and no breakdown, so talks may run the whole horizon.
      Scenario s = LoadEdge({"rounds.horizon=10000", "montecarlo.replicates=3", "protocol.breakdown=0",
                         "actors.a.discount=0.9999", "protocol.kind=" + info.name});
      Played p = Play(s);
      CheckFinite(p.summary, "summary");
      CHECK_FALSE(HasNonFiniteText(p.outputs));
      CheckDefinedOrNull(p.summary);
      if (p.summary["deal"]["count"].get<std::int64_t>() > 0)
        CHECK(p.summary["rounds"]["quantiles"]["0.95"].get<int>() < 10000);
    }
  }

  TEST_CASE("streams of far-apart replicates and seeds never coincide") {
    // The counter holds the full 64-bit replicate: no truncation to 32 bits,
    // no wrap, and neighbours near 10^8 differ.
    const StreamId stream = StreamIdOf("actors.a.discount");
    std::set<double> firsts;
    const std::uint64_t replicates[] = {0, 1, 99'999'999, 100'000'000, 1ull << 32, (1ull << 32) + 1,
                                        1ull << 63, ~0ull};
    for (std::uint64_t r : replicates) firsts.insert(Rng(11, r, stream).UniformAt(0));
    CHECK(firsts.size() == std::size(replicates));
    CHECK(Rng(0, 5, stream).UniformAt(0) != Rng(~0ull, 5, stream).UniformAt(0));
    // Far into one stream: random access and sequential draws agree, all in (0, 1).
    Rng sequential(11, 99'999'999, stream);
    for (std::uint64_t i = 0; i < 4096; ++i) {
      double u = sequential.Uniform();
      CHECK(u == Rng(11, 99'999'999, stream).UniformAt(i));
      CHECK(u > 0.0);
      CHECK(u < 1.0);
    }
    double deep = Rng(11, 99'999'999, stream).UniformAt(1ull << 40);
    CHECK(deep > 0.0);
    CHECK(deep < 1.0);
  }

  TEST_CASE("explain --replicate 99999999 under every protocol: the run's numbers, nothing undefined") {
    std::string dir = test::TempDir("edge-explain");
    std::string file = dir + "/edge.yaml";
    { std::ofstream(file) << kEdge; }
    for (const ProtocolInfo& info : ProtocolRegistry()) {
      CAPTURE(info.name);
      auto r = test::RunCli({"explain", file, "--replicate", "99999999", "--protocol", info.name}, 120);
      REQUIRE(r.exit_code == 0);
      CHECK_FALSE(HasNonFiniteText(r.out));
      // The replay row equals the replicate played in the library.
      Scenario s = Compile(LoadScenarioSpec(file, {"protocol.kind=" + info.name}));
      CHECK(r.out.find("row: 99999999,") != std::string::npos);
      std::unique_ptr<Protocol> protocol = info.create(s);
      World world;
      Resize(s, world);
      Outcome outcome;
      outcome.Resize(s.NumActors(), s.NumIssues(), 0);
      auto workspace = protocol->NewWorkspace();
      PlayReplicate(s, *protocol, s.seed, 99'999'999, world, *workspace, outcome, nullptr);
      std::string values = r.out.substr(r.out.find("\nvalues:"));
      values = values.substr(0, values.find('\n', 1));
      for (int a = 0; a < s.NumActors(); ++a) {
        CHECK(std::isfinite(outcome.value[a]));
        CHECK(values.find(" " + s.actors[a].name + "=" + FormatNumber(outcome.value[a])) != std::string::npos);
      }
    }
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("a beta too narrow for Boost.Math is an input error, not an internal one") {
    // sd 1e-9 gave alpha = 8.1e16 and Boost's quantile threw at the first draw (exit 1).
    std::string dir = test::TempDir("edge-beta");
    std::string file = dir + "/edge.yaml";
    { std::ofstream(file) << kEdge; }
    auto r = test::RunCli({"run", file, "-q", "--set", "actors.b.discount={dist: beta, mean: 0.9, sd: 1e-9}"}, 60);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("actors.b.discount.sd: is too small for a beta distribution") != std::string::npos);
    CHECK(r.err.find("give the constant 0.9 instead") != std::string::npos);
    r = test::RunCli({"validate", file, "--set", "actors.b.discount={dist: beta, alpha: 2e10, beta: 1}"}, 60);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("actors.b.discount.alpha: expected alpha and beta at most 1e9") != std::string::npos);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("a degenerate uniform (low == high) is an input error, not a NaN") {
    std::string dir = test::TempDir("edge-uniform");
    std::string file = dir + "/edge.yaml";
    { std::ofstream(file) << kEdge; }
    auto r = test::RunCli({"run", file, "-q", "--set", "actors.a.war_cost={dist: uniform, low: 0.1, high: 0.1}"}, 60);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("actors.a.war_cost.high: must be > low (0.1), got 0.1") != std::string::npos);
    std::filesystem::remove_all(dir);
  }
}

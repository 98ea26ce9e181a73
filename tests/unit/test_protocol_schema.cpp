// Each protocol owns its parameters (protocols/schemas.h): the loader accepts
// at the top of `protocol:` exactly the parameters of the file's own kind,
// reads other protocols' parameters from their blocks under `--protocol`, and
// keeps actor keys that one protocol reads to files written for it.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <string>

#include "core/error.h"
#include "protocols/registry.h"
#include "protocols/schemas.h"
#include "helpers.h"
#include "scenario/load.h"

namespace parley {
namespace {

// Two veto actors over a unit pie; `protocol` is the body of `protocol:` and
// `extra` lines are appended to actor `a`.
std::string SchemaFile(const std::string& protocol, const std::string& extra = "") {
  return "parley: 1\nname: schema-test\nrounds: {horizon: 4}\nprotocol: " + protocol +
         "\nissues:\n  share: {scale: [0, 1], status_quo: 0.5}\n"
         "actors:\n  a:\n    position: {share: 1}\n    salience: {share: 1}\n    war_cost: 0.1\n" + extra +
         "  b:\n    position: {share: 0}\n    salience: {share: 1}\n    war_cost: 0.1\n";
}

// The loader's messages for `text`, joined; empty when it loads.
std::string LoadErrors(const std::string& text, const std::vector<std::string>& overrides = {}) {
  try {
    LoadScenarioSpecFromString(text, "test.yaml", overrides);
    return "";
  } catch (const InputError& e) {
    return e.what();
  }
}

// A valid value of every parameter any protocol declares.
const std::map<std::string, std::string> kValidParams = {
    {"proposers", "[a, b]"},       {"order", "rotate"},       {"recognition", "{a: 1, b: 1}"},
    {"breakdown", "0.1"},          {"information", "complete"}, {"weights", "{a: 1, b: 2}"},
    {"grid", "5"},                 {"q", "0.5"},              {"tolerance", "1e-6"},
    {"accept", "least_move"},      {"deal", "acceptable"}};

}  // namespace

TEST_SUITE("protocol schema") {

TEST_CASE("every declared parameter has a type, a default, help, and a valid value here") {
  for (const ProtocolSchema* s : ProtocolSchemas()) {
    CHECK_FALSE(s->summary.empty());
    CHECK_FALSE(s->causes.empty());
    for (const ParamSchema& p : s->params) {
      CHECK_FALSE(p.default_text.empty());
      CHECK_FALSE(p.help.empty());
      CHECK(kValidParams.count(p.name) == 1);
    }
  }
}

TEST_CASE("a top-level parameter loads exactly when the file's kind declares it") {
  for (const ProtocolSchema* kind : ProtocolSchemas())
    for (const auto& [key, value] : kValidParams) {
      CAPTURE(kind->name);
      CAPTURE(key);
      std::string errors = LoadErrors(SchemaFile("{kind: " + kind->name + ", " + key + ": " + value + "}"));
      if (kind->Find(key)) {
        CHECK(errors.empty());
      } else {
        // Located at the key, naming who reads it and where it goes.
        CHECK(errors.find("test.yaml:4:") != std::string::npos);
        CHECK(errors.find("protocol." + key + ": `" + key + "` is a parameter of") != std::string::npos);
        CHECK(errors.find("not of " + kind->name) != std::string::npos);
        CHECK(errors.find("write it under `protocol.") != std::string::npos);
      }
    }
}

TEST_CASE("a block holds another protocol's parameters; --protocol reads it and leaves the file's own unused") {
  std::string text = SchemaFile(
      "\n  kind: alternating_offers\n  breakdown: 0.2\n  information: private\n"
      "  expected_utility: {q: 0.25, deal: forecast}\n  concession: {grid: 7}\n  nash: {weights: {a: 3, b: 1}}");
  ScenarioSpec own = LoadScenarioSpecFromString(text, "test.yaml");
  CHECK(own.protocol.kind == "alternating_offers");
  CHECK(own.protocol.breakdown.dist.value == doctest::Approx(0.2));
  CHECK(own.protocol.information == "private");
  CHECK(own.protocol.q == 1);  // the block is not alternating_offers'
  CHECK(own.protocol.grid == 11);
  ScenarioSpec eu = LoadScenarioSpecFromString(text, "test.yaml", {"protocol.kind=expected_utility"});
  CHECK(eu.protocol.q == 0.25);
  CHECK(eu.protocol.deal == "forecast");
  CHECK(eu.protocol.information == "complete");  // alternating_offers' key is not expected_utility's
  ScenarioSpec concession = LoadScenarioSpecFromString(text, "test.yaml", {"protocol.kind=concession"});
  CHECK(concession.protocol.grid == 7);
  CHECK(concession.protocol.breakdown.dist.value == 0);  // the file's breakdown is alternating_offers'
  ScenarioSpec nash = LoadScenarioSpecFromString(text, "test.yaml", {"protocol.kind=nash"});
  REQUIRE(nash.protocol.weights.size() == 2);
  CHECK(nash.protocol.weights[0] == 3);
  // An override of a block parameter reaches the protocol it names.
  ScenarioSpec eu2 =
      LoadScenarioSpecFromString(text, "test.yaml", {"protocol.kind=expected_utility", "protocol.expected_utility.q=0.75"});
  CHECK(eu2.protocol.q == 0.75);
  // An override of a top-level key that the file's kind does not read is an error at the override.
  std::string errors = LoadErrors(text, {"protocol.kind=expected_utility", "protocol.q=0.5"});
  CAPTURE(errors);
  CHECK(errors.find("--set:2:") != std::string::npos);  // the second override
  CHECK(errors.find("protocol.expected_utility:") != std::string::npos);
}

TEST_CASE("blocks are checked whichever protocol runs; a parameter given twice is an error") {
  CHECK(LoadErrors(SchemaFile("{kind: nash, concession: {grid: 1}}")).find("protocol.concession.grid") != std::string::npos);
  std::string typo = LoadErrors(SchemaFile("{kind: nash, expected_utility: {qq: 0.5}}"));
  CHECK(typo.find("protocol.expected_utility.qq: unknown key") != std::string::npos);
  CHECK(typo.find("`q`") != std::string::npos);
  CHECK(LoadErrors(SchemaFile("{kind: nash, expected_utility: 3}")).find("a map of expected_utility's parameters") !=
        std::string::npos);
  std::string twice = LoadErrors(SchemaFile("{kind: concession, grid: 5, concession: {grid: 7}}"));
  CHECK(twice.find("protocol.concession.grid: given twice") != std::string::npos);
  // An override wins over the file, in either place.
  ScenarioSpec over = LoadScenarioSpecFromString(SchemaFile("{kind: concession, grid: 5}"), "test.yaml",
                                                 {"protocol.concession.grid=9"});
  CHECK(over.protocol.grid == 9);
  CHECK(LoadErrors(SchemaFile("{kind: nash, bogus: 1}")).find("protocol.bogus: unknown key") != std::string::npos);
}

TEST_CASE("an actor's tactic belongs to a file written for concession") {
  const std::string tactic = "    tactic: {kind: linear}\n";
  std::string errors = LoadErrors(SchemaFile("{kind: nash}", tactic));
  CHECK(errors.find("actors.a.tactic: `tactic` is read only by concession") != std::string::npos);
  CHECK(errors.find("this file's protocol is nash") != std::string::npos);
  CHECK(LoadErrors(SchemaFile("{kind: concession}", tactic)).empty());
  CHECK(LoadErrors(SchemaFile("{kind: nash, concession: {}}", tactic)).empty());
  // --protocol concession does not make a nash file a concession file.
  CHECK_FALSE(LoadErrors(SchemaFile("{kind: nash}", tactic), {"protocol.kind=concession"}).empty());
}

TEST_CASE("an event on protocol.breakdown reaches the breakdown risk of the protocol that runs") {
  // Sure event in round 0: breakdown 1 after the first rejected round; concession's opening offer is
  // its best outcome, which the other rejects, so every replicate breaks down after round 0.
  std::string text = SchemaFile("{kind: alternating_offers, breakdown: 0, concession: {breakdown: 0}}") +
                     "events:\n  - id: crisis\n    hazard: 1\n    effects: [{target: protocol.breakdown, set: 1}]\n";
  std::string dir = test::TempDir("schema-breakdown");
  std::string file = dir + "/s.yaml";
  {
    std::ofstream(file) << text;
  }
  Json s = test::RunFile(file, {"protocol.kind=concession"}, 50);
  CHECK(s["no_deal"]["breakdown"].get<double>() == 1.0);
  Json without = test::RunFile(file, {"protocol.kind=concession", "events.crisis.hazard=0"}, 50);
  CHECK(without["no_deal"]["breakdown"].get<double>() == 0.0);
}

TEST_CASE("summary.json lists exactly the no-deal causes of the protocol that ran, and they add up") {
  for (const ProtocolSchema* schema : ProtocolSchemas()) {
    CAPTURE(schema->name);
    Json s = test::RunFile(test::kUkraine, {"protocol.kind=" + schema->name}, 200);
    std::vector<std::string> keys;
    double sum = s["deal"]["p"].get<double>();
    for (auto& [cause, share] : s["no_deal"].items()) keys.push_back(cause), sum += share.get<double>();
    std::vector<std::string> expected;
    for (const CauseSchema& c : schema->causes) expected.push_back(c.name);
    std::sort(expected.begin(), expected.end());  // nlohmann::json orders keys
    CHECK(keys == expected);
    CHECK(sum == doctest::Approx(1.0).epsilon(1e-12));
  }
}

TEST_CASE("the ensemble keeps apart what is not comparable and says how to read each protocol") {
  std::string dir = test::TempDir("schema-ensemble");
  test::CliResult r = test::RunCli({"run", test::kUkraine, "--protocol", "all", "-n", "64", "--out", dir});
  REQUIRE(r.exit_code == 0);
  Json e = Json::parse(test::ReadFile(dir + "/ensemble.json"));
  CHECK(e["protocols"]["expected_utility"]["rounds"]["unit"] == "iterations of the model");
  CHECK(e["protocols"]["nash"]["rounds"]["unit"] == "rounds of the scenario");
  for (const Json& name : e["agreement"]["rounds_mean"]["protocols"]) CHECK(name != "expected_utility");
  CHECK(e["protocols"]["concession"]["no_deal"].contains("walk_away"));
  CHECK(r.out.find("* expected_utility: rounds are iterations of the model") != std::string::npos);
  CHECK(r.out.find("  concession: breakdown ") != std::string::npos);
  CHECK(r.out.find("how to read each protocol:") != std::string::npos);
  // run's summary names the structural choices behind the headline.
  Json s = test::RunFile(test::kUkraine, {}, 64);
  CHECK(s["config"]["reading"].get<std::string>().find(
            "here united_states proposes, information is private, and the horizon is 52 weeks") != std::string::npos);
}

TEST_CASE("parley schema prints the committed docs/scenario.schema.json, built from every key table") {
  test::CliResult r = test::RunCli({"schema"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == test::ReadFile(test::Source("docs/scenario.schema.json")));  // regenerate with `parley schema`
  Json schema = Json::parse(r.out);
  // Each protocol's parameters are in its block, and only the file's kind may hold them at the top.
  for (const ProtocolSchema* s : ProtocolSchemas())
    for (const ParamSchema& p : s->params)
      CHECK(schema["properties"]["protocol"]["properties"][s->name]["properties"].contains(p.name));
  CHECK(schema["properties"]["actors"]["additionalProperties"]["additionalProperties"] == false);
}

}  // TEST_SUITE

}  // namespace parley

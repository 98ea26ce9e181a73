// `parley bench`: the figures it reports, as a machine reads them.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "helpers.h"

using namespace parley;

TEST_SUITE("cli") {
  TEST_CASE("bench --json emits the stated fields for every thread count") {
    test::CliResult r = test::RunCli({"bench", test::Source("scenarios/textbook/rubinstein.yaml"), "-n", "2000",
                                      "--threads", "1,2", "--json"});
    REQUIRE(r.exit_code == 0);
    nlohmann::json j = nlohmann::json::parse(r.out);
    CHECK(j["schema"] == "parley.bench/1");
    CHECK(j["scenario"] == "rubinstein");
    CHECK(j["protocol"] == "alternating_offers");
    CHECK(j["replicates"] == 2000);
    CHECK(j["peak_rss_mb"].get<double>() > 0);
    REQUIRE(j["runs"].size() == 2);
    for (int i = 0; i < 2; ++i) {
      const nlohmann::json& run = j["runs"][i];
      CHECK(run["threads"] == i + 1);
      CHECK(run["seconds"].get<double>() > 0);
      CHECK(run["replicates_per_second"].get<double>() > 0);
      CHECK(run["efficiency"].get<double>() > 0);
      // A count where the kernel gives hardware counters, else null: never made up.
      CHECK((run["instructions_per_replicate"].is_null() || run["instructions_per_replicate"].get<double>() > 0));
    }
    CHECK(j["runs"][0]["efficiency"].get<double>() == 1.0);
  }

  TEST_CASE("bench rejects a malformed thread list") {
    test::CliResult r = test::RunCli({"bench", test::Source("scenarios/textbook/rubinstein.yaml"), "--threads", "1,x"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--threads") != std::string::npos);
  }
}

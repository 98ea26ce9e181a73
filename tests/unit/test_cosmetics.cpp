// One number, one printing (issue 13, item 17): an interval whose bounds
// differ never prints as two equal bounds, and compare.json's base
// proportion is summary.json's k / n to the last digit.
#include <doctest/doctest.h>

#include "core/text.h"
#include "helpers.h"

namespace parley {

TEST_CASE("intervals print with as many decimals as it takes to tell the bounds apart") {
  CHECK(IntervalText(0.99962, 1, 3) == "[0.9996, 1.0000]");
  CHECK(IntervalText(0.25, 0.75, 3) == "[0.250, 0.750]");
  CHECK(IntervalText(1, 1, 3) == "[1.000, 1.000]");                 // equal bounds stay equal
  CHECK(IntervalText(0.1234561, 0.1234562, 3) == "[0.123456, 0.123456]");  // at most 6 decimals
}

TEST_CASE("compare.json's base proportion is summary.json's, digit for digit") {
  std::string dir = test::TempDir("cosmetics");
  auto r = test::RunCli({"compare", test::kUkraine, test::Source("scenarios/ukraine/escalation.yaml"), "-n", "2000",
                         "--out", dir, "--quiet"});
  REQUIRE(r.exit_code == 0);
  Json c = Json::parse(test::ReadFile(dir + "/compare.json"));
  Json s = test::RunFile(test::kUkraine, {}, 2000);
  CHECK(c["metrics"]["deal.p"]["base"].dump() == s["deal"]["p"].dump());
}

}  // namespace parley

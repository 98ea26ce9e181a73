// The shared conformance suite: every implemented protocol, on every shipped
// scenario it accepts, gives feasible outcomes, probabilities that sum to 1,
// and a replay identical to the replicate inside the run (STYLE.md habit 11).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "helpers.h"
#include "model/scenario.h"
#include "montecarlo/runner.h"
#include "protocols/registry.h"
#include "scenario/load.h"

using namespace parley;

namespace {

void CheckOutcome(const Scenario& s, const Outcome& o, const std::string& protocol) {
  CHECK((o.deal == (o.cause == NoDealCause::None)));
  // Values lie on the scale of utilities and flows (docs/model.md §3).
  for (int a = 0; a < s.NumActors(); ++a) {
    CHECK(std::isfinite(o.value[a]));
    CHECK(std::isfinite(o.no_deal_value[a]));
    CHECK(std::fabs(o.value[a]) <= 1 + 1e-12);
    CHECK(std::fabs(o.no_deal_value[a]) <= 1 + 1e-12);
  }
  for (std::uint8_t fired : o.events_fired) CHECK(fired <= 1);
  // Without a deal the realised path is no deal: every gain is exactly 0.
  if (!o.deal) {
    for (int a = 0; a < s.NumActors(); ++a) CHECK(o.value[a] == o.no_deal_value[a]);
    return;
  }
  // Under complete information no veto actor accepts terms worth less than
  // the war from that round on (alternating_offers, nash).
  const bool complete = s.protocol.information == Information::Complete || protocol == "nash";
  if (complete && (protocol == "alternating_offers" || protocol == "nash"))
    for (int a = 0; a < s.NumActors(); ++a)
      if (s.actors[a].veto) CHECK(o.value[a] - o.no_deal_value[a] >= -1e-9);
  CHECK(o.round >= 0);
  CHECK(o.round < s.horizon);
  for (int k = 0; k < s.NumIssues(); ++k) {
    CHECK(o.terms[k] >= 0.0);
    CHECK(o.terms[k] <= 1.0);
    if (s.issues[k].ordinal) {
      double steps = o.terms[k] * (s.issues[k].LevelCount() - 1);
      CHECK(std::fabs(steps - std::round(steps)) < 1e-12);  // terms sit on a level
    }
  }
}

void CheckSameOutcome(const Outcome& a, const Outcome& b) {
  CHECK(a.deal == b.deal);
  CHECK(a.round == b.round);
  CHECK(a.proposer == b.proposer);
  CHECK(a.cause == b.cause);
  CHECK((a.terms == b.terms).all());
  CHECK((a.value == b.value).all());
}

}  // namespace

TEST_SUITE("conformance") {
  TEST_CASE("every protocol on every shipped scenario") {
    const std::vector<test::ProtocolCase> cases = test::ProtocolCases();
    for (const ProtocolInfo& info : ProtocolRegistry())  // each implemented protocol runs somewhere
      if (info.create)
        CHECK(std::any_of(cases.begin(), cases.end(), [&](const auto& c) { return c.protocol == info.name; }));
    for (const test::ProtocolCase& c : cases) {
      CAPTURE(c.protocol);
      CAPTURE(c.file);
      const Scenario& s = c.scenario;
      std::unique_ptr<Protocol> protocol = FindProtocol(c.protocol)->create(s);
      World world;
      Resize(s, world);
      Outcome outcome, replay;
      Resize(s, outcome);
      Resize(s, replay);
      auto workspace = protocol->NewWorkspace();
      auto other = protocol->NewWorkspace();
      const int n = 200;
      for (int r = 0; r < n; ++r) {
        PlayReplicate(s, *protocol, s.seed, r, world, *workspace, outcome, nullptr);
        CheckOutcome(s, outcome, c.protocol);
        // A replay in a fresh workspace, with a trace, gives the same outcome.
        Trace trace;
        PlayReplicate(s, *protocol, s.seed, r, world, *other, replay, &trace);
        CheckSameOutcome(outcome, replay);
      }
      // Probabilities over causes and over ordinal levels sum to 1.
      Json summary = test::RunFile(c.file, {"protocol.kind=" + c.protocol}, n);
      double total = summary["deal"]["p"].get<double>();
      for (auto& [cause, p] : summary["no_deal"].items()) total += p.get<double>();
      CHECK(total == doctest::Approx(1.0).epsilon(1e-12));
      for (auto& [name, issue] : summary["issues"].items()) {
        if (issue["kind"] != "ordinal" || summary["deal"]["count"] == 0) continue;
        double levels = 0;
        for (auto& [level, p] : issue["p"].items()) levels += p.get<double>();
        CHECK(levels == doctest::Approx(1.0).epsilon(1e-12));
      }
    }
  }
}

#include "api/compare.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "protocols/registry.h"
#include "tuning/compare.h"

namespace parley::api {

namespace {

std::string Names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// Paired deltas mean something only between variants of one negotiation:
// scenarios with no actor and no issue in common are refused; any other
// difference in the actors or issues is a warning.
void CheckComparable(const Scenario& base, const Scenario& variant, std::vector<std::string>& warnings) {
  auto actors = [](const Scenario& s) {
    std::vector<std::string> v;
    for (const Actor& a : s.actors) v.push_back(a.name);
    return v;
  };
  auto issues = [](const Scenario& s) {
    std::vector<std::string> v;
    for (const Issue& i : s.issues) v.push_back(i.name);
    return v;
  };
  const std::vector<std::string> ba = actors(base), va = actors(variant), bi = issues(base), vi = issues(variant);
  auto shares = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
    return std::any_of(a.begin(), a.end(), [&](const std::string& x) { return std::find(b.begin(), b.end(), x) != b.end(); });
  };
  if (!shares(ba, va) && !shares(bi, vi))
    throw UsageError("the scenarios share no actor and no issue (base: actors " + Names(ba) + ", issues " + Names(bi) +
                     "; variant: actors " + Names(va) + ", issues " + Names(vi) +
                     "): compare pairs variants of one negotiation");
  if (ba != va)
    warnings.push_back("parley compare: the actors differ (base: " + Names(ba) + "; variant: " + Names(va) +
                       "); only what both have is compared");
  if (bi != vi)
    warnings.push_back("parley compare: the issues differ (base: " + Names(bi) + "; variant: " + Names(vi) +
                       "); only what both have is compared");
}

}  // namespace

CommandResult Compare(const ScenarioRequest& base_request, const ScenarioRequest& variant_source,
                      const Context& context, const std::function<void()>& ready) {
  Scenario base = LoadScenario(base_request);
  ScenarioRequest variant_request = base_request;
  variant_request.path = variant_source.path;
  variant_request.text = variant_source.text;
  variant_request.text_name = variant_source.text_name;
  variant_request.replicates = base.replicates;  // both arms run the same replicates
  variant_request.seed = static_cast<long long>(base.seed);
  Scenario variant = LoadScenario(variant_request);
  CommandResult out;
  CheckComparable(base, variant, out.warnings);
  auto base_protocol = MakeProtocol(base);
  auto variant_protocol = MakeProtocol(variant);
  if (ready) ready();

  CompareOptions compare;
  compare.seed = base.seed;
  compare.replicates = base.replicates;
  compare.threads = context.Threads();
  compare.stop = context.stop;
  if (context.progress)
    compare.progress = [&](std::int64_t done, std::int64_t total) { context.progress("compare", done, total, ""); };
  CompareResult result = ComparePaired(base, *base_protocol, variant, *variant_protocol, compare);
  Json json = CompareJson(base, variant, result, compare);
  out.files = {{"compare.json", json.dump(2) + "\n"}};
  out.table = CompareTable(json);
  out.complete = result.complete;
  if (!result.skipped.empty())
    out.warnings.push_back("parley compare: " + std::to_string(result.skipped.size()) +
                           " metrics of the base have no counterpart in the variant and are not compared: " +
                           Names(result.skipped));
  return out;
}

}  // namespace parley::api

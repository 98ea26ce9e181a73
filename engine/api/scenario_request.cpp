#include "api/scenario_request.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/error.h"
#include "core/text.h"
#include "protocols/registry.h"
#include "scenario/load.h"
#include "scenario/tree_paths.h"

namespace parley::api {

// A count: an integer, written plainly or as 1e4 when it is a whole number.
long long ParseCount(const std::string& text, const std::string& option) {
  if (!text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    try {
      return std::stoll(text);  // exact, whatever its size
    } catch (const std::out_of_range&) {
      throw UsageError(option + " is too large, got `" + text + "`");
    }
  }
  size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty() || !std::isfinite(value) || value != std::floor(value) ||
      std::fabs(value) > 9.0e15)
    throw UsageError(option + " must be a whole number (e.g. 10000 or 1e4), got `" + text + "`");
  if (value < 0) throw UsageError(option + " must be a non-negative integer, got `" + text + "`");
  return static_cast<long long>(value);
}

std::vector<std::string> ScenarioRequest::Overrides() const {
  std::vector<std::string> all = EchoedOverrides();
  if (Given(replicates)) all.push_back("montecarlo.replicates=" + std::to_string(replicates));
  if (Given(seed)) all.push_back("montecarlo.seed=" + std::to_string(seed));
  return all;
}

std::vector<std::string> ScenarioRequest::EchoedOverrides() const {
  std::vector<std::string> echoed = sets;
  if (!protocol.empty()) echoed.push_back("protocol.kind=" + protocol);
  return echoed;
}

namespace {

// An unknown name lists the valid ones; `all` is refused where it cannot serve.
void CheckProtocolName(const ScenarioRequest& request) {
  const std::string& name = request.protocol;
  if (name.empty() || FindProtocol(name)) return;
  std::vector<std::string> valid = ProtocolNames();
  if (name == kAllProtocols && !request.all_protocols)
    throw UsageError("--protocol all runs every protocol side by side and only `parley run` takes it; name one of " +
                     JoinChoices(valid));
  if (request.all_protocols) valid.push_back(kAllProtocols);
  if (name != kAllProtocols)
    throw UsageError("--protocol `" + name + "`: unknown protocol" + DidYouMean(name, valid) + "; expected " +
                     JoinChoices(valid));
  throw std::logic_error("--protocol all reached LoadScenario: the ensemble loads one protocol at a time");
}

}  // namespace

void CheckCounts(const ScenarioRequest& request) {
  if (ScenarioRequest::Given(request.replicates) && request.replicates < 1)
    throw UsageError("-n must be at least 1, got " + std::to_string(request.replicates));
  if (ScenarioRequest::Given(request.seed) && request.seed < 0)
    throw UsageError("--seed must be a non-negative integer, got " + std::to_string(request.seed));
}

ScenarioSpec LoadSpec(const ScenarioRequest& request, const std::vector<std::string>& extra) {
  std::vector<std::string> overrides = request.Overrides();
  overrides.insert(overrides.end(), extra.begin(), extra.end());
  return request.FromText() ? LoadScenarioSpecFromString(request.text, request.text_name, overrides)
                            : LoadScenarioSpec(request.path, overrides);
}

Scenario LoadScenario(const ScenarioRequest& request) {
  CheckProtocolName(request);
  CheckCounts(request);
  return Compile(LoadSpec(request));
}

yaml::Node LoadTree(const ScenarioRequest& request) {
  return request.FromText() ? LoadMergedTreeFromText(request.text, request.text_name, request.Overrides())
                            : LoadMergedTree(request.path, request.Overrides());
}

}  // namespace parley::api

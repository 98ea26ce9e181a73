// The ensemble view: every protocol run on the same scenario, seed and
// replicates, side by side (`parley run --protocol all`). ensemble.json holds
// each protocol's key figures, taken verbatim from its summary.json, or the
// reason it did not run, and an agreement block that says where the models
// agree. The console table reads ensemble.json, so the two never differ.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "output/summary.h"

namespace parley {

// One protocol's part: it ran (its summary), was refused (why), or was not
// reached because the run was interrupted first.
struct EnsembleEntry {
  enum class Status { kRan, kRefused, kNotRun };
  std::string protocol;
  Status status = Status::kRefused;
  std::string reason;  // refused or not run
  Json summary;        // ran: its summary.json
};

// The configuration shared by every protocol of the ensemble.
struct EnsembleInfo {
  std::int64_t replicates = 0;  // requested
  std::uint64_t seed = 0;
  std::vector<std::string> overrides;  // without the protocol
};

// `scenario` gives the issues; entries come in registry order.
Json EnsembleJson(const Scenario& scenario, const std::vector<EnsembleEntry>& entries, const EnsembleInfo& info);
std::string EnsembleTable(const Json& ensemble);

}  // namespace parley

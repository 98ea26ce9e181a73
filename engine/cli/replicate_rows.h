// One CSV row per replicate (--replicates FILE) and the same numbers for
// explain: terms in each issue's own units (level names for ordinal issues)
// and values printed as shortest round-trip decimals, so the two agree exactly.
#pragma once

#include <string>

#include "model/outcome.h"
#include "model/scenario.h"

namespace parley::cli {

std::string ReplicateHeader(const Scenario& scenario);
void AppendReplicateRow(const Scenario& scenario, std::uint64_t replicate, const Outcome& outcome, std::string& out);
// A deal's term on issue k in the issue's own units, or a level name.
std::string TermText(const Scenario& scenario, int issue, double unit_value);

}  // namespace parley::cli

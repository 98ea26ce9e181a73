// One CSV row per replicate (--replicates FILE) and the same numbers for
// explain: terms in each issue's own units (level names for ordinal issues)
// and values printed as shortest round-trip decimals, so the two agree exactly.
#pragma once

#include <string>

#include "model/outcome.h"
#include "model/scenario.h"
#include "model/world.h"

namespace parley::api {

// Columns: replicate, deal, cause, round, proposer; terms.<issue>;
// value.<actor>, no_deal_value.<actor>, gain.<actor>; fired.<event> (0/1) and
// fired_round.<event> (the round it first fired, empty when it did not); then
// one column per drawn parameter (one with a spread), named by its --set
// path, holding the replicate's draw (file units; a level index for an
// ordinal parameter). docs/outputs.md lists them.
std::string ReplicateHeader(const Scenario& scenario);
void AppendReplicateRow(const Scenario& scenario, std::uint64_t replicate, const World& drawn, const Outcome& outcome,
                        std::string& out);
// A deal's term on issue k in the issue's own units, or a level name.
std::string TermText(const Scenario& scenario, int issue, double unit_value);

}  // namespace parley::api

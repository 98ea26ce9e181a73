// `explain`: one replicate replayed exactly as the big run plays it, as text
// (what `parley explain` prints) and as data (explain.json, `--json`): the
// draws, every round's offer, answers and breakdown draw, the events, the
// outcome, and the replicate's row of `--replicates`.
#pragma once

#include <cstdint>
#include <string>

#include "api/scenario_request.h"
#include "output/summary.h"

namespace parley::api {

struct ExplainOutput {
  std::string text;
  Json json;
};

ExplainOutput Explain(const ScenarioRequest& request, std::uint64_t replicate);

}  // namespace parley::api

// `compare`: base and variant replicate by replicate with the same seed, so
// each delta is a paired, common-random-numbers estimate (tuning/compare.h).
// File: compare.json.
#pragma once

#include <functional>

#include "api/context.h"
#include "api/scenario_request.h"

namespace parley::api {

// The base's sets and protocol apply to both; the variant (`variant.path`
// or `variant.text`) runs the base's replicates and seed. Scenarios with no
// actor and no issue in common are refused (UsageError); other differences
// are warnings.
CommandResult Compare(const ScenarioRequest& base, const ScenarioRequest& variant, const Context& context,
                      const std::function<void()>& ready = {});

}  // namespace parley::api

// The keys of every map of the scenario schema, in one place: the readers
// check files against them (Ctx::CheckKeys), and `parley schema` builds the
// published JSON Schema from them (scenario/json_schema.h), so the two cannot
// drift apart. Protocol parameters are each protocol's own (protocols/schemas.h).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace parley::keys {

using Keys = std::vector<std::string>;

const Keys& Top();         // the scenario map
const Keys& Rounds();      // rounds:
const Keys& Montecarlo();  // montecarlo:
const Keys& Issue();       // issues.<issue>:
const Keys& Actor();       // actors.<actor>:
const Keys& Tactic();      // actors.<actor>.tactic:
const Keys& Dynamic();     // dynamics.<issue>:
const Keys& Event();       // events[i]:
const Keys& When();        // events[i].when:
const Keys& Effect();      // events[i].effects[k]:
const Keys& Report();      // report:
// Each distribution kind with the keys of its map (`dist` included).
const std::vector<std::pair<std::string, Keys>>& Distributions();

}  // namespace parley::keys

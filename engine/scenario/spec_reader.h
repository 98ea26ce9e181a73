// Reads a merged, overridden scenario tree into a ScenarioSpec.
//
// Checks every key, type, range and reference of the schema (DESIGN.md
// section 2), collects every error, and throws them together as one
// InputError, each as `file:line:col: path.to.key: expected ..., got ...`.
#pragma once

#include "scenario/spec.h"
#include "scenario/yaml_tree.h"

namespace parley {

ScenarioSpec ReadScenarioSpec(const yaml::Node& root);

}  // namespace parley

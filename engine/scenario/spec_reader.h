// Reads a merged, overridden scenario tree into a ScenarioSpec.
//
// Checks every key, type, range and reference of the schema
// (docs/schema.md), collects every error, and throws them together as one
// InputError, each as `file:line:col: path.to.key: expected ..., got ...`.
#pragma once

#include "scenario/spec.h"
#include "scenario/yaml_tree.h"

namespace parley {

// `file_kind`: protocol.kind as the file itself gives it, before overrides
// (empty: the kind the tree holds), so `--protocol P` can tell the file's own
// protocol parameters from P's block (protocol_reader.cpp).
ScenarioSpec ReadScenarioSpec(const yaml::Node& root, const std::string& file_kind = "");

}  // namespace parley

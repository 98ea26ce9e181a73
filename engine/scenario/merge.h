// Variants and overrides on the located tree, before the schema is read.
//
// `extends: base.yaml` (a path relative to the extending file) merges the
// file onto its base, which may itself extend another: maps merge by key,
// recursively; lists and scalars replace; a null value (`key: ~` or an empty
// value) deletes the key, as in JSON merge patch (RFC 7386), so a variant can
// switch an actor from `war_cost` to `reservation`. Every node keeps the file
// it stands in, so errors name the file that holds the offending key.
//
// `--set PATH=VALUE` overrides one value: VALUE is YAML text (a number, a
// level name, an inline map such as `{dist: uniform, low: 0, high: 1}`, or
// `~` to delete), PATH is dotted; a list element is named by its `id` or its
// 0-based index (`events.drone_wave.hazard`, `events.drone_wave.effects.0.add`).
// Missing intermediate map keys are created, marked synthetic. Locations in an
// override read `--set:N:C`: N counts the --set arguments from 1 and C is the
// column in that argument.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "scenario/yaml_tree.h"

namespace parley {

// The files a scenario was read from, top file first.
struct SourceFiles {
  std::vector<std::string> names;
  std::string bytes;  // their contents concatenated in that order
};

// Parses `path` and the files it extends, merged. Throws InputError.
yaml::Node LoadWithExtends(const std::string& path, SourceFiles* files);

// The same for text in memory named `name`; its `extends:` is relative to the
// current directory.
yaml::Node LoadTextWithExtends(const std::string& text, const std::string& name, SourceFiles* files);

// Merges `variant` onto `base` (the rules above).
void MergeOnto(yaml::Node& base, yaml::Node variant);

// Applies one "PATH=VALUE" argument; `index` is its 1-based position among the
// --set arguments. Throws InputError.
void ApplyOverride(yaml::Node& root, const std::string& argument, int index);

// Applies every argument in order, collecting the errors of all of them.
void ApplyOverrides(yaml::Node& root, const std::vector<std::string>& arguments, Diagnostics& diags);

}  // namespace parley

// Dotted paths in a scenario's located tree, for the tuning commands: what a
// path names once `extends:` and the --set overrides are applied, every path
// that names a value (for "did you mean" suggestions), and the tree written
// back as YAML (for the scenario `parley calibrate --write` produces).
//
// Paths are those of --set (merge.h): map keys joined by `.`, a list element
// named by its `id` or its 0-based index.
#pragma once

#include <string>
#include <vector>

#include "scenario/yaml_tree.h"

namespace parley {

// The file and the files it extends, merged, with the overrides applied.
// Throws InputError (every error at once).
yaml::Node LoadMergedTree(const std::string& path, const std::vector<std::string>& overrides);
// The same from YAML text; `name` stands for the file name in messages.
yaml::Node LoadMergedTreeFromText(const std::string& text, const std::string& name,
                                  const std::vector<std::string>& overrides);

// The node a path names, or nullptr.
const yaml::Node* FindAtPath(const yaml::Node& root, const std::string& path);

// The prefix of `path` that names the first list on the way down (say
// `events` for `events.drone_wave.hazard`), or "" when it crosses none.
std::string ListPrefix(const yaml::Node& root, const std::string& path);

// The path of every scalar of the tree, in file order.
std::vector<std::string> ScalarPaths(const yaml::Node& root);

// The node as YAML flow text (`{a: 1, b: [x, y]}`): scalars that were quoted,
// or that are not plain tokens, are written double-quoted, so the text reads
// back to the same tree.
std::string FlowYaml(const yaml::Node& node);

// A map key as YAML: plain when it is a token, else double-quoted.
std::string YamlKey(const std::string& key);

}  // namespace parley

// Loading a scenario: YAML text -> located tree -> extends/overrides -> ScenarioSpec.
//
// Every error of the file (and of the files it extends, and of the overrides)
// is collected and thrown together as one InputError.
#pragma once

#include <string>
#include <vector>

#include "scenario/spec.h"

namespace parley {

// `overrides` are "PATH=VALUE" strings as given to --set: VALUE is YAML (a
// number, a level name, or an inline distribution such as
// "{dist: uniform, low: 0, high: 1}"). Throws InputError.
ScenarioSpec LoadScenarioSpec(const std::string& path, const std::vector<std::string>& overrides = {});

// The same from text in memory; `name` stands for the file name in messages,
// and `extends:` paths are relative to the current directory.
ScenarioSpec LoadScenarioSpecFromString(const std::string& text, const std::string& name,
                                        const std::vector<std::string>& overrides = {});

}  // namespace parley

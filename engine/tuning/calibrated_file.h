// The scenario `parley calibrate --write FILE` writes: it `extends:` the
// input (by a path relative to FILE's directory, as extends paths are) and
// restates every override of the calibration (the user's --set and
// --protocol, the replicates and seed, and the fitted values), so a plain
// `parley run FILE` runs exactly the scenario the calibration measured and
// reproduces its metrics.
//
// Maps merge by key, so most overrides are written as the nested keys of
// their path. Lists replace, so an override inside a list (an event's
// hazard, named by its id) restates the whole list as it stands after the
// overrides. Values are copied from the merged tree, written as YAML flow
// text that reads back to the same numbers.
#pragma once

#include <string>
#include <vector>

namespace parley {

// `header` lines become comments at the top. Throws InputError when the
// input or an override does not load.
std::string CalibratedScenarioText(const std::string& input_path, const std::string& output_path,
                                   const std::vector<std::string>& overrides, const std::vector<std::string>& header);

}  // namespace parley

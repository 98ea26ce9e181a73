// libFuzzer harness: `--set PATH=VALUE` parsing and application. The input's
// lines are the --set arguments, applied to the shipped minimal example
// (which uses every key of the schema). As for the loader: a Scenario or an
// InputError, nothing else.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/error.h"
#include "model/scenario.h"
#include "scenario/load.h"
#include "scenario/yaml_tree.h"

namespace {

std::string ReadMinimal() {
  std::string text, error;
  if (!parley::yaml::ReadFileBytes(PARLEY_SOURCE_DIR "/scenarios/examples/minimal.yaml", &text, &error)) std::abort();
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string minimal = ReadMinimal();
  std::vector<std::string> sets;
  std::string line;
  for (std::size_t i = 0; i <= size; ++i) {
    if (i == size || data[i] == '\n') {
      if (!line.empty()) sets.push_back(line);
      line.clear();
    } else {
      line += static_cast<char>(data[i]);
    }
  }
  try {
    parley::Scenario s = parley::Compile(parley::LoadScenarioSpecFromString(minimal, "minimal.yaml", sets));
    (void)s;
  } catch (const parley::InputError& e) {
    for (const parley::Diagnostic& d : e.diagnostics())
      if (d.loc.file.empty() || d.message.empty()) std::abort();
  }
  return 0;
}

// libFuzzer harness: the scenario loader and validator on arbitrary bytes.
// Every input must either compile into a Scenario or throw InputError whose
// diagnostics name the file; any other exception, a crash, a hang or a
// sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/error.h"
#include "model/scenario.h"
#include "scenario/load.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    parley::Scenario s = parley::Compile(parley::LoadScenarioSpecFromString(text, "fuzz.yaml"));
    (void)s;
  } catch (const parley::InputError& e) {
    for (const parley::Diagnostic& d : e.diagnostics())
      if (d.loc.file.empty() || d.message.empty()) std::abort();  // an unlocated or empty message
  }
  return 0;
}

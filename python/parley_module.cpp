// The Python module `parley._parley`: the library's run, called exactly as
// `parley run` calls it (load with overrides, compile, make the protocol,
// run the Monte Carlo, write the summary and the CSVs), with the GIL
// released while the replicates run. python/parley/__init__.py turns the
// texts it returns into dicts and pandas DataFrames.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "cli/replicate_rows.h"
#include "core/error.h"
#include "montecarlo/runner.h"
#include "output/summary.h"
#include "protocols/registry.h"
#include "scenario/load.h"

namespace py = pybind11;

namespace {

// `scenario` is a path, or YAML text when `is_text`; `sets` are --set
// overrides; n, seed < 0 and an empty protocol mean the file's.
py::dict Run(const std::string& scenario, bool is_text, const std::vector<std::string>& sets, long long n,
             long long seed, int threads, const std::string& protocol, bool rows) {
  using namespace parley;
  std::vector<std::string> echoed = sets;
  if (!protocol.empty()) echoed.push_back("protocol.kind=" + protocol);
  std::vector<std::string> overrides = echoed;
  if (n >= 0) overrides.push_back("montecarlo.replicates=" + std::to_string(n));
  if (seed >= 0) overrides.push_back("montecarlo.seed=" + std::to_string(seed));
  Scenario s = Compile(is_text ? LoadScenarioSpecFromString(scenario, "<scenario>", overrides)
                               : LoadScenarioSpec(scenario, overrides));
  std::unique_ptr<Protocol> made = MakeProtocol(s);
  RunOptions options;
  options.seed = s.seed;
  options.replicates = s.replicates;
  options.threads = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::string replicate_rows;
  if (rows) {
    replicate_rows = cli::ReplicateHeader(s);
    options.format_row = [&](std::uint64_t r, const World& drawn, const Outcome& o, std::string& out) {
      cli::AppendReplicateRow(s, r, drawn, o, out);
    };
    options.write_rows = [&](const std::string& text) { replicate_rows += text; };
  }
  RunResult result = [&] {
    py::gil_scoped_release release;  // the engine runs without the GIL
    return RunMonteCarlo(s, *made, options);
  }();
  Json summary = SummaryJson(s, result.total, {s.protocol.kind, s.replicates, s.seed, echoed, result.complete});
  py::dict out;
  out["summary"] = summary.dump();
  out["issues"] = IssuesCsv(s, summary);
  out["bundles"] = BundlesCsv(s, summary);
  out["replicates"] = replicate_rows;
  return out;
}

}  // namespace

PYBIND11_MODULE(_parley, m) {
  m.doc() = "parley's engine (use the `parley` package, not this module)";
  py::register_exception<parley::InputError>(m, "ScenarioError", PyExc_ValueError);
  m.def("_run", &Run, py::arg("scenario"), py::arg("is_text"), py::arg("sets"), py::arg("n"), py::arg("seed"),
        py::arg("threads"), py::arg("protocol"), py::arg("replicates"));
  m.attr("version") = PARLEY_VERSION;
}

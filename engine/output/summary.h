// The outputs of a run (docs/outputs.md §2): summary.json, issues.csv,
// bundles.csv and the console table. Everything is computed from the merged
// Accumulator; the console table reads the summary, so the two never differ.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "stats/accumulator.h"

namespace parley {

using Json = nlohmann::ordered_json;

// The effective configuration echoed into every output.
struct RunInfo {
  std::string protocol;
  std::int64_t replicates = 0;  // requested
  std::uint64_t seed = 0;
  std::vector<std::string> overrides;
  bool complete = true;
};

Json SummaryJson(const Scenario& scenario, const Accumulator& total, const RunInfo& info);
// issues.csv and bundles.csv, from the summary (SummaryJson) alone.
std::string IssuesCsv(const Scenario& scenario, const Json& summary);
std::string BundlesCsv(const Scenario& scenario, const Json& summary);
std::string ConsoleTable(const Json& summary);

// x, or null where x is undefined (NaN): no output ever holds NaN.
Json NumberOrNull(double x);

// The quantile levels summary.json reports (keys "0.05" ... "0.95").
const std::vector<double>& SummaryQuantileLevels();

// The q-quantile of the round of the deals (requires total.deals > 0).
int RoundQuantile(const Accumulator& total, double q);

// 95% Wilson score interval for k successes in n trials.
void WilsonInterval(std::int64_t k, std::int64_t n, double* low, double* high);

}  // namespace parley

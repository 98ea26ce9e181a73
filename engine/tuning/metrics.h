// The metrics of the tuning commands: paths into summary.json
// (docs/outputs.md §9), the same names for sweep, sensitivity, calibrate and compare.
//
// The catalogue lists every metric a scenario has, by its structure alone,
// so a name can be checked before anything runs. A metric's value is read
// from the run's summary.json at its path, so it is exactly the number
// `parley run` writes. Its standard error comes from the merged accumulator,
// by the metric's kind (the reference docs are silent; decided here):
//
//   proportion  p = k / m over m trials (replicates, deals, or the replicates
//               in which an event fired or did not): sqrt(p (1 - p) / m),
//               the binomial standard error (0 when p is 0 or 1);
//   mean        a mean over replicates or over deals: sd / sqrt(m) from the
//               streamed Moments (a conditional mean treats m as fixed, the
//               usual first-order approximation);
//   quantile    the q-quantile over m draws: half the width of the
//               distribution-free 95% interval between the quantiles at
//               q -/+ 1.96 sqrt(q (1 - q) / m) (order statistics), divided by
//               1.96; read from the same fine histogram as the quantile, so
//               it is 0 when that band holds a single value;
//   none        sd and the like: no standard error (NaN, written as null).
//
// Compare pairs replicate by replicate and needs a per-replicate ratio
// (numerator, denominator); the metrics that have one are compare's.
#pragma once

#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "model/outcome.h"
#include "model/scenario.h"
#include "output/summary.h"
#include "stats/accumulator.h"

namespace parley {

enum class MetricKind { Proportion, Mean, Quantile, None };

const char* MetricKindName(MetricKind kind);  // "proportion", "mean", "quantile", "none"

// One replicate's contribution to a ratio estimator: a plain mean has
// denominator 1, a mean over the deals has the deal indicator.
struct MetricRatio {
  double num = 0, den = 1;
};

struct MetricInfo {
  std::string name;               // e.g. issues.crimea.p.recognized_de_facto
  std::vector<std::string> keys;  // the path into summary.json, key by key
  MetricKind kind = MetricKind::None;
  // The standard error of the metric's value in a merged accumulator.
  std::function<double(const Accumulator&)> standard_error;
  // Empty when the metric has no per-replicate form (quantiles, sd).
  std::function<MetricRatio(const Outcome&)> per_replicate;
};

// Every metric of the scenario, in summary.json order.
std::vector<MetricInfo> MetricCatalog(const Scenario& scenario);

// The catalogue entry of `name`, or nullptr.
const MetricInfo* FindMetric(const std::vector<MetricInfo>& catalog, const std::string& name);

// " (did you mean `x`?)" and a hint of the names, for an unknown metric.
std::string UnknownMetricHint(const std::vector<MetricInfo>& catalog, const std::string& name);

inline constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

// A metric of one run: value and standard error; NaN when undefined (say,
// the mean round of a run without deals) or when there is no formula.
struct MetricValue {
  double value = kUndefined, se = kUndefined;
};

// The metric's value in a summary.json, NaN when it is null there.
double SummaryValue(const Json& summary, const MetricInfo& metric);

// Value (from the summary) and standard error (from the accumulator).
MetricValue Measure(const Json& summary, const Accumulator& total, const MetricInfo& metric);

}  // namespace parley

// parley sensitivity: which uncertain inputs drive each metric.
//
// The factors are parameters the scenario gives as distributions (by default
// every one with a spread). A design point fixes each factor at a quantile
// of its own distribution and runs the scenario's replicates for the rest of
// the randomness (the other parameters, breakdown, events, dynamics), all
// with the same seed; the metric of that run is the model output f(x). The
// fixing pins the draw only (Param::pinned): the distribution stays what the
// other actors believe under private information, so f(x) is the run's
// metric given that the factor takes value x, and its mean over x is the
// metric `parley run` reports. (Replacing the factor by a constant would
// also make it common knowledge and change the game.)
//
// Methods:
// - sobol: first-order and total indices from Saltelli's design (sobol.h),
//   N (k + 2) runs for N samples and k factors. Each run's metric carries
//   Monte Carlo noise (its standard error); its mean square is reported
//   against the variance of f, since it inflates the variance the indices
//   divide (first-order indices shrink and total ones grow by up to that
//   share; the common seed makes the noise of two runs correlated, which
//   makes it smaller).
// - oat: one at a time (a tornado): each factor pinned at its 10th and then
//   its 90th percentile while the other factors keep their distributions,
//   against the unpinned run; 2k + 1 runs. The effect is the change of the
//   metric's expectation given the factor (not at the others' medians), so
//   the baseline is exactly the run's metric. The swing's standard error
//   treats the two runs as independent (sqrt(se_lo^2 + se_hi^2)), an upper
//   bound: they share the seed, which makes the true one smaller.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "tuning/point_runner.h"
#include "tuning/sobol.h"

namespace parley {

using ProtocolFactory = std::function<std::unique_ptr<Protocol>(const Scenario&)>;

// The parameters with a spread, in parameter order (the default factors).
std::vector<int> SpreadParams(const Scenario& scenario);

struct SobolMetric {
  SobolResult sobol;
  double noise_variance = 0;  // mean square standard error of one run's metric
  int runs_without_value = 0; // runs in which the metric was undefined (say, no deals)
};

struct SensitivityResult {
  std::vector<SobolMetric> metrics;  // per metric asked for
  std::int64_t runs = 0;             // runs in the design
  bool complete = false;
};

struct SobolOptions {
  int samples = 64;       // N
  int resamples = 1000;   // bootstrap resamples
};

SensitivityResult RunSobol(const Scenario& base, const ProtocolFactory& make_protocol,
                           const std::vector<MetricInfo>& metrics, const std::vector<int>& factors,
                           const SobolOptions& options, const RunSettings& settings, const PointProgress& progress);

inline constexpr double kOatLow = 0.1, kOatHigh = 0.9;

struct OatFactor {
  double low = 0, high = 0;              // the factor's 10th and 90th percentiles
  std::vector<MetricValue> at_low, at_high;  // per metric
};

struct OatResult {
  std::vector<MetricValue> baseline;  // per metric, nothing pinned
  std::vector<OatFactor> factors;
  bool complete = false;
};

OatResult RunOat(const Scenario& base, const ProtocolFactory& make_protocol, const std::vector<MetricInfo>& metrics,
                 const std::vector<int>& factors, const RunSettings& settings, const PointProgress& progress);

// The outputs (sensitivity_report.cpp): sensitivity.json, sensitivity.csv
// and the ranked table, per method.
struct SensitivityInfo {
  std::string protocol;
  std::vector<std::string> overrides;  // the user's --set and --protocol
  std::uint64_t seed = 0;
  std::int64_t replicates = 0;  // per run
};

// "uniform on [0.05, 0.35]": what a factor's distribution is.
std::string DescribeDistribution(const Distribution& dist);

Json SobolJson(const Scenario& base, const std::vector<int>& factors, const std::vector<MetricInfo>& metrics,
               const SobolOptions& options, const SensitivityResult& result, const SensitivityInfo& info);
std::string SobolCsv(const Scenario& base, const std::vector<int>& factors, const std::vector<MetricInfo>& metrics,
                     const SensitivityResult& result);
std::string SobolTable(const Scenario& base, const std::vector<int>& factors, const std::vector<MetricInfo>& metrics,
                       const SobolOptions& options, const SensitivityResult& result, const SensitivityInfo& info);

Json OatJson(const Scenario& base, const std::vector<int>& factors, const std::vector<MetricInfo>& metrics,
             const OatResult& result, const SensitivityInfo& info);
std::string OatCsv(const Scenario& base, const std::vector<int>& factors, const std::vector<MetricInfo>& metrics,
                   const OatResult& result);
std::string OatTable(const Scenario& base, const std::vector<int>& factors, const std::vector<MetricInfo>& metrics,
                     const OatResult& result, const SensitivityInfo& info);

}  // namespace parley

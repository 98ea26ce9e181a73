#include "tuning/sensitivity.h"

#include <cmath>

#include "montecarlo/cluster.h"
#include "protocols/private_information.h"

namespace parley {

namespace {

// One run with the factors pinned at these quantiles (NaN: left drawn).
PointResult RunPinned(const Scenario& base, const ProtocolFactory& make_protocol, const std::vector<MetricInfo>& metrics,
                      const std::vector<int>& factors, const std::vector<double>& quantiles,
                      const RunSettings& settings, int threads, bool local) {
  Scenario s = base;
  for (size_t f = 0; f < factors.size(); ++f) {
    Param& p = s.params[factors[f]];
    if (p.constant_factor)  // a constant over a range: the value itself, known to all
      p.dist = Distribution::Constant(std::isnan(quantiles[f]) ? p.constant_value : p.dist.Quantile(quantiles[f]));
    else
      p.pinned = std::isnan(quantiles[f]) ? kUndefined : p.dist.Quantile(quantiles[f]);
  }
  std::unique_ptr<Protocol> protocol = make_protocol(s);
  return RunPoint(s, *protocol, metrics, settings, threads, local);
}

bool AllComplete(const std::vector<PointResult>& results) {
  for (const PointResult& r : results)
    if (!r.complete) return false;
  return true;
}

}  // namespace

std::vector<int> SpreadParams(const Scenario& s) {
  std::vector<int> out;
  for (size_t i = 0; i < s.params.size(); ++i)
    if (HasSpread(s.params[i].dist)) out.push_back(static_cast<int>(i));
  return out;
}

SensitivityResult RunSobol(const Scenario& base, const ProtocolFactory& make_protocol,
                           const std::vector<MetricInfo>& metrics, const std::vector<int>& factors,
                           const SobolOptions& options, const RunSettings& settings, const PointProgress& progress) {
  SaltelliDesign design(options.samples, static_cast<int>(factors.size()));
  SensitivityResult result;
  result.runs = design.Count();
  std::vector<PointResult> runs = RunPoints(
      design.Count(), metrics.size(), settings,
      [&](std::int64_t index, int threads, bool local) {
        return RunPinned(base, make_protocol, metrics, factors, design.Point(index), settings, threads, local);
      },
      progress);
  result.complete = AllComplete(runs);
  if (!result.complete || ClusterOr(settings.cluster).rank() != 0) return result;  // rank 0 alone has the results
  for (size_t m = 0; m < metrics.size(); ++m) {
    SobolMetric out;
    std::vector<double> y;
    double noise = 0;
    int with_se = 0;
    for (const PointResult& r : runs) {
      const MetricValue& v = r.metrics[m];
      y.push_back(v.value);
      if (std::isnan(v.value)) ++out.runs_without_value;
      if (!std::isnan(v.se)) noise += v.se * v.se, ++with_se;
    }
    out.noise_variance = with_se ? noise / with_se : kUndefined;
    out.sobol = JansenIndices(design, y, options.resamples, settings.seed);
    result.metrics.push_back(std::move(out));
  }
  return result;
}

OatResult RunOat(const Scenario& base, const ProtocolFactory& make_protocol, const std::vector<MetricInfo>& metrics,
                 const std::vector<int>& factors, const RunSettings& settings, const PointProgress& progress) {
  const std::int64_t count = 1 + 2 * static_cast<std::int64_t>(factors.size());
  // Run 0 pins nothing; run 1 + 2f pins factor f at its 10th percentile, 2 + 2f at its 90th.
  auto quantiles = [&](std::int64_t index) {
    std::vector<double> q(factors.size(), kUndefined);
    if (index > 0) q[static_cast<size_t>((index - 1) / 2)] = index % 2 == 1 ? kOatLow : kOatHigh;
    return q;
  };
  std::vector<PointResult> runs = RunPoints(
      count, metrics.size(), settings,
      [&](std::int64_t index, int threads, bool local) {
        return RunPinned(base, make_protocol, metrics, factors, quantiles(index), settings, threads, local);
      },
      progress);
  OatResult result;
  result.complete = AllComplete(runs);
  if (!result.complete || ClusterOr(settings.cluster).rank() != 0) return result;  // rank 0 alone has the results
  result.baseline = runs[0].metrics;
  for (size_t f = 0; f < factors.size(); ++f) {
    const Distribution& dist = base.params[factors[f]].dist;
    result.factors.push_back({dist.Quantile(kOatLow), dist.Quantile(kOatHigh), runs[1 + 2 * f].metrics,
                              runs[2 + 2 * f].metrics});
  }
  return result;
}

}  // namespace parley

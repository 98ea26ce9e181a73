// sensitivity.json, sensitivity.csv and the ranked tables of `parley
// sensitivity` (sensitivity.h), for both methods. Factors are ranked per
// metric: by total index (sobol) or by the size of the swing (oat).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "core/text.h"
#include "tuning/sensitivity.h"

namespace parley {

namespace {

std::string G(double x) {
  if (std::isnan(x)) return "n/a";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", x);
  return buffer;
}

std::string F(double x) {
  if (std::isnan(x)) return "n/a";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", x);
  return buffer;
}


// Factor order for one metric, largest first; NaN last.
template <class Key>
std::vector<size_t> Ranked(size_t count, Key key) {
  std::vector<size_t> order(count);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    double x = key(a), y = key(b);
    if (std::isnan(y)) return !std::isnan(x);
    return !std::isnan(x) && x > y;
  });
  return order;
}

Json FactorsJson(const Scenario& base, const std::vector<int>& factors) {
  Json list = Json::array();
  for (int f : factors) {
    const Param& p = base.params[f];
    Json entry = {{"path", p.path}, {"distribution", DescribeDistribution(p.dist)}};
    // A constant studied over a range (--factor PATH=LO:HI): the file's value, and the range as the distribution.
    entry["constant"] = p.constant_factor ? Json(p.constant_value) : Json(nullptr);
    list.push_back(entry);
  }
  return list;
}

Json Header(const std::string& schema, const Scenario& base, const SensitivityInfo& info) {
  Json j;
  j["schema"] = schema;
  j["parley_version"] = PARLEY_VERSION;
  j["scenario"] = {{"name", base.name}, {"sha256", base.sha256}, {"files", base.spec.files}};
  j["config"] = {{"protocol", info.protocol}, {"replicates", info.replicates}, {"seed", info.seed},
                 {"overrides", info.overrides}};
  return j;
}

double Swing(const OatFactor& f, size_t m) { return f.at_high[m].value - f.at_low[m].value; }
// As if the two runs were independent: an upper bound, since they share the seed.
double SwingSe(const OatFactor& f, size_t m) {
  return std::sqrt(f.at_high[m].se * f.at_high[m].se + f.at_low[m].se * f.at_low[m].se);
}

}  // namespace

std::string DescribeDistribution(const Distribution& d) {
  const std::string on = "[" + G(d.SupportLow()) + ", " + G(d.SupportHigh()) + "]";
  switch (d.kind) {
    case DistKind::Constant: return "constant " + G(d.value);
    case DistKind::Uniform: return "uniform on " + on;
    case DistKind::Normal: return "normal mean " + G(d.mean) + " sd " + G(d.sd) + " on " + on;
    case DistKind::Beta: return "beta on " + on + ", mean " + G(d.Mean());
    case DistKind::Triangular: return "triangular on " + on + ", mode " + G(d.mode);
    case DistKind::Lognormal: return "lognormal mu " + G(d.mean) + " sigma " + G(d.sd) + " on " + on;
    case DistKind::Choice: return "choice of " + std::to_string(d.values.size()) + " values on " + on;
  }
  return DistKindName(d.kind);
}

Json SobolJson(const Scenario& base, const std::vector<int>& factors, const std::vector<MetricInfo>& metrics,
               const SobolOptions& options, const SensitivityResult& r, const SensitivityInfo& info) {
  Json j = Header("parley.sensitivity/1", base, info);
  j["config"]["method"] = "sobol";
  j["config"]["samples"] = options.samples;
  j["config"]["bootstrap_resamples"] = options.resamples;
  j["config"]["runs"] = r.runs;
  j["complete"] = r.complete;
  j["factors"] = FactorsJson(base, factors);
  Json out = Json::object();
  for (size_t m = 0; m < metrics.size() && r.complete; ++m) {
    const SobolMetric& s = r.metrics[m];
    Json indices = Json::array();
    for (size_t f : Ranked(factors.size(), [&](size_t f) { return s.sobol.factors[f].total.estimate; })) {
      const SobolIndices& x = s.sobol.factors[f];
      indices.push_back({{"factor", base.params[factors[f]].path},
                         {"first", NumberOrNull(x.first.estimate)},
                         {"first_ci95", {NumberOrNull(x.first.low), NumberOrNull(x.first.high)}},
                         {"total", NumberOrNull(x.total.estimate)},
                         {"total_ci95", {NumberOrNull(x.total.low), NumberOrNull(x.total.high)}}});
    }
    double share = s.noise_variance / s.sobol.variance;
    out[metrics[m].name] = {
        {"mean", NumberOrNull(s.sobol.mean)},
        {"variance", NumberOrNull(s.sobol.variance)},
        {"noise", {{"se", NumberOrNull(std::sqrt(s.noise_variance))},
                   {"variance", NumberOrNull(s.noise_variance)},
                   {"share_of_variance", NumberOrNull(std::isfinite(share) ? share : kUndefined)}}},
        {"rows_used", s.sobol.rows_used},
        {"runs_without_value", s.runs_without_value},
        {"indices", indices}};
  }
  j["metrics"] = out;
  return j;
}

std::string SobolCsv(const Scenario& base, const std::vector<int>& factors, const std::vector<MetricInfo>& metrics,
                     const SensitivityResult& r) {
  std::string out = "metric,factor,first,first_low,first_high,total,total_low,total_high\n";
  for (size_t m = 0; m < metrics.size() && r.complete; ++m) {
    const SobolMetric& s = r.metrics[m];
    for (size_t f : Ranked(factors.size(), [&](size_t f) { return s.sobol.factors[f].total.estimate; })) {
      const SobolIndices& x = s.sobol.factors[f];
      out += metrics[m].name + "," + base.params[factors[f]].path + "," + CsvNumber(x.first.estimate) + "," +
             CsvNumber(x.first.low) + "," + CsvNumber(x.first.high) + "," + CsvNumber(x.total.estimate) + "," +
             CsvNumber(x.total.low) + "," + CsvNumber(x.total.high) + "\n";
    }
  }
  return out;
}

std::string SobolTable(const Scenario& base, const std::vector<int>& factors, const std::vector<MetricInfo>& metrics,
                       const SobolOptions& options, const SensitivityResult& r, const SensitivityInfo& info) {
  std::string out = "sensitivity of " + base.name + ": Sobol indices (Saltelli design, Jansen estimators), " +
                    std::to_string(factors.size()) + " factors, " + std::to_string(options.samples) + " samples, " +
                    std::to_string(r.runs) + " runs x " + std::to_string(info.replicates) + " replicates, seed " +
                    std::to_string(info.seed) + (r.complete ? "" : ", INTERRUPTED") + "\n";
  if (!r.complete) return out;
  size_t width = 8;
  for (int f : factors) width = std::max(width, base.params[f].path.size() + 2);
  char line[512];
  for (size_t m = 0; m < metrics.size(); ++m) {
    const SobolMetric& s = r.metrics[m];
    double share = s.noise_variance / s.sobol.variance;
    out += "\n" + metrics[m].name + ": mean " + G(s.sobol.mean) + ", variance " + G(s.sobol.variance) +
           " over the factors; Monte Carlo noise of one run: se " + G(std::sqrt(s.noise_variance)) +
           (std::isfinite(share) ? " (" + F(100 * share) + "% of that variance)" : "") + "\n";
    if (s.runs_without_value)
      out += "  (" + std::to_string(s.runs_without_value) + " runs without a value; " +
             std::to_string(s.sobol.rows_used) + " of " + std::to_string(options.samples) + " rows used)\n";
    if (s.sobol.factors.empty() || std::isnan(s.sobol.factors[0].total.estimate)) {
      out += "  the metric does not vary over the factors: no indices\n";
      continue;
    }
    std::snprintf(line, sizeof line, "  %-*s %-30s %-24s %s\n", static_cast<int>(width), "factor", "distribution",
                  "first order [95% CI]", "total [95% CI]");
    out += line;
    for (size_t f : Ranked(factors.size(), [&](size_t f) { return s.sobol.factors[f].total.estimate; })) {
      const SobolIndices& x = s.sobol.factors[f];
      std::string first = F(x.first.estimate) + " [" + F(x.first.low) + ", " + F(x.first.high) + "]";
      std::string total = F(x.total.estimate) + " [" + F(x.total.low) + ", " + F(x.total.high) + "]";
      std::snprintf(line, sizeof line, "  %-*s %-30s %-24s %s\n", static_cast<int>(width),
                    base.params[factors[f]].path.c_str(), DescribeDistribution(base.params[factors[f]].dist).c_str(),
                    first.c_str(), total.c_str());
      out += line;
    }
  }
  return out;
}

Json OatJson(const Scenario& base, const std::vector<int>& factors, const std::vector<MetricInfo>& metrics,
             const OatResult& r, const SensitivityInfo& info) {
  Json j = Header("parley.sensitivity/1", base, info);
  j["config"]["method"] = "oat";
  j["config"]["quantiles"] = {kOatLow, kOatHigh};
  j["config"]["runs"] = 1 + 2 * factors.size();
  j["complete"] = r.complete;
  j["factors"] = FactorsJson(base, factors);
  Json out = Json::object();
  for (size_t m = 0; m < metrics.size() && r.complete; ++m) {
    Json effects = Json::array();
    for (size_t f : Ranked(factors.size(), [&](size_t f) { return std::fabs(Swing(r.factors[f], m)); })) {
      const OatFactor& x = r.factors[f];
      effects.push_back({{"factor", base.params[factors[f]].path},
                         {"low", {{"at", x.low}, {"value", NumberOrNull(x.at_low[m].value)},
                                  {"se", NumberOrNull(x.at_low[m].se)}}},
                         {"high", {{"at", x.high}, {"value", NumberOrNull(x.at_high[m].value)},
                                   {"se", NumberOrNull(x.at_high[m].se)}}},
                         {"swing", NumberOrNull(Swing(x, m))},
                         {"swing_se_unpaired", NumberOrNull(SwingSe(x, m))}});
    }
    out[metrics[m].name] = {
        {"baseline", {{"value", NumberOrNull(r.baseline[m].value)}, {"se", NumberOrNull(r.baseline[m].se)}}},
        {"effects", effects}};
  }
  j["metrics"] = out;
  return j;
}

std::string OatCsv(const Scenario& base, const std::vector<int>& factors, const std::vector<MetricInfo>& metrics,
                   const OatResult& r) {
  std::string out = "metric,factor,factor_p10,factor_p90,metric_at_p10,se_at_p10,metric_at_p90,se_at_p90,swing,swing_se_unpaired\n";
  for (size_t m = 0; m < metrics.size() && r.complete; ++m)
    for (size_t f : Ranked(factors.size(), [&](size_t f) { return std::fabs(Swing(r.factors[f], m)); })) {
      const OatFactor& x = r.factors[f];
      out += metrics[m].name + "," + base.params[factors[f]].path + "," + CsvNumber(x.low) + "," + CsvNumber(x.high) +
             "," + CsvNumber(x.at_low[m].value) + "," + CsvNumber(x.at_low[m].se) + "," +
             CsvNumber(x.at_high[m].value) + "," + CsvNumber(x.at_high[m].se) + "," + CsvNumber(Swing(x, m)) + "," +
             CsvNumber(SwingSe(x, m)) + "\n";
    }
  return out;
}

std::string OatTable(const Scenario& base, const std::vector<int>& factors, const std::vector<MetricInfo>& metrics,
                     const OatResult& r, const SensitivityInfo& info) {
  std::string out = "sensitivity of " + base.name + ": one at a time, each factor at its 10th and 90th percentile, " +
                    "the others drawn; " + std::to_string(1 + 2 * factors.size()) + " runs x " +
                    std::to_string(info.replicates) + " replicates, seed " + std::to_string(info.seed) +
                    (r.complete ? "" : ", INTERRUPTED") + "\n";
  if (!r.complete) return out;
  size_t width = 8;
  for (int f : factors) width = std::max(width, base.params[f].path.size() + 2);
  char line[512];
  for (size_t m = 0; m < metrics.size(); ++m) {
    out += "\n" + metrics[m].name + ": baseline " + G(r.baseline[m].value) + " ± " + G(r.baseline[m].se) + "\n";
    std::snprintf(line, sizeof line, "  %-*s %-22s %-22s %s\n", static_cast<int>(width), "factor", "at p10",
                  "at p90", "swing ± se (unpaired)");
    out += line;
    for (size_t f : Ranked(factors.size(), [&](size_t f) { return std::fabs(Swing(r.factors[f], m)); })) {
      const OatFactor& x = r.factors[f];
      std::string lo = G(x.low) + " -> " + F(x.at_low[m].value), hi = G(x.high) + " -> " + F(x.at_high[m].value);
      std::string swing = (Swing(x, m) >= 0 ? "+" : "") + F(Swing(x, m)) + " ± " + F(SwingSe(x, m));
      std::snprintf(line, sizeof line, "  %-*s %-22s %-22s %s\n", static_cast<int>(width),
                    base.params[factors[f]].path.c_str(), lo.c_str(), hi.c_str(), swing.c_str());
      out += line;
    }
  }
  return out;
}

}  // namespace parley

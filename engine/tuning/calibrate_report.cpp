// calibrate.json and the table of `parley calibrate` (calibrate.h).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/text.h"
#include "tuning/calibrate.h"

namespace parley {

namespace {


const char* BoundName(BoundHit b) { return b == BoundHit::Lower ? "lower" : b == BoundHit::Upper ? "upper" : nullptr; }

std::string Fixed(double x, const char* format = "%.4f") {
  if (std::isnan(x)) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, x);
  return buffer;
}

std::string TargetText(const CalibrationTarget& t) {
  return t.metric.name + " = " + FormatNumber(t.value) + (t.sd > 0 ? "±" + FormatNumber(t.sd) : "");
}

// A range over which the targets stay reached wider than this share of the
// bounds makes the fit weakly identified (a warning).
constexpr double kWeakShare = 0.1;

double IdentifiedShare(const FreeParameter& f, const std::pair<double, double>& range) {
  return f.high > f.low ? (range.second - range.first) / (f.high - f.low) : 0.0;
}

// Why an unreached target was not reached, in one sentence.
std::string WhyNotReached(const std::vector<FreeParameter>& free, const CalibrateResult& r) {
  std::string bounds;
  for (size_t i = 0; i < free.size(); ++i)
    if (r.at_bound[i] != BoundHit::None)
      bounds += (bounds.empty() ? "" : ", ") + free[i].path + " is at its " + BoundName(r.at_bound[i]) + " bound " +
                FormatNumber(r.at_bound[i] == BoundHit::Lower ? free[i].low : free[i].high);
  if (!bounds.empty()) return "it cannot be reached within the bounds: " + bounds + "; widen them or free another parameter";
  return "no free value is at a bound: the metric may not reach it with these parameters, or the search stopped "
         "in a local optimum (try --algorithm direct or a larger --budget)";
}

}  // namespace

Json CalibrateJson(const std::vector<FreeParameter>& free, const std::vector<CalibrationTarget>& targets,
                   const CalibrateOptions& options, const CalibrateResult& r, const CalibrateInfo& info) {
  Json j;
  j["schema"] = "parley.calibrate/1";
  j["parley_version"] = PARLEY_VERSION;
  j["scenario"] = {{"name", info.scenario_name}, {"sha256", info.sha256}, {"files", info.files}};
  Json frees = Json::array(), wanted = Json::array();
  for (const FreeParameter& f : free)
    frees.push_back({{"path", f.path}, {"low", f.low}, {"high", f.high}, {"start", f.start}});
  for (const CalibrationTarget& t : targets)
    wanted.push_back({{"metric", t.metric.name}, {"value", t.value}, {"sd", t.sd > 0 ? Json(t.sd) : Json(nullptr)}});
  j["config"] = {{"protocol", info.protocol}, {"replicates", info.replicates}, {"seed", info.seed},
                 {"overrides", info.overrides}, {"algorithm", options.algorithm}, {"budget", options.budget},
                 {"free", frees}, {"targets", wanted}};
  j["complete"] = r.complete;
  j["evaluations"] = r.history.size();
  j["stop_reason"] = r.stop_reason;
  if (r.history.empty()) return j;
  Json fitted = Json::object(), bounds = Json::object();
  for (size_t i = 0; i < free.size(); ++i) {
    fitted[free[i].path] = r.best.x[i];
    const char* b = BoundName(r.at_bound[i]);
    bounds[free[i].path] = b ? Json(b) : Json(nullptr);
  }
  j["fitted"] = fitted;
  j["at_bound"] = bounds;
  // The identification check: where along each parameter the targets stay reached.
  Json identified = Json::object();
  for (size_t i = 0; i < free.size(); ++i) {
    bool known = i < r.identified.size() && !std::isnan(r.identified[i].first);
    identified[free[i].path] =
        known ? Json{{"low", r.identified[i].first}, {"high", r.identified[i].second},
                     {"share_of_bounds", IdentifiedShare(free[i], r.identified[i])},
                     {"weak", IdentifiedShare(free[i], r.identified[i]) > kWeakShare}}
              : Json(nullptr);
  }
  j["identified"] = identified;
  j["identification_evaluations"] = r.scan_evaluations;
  j["objective"] = r.best.objective;
  Json results = Json::array();
  bool all = true;
  for (size_t t = 0; t < targets.size(); ++t) {
    all = all && r.reached[t];
    results.push_back({{"metric", targets[t].metric.name}, {"target", targets[t].value},
                       {"sd", targets[t].sd > 0 ? Json(targets[t].sd) : Json(nullptr)},
                       {"value", NumberOrNull(r.best.metrics[t].value)}, {"se", NumberOrNull(r.best.metrics[t].se)},
                       {"tolerance", r.tolerance[t]}, {"reached", r.reached[t]}});
  }
  j["targets"] = results;
  j["all_reached"] = all;
  Json history = Json::array();
  for (const CalibrationStep& s : r.history) {
    Json metrics = Json::array();
    for (const MetricValue& v : s.metrics) metrics.push_back(NumberOrNull(v.value));
    history.push_back({{"x", s.x}, {"objective", s.objective}, {"metrics", metrics}});
  }
  j["history"] = history;
  return j;
}

// The fitted value to the decimals its identified range supports: one more
// than the range's first significant decimal (0.086 for a range 0.03-0.15).
static std::string FittedText(double x, const std::pair<double, double>& range) {
  const double width = range.second - range.first;
  if (std::isnan(width) || width <= 0) return FormatNumber(x);
  int decimals = std::clamp(static_cast<int>(std::ceil(-std::log10(width))) + 1, 0, 12);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, x);
  return buffer;
}

std::string CalibrateTable(const std::vector<FreeParameter>& free, const std::vector<CalibrationTarget>& targets,
                           const CalibrateResult& r, const CalibrateInfo& info) {
  char line[512];
  std::string out = "calibrate " + info.scenario_name + ": " + std::to_string(r.history.size()) + " evaluations (" +
                    r.stop_reason + "), " + std::to_string(info.replicates) + " replicates each, seed " +
                    std::to_string(info.seed) + (r.complete ? "" : ", INTERRUPTED") + "\n";
  if (r.history.empty()) return out + "no evaluation finished\n";
  std::snprintf(line, sizeof line, "%-34s %-22s %-12s %-10s %s\n", "free parameter", "bounds", "start", "fitted",
                "targets reached for");
  out += line;
  std::string warnings;
  for (size_t i = 0; i < free.size(); ++i) {
    std::string bounds = "[" + FormatNumber(free[i].low) + ", " + FormatNumber(free[i].high) + "]";
    const char* b = BoundName(r.at_bound[i]);
    const bool known = i < r.identified.size() && !std::isnan(r.identified[i].first);
    const std::pair<double, double> range = known ? r.identified[i] : std::pair<double, double>{NAN, NAN};
    std::string reach = known ? IntervalText(range.first, range.second, 3) : "n/a";
    std::snprintf(line, sizeof line, "%-34s %-22s %-12s %-10s %s%s\n", free[i].path.c_str(), bounds.c_str(),
                  FormatNumber(free[i].start).c_str(), FittedText(r.best.x[i], range).c_str(), reach.c_str(),
                  b ? (std::string("  (at the ") + b + " bound)").c_str() : "");
    out += line;
    if (known && IdentifiedShare(free[i], range) > kWeakShare)
      warnings += "warning: " + free[i].path + " is weakly identified: every value in " + reach +
                  " (the others at the fit) reaches the targets within their tolerances, " +
                  FormatNumber(std::round(100 * IdentifiedShare(free[i], range))) +
                  "% of its bounds; more replicates (-n), a tighter target or another target would pin it down\n";
  }
  std::snprintf(line, sizeof line, "%-34s %-10s %-10s %-10s %s\n", "target", "wanted", "reached", "± se", "status");
  out += line;
  for (size_t t = 0; t < targets.size(); ++t) {
    const MetricValue& m = r.best.metrics[t];
    std::string wanted = FormatNumber(targets[t].value) + (targets[t].sd > 0 ? "±" + FormatNumber(targets[t].sd) : "");
    std::string status = r.reached[t] ? "reached (within " + Fixed(r.tolerance[t]) + ")" : "NOT REACHED";
    std::snprintf(line, sizeof line, "%-34s %-10s %-10s %-10s %s\n", targets[t].metric.name.c_str(), wanted.c_str(),
                  Fixed(m.value).c_str(), Fixed(m.se).c_str(), status.c_str());
    out += line;
  }
  out += "objective " + Fixed(r.best.objective, "%.6g") + " (weighted squared error)\n";
  for (size_t t = 0; t < targets.size(); ++t)
    if (!r.reached[t])
      out += "target " + TargetText(targets[t]) + " not reached (best " + Fixed(r.best.metrics[t].value) + "): " +
             WhyNotReached(free, r) + "\n";
  return out + warnings;
}

}  // namespace parley

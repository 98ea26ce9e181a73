#include "tuning/sweep.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/text.h"

namespace parley {

namespace {

// A grid value as JSON: a number when it reads as one, else its text.
Json AxisValue(const std::string& text) {
  std::optional<double> number = ParseNumber(text);
  return number ? Json(*number) : Json(text);
}



// A CSV field, quoted when it holds a separator or a quote.
std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string Cell(const MetricValue& v) {
  char buffer[64];
  if (std::isnan(v.value)) return "n/a";
  if (std::isnan(v.se)) std::snprintf(buffer, sizeof buffer, "%.4f", v.value);
  else std::snprintf(buffer, sizeof buffer, "%.4f ± %.4f", v.value, v.se);
  return buffer;
}

// Pads to `width` display columns (± is one column, two bytes).
std::string Pad(const std::string& text, size_t width) {
  size_t columns = 0;
  for (unsigned char c : text) columns += (c & 0xC0) != 0x80;
  return text + std::string(width > columns ? width - columns : 1, ' ');
}

}  // namespace

std::int64_t GridSize(const std::vector<SweepAxis>& axes) {
  std::int64_t size = 1;
  for (const SweepAxis& a : axes) size *= static_cast<std::int64_t>(a.values.size());
  return size;
}

std::vector<int> GridPoint(const std::vector<SweepAxis>& axes, std::int64_t index) {
  std::vector<int> point(axes.size());
  for (size_t a = axes.size(); a-- > 0;) {
    const std::int64_t n = static_cast<std::int64_t>(axes[a].values.size());
    point[a] = static_cast<int>(index % n);
    index /= n;
  }
  return point;
}

std::vector<std::string> PointOverrides(const std::vector<SweepAxis>& axes, std::int64_t index) {
  std::vector<int> point = GridPoint(axes, index);
  std::vector<std::string> out;
  for (size_t a = 0; a < axes.size(); ++a) out.push_back(axes[a].path + "=" + axes[a].values[point[a]]);
  return out;
}

SweepResult RunSweep(const std::vector<SweepAxis>& axes, const std::vector<MetricInfo>& metrics,
                     const PointCompiler& compile, const RunSettings& settings, const PointProgress& progress) {
  SweepResult result;
  result.points = RunPoints(
      GridSize(axes), metrics.size(), settings,
      [&](std::int64_t index, int threads, bool local) {
        CompiledPoint point = compile(PointOverrides(axes, index));
        return RunPoint(*point.scenario, *point.protocol, metrics, settings, threads, local);
      },
      progress);
  result.complete = std::all_of(result.points.begin(), result.points.end(), [](const PointResult& p) {
    return p.complete;
  });
  return result;
}

Json SweepJson(const std::vector<SweepAxis>& axes, const std::vector<MetricInfo>& metrics, const SweepResult& r,
               const SweepInfo& info) {
  Json j;
  j["schema"] = "parley.sweep/1";
  j["parley_version"] = PARLEY_VERSION;
  j["scenario"] = {{"name", info.scenario_name}, {"sha256", info.sha256}, {"files", info.files}};
  Json vary = Json::array(), names = Json::array();
  for (const SweepAxis& a : axes) {
    Json values = Json::array();
    for (const std::string& v : a.values) values.push_back(AxisValue(v));
    vary.push_back({{"path", a.path}, {"values", values}});
  }
  for (const MetricInfo& m : metrics) names.push_back({{"name", m.name}, {"standard_error", MetricKindName(m.kind)}});
  j["config"] = {{"protocol", info.protocol}, {"replicates", info.replicates}, {"seed", info.seed},
                 {"overrides", info.overrides}, {"vary", vary}, {"metrics", names}};
  j["complete"] = r.complete;
  Json points = Json::array();
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(r.points.size()); ++i) {
    const PointResult& p = r.points[static_cast<size_t>(i)];
    if (!p.complete) continue;  // an interrupted sweep reports the points it finished
    std::vector<int> at = GridPoint(axes, i);
    Json values = Json::object(), measured = Json::object();
    for (size_t a = 0; a < axes.size(); ++a) values[axes[a].path] = AxisValue(axes[a].values[at[a]]);
    for (size_t m = 0; m < metrics.size(); ++m)
      measured[metrics[m].name] = {{"value", NumberOrNull(p.metrics[m].value)}, {"se", NumberOrNull(p.metrics[m].se)}};
    points.push_back({{"values", values}, {"metrics", measured}});
  }
  j["points"] = points;
  return j;
}

std::string SweepCsv(const std::vector<SweepAxis>& axes, const std::vector<MetricInfo>& metrics,
                     const SweepResult& r) {
  std::string out;
  for (const SweepAxis& a : axes) out += CsvField(a.path) + ",";
  for (const MetricInfo& m : metrics) out += m.name + "," + m.name + "_se,";
  out.back() = '\n';
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(r.points.size()); ++i) {
    const PointResult& p = r.points[static_cast<size_t>(i)];
    if (!p.complete) continue;
    std::vector<int> at = GridPoint(axes, i);
    std::string row;
    for (size_t a = 0; a < axes.size(); ++a) row += CsvField(axes[a].values[at[a]]) + ",";
    for (const MetricValue& v : p.metrics) row += CsvNumber(v.value) + "," + CsvNumber(v.se) + ",";
    row.back() = '\n';
    out += row;
  }
  return out;
}

std::string SweepTable(const std::vector<SweepAxis>& axes, const std::vector<MetricInfo>& metrics,
                       const SweepResult& r, const SweepInfo& info) {
  std::vector<size_t> width;
  for (const SweepAxis& a : axes) {
    size_t w = a.path.size();
    for (const std::string& v : a.values) w = std::max(w, v.size());
    width.push_back(w + 2);
  }
  for (const MetricInfo& m : metrics) width.push_back(std::max<size_t>(m.name.size(), 17) + 2);
  std::int64_t done = std::count_if(r.points.begin(), r.points.end(), [](const PointResult& p) { return p.complete; });
  std::string out = "sweep of " + info.scenario_name + ": " + std::to_string(r.points.size()) + " points x " +
                    std::to_string(info.replicates) + " replicates, seed " + std::to_string(info.seed) +
                    " at every point" + (r.complete ? "" : " (INCOMPLETE: " + std::to_string(done) + " done)") +
                    "; metric ± standard error\n";
  std::string header;
  for (size_t a = 0; a < axes.size(); ++a) header += Pad(axes[a].path, width[a]);
  for (size_t m = 0; m < metrics.size(); ++m) header += Pad(metrics[m].name, width[axes.size() + m]);
  out += header.substr(0, header.find_last_not_of(' ') + 1) + "\n";
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(r.points.size()); ++i) {
    const PointResult& p = r.points[static_cast<size_t>(i)];
    if (!p.complete) continue;
    std::vector<int> at = GridPoint(axes, i);
    std::string line;
    for (size_t a = 0; a < axes.size(); ++a) line += Pad(axes[a].values[at[a]], width[a]);
    for (size_t m = 0; m < metrics.size(); ++m) line += Pad(Cell(p.metrics[m]), width[axes.size() + m]);
    out += line.substr(0, line.find_last_not_of(' ') + 1) + "\n";
  }
  return out;
}

}  // namespace parley

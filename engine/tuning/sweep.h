// parley sweep: a scenario over a grid of parameter values.
//
// Each axis gives one path and its values as --set would take them (YAML
// text: numbers, level names). The grid is their cartesian product, the
// first axis varying slowest. Every point is the scenario with the user's
// overrides and then the point's, compiled afresh (a point may change a
// distribution, which the compile validates), and run with the same seed and
// replicates: common random numbers, so the curves are smooth and the
// differences between points are mostly signal.
#pragma once

#include <string>
#include <vector>

#include "output/summary.h"
#include "tuning/point_runner.h"

namespace parley {

struct SweepAxis {
  std::string path;
  std::vector<std::string> values;  // YAML texts
};

// Grid points in order, each as the index of its value on every axis.
std::int64_t GridSize(const std::vector<SweepAxis>& axes);
std::vector<int> GridPoint(const std::vector<SweepAxis>& axes, std::int64_t index);
// The point's overrides, "PATH=VALUE" in axis order.
std::vector<std::string> PointOverrides(const std::vector<SweepAxis>& axes, std::int64_t index);

struct SweepResult {
  std::vector<PointResult> points;  // in grid order (meaningful on rank 0)
  bool complete = false;
};

SweepResult RunSweep(const std::vector<SweepAxis>& axes, const std::vector<MetricInfo>& metrics,
                     const PointCompiler& compile, const RunSettings& settings, const PointProgress& progress);

// What the outputs echo besides the points.
struct SweepInfo {
  std::string scenario_name, sha256, protocol;
  std::vector<std::string> files, overrides;  // the user's --set and --protocol
  std::uint64_t seed = 0;
  std::int64_t replicates = 0;
};

Json SweepJson(const std::vector<SweepAxis>& axes, const std::vector<MetricInfo>& metrics, const SweepResult& result,
               const SweepInfo& info);
// One row per grid point: the axes, then each metric and its standard error.
std::string SweepCsv(const std::vector<SweepAxis>& axes, const std::vector<MetricInfo>& metrics,
                     const SweepResult& result);
std::string SweepTable(const std::vector<SweepAxis>& axes, const std::vector<MetricInfo>& metrics,
                       const SweepResult& result, const SweepInfo& info);

}  // namespace parley

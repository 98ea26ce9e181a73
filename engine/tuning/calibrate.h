// parley calibrate: the free parameters that bring the metrics closest to
// their targets.
//
// The objective is the weighted squared error sum_j w_j (m_j(x) - t_j)^2,
// with w_j = 1 / sd_j^2 when the target is given as VALUE±SD, else 1. A
// metric that is undefined at x (say, the mean round of a run without deals)
// counts as a miss of 1 + |t_j|. Every evaluation compiles the scenario with
// the free values as overrides and runs it with the same seed and
// replicates (common random numbers), so the objective is a deterministic
// function of x and the reported metrics are exactly what a run of the
// fitted scenario gives.
//
// NLopt (Johnson, "The NLopt nonlinear-optimization package") minimises it
// derivative-free over the box of the bounds; the variables are scaled to
// [0, 1] so one step size serves every parameter. BOBYQA (Powell 2009) is
// the default; the search starts from the scenario's own values (clamped
// into the bounds) and stops when a step changes no scaled value by more
// than 1e-4, or after the budget of evaluations. The result is the best
// evaluation seen.
//
// A target counts as reached when |m - t| <= max(sd, 2 se), se the metric's
// Monte Carlo standard error at the fit: closer than that, the model cannot
// tell. When one is not reached, the report says whether a free value sits
// at a bound (the bounds stop it) or none does (the metric may not get
// there at all, or the search stopped in a local optimum).
//
// Distributed (MPI): each evaluation's replicates are split over the ranks;
// rank 0 measures and broadcasts the metrics, so NLopt takes the same steps
// on every rank (stochastic algorithms are seeded from --seed).
#pragma once

#include <string>
#include <vector>

#include "output/summary.h"
#include "tuning/point_runner.h"

namespace parley {

struct FreeParameter {
  std::string path;
  double low = 0, high = 1;
  double start = 0;  // the scenario's value, clamped into the bounds
};

struct CalibrationTarget {
  MetricInfo metric;
  double value = 0;
  double sd = 0;  // 0: not given (weight 1)
};

struct CalibrateOptions {
  std::string algorithm = "bobyqa";
  int budget = 100;            // evaluations
  double xtol = 1e-4;          // on the scaled [0, 1] variables
};

// The --algorithm names, the default first.
const std::vector<std::string>& CalibrationAlgorithms();

struct CalibrationStep {
  std::vector<double> x;
  std::vector<MetricValue> metrics;  // per target
  double objective = 0;
};

enum class BoundHit { None, Lower, Upper };

struct CalibrateResult {
  CalibrationStep best;
  std::vector<CalibrationStep> history;  // every evaluation, in order
  std::vector<bool> reached;             // per target
  std::vector<double> tolerance;         // per target: max(sd, 2 se)
  std::vector<BoundHit> at_bound;        // per free parameter
  std::vector<double> target_values;     // per target, the value aimed at
  // Per free parameter, the interval along it (the others at the fit) over
  // which every target is still reached; NaN when a target is not reached.
  std::vector<std::pair<double, double>> identified;
  int scan_evaluations = 0;              // evaluations the identification check took
  std::string stop_reason;               // NLopt's, e.g. XTOL_REACHED
  bool complete = false;                 // false when interrupted
};

// The override that sets a free parameter to x ("PATH=x", x written so it
// reads back to the same double).
std::string FreeOverride(const FreeParameter& free, double x);

// Progress: evaluations done, the budget, the best objective so far.
using CalibrateProgress = std::function<void(int done, int budget, double best)>;

CalibrateResult Calibrate(const std::vector<FreeParameter>& free, const std::vector<CalibrationTarget>& targets,
                          const CalibrateOptions& options, const PointCompiler& compile, const RunSettings& settings,
                          const CalibrateProgress& progress);

// calibrate.json, and the table the command prints.
struct CalibrateInfo {
  std::string scenario_name, sha256, protocol;
  std::vector<std::string> files, overrides;
  std::uint64_t seed = 0;
  std::int64_t replicates = 0;
};
Json CalibrateJson(const std::vector<FreeParameter>& free, const std::vector<CalibrationTarget>& targets,
                   const CalibrateOptions& options, const CalibrateResult& result, const CalibrateInfo& info);
std::string CalibrateTable(const std::vector<FreeParameter>& free, const std::vector<CalibrationTarget>& targets,
                           const CalibrateResult& result, const CalibrateInfo& info);

}  // namespace parley

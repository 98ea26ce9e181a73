#include "tuning/calibrate.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <nlopt.hpp>

#include "core/text.h"
#include "montecarlo/cluster.h"

namespace parley {

namespace {

struct Algorithm {
  const char* name;
  nlopt::algorithm id;
};

// Derivative-free algorithms with bound constraints.
const Algorithm kAlgorithms[] = {
    {"bobyqa", nlopt::LN_BOBYQA},       {"cobyla", nlopt::LN_COBYLA}, {"neldermead", nlopt::LN_NELDERMEAD},
    {"sbplx", nlopt::LN_SBPLX},         {"newuoa", nlopt::LN_NEWUOA_BOUND}, {"praxis", nlopt::LN_PRAXIS},
    {"direct", nlopt::GN_DIRECT_L},     {"crs2", nlopt::GN_CRS2_LM},
};

std::string ResultName(nlopt::result r) {
  switch (r) {
    case nlopt::SUCCESS: return "SUCCESS";
    case nlopt::STOPVAL_REACHED: return "STOPVAL_REACHED";
    case nlopt::FTOL_REACHED: return "FTOL_REACHED";
    case nlopt::XTOL_REACHED: return "XTOL_REACHED";
    case nlopt::MAXEVAL_REACHED: return "MAXEVAL_REACHED";
    case nlopt::MAXTIME_REACHED: return "MAXTIME_REACHED";
    case nlopt::ROUNDOFF_LIMITED: return "ROUNDOFF_LIMITED";
    case nlopt::FORCED_STOP: return "FORCED_STOP";
    default: return "FAILURE";
  }
}

double Unscale(const FreeParameter& f, double z) {
  if (z <= 0) return f.low;
  if (z >= 1) return f.high;
  return std::clamp(f.low + z * (f.high - f.low), f.low, f.high);
}

// The state NLopt's callback works on.
class Objective {
 public:
  Objective(const std::vector<FreeParameter>& free, const std::vector<CalibrationTarget>& targets,
            const PointCompiler& compile, const RunSettings& settings, const CalibrateProgress& progress, int budget)
      : free_(free), targets_(targets), compile_(compile), settings_(settings), progress_(progress), budget_(budget) {
    for (const CalibrationTarget& t : targets) metrics_.push_back(t.metric);
  }

  static double Call(unsigned n, const double* z, double*, void* self) {
    return static_cast<Objective*>(self)->Evaluate(std::vector<double>(z, z + n));
  }

  double Evaluate(const std::vector<double>& z) {
    if (error_ || interrupted_) return HUGE_VAL;  // NLopt is being stopped
    try {
      CalibrationStep step;
      for (size_t i = 0; i < free_.size(); ++i) step.x.push_back(Unscale(free_[i], z[i]));
      if (!Measure(step)) {
        interrupted_ = true;
        opt->force_stop();
        return HUGE_VAL;
      }
      step.objective = Score(step.metrics);
      history.push_back(step);
      if (history.size() == 1 || step.objective < best.objective) best = step;
      if (progress_) progress_(static_cast<int>(history.size()), budget_, best.objective);
      return step.objective;
    } catch (...) {
      error_ = std::current_exception();
      opt->force_stop();
      return HUGE_VAL;
    }
  }

  void RethrowIfFailed() const {
    if (error_) std::rethrow_exception(error_);
  }
  bool interrupted() const { return interrupted_; }

  // Measures the metrics at x (unscaled) without taking part in the search;
  // false when interrupted.
  bool MeasureAt(const std::vector<double>& x, CalibrationStep& step) {
    step.x = x;
    step.metrics.clear();
    if (!Measure(step)) return interrupted_ = true, false;
    step.objective = Score(step.metrics);
    return true;
  }

  nlopt::opt* opt = nullptr;
  CalibrationStep best;
  std::vector<CalibrationStep> history;

 private:
  // Runs the scenario at step.x; rank 0 measures and every rank gets its
  // numbers, so every rank's NLopt sees the same objective. False when
  // the run was interrupted.
  bool Measure(CalibrationStep& step) {
    std::vector<std::string> overrides;
    for (size_t i = 0; i < free_.size(); ++i) overrides.push_back(FreeOverride(free_[i], step.x[i]));
    CompiledPoint point = compile_(overrides);
    PointResult run = RunPoint(*point.scenario, *point.protocol, metrics_, settings_, settings_.threads, false);
    Cluster& cluster = ClusterOr(settings_.cluster);
    std::vector<double> flat;
    if (cluster.rank() == 0) {
      flat.push_back(run.complete ? 1 : 0);
      for (const MetricValue& v : run.metrics) flat.push_back(v.value), flat.push_back(v.se);
    }
    cluster.BroadcastFromRoot(flat);
    for (size_t j = 0; j < targets_.size(); ++j) step.metrics.push_back({flat[1 + 2 * j], flat[2 + 2 * j]});
    return flat[0] != 0;
  }

  double Score(const std::vector<MetricValue>& metrics) const {
    double total = 0;
    for (size_t j = 0; j < targets_.size(); ++j) {
      const CalibrationTarget& t = targets_[j];
      double weight = t.sd > 0 ? 1 / (t.sd * t.sd) : 1.0;
      double miss = std::isnan(metrics[j].value) ? 1 + std::fabs(t.value) : metrics[j].value - t.value;
      total += weight * miss * miss;
    }
    return total;
  }

  const std::vector<FreeParameter>& free_;
  const std::vector<CalibrationTarget>& targets_;
  const PointCompiler& compile_;
  const RunSettings& settings_;
  const CalibrateProgress& progress_;
  int budget_;
  std::vector<MetricInfo> metrics_;
  std::exception_ptr error_;
  bool interrupted_ = false;
};

// Which targets are reached, and which free values sit at a bound.
void Judge(const std::vector<FreeParameter>& free, const std::vector<CalibrationTarget>& targets,
           const CalibrateOptions& options, CalibrateResult& r) {
  for (size_t j = 0; j < targets.size(); ++j) {
    const MetricValue& m = r.best.metrics[j];
    double tolerance = std::max(targets[j].sd, std::isnan(m.se) ? 0.0 : 2 * m.se);
    r.tolerance.push_back(tolerance);
    r.target_values.push_back(targets[j].value);
    r.reached.push_back(!std::isnan(m.value) && std::fabs(m.value - targets[j].value) <= tolerance + 1e-12);
  }
  for (size_t i = 0; i < free.size(); ++i) {
    double near = std::max(10 * options.xtol, 1e-3) * (free[i].high - free[i].low);
    r.at_bound.push_back(r.best.x[i] <= free[i].low + near    ? BoundHit::Lower
                         : r.best.x[i] >= free[i].high - near ? BoundHit::Upper
                                                              : BoundHit::None);
  }
}

nlopt::algorithm AlgorithmId(const std::string& name) {
  for (const Algorithm& a : kAlgorithms)
    if (name == a.name) return a.id;
  throw std::invalid_argument("unknown calibration algorithm " + name);
}

}  // namespace

const std::vector<std::string>& CalibrationAlgorithms() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const Algorithm& a : kAlgorithms) out.push_back(a.name);
    return out;
  }();
  return names;
}

std::string FreeOverride(const FreeParameter& free, double x) { return free.path + "=" + FormatNumber(x); }

// The identification check: along each free parameter, the others held at
// the fit, how far the value can move with every target still reached (to
// the same tolerances). From the fit towards each bound: four equal steps
// until one misses, then four bisections of the last step; at most 16
// evaluations per parameter. Only when every target is reached.
void ScanIdentification(const std::vector<FreeParameter>& free, CalibrateResult& r, Objective& objective) {
  r.identified.assign(free.size(), {NAN, NAN});
  if (std::find(r.reached.begin(), r.reached.end(), false) != r.reached.end()) return;
  auto reached = [&](size_t i, double xi, bool* ok) {
    std::vector<double> x = r.best.x;
    x[i] = xi;
    CalibrationStep step;
    *ok = objective.MeasureAt(x, step);
    if (!*ok) return false;
    ++r.scan_evaluations;
    for (size_t j = 0; j < step.metrics.size(); ++j) {
      const double m = step.metrics[j].value;
      if (std::isnan(m) || std::fabs(m - r.target_values[j]) > r.tolerance[j] + 1e-12) return false;
    }
    return true;
  };
  for (size_t i = 0; i < free.size(); ++i) {
    double edge[2];
    for (int side = 0; side < 2; ++side) {
      const double from = r.best.x[i], bound = side == 0 ? free[i].low : free[i].high;
      double inside = from, outside = NAN;
      bool ok = true;
      for (int s = 1; s <= 4 && ok && std::isnan(outside); ++s) {
        double x = from + (bound - from) * s / 4;
        if (reached(i, x, &ok)) inside = x;
        else outside = x;
      }
      for (int b = 0; b < 4 && ok && !std::isnan(outside); ++b) {
        double mid = 0.5 * (inside + outside);
        (reached(i, mid, &ok) ? inside : outside) = mid;
      }
      if (!ok) return;  // interrupted: no range
      edge[side] = inside;
    }
    r.identified[i] = {edge[0], edge[1]};
  }
}

CalibrateResult Calibrate(const std::vector<FreeParameter>& free, const std::vector<CalibrationTarget>& targets,
                          const CalibrateOptions& options, const PointCompiler& compile, const RunSettings& settings,
                          const CalibrateProgress& progress) {
  const unsigned n = static_cast<unsigned>(free.size());
  nlopt::opt opt(AlgorithmId(options.algorithm), n);
  nlopt::srand(settings.seed);  // the stochastic algorithms take the same steps on every rank and every run
  opt.set_lower_bounds(std::vector<double>(n, 0.0));
  opt.set_upper_bounds(std::vector<double>(n, 1.0));
  opt.set_maxeval(options.budget);
  opt.set_xtol_abs(options.xtol);
  opt.set_initial_step(0.1);
  Objective objective(free, targets, compile, settings, progress, options.budget);
  objective.opt = &opt;
  opt.set_min_objective(&Objective::Call, &objective);
  std::vector<double> z;
  for (const FreeParameter& f : free) z.push_back(f.high > f.low ? (f.start - f.low) / (f.high - f.low) : 0.0);
  double value = 0;
  nlopt::result code = nlopt::FAILURE;
  try {
    code = opt.optimize(z, value);
  } catch (const nlopt::forced_stop&) {
    code = nlopt::FORCED_STOP;
  } catch (const nlopt::roundoff_limited&) {
    code = nlopt::ROUNDOFF_LIMITED;
  } catch (const std::runtime_error&) {
    code = nlopt::FAILURE;
  }
  objective.RethrowIfFailed();
  CalibrateResult result;
  result.best = objective.best;
  result.history = std::move(objective.history);
  result.stop_reason = ResultName(code);
  result.complete = !objective.interrupted() && !result.history.empty();
  if (!result.history.empty()) Judge(free, targets, options, result);
  if (result.complete) ScanIdentification(free, result, objective);
  result.complete = result.complete && !objective.interrupted();
  return result;
}

}  // namespace parley

#include "api/tuning_args.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/text.h"
#include "protocols/private_information.h"
#include "scenario/tree_paths.h"
#include "tuning/sensitivity.h"
#include "tuning/tunable.h"

namespace parley::api {

namespace {

// Grids up to this many points are compiled whole before the sweep runs;
// larger ones value by value (a broken combination then ends the sweep with
// its located error when it is reached).
constexpr std::int64_t kCheckEveryPoint = 256;
// More points than this is a typo, not a sweep.
constexpr std::int64_t kMaxGridPoints = 1'000'000;

SourceLoc At(const std::string& option, int index, int col) { return {option, index, col}; }

std::string Trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

// A grid value, written with 12 significant digits so 0.1 steps read 0.3, not 0.30000000000000004.
std::string GridNumber(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.12g", x);
  return buffer;
}

const char* KindText(TunableKind kind) {
  return kind == TunableKind::Distribution ? "a distribution" : kind == TunableKind::Text ? "text" : "a map or a list";
}

// What a path names, or nullopt after reporting it unknown at (option, index, 1).
std::optional<Tunable> Resolve(const TuningBase& base, const std::string& path, const std::string& option, int index,
                               Diagnostics& diags) {
  if (path.empty()) {
    diags.Add(At(option, index, 1), "", "expected a key path before `=`, got nothing");
    return std::nullopt;
  }
  std::optional<Tunable> t = ResolveTunable(base.tree, base.scenario, path);
  if (!t)
    diags.Add(At(option, index, 1), path,
              "no such value in " + base.scenario.name + TunableSuggestion(base.tree, base.scenario, path));
  return t;
}

// The numeric keys of the distribution map at `path`, as paths to free.
std::string DistributionFields(const TuningBase& base, const std::string& path) {
  std::vector<std::string> fields;
  if (const yaml::Node* node = FindAtPath(base.tree, path))
    for (const yaml::Entry& e : node->entries)
      if (e.value.IsScalar() && ParseNumber(e.value.text)) fields.push_back(path + "." + e.key);
  return fields.empty() ? "" : ": free one of its parameters, " + JoinChoices(fields);
}

// LO:HI:STEPS into an axis; false after reporting.
bool ParseRange(const std::string& spec, const std::string& path, int index, int col, const Tunable& t,
                SweepAxis& axis, Diagnostics& diags) {
  std::vector<std::string> parts = Split(spec, ':');
  if (parts.size() != 3) {
    diags.Add(At("--vary", index, col), path, "expected LO:HI:STEPS or a list v1,v2,..., got `" + spec + "`");
    return false;
  }
  const int lo_col = col, hi_col = lo_col + static_cast<int>(parts[0].size()) + 1,
            steps_col = hi_col + static_cast<int>(parts[1].size()) + 1;
  std::optional<double> lo = ParseNumber(Trim(parts[0])), hi = ParseNumber(Trim(parts[1]));
  std::optional<long long> steps = ParseInteger(Trim(parts[2]));
  bool ok = true;
  auto fail = [&](int at, const std::string& message) {
    diags.Add(At("--vary", index, at), path, message);
    ok = false;
  };
  if (!lo) fail(lo_col, "expected a number for LO, got `" + parts[0] + "`");
  if (!hi) fail(hi_col, "expected a number for HI, got `" + parts[1] + "`");
  if (!steps)
    fail(steps_col, "expected an integer for STEPS, got `" + parts[2] + "`");
  else if (*steps < 2)
    fail(steps_col, "steps must be at least 2 (LO and HI), got " + std::to_string(*steps) + "; to fix a value use --set");
  else if (*steps > kMaxGridPoints)
    fail(steps_col, "expected at most " + std::to_string(kMaxGridPoints) + " steps, got " + std::to_string(*steps));
  if (lo && hi && !(*lo < *hi))
    fail(lo_col, "bounds reversed: expected LO < HI, got " + FormatNumber(*lo) + ":" + FormatNumber(*hi));
  if (t.kind == TunableKind::Text)
    fail(1, "is `" + t.text + "`, not a number: give its values as a list, " + path + "=a,b,c");
  if (!ok) return false;
  for (long long i = 0; i < *steps; ++i)
    axis.values.push_back(i + 1 == *steps ? GridNumber(*hi) : GridNumber(*lo + (*hi - *lo) * i / (*steps - 1)));
  return true;
}

// v1,v2,... into an axis; false after reporting.
bool ParseList(const std::string& spec, const std::string& path, int index, int col, SweepAxis& axis,
               Diagnostics& diags) {
  int at = col;
  for (const std::string& item : Split(spec, ',')) {
    std::string value = Trim(item);
    if (value.empty()) {
      diags.Add(At("--vary", index, at), path, "expected a value between the commas, got nothing");
      return false;
    }
    axis.values.push_back(value);
    at += static_cast<int>(item.size()) + 1;
  }
  return true;
}

// Why a path cannot be a free parameter, or "".
std::string NotFreeable(const TuningBase& base, const Tunable& t) {
  if (t.kind == TunableKind::Text) return "is `" + t.text + "`, not a number";
  if (t.kind == TunableKind::Distribution)
    return "is a distribution, not a number" + DistributionFields(base, t.path);
  if (t.kind != TunableKind::Number) return std::string("is ") + KindText(t.kind) + ", not a number";
  if (t.param < 0)
    return "is not a parameter: calibration frees the scenario's parameters and their distributions' own "
           "(`actors.x.war_cost`, `actors.x.war_cost.high`); to try values of it use parley sweep";
  return "";
}

// A free parameter's bounds: LO:HI as given, or else its range (an open
// lower end, a discount's (0, 1], starts a millionth of the range inside).
// False after reporting.
bool ParseBounds(const std::string& text, const Tunable& t, int index, int col, FreeParameter& f, Diagnostics& diags) {
  if (text.empty()) {
    if (!std::isfinite(t.low) || !std::isfinite(t.high)) {
      diags.Add(At("--free", index, 1), f.path,
                "has no finite range to default to; give its bounds: --free " + f.path + "=LO:HI");
      return false;
    }
    f.low = t.low_open ? t.low + 1e-6 * (t.high - t.low) : t.low;
    f.high = t.high;
    return true;
  }
  std::vector<std::string> parts = Split(text, ':');
  std::optional<double> lo = parts.size() == 2 ? ParseNumber(Trim(parts[0])) : std::nullopt;
  std::optional<double> hi = parts.size() == 2 ? ParseNumber(Trim(parts[1])) : std::nullopt;
  if (!lo || !hi) {
    diags.Add(At("--free", index, col), f.path, "expected bounds LO:HI (two numbers), got `" + text + "`");
    return false;
  }
  if (!(*lo < *hi)) {
    diags.Add(At("--free", index, col), f.path,
              "bounds reversed: expected LO < HI, got " + FormatNumber(*lo) + ":" + FormatNumber(*hi));
    return false;
  }
  f.low = *lo, f.high = *hi;
  return true;
}

}  // namespace

std::vector<MetricInfo> ParseMetrics(const TuningBase& base, const std::vector<std::string>& args,
                                     const std::string& option, Diagnostics& diags) {
  std::vector<MetricInfo> out;
  for (size_t i = 0; i < args.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    const MetricInfo* m = FindMetric(base.catalog, args[i]);
    if (!m) {
      diags.Add(At(option, index, 1), args[i], "unknown metric" + UnknownMetricHint(base.catalog, args[i]));
    } else if (std::any_of(out.begin(), out.end(), [&](const MetricInfo& o) { return o.name == m->name; })) {
      diags.Add(At(option, index, 1), args[i], "given twice");
    } else {
      out.push_back(*m);
    }
  }
  return out;
}

// The --set (1-based) that sets exactly this path, 0 when none: a value both
// set and varied (or freed) would have the tuning value win silently.
int SetOnPath(const TuningBase& base, const std::string& path) {
  for (size_t k = 0; k < base.options.sets.size(); ++k) {
    const std::string& set = base.options.sets[k];
    const size_t eq = set.find('=');
    if (eq != std::string::npos && set.compare(0, eq, path) == 0 && eq == path.size()) return static_cast<int>(k) + 1;
  }
  return 0;
}

ParsedAxes ParseVary(const TuningBase& base, const std::vector<std::string>& args, Diagnostics& diags) {
  ParsedAxes parsed;
  std::int64_t points = 1;
  for (size_t i = 0; i < args.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    const size_t eq = args[i].find('=');
    if (eq == std::string::npos) {
      diags.Add(At("--vary", index, 1), "", "expected PATH=LO:HI:STEPS or PATH=v1,v2,..., got `" + args[i] + "`");
      continue;
    }
    SweepAxis axis{args[i].substr(0, eq), {}};
    const std::string spec = args[i].substr(eq + 1);
    const int col = static_cast<int>(eq) + 2;
    if (axis.path.rfind("montecarlo.", 0) == 0) {
      diags.Add(At("--vary", index, 1), axis.path,
                "every point runs the same seed and replicates (common random numbers); set them with -n and --seed");
      continue;
    }
    if (const int set = SetOnPath(base, axis.path)) {
      diags.Add(At("--vary", index, 1), axis.path,
                "also set by --set " + std::to_string(set) + "; a value is either set or varied: drop one");
      continue;
    }
    std::optional<Tunable> t = Resolve(base, axis.path, "--vary", index, diags);
    if (!t) continue;
    if (t->kind == TunableKind::Other) {
      diags.Add(At("--vary", index, 1), axis.path, std::string("names ") + KindText(t->kind) + ", not a value");
      continue;
    }
    auto twice = std::find_if(parsed.axes.begin(), parsed.axes.end(), [&](const SweepAxis& a) { return a.path == axis.path; });
    if (twice != parsed.axes.end()) {
      diags.Add(At("--vary", index, 1), axis.path,
                "varied twice (also --vary " + std::to_string(parsed.origins[twice - parsed.axes.begin()].index) + ")");
      continue;
    }
    bool ok = spec.find(':') != std::string::npos ? ParseRange(spec, axis.path, index, col, *t, axis, diags)
                                                 : ParseList(spec, axis.path, index, col, axis, diags);
    if (!ok) continue;
    points *= static_cast<std::int64_t>(axis.values.size());
    if (points > kMaxGridPoints) {
      diags.Add(At("--vary", index, 1), axis.path,
                "the grid would have more than " + std::to_string(kMaxGridPoints) + " points; use fewer steps");
      points = 1;
    }
    parsed.axes.push_back(std::move(axis));
    parsed.origins.push_back({"--vary", index, col, ""});
  }
  return parsed;
}

ParsedFree ParseFree(const TuningBase& base, const std::vector<std::string>& args, Diagnostics& diags) {
  ParsedFree parsed;
  for (size_t i = 0; i < args.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    const size_t eq = args[i].find('=');
    FreeParameter f;
    f.path = args[i].substr(0, eq);
    const int col = eq == std::string::npos ? 1 : static_cast<int>(eq) + 2;
    if (const int set = SetOnPath(base, f.path)) {
      diags.Add(At("--free", index, 1), f.path,
                "also set by --set " + std::to_string(set) + "; a value is either set or freed: drop one");
      continue;
    }
    std::optional<Tunable> t = Resolve(base, f.path, "--free", index, diags);
    if (!t) continue;
    if (std::string why = NotFreeable(base, *t); !why.empty()) {
      diags.Add(At("--free", index, 1), f.path, why);
      continue;
    }
    if (std::any_of(parsed.free.begin(), parsed.free.end(), [&](const FreeParameter& o) { return o.path == f.path; })) {
      diags.Add(At("--free", index, 1), f.path, "freed twice");
      continue;
    }
    const std::string bounds = eq == std::string::npos ? "" : args[i].substr(eq + 1);
    if (!ParseBounds(bounds, *t, index, col, f, diags)) continue;
    f.start = std::clamp(t->value, f.low, f.high);
    std::string note = !bounds.empty() ? "" : "the default bounds are its range [" + FormatNumber(f.low) + ", " +
                                                  FormatNumber(f.high) + "]; give yours: --free " + f.path + "=LO:HI";
    parsed.free.push_back(f);
    parsed.origins.push_back({"--free", index, col, note});
  }
  return parsed;
}

std::vector<CalibrationTarget> ParseTargets(const TuningBase& base, const std::vector<std::string>& args,
                                            Diagnostics& diags) {
  std::vector<CalibrationTarget> out;
  for (size_t i = 0; i < args.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    const std::string& arg = args[i];
    const size_t eq = arg.find('=');
    if (eq == std::string::npos) {
      diags.Add(At("--target", index, 1), "", "expected METRIC=VALUE or METRIC=VALUE±SD, got `" + arg + "`");
      continue;
    }
    const std::string name = arg.substr(0, eq);
    const MetricInfo* m = FindMetric(base.catalog, name);
    bool ok = true;
    auto fail = [&](size_t at, const std::string& message) {
      diags.Add(At("--target", index, static_cast<int>(at)), name, message);
      ok = false;
    };
    if (!m)
      fail(1, "unknown metric" + UnknownMetricHint(base.catalog, name));
    else if (std::any_of(out.begin(), out.end(), [&](const CalibrationTarget& t) { return t.metric.name == name; }))
      fail(1, "targeted twice");
    // VALUE, then ±SD (or +-SD), both two bytes wide.
    std::string spec = arg.substr(eq + 1), sd_text;
    size_t pm = spec.find("±");
    if (pm == std::string::npos) pm = spec.find("+-");
    if (pm != std::string::npos) sd_text = spec.substr(pm + 2), spec = spec.substr(0, pm);
    std::optional<double> value = ParseNumber(Trim(spec));
    if (!value) fail(eq + 2, "expected a number for the target, got `" + spec + "`");
    double sd = 0;
    if (pm != std::string::npos) {
      std::optional<double> given = ParseNumber(Trim(sd_text));
      if (given && *given > 0) sd = *given;
      else fail(eq + pm + 4, "expected a standard deviation > 0 after ±, got `" + sd_text + "`");
    }
    // A target the metric cannot take would leave a flat objective.
    if (ok && m) {
      const bool sd_metric = name.size() > 3 && name.compare(name.size() - 3, 3, ".sd") == 0;
      const double horizon_last = base.scenario.horizon - 1;
      if (m->kind == MetricKind::Proportion && (*value < 0 || *value > 1))
        fail(eq + 2, "a proportion is in [0, 1], got " + FormatNumber(*value));
      else if (name.rfind("rounds.", 0) == 0 && !sd_metric && (*value < 0 || *value > horizon_last))
        fail(eq + 2, "a round is in [0, " + FormatNumber(horizon_last) + "] (rounds count from 0 to the horizon - 1), got " +
                         FormatNumber(*value));
      else if (sd_metric && *value < 0)
        fail(eq + 2, "a standard deviation is at least 0, got " + FormatNumber(*value));
    }
    if (ok) out.push_back({*m, *value, sd});
  }
  return out;
}

std::vector<int> ParseFactors(TuningBase& base, const std::vector<std::string>& args, Diagnostics& diags) {
  Scenario& s = base.scenario;
  if (args.empty()) return SpreadParams(s);
  std::vector<std::string> uncertain;
  for (int p : SpreadParams(s)) uncertain.push_back(s.params[p].path);
  std::vector<int> out;
  for (size_t i = 0; i < args.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    // PATH, or PATH=LO:HI for a constant studied over a range.
    const size_t eq = args[i].find('=');
    const std::string path = args[i].substr(0, eq);
    const int p = s.ParamIndex(path);
    if (p < 0) {
      std::string hint = DidYouMean(path, uncertain);
      diags.Add(At("--factor", index, 1), path,
                "not a parameter of " + s.name + (hint.empty() ? "; the uncertain ones are " + JoinChoices(uncertain) : hint));
      continue;
    }
    Param& param = s.params[p];
    if (std::find(out.begin(), out.end(), p) != out.end()) {
      diags.Add(At("--factor", index, 1), path, "given twice");
      continue;
    }
    if (eq == std::string::npos) {
      if (!HasSpread(param.dist))
        diags.Add(At("--factor", index, 1), path,
                  "is the constant " + FormatNumber(param.dist.SupportLow()) +
                      ": give the range to study it over, e.g. --factor " + path + "=LO:HI");
      else
        out.push_back(p);
      continue;
    }
    const std::string range = args[i].substr(eq + 1);
    const size_t colon = range.find(':');
    std::optional<double> lo_text = colon == std::string::npos ? std::nullopt : ParseNumber(Trim(range.substr(0, colon)));
    std::optional<double> hi_text = colon == std::string::npos ? std::nullopt : ParseNumber(Trim(range.substr(colon + 1)));
    const double lo = lo_text.value_or(0), hi = hi_text.value_or(0);
    const int col = static_cast<int>(eq) + 2;
    auto inside = [&](double x) {
      return (param.domain_low_open ? x > param.domain_low : x >= param.domain_low) && x <= param.domain_high;
    };
    if (!lo_text || !hi_text || !(lo < hi)) {
      diags.Add(At("--factor", index, col), path, "expected a range LO:HI with LO < HI, got `" + range + "`");
    } else if (HasSpread(param.dist)) {
      diags.Add(At("--factor", index, col), path,
                "is already a distribution; give it as --factor " + path + " (its own distribution is the range)");
    } else if (!inside(lo) || !inside(hi)) {
      diags.Add(At("--factor", index, col), path, "the range " + range + " leaves the parameter's domain");
    } else {
      param.constant_factor = true;
      param.constant_value = param.dist.value;
      param.dist = Distribution::Uniform(lo, hi);
      out.push_back(p);
    }
  }
  return out;
}

void CheckGrid(const TuningBase& base, const ParsedAxes& parsed, Diagnostics& diags) {
  std::vector<std::vector<std::string>> points;
  if (GridSize(parsed.axes) <= kCheckEveryPoint) {
    for (std::int64_t i = 0; i < GridSize(parsed.axes); ++i) points.push_back(PointOverrides(parsed.axes, i));
  } else {
    // Each value of each axis, the others at their first value.
    for (size_t a = 0; a < parsed.axes.size(); ++a)
      for (const std::string& v : parsed.axes[a].values) {
        std::vector<std::string> point = PointOverrides(parsed.axes, 0);
        point[a] = parsed.axes[a].path + "=" + v;
        points.push_back(point);
      }
  }
  CheckPoints(base, parsed.origins, points, diags);
}

void CheckBounds(const TuningBase& base, const ParsedFree& parsed, Diagnostics& diags) {
  std::vector<std::string> start;
  for (const FreeParameter& f : parsed.free) start.push_back(FreeOverride(f, f.start));
  std::vector<std::vector<std::string>> points{start};
  for (size_t i = 0; i < parsed.free.size(); ++i)
    for (double bound : {parsed.free[i].low, parsed.free[i].high}) {
      std::vector<std::string> point = start;
      point[i] = FreeOverride(parsed.free[i], bound);
      points.push_back(point);
    }
  CheckPoints(base, parsed.origins, points, diags);
}

}  // namespace parley::api

#include "cli/tuning_args.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <thread>

#include "cli/run_shared.h"
#include "core/text.h"
#include "protocols/private_information.h"
#include "scenario/load.h"
#include "scenario/tree_paths.h"
#include "tuning/sensitivity.h"
#include "tuning/tunable.h"

namespace parley::cli {

namespace {

// Grids up to this many points are compiled whole before the sweep runs;
// larger ones value by value (a broken combination then ends the sweep).
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

// Re-locates the errors of a point's overrides into the arguments they came from.
InputError Relocate(const InputError& e, size_t user, const std::vector<std::string>& point,
                    const std::vector<OverrideOrigin>& origins) {
  std::string with;
  for (const std::string& o : point) with += (with.empty() ? "" : ", ") + o;
  std::vector<Diagnostic> out;
  for (Diagnostic d : e.diagnostics()) {
    const size_t line = static_cast<size_t>(std::max(0, d.loc.line));
    if (d.loc.file == "--set" && line > user && line - user - 1 < point.size() && line - user - 1 < origins.size()) {
      const size_t k = line - user - 1;
      const OverrideOrigin& origin = origins[k];
      const size_t eq = point[k].find('=');
      const int col = d.loc.col <= static_cast<int>(eq) ? d.loc.col : origin.value_col;
      d.loc = At(origin.option, origin.index, col);
      d.message = "at `" + point[k].substr(eq + 1) + "`: " + d.message + (origin.note.empty() ? "" : "; " + origin.note);
    } else {
      d.message = "with " + with + ": " + d.message;
    }
    out.push_back(std::move(d));
  }
  return InputError(std::move(out));
}

// Every distinct error of compiling these points.
void CheckPoints(const TuningBase& base, const std::vector<OverrideOrigin>& origins,
                 const std::vector<std::vector<std::string>>& points, Diagnostics& diags) {
  PointCompiler compile = LocatedCompiler(base.options, origins);
  std::set<std::string> seen;
  for (const std::vector<std::string>& point : points) {
    try {
      compile(point);
    } catch (const InputError& e) {
      for (const Diagnostic& d : e.diagnostics())
        if (seen.insert(d.Format()).second) diags.Add(d.loc, d.path, d.message);
    }
  }
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
  if (!lo) diags.Add(At("--vary", index, lo_col), path, "expected a number for LO, got `" + parts[0] + "`"), ok = false;
  if (!hi) diags.Add(At("--vary", index, hi_col), path, "expected a number for HI, got `" + parts[1] + "`"), ok = false;
  if (!steps)
    diags.Add(At("--vary", index, steps_col), path, "expected an integer for STEPS, got `" + parts[2] + "`"), ok = false;
  else if (*steps < 2)
    diags.Add(At("--vary", index, steps_col), path,
              "steps must be at least 2 (LO and HI), got " + std::to_string(*steps) + "; to fix a value use --set"),
        ok = false;
  else if (*steps > kMaxGridPoints)
    diags.Add(At("--vary", index, steps_col), path, "expected at most " + std::to_string(kMaxGridPoints) +
                                                        " steps, got " + std::to_string(*steps)),
        ok = false;
  if (lo && hi && !(*lo < *hi))
    diags.Add(At("--vary", index, lo_col), path,
              "bounds reversed: expected LO < HI, got " + FormatNumber(*lo) + ":" + FormatNumber(*hi)),
        ok = false;
  if (t.kind == TunableKind::Text)
    diags.Add(At("--vary", index, 1), path,
              "is `" + t.text + "`, not a number: give its values as a list, " + path + "=a,b,c"),
        ok = false;
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

}  // namespace

TuningBase LoadTuningBase(const ScenarioOptions& options) {
  TuningBase base{options, LoadScenario(options), LoadMergedTree(options.path, options.Overrides()), {}};
  MakeProtocol(base.scenario);  // a protocol that cannot run the scenario is refused now
  base.catalog = MetricCatalog(base.scenario);
  return base;
}

RunSettings MakeRunSettings(const Scenario& s, int threads) {
  RunSettings settings;
  settings.seed = s.seed;
  settings.replicates = s.replicates;
  settings.threads = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  settings.stop = StopFlag();
  return settings;
}

PointCompiler LocatedCompiler(const ScenarioOptions& options, std::vector<OverrideOrigin> origins) {
  return [path = options.path, user = options.Overrides(), origins = std::move(origins)](
             const std::vector<std::string>& point) {
    std::vector<std::string> all = user;
    all.insert(all.end(), point.begin(), point.end());
    try {
      CompiledPoint p;
      p.scenario = std::make_unique<Scenario>(Compile(LoadScenarioSpec(path, all)));
      p.protocol = MakeProtocol(*p.scenario);
      return p;
    } catch (const InputError& e) {
      throw Relocate(e, user.size(), point, origins);
    }
  };
}

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
    std::optional<Tunable> t = Resolve(base, f.path, "--free", index, diags);
    if (!t) continue;
    if (t->kind != TunableKind::Number) {
      std::string text = t->kind == TunableKind::Text ? "is `" + t->text + "`, not a number" : std::string("is ") + KindText(t->kind) + ", not a number";
      diags.Add(At("--free", index, 1), f.path,
                text + (t->kind == TunableKind::Distribution ? DistributionFields(base, f.path) : ""));
      continue;
    }
    if (t->param < 0) {
      diags.Add(At("--free", index, 1), f.path,
                "is not a parameter: calibration frees the scenario's parameters and their distributions' own "
                "(`actors.x.war_cost`, `actors.x.war_cost.high`); to try values of it use parley sweep");
      continue;
    }
    if (std::any_of(parsed.free.begin(), parsed.free.end(), [&](const FreeParameter& o) { return o.path == f.path; })) {
      diags.Add(At("--free", index, 1), f.path, "freed twice");
      continue;
    }
    if (eq == std::string::npos) {
      if (!std::isfinite(t->low) || !std::isfinite(t->high)) {
        diags.Add(At("--free", index, 1), f.path,
                  "has no finite range to default to; give its bounds: --free " + f.path + "=LO:HI");
        continue;
      }
      // An open lower end (a discount in (0, 1]) starts a millionth of the range inside.
      f.low = t->low_open ? t->low + 1e-6 * (t->high - t->low) : t->low;
      f.high = t->high;
    } else {
      std::vector<std::string> parts = Split(args[i].substr(eq + 1), ':');
      std::optional<double> lo = parts.size() == 2 ? ParseNumber(Trim(parts[0])) : std::nullopt;
      std::optional<double> hi = parts.size() == 2 ? ParseNumber(Trim(parts[1])) : std::nullopt;
      if (!lo || !hi) {
        diags.Add(At("--free", index, col), f.path,
                  "expected bounds LO:HI (two numbers), got `" + args[i].substr(eq + 1) + "`");
        continue;
      }
      if (!(*lo < *hi)) {
        diags.Add(At("--free", index, col), f.path,
                  "bounds reversed: expected LO < HI, got " + FormatNumber(*lo) + ":" + FormatNumber(*hi));
        continue;
      }
      f.low = *lo, f.high = *hi;
    }
    f.start = std::clamp(t->value, f.low, f.high);
    std::string note = eq != std::string::npos ? "" : "the default bounds are its range [" + FormatNumber(f.low) + ", " +
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
    if (!m) diags.Add(At("--target", index, 1), name, "unknown metric" + UnknownMetricHint(base.catalog, name)), ok = false;
    else if (std::any_of(out.begin(), out.end(), [&](const CalibrationTarget& t) { return t.metric.name == name; }))
      diags.Add(At("--target", index, 1), name, "targeted twice"), ok = false;
    std::string spec = arg.substr(eq + 1), sd_text;
    size_t pm = spec.find("±"), width = 2;
    if (pm == std::string::npos) pm = spec.find("+-");
    if (pm != std::string::npos) sd_text = spec.substr(pm + width), spec = spec.substr(0, pm);
    std::optional<double> value = ParseNumber(Trim(spec));
    if (!value)
      diags.Add(At("--target", index, static_cast<int>(eq) + 2), name, "expected a number for the target, got `" + spec + "`"), ok = false;
    double sd = 0;
    if (pm != std::string::npos) {
      std::optional<double> s = ParseNumber(Trim(sd_text));
      if (!s || !(*s > 0)) {
        diags.Add(At("--target", index, static_cast<int>(eq + pm + width) + 2), name,
                  "expected a standard deviation > 0 after ±, got `" + sd_text + "`"),
            ok = false;
      } else {
        sd = *s;
      }
    }
    if (ok) out.push_back({*m, *value, sd});
  }
  return out;
}

std::vector<int> ParseFactors(const TuningBase& base, const std::vector<std::string>& args, Diagnostics& diags) {
  const Scenario& s = base.scenario;
  if (args.empty()) return SpreadParams(s);
  std::vector<std::string> uncertain;
  for (int p : SpreadParams(s)) uncertain.push_back(s.params[p].path);
  std::vector<int> out;
  for (size_t i = 0; i < args.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    const int p = s.ParamIndex(args[i]);
    if (p < 0) {
      std::string hint = DidYouMean(args[i], uncertain);
      diags.Add(At("--factor", index, 1), args[i],
                "not a parameter of " + s.name + (hint.empty() ? "; the uncertain ones are " + JoinChoices(uncertain) : hint));
    } else if (!HasSpread(s.params[p].dist)) {
      diags.Add(At("--factor", index, 1), args[i],
                "is the constant " + FormatNumber(s.params[p].dist.SupportLow()) +
                    ", not uncertain: a factor must be given as a distribution, e.g. --set '" + args[i] +
                    "={dist: uniform, low: ..., high: ...}'");
    } else if (std::find(out.begin(), out.end(), p) != out.end()) {
      diags.Add(At("--factor", index, 1), args[i], "given twice");
    } else {
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

}  // namespace parley::cli

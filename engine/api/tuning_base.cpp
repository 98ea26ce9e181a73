#include "api/tuning_base.h"
#include "protocols/registry.h"

#include <algorithm>
#include <set>

#include "scenario/load.h"
#include "scenario/tree_paths.h"

namespace parley::api {

namespace {

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
      d.loc = SourceLoc{origin.option, origin.index, col};
      d.message = "at `" + point[k].substr(eq + 1) + "`: " + d.message + (origin.note.empty() ? "" : "; " + origin.note);
    } else {
      d.message = "with " + with + ": " + d.message;
    }
    out.push_back(std::move(d));
  }
  return InputError(std::move(out));
}

}  // namespace

TuningBase LoadTuningBase(const ScenarioRequest& options) {
  TuningBase base{options, LoadScenario(options), LoadTree(options), {}};
  MakeProtocol(base.scenario);  // a protocol that cannot run the scenario is refused now
  base.catalog = MetricCatalog(base.scenario);
  return base;
}

PointCompiler LocatedCompiler(const ScenarioRequest& options, std::vector<OverrideOrigin> origins) {
  return [request = options, user = options.Overrides().size(), origins = std::move(origins)](
             const std::vector<std::string>& point) {
    try {
      CompiledPoint p;
      p.scenario = std::make_unique<Scenario>(Compile(LoadSpec(request, point)));
      p.protocol = MakeProtocol(*p.scenario);
      return p;
    } catch (const InputError& e) {
      throw Relocate(e, user, point, origins);
    }
  };
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

}  // namespace parley::api

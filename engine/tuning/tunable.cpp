#include "tuning/tunable.h"

#include <algorithm>

#include "core/numbers.h"
#include "core/text.h"
#include "scenario/tree_paths.h"

namespace parley {

namespace {

// The parameter `path` is, or the longest parameter path it lies below.
void FindParam(const Scenario& s, const std::string& path, Tunable& t) {
  size_t best = 0;
  for (size_t i = 0; i < s.params.size(); ++i) {
    const std::string& p = s.params[i].path;
    if (p == path) {
      t.param = static_cast<int>(i), t.field.clear();
      return;
    }
    if (path.size() > p.size() && path.compare(0, p.size(), p) == 0 && path[p.size()] == '.' && p.size() > best) {
      best = p.size();
      t.param = static_cast<int>(i);
      t.field = path.substr(p.size() + 1);
    }
  }
}

// The interval of a parameter's values, or of one field of its distribution:
// the location fields share the parameter's domain, the scale fields are > 0.
void SetDomain(const Scenario& s, Tunable& t) {
  if (t.param < 0) return;
  const Param& p = s.params[t.param];
  const std::string head = t.field.substr(0, t.field.find('.'));
  if (t.field.empty() || head == "low" || head == "high" || head == "mean" || head == "mode" || head == "values") {
    t.low = p.domain_low, t.high = p.domain_high, t.low_open = p.domain_low_open;
  } else if (head == "sd" || head == "sigma" || head == "alpha" || head == "beta") {
    t.low = 0, t.high = kInf, t.low_open = true;
  } else if (head == "weights") {
    t.low = 0, t.high = kInf, t.low_open = false;
  }
}

}  // namespace

std::optional<Tunable> ResolveTunable(const yaml::Node& tree, const Scenario& s, const std::string& path) {
  Tunable t;
  t.path = path;
  FindParam(s, path, t);
  const yaml::Node* node = FindAtPath(tree, path);
  if (!node) {
    // A parameter the file leaves at its default is a constant of the compiled scenario.
    if (t.param < 0 || !t.field.empty() || !s.params[t.param].dist.IsConstant()) return std::nullopt;
    t.kind = TunableKind::Number;
    t.value = s.params[t.param].dist.value;
  } else if (node->IsScalar()) {
    std::optional<double> number = node->quoted ? std::nullopt : ParseNumber(node->text);
    t.kind = number ? TunableKind::Number : TunableKind::Text;
    if (number) t.value = *number;
    t.text = node->text;
  } else if (node->IsMap() && node->Find("dist")) {
    t.kind = TunableKind::Distribution;
  } else {
    t.kind = TunableKind::Other;
  }
  if (t.kind == TunableKind::Number) SetDomain(s, t);
  return t;
}

std::string TunableSuggestion(const yaml::Node& tree, const Scenario& s, const std::string& path) {
  std::vector<std::string> candidates = ScalarPaths(tree);
  for (const Param& p : s.params) candidates.push_back(p.path);
  return DidYouMean(path, candidates);
}

}  // namespace parley

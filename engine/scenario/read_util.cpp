#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "core/text.h"
#include "scenario/reader_internal.h"

namespace parley::reader {

std::string Join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

void Ctx::Error(const SourceLoc& loc, const std::string& path, const std::string& message) {
  diags_.Add(loc, path, message);
}

bool Ctx::IsMap(const Node& node, const std::string& path, const std::string& expected) {
  if (node.IsMap() || node.IsNull()) return true;
  Error(node.loc, path, "expected " + expected + ", got " + yaml::Describe(node));
  return false;
}

bool Ctx::IsList(const Node& node, const std::string& path, const std::string& expected) {
  if (node.IsSequence()) return true;
  Error(node.loc, path, "expected " + expected + ", got " + yaml::Describe(node));
  return false;
}

void Ctx::CheckKeys(const Node& map, const std::string& path, const std::vector<std::string>& allowed) {
  for (const Entry& entry : map.entries) {
    if (std::find(allowed.begin(), allowed.end(), entry.key) != allowed.end()) continue;
    std::string hint = DidYouMean(entry.key, allowed);
    Error(entry.key_loc, Join(path, entry.key),
          hint.empty() ? "unknown key, expected one of " + JoinChoices(allowed) : "unknown key" + hint);
  }
}

const Node* Ctx::Require(const Node& map, const std::string& key, const std::string& path,
                         const std::string& expected) {
  if (const Node* value = map.Find(key)) return value;
  Error(map.loc, Join(path, key), "missing required key: expected " + expected + ", got nothing");
  return nullptr;
}

namespace {

// YAML spellings of infinities and NaN, and numbers too large for a double.
bool IsNonFinite(const std::string& text) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (!lower.empty() && (lower[0] == '+' || lower[0] == '-')) lower.erase(0, 1);
  if (lower == ".nan" || lower == ".inf") return true;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  return end && *end == '\0' && end != text.c_str() && !std::isfinite(value);
}

}  // namespace

std::optional<double> Ctx::Number(const Node& node, const std::string& path) {
  if (node.IsScalar() && node.quoted) {
    Error(node.loc, path, "expected a number, got the quoted text " + yaml::Describe(node) + " (remove the quotes)");
    return std::nullopt;
  }
  if (node.IsScalar() && IsNonFinite(node.text)) {
    Error(node.loc, path, "must be a finite number, got " + yaml::Describe(node));
    return std::nullopt;
  }
  std::optional<double> value = node.IsScalar() ? ParseNumber(node.text) : std::nullopt;
  if (!value) Error(node.loc, path, "expected a number, got " + yaml::Describe(node));
  return value;
}

std::optional<double> Ctx::NumberIn(const Node& node, const std::string& path, const Domain& domain) {
  std::optional<double> value = Number(node, path);
  if (value && !domain.Contains(*value)) {
    Error(node.loc, path, "must be " + domain.Text() + ", got " + node.text);
    return std::nullopt;
  }
  return value;
}

std::optional<long long> Ctx::Integer(const Node& node, const std::string& path, long long low, long long high) {
  std::optional<double> number = Number(node, path);
  if (!number) return std::nullopt;
  std::optional<long long> value = ParseInteger(node.text);
  std::string range = high == std::numeric_limits<long long>::max()
                          ? ">= " + std::to_string(low)
                          : "in [" + std::to_string(low) + ", " + std::to_string(high) + "]";
  if (!value) {
    // A whole number too large for 64 bits (1e30) is out of range, not fractional.
    bool whole = std::floor(*number) == *number;
    Error(node.loc, path, "must be an integer" + (whole ? " " + range : "") + ", got " + node.text);
    return std::nullopt;
  }
  if (*value < low || *value > high) {
    Error(node.loc, path, "must be an integer " + range + ", got " + node.text);
    return std::nullopt;
  }
  return value;
}

std::optional<bool> Ctx::Bool(const Node& node, const std::string& path) {
  if (node.IsScalar() && !node.quoted && (node.text == "true" || node.text == "false")) return node.text == "true";
  Error(node.loc, path, "expected true or false, got " + yaml::Describe(node));
  return std::nullopt;
}

std::optional<std::string> Ctx::Text(const Node& node, const std::string& path) {
  if (node.IsScalar()) return node.text;
  Error(node.loc, path, "expected text, got " + yaml::Describe(node));
  return std::nullopt;
}

std::optional<std::string> Ctx::OneOf(const Node& node, const std::string& path,
                                      const std::vector<std::string>& choices) {
  std::optional<std::string> text = Text(node, path);
  if (!text) return std::nullopt;
  if (std::find(choices.begin(), choices.end(), *text) != choices.end()) return text;
  Error(node.loc, path, "expected " + JoinChoices(choices) + ", got " + yaml::Describe(node) + DidYouMean(*text, choices));
  return std::nullopt;
}

bool Ctx::CheckName(const std::string& name, const SourceLoc& loc, const std::string& path, const std::string& what) {
  bool ok = !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-';
  });
  if (!ok) Error(loc, path, "expected " + what + " of letters, digits, `_` or `-`, got `" + name + "`");
  return ok;
}

int Ctx::Lookup(const std::string& name, const SourceLoc& loc, const std::string& path,
                const std::vector<std::string>& names, const std::string& what) {
  auto it = std::find(names.begin(), names.end(), name);
  if (it != names.end()) return static_cast<int>(it - names.begin());
  // Long lists would drown the message; the suggestion carries it then.
  std::string listed = names.size() <= 8 ? ": " + JoinChoices(names) : " of this scenario";
  // Suggestions cost an edit distance per name; past a hundred errors nobody
  // reads them, and a file of thousands of bad names must still fail fast.
  std::string hint = diags_.size() < 100 ? DidYouMean(name, names) : "";
  Error(loc, path, "expected " + what + listed + ", got `" + name + "`" + hint);
  return -1;
}

bool RejectSynthetic(Ctx& ctx, const Node& section, const Entry& entry, const std::string& path,
                     const std::string& what) {
  if (!entry.value.synthetic) return false;
  std::vector<std::string> names;
  for (const Entry& e : section.entries)
    if (!e.value.synthetic) names.push_back(e.key);
  ctx.Error(entry.key_loc, path, "expected " + what + " of the scenario (--set changes values, it cannot add one), got `" +
                                     entry.key + "`" + DidYouMean(entry.key, names));
  return true;
}

// Sections only ever append, so a cache of the right size is current.
const std::vector<std::string>& SpecReader::IssueNames() const {
  if (issue_names.size() != spec.issues.size()) {
    issue_names.clear();
    for (const IssueSpec& issue : spec.issues) issue_names.push_back(issue.name);
  }
  return issue_names;
}

const std::vector<std::string>& SpecReader::ActorNames() const {
  if (actor_names.size() != spec.actors.size()) {
    actor_names.clear();
    for (const ActorSpec& actor : spec.actors) actor_names.push_back(actor.name);
  }
  return actor_names;
}

ParamSpec SpecReader::Param(const Node& node, const std::string& path, const Domain& domain, int ordinal_issue) {
  const IssueSpec* ordinal = ordinal_issue >= 0 ? &spec.issues[static_cast<size_t>(ordinal_issue)] : nullptr;
  params[path] = {domain, ordinal_issue};
  ParamSpec param = ReadParam(ctx, node, path, domain, ordinal);
  param.domain_low = domain.low, param.domain_high = domain.high, param.domain_low_open = domain.low_open;
  return param;
}

ParamSpec SpecReader::Default(const std::string& path, const SourceLoc& loc, double value, const Domain& domain) {
  params[path] = {domain, -1};
  ParamSpec param;
  param.path = path;
  param.loc = loc;
  param.dist = Distribution::Constant(value);
  param.present = true;
  param.domain_low = domain.low, param.domain_high = domain.high, param.domain_low_open = domain.low_open;
  return param;
}

ParamSpec SpecReader::ParamOr(const Node& map, const std::string& key, const std::string& path,
                              const Domain& domain, double fallback) {
  if (const Node* node = map.Find(key)) return Param(*node, path, domain);
  return Default(path, map.loc, fallback, domain);
}

}  // namespace parley::reader

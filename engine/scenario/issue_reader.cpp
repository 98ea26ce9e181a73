// `issues:` (docs/schema.md): continuous scales and ordinal levels.
#include <algorithm>
#include <cmath>

#include "core/text.h"
#include "scenario/key_tables.h"
#include "scenario/reader_internal.h"

namespace parley::reader {

namespace {


// `scale: [low, high]` with low < high.
void ReadScale(SpecReader& r, const Node& node, const std::string& path, IssueSpec& issue) {
  if (!r.ctx.IsList(node, path, "[low, high]")) return;
  if (node.items.size() != 2) {
    r.ctx.Error(node.loc, path, "expected [low, high], got a list of " + std::to_string(node.items.size()));
    return;
  }
  std::optional<double> low = r.ctx.Number(node.items[0], Join(path, "0"));
  std::optional<double> high = r.ctx.Number(node.items[1], Join(path, "1"));
  if (!low || !high) return;
  if (!(*low < *high)) {
    r.ctx.Error(node.loc, path, "expected low < high, got [" + node.items[0].text + ", " + node.items[1].text + "]");
    return;
  }
  issue.low = *low, issue.high = *high;
}

// `levels: [a, b, ...]`: at least two distinct names, lowest first.
void ReadLevels(SpecReader& r, const Node& node, const std::string& path, IssueSpec& issue) {
  if (!r.ctx.IsList(node, path, "a list of level names")) return;
  for (size_t i = 0; i < node.items.size(); ++i) {
    const Node& item = node.items[i];
    std::string item_path = Join(path, std::to_string(i));
    std::optional<std::string> name = r.ctx.Text(item, item_path);
    if (!name || !r.ctx.CheckName(*name, item.loc, item_path, "a level name")) continue;
    if (std::find(issue.levels.begin(), issue.levels.end(), *name) != issue.levels.end()) {
      r.ctx.Error(item.loc, item_path, "expected distinct level names, got `" + *name + "` twice");
      continue;
    }
    issue.levels.push_back(*name);
  }
  if (node.items.size() < 2)
    r.ctx.Error(node.loc, path, "expected at least 2 levels, got " + std::to_string(node.items.size()));
}

// `anchors: {value: text}`: labels for points of a continuous scale.
void ReadAnchors(SpecReader& r, const Node& node, const std::string& path, IssueSpec& issue) {
  if (issue.ordinal) {
    r.ctx.Error(node.loc, path, "expected anchors only on a continuous issue (with `scale`), got them on an ordinal one");
    return;
  }
  if (!r.ctx.IsMap(node, path, "a map from points of the scale to text")) return;
  Domain scale = Domain::Closed(issue.low, issue.high);
  for (const Entry& entry : node.entries) {
    std::string entry_path = Join(path, entry.key);
    Node key = Node::MakeScalar(entry.key, entry.key_loc);
    std::optional<double> at = r.ctx.NumberIn(key, entry_path, scale);
    std::optional<std::string> text = r.ctx.Text(entry.value, entry_path);
    if (at && text) issue.anchors.emplace_back(*at, *text);
  }
}

IssueSpec ReadIssue(SpecReader& r, const Entry& entry) {
  const Node& node = entry.value;
  std::string path = Join("issues", entry.key);
  IssueSpec issue;
  issue.name = entry.key;
  issue.label = entry.key;
  issue.loc = entry.key_loc;
  if (!r.ctx.IsMap(node, path, "an issue map {scale: [low, high] or levels: [...], status_quo: ...}")) return issue;
  r.ctx.CheckKeys(node, path, keys::Issue());
  if (const Node* label = node.Find("label")) issue.label = r.ctx.Text(*label, Join(path, "label")).value_or(issue.name);
  const Node* scale = node.Find("scale");
  const Node* levels = node.Find("levels");
  if (scale && levels)
    r.ctx.Error(levels->loc, Join(path, "levels"), "expected either `scale` or `levels`, got both");
  else if (!scale && !levels)
    r.ctx.Error(node.loc, Join(path, "scale"),
                "missing required key: expected `scale: [low, high]` or `levels: [...]`, got neither");
  if (scale) ReadScale(r, *scale, Join(path, "scale"), issue);
  if (levels && !scale) {
    issue.ordinal = true;
    ReadLevels(r, *levels, Join(path, "levels"), issue);
  }
  if (const Node* anchors = node.Find("anchors")) ReadAnchors(r, *anchors, Join(path, "anchors"), issue);
  return issue;
}

}  // namespace

// Issues first, then their status quos: a status quo reads against its issue.
void ReadIssues(SpecReader& r, const Node& issues) {
  if (!r.ctx.IsMap(issues, "issues", "a map of issues")) return;
  if (issues.entries.empty()) r.ctx.Error(issues.loc, "issues", "expected at least one issue, got none");
  std::vector<const Node*> nodes;
  for (const Entry& entry : issues.entries) {
    std::string path = Join("issues", entry.key);
    if (RejectSynthetic(r.ctx, issues, entry, path, "an issue")) continue;
    r.ctx.CheckName(entry.key, entry.key_loc, path, "an issue name");
    r.spec.issues.push_back(ReadIssue(r, entry));
    nodes.push_back(&entry.value);
  }
  for (size_t k = 0; k < r.spec.issues.size(); ++k) {
    IssueSpec& issue = r.spec.issues[k];
    std::string path = Join("issues", issue.name);
    if (!nodes[k]->IsMap() || (issue.ordinal && issue.levels.size() < 2)) continue;
    const Node* sq = r.ctx.Require(*nodes[k], "status_quo", path, issue.ordinal ? "a level name" : "a point of the scale");
    if (sq) issue.status_quo = r.Param(*sq, path + ".status_quo", Domain::Closed(issue.low, issue.high),
                                       issue.ordinal ? static_cast<int>(k) : -1);
  }
}

}  // namespace parley::reader

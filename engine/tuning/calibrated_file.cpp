#include "tuning/calibrated_file.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>

#include "core/text.h"
#include "scenario/tree_paths.h"

namespace parley {

namespace {

namespace fs = std::filesystem;

// The keys to write: nested maps down to leaves holding YAML flow text.
struct Patch {
  std::vector<std::pair<std::string, std::unique_ptr<Patch>>> children;  // in first-override order
  std::string leaf;                                                     // set on leaves only
  std::vector<std::string> items;  // a restated list: its elements, one a line

  Patch& Child(const std::string& key) {
    for (auto& [k, child] : children)
      if (k == key) return *child;
    children.emplace_back(key, std::make_unique<Patch>());
    return *children.back().second;
  }
};

void Write(const Patch& patch, int indent, std::string& out) {
  for (const auto& [key, child] : patch.children) {
    out += std::string(indent, ' ') + YamlKey(key) + ":";
    if (!child->items.empty()) {
      out += "\n";
      for (const std::string& item : child->items) out += std::string(indent + 2, ' ') + "- " + item + "\n";
    } else if (child->children.empty()) {
      out += " " + child->leaf + "\n";
    } else {
      out += "\n";
      Write(*child, indent + 2, out);
    }
  }
}

bool Below(const std::string& path, const std::string& ancestor) {
  return path == ancestor || (path.size() > ancestor.size() && path.compare(0, ancestor.size(), ancestor) == 0 &&
                              path[ancestor.size()] == '.');
}

// The paths to restate: each override's path, or the list it crosses; none
// below another.
std::vector<std::string> PatchRoots(const yaml::Node& tree, const std::vector<std::string>& overrides) {
  std::vector<std::string> roots;
  for (const std::string& o : overrides) {
    std::string path = o.substr(0, o.find('='));
    std::string list = ListPrefix(tree, path);
    roots.push_back(list.empty() ? path : list);
  }
  std::vector<std::string> kept;
  for (const std::string& r : roots) {
    bool covered = std::any_of(roots.begin(), roots.end(), [&](const std::string& o) { return o != r && Below(r, o); });
    if (!covered && std::find(kept.begin(), kept.end(), r) == kept.end()) kept.push_back(r);
  }
  return kept;
}

}  // namespace

std::string CalibratedScenarioText(const std::string& input_path, const std::string& output_path,
                                   const std::vector<std::string>& overrides, const std::vector<std::string>& header) {
  yaml::Node tree = LoadMergedTree(input_path, overrides);
  Patch patch;
  for (const std::string& root : PatchRoots(tree, overrides)) {
    Patch* node = &patch;
    for (const std::string& key : Split(root, '.')) node = &node->Child(key);
    const yaml::Node* value = FindAtPath(tree, root);
    node->leaf = value ? FlowYaml(*value) : "~";  // absent after the overrides: deleted
    if (value && value->IsSequence())
      for (const yaml::Node& item : value->items) node->items.push_back(FlowYaml(item));
  }
  fs::path dir = fs::absolute(fs::path(output_path)).parent_path();
  std::string base = fs::relative(fs::absolute(fs::path(input_path)), dir).generic_string();
  std::string out;
  for (const std::string& line : header) out += "# " + line + "\n";
  out += "extends: " + FlowYaml(yaml::Node::MakeScalar(base, {})) + "\n";
  Write(patch, 0, out);
  return out;
}

}  // namespace parley

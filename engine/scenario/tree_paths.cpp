#include "scenario/tree_paths.h"

#include <cstdio>

#include "core/text.h"
#include "scenario/merge.h"

namespace parley {

using yaml::Kind;
using yaml::Node;

namespace {

// A list element by its `id`, else by a 0-based index (as --set names it).
const Node* Element(const Node& list, const std::string& key) {
  for (const Node& item : list.items)
    if (const Node* id = item.Find("id"); id && id->IsScalar() && id->text == key) return &item;
  bool digits = !key.empty() && key.size() < 10 && key.find_first_not_of("0123456789") == std::string::npos;
  if (digits && std::stoull(key) < list.items.size()) return &list.items[std::stoull(key)];
  return nullptr;
}

const Node* Child(const Node& node, const std::string& key) {
  if (node.IsMap()) return node.Find(key);
  if (node.IsSequence()) return Element(node, key);
  return nullptr;
}

std::string Join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

void CollectScalars(const Node& node, const std::string& path, std::vector<std::string>& out) {
  if (node.IsScalar()) out.push_back(path);
  for (const yaml::Entry& e : node.entries) CollectScalars(e.value, Join(path, e.key), out);
  for (size_t i = 0; i < node.items.size(); ++i) {
    const Node* id = node.items[i].Find("id");
    CollectScalars(node.items[i], Join(path, id && id->IsScalar() ? id->text : std::to_string(i)), out);
  }
}

bool IsToken(const std::string& text) {
  if (text.empty()) return false;
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
              c == '-' || c == '+';
    if (!ok) return false;
  }
  return text != "-";  // a lone dash would read as a list item
}

std::string DoubleQuoted(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
      out += buffer;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

}  // namespace

namespace {

Node WithOverrides(Node root, const std::vector<std::string>& overrides) {
  Diagnostics diags;
  ApplyOverrides(root, overrides, diags);
  diags.ThrowIfAny();
  return root;
}

}  // namespace

yaml::Node LoadMergedTree(const std::string& path, const std::vector<std::string>& overrides) {
  SourceFiles files;
  return WithOverrides(LoadWithExtends(path, &files), overrides);
}

yaml::Node LoadMergedTreeFromText(const std::string& text, const std::string& name,
                                  const std::vector<std::string>& overrides) {
  SourceFiles files;
  return WithOverrides(LoadTextWithExtends(text, name, &files), overrides);
}

const yaml::Node* FindAtPath(const yaml::Node& root, const std::string& path) {
  const Node* node = &root;
  for (const std::string& key : Split(path, '.')) {
    node = Child(*node, key);
    if (!node) return nullptr;
  }
  return node;
}

std::string ListPrefix(const yaml::Node& root, const std::string& path) {
  const Node* node = &root;
  std::string walked;
  for (const std::string& key : Split(path, '.')) {
    node = Child(*node, key);
    walked = Join(walked, key);
    if (!node) return "";
    if (node->IsSequence()) return walked;
  }
  return "";
}

std::vector<std::string> ScalarPaths(const yaml::Node& root) {
  std::vector<std::string> out;
  CollectScalars(root, "", out);
  return out;
}

std::string YamlKey(const std::string& key) { return IsToken(key) ? key : DoubleQuoted(key); }

std::string FlowYaml(const yaml::Node& node) {
  switch (node.kind) {
    case Kind::Null: return "~";
    case Kind::Scalar: return node.quoted || !IsToken(node.text) ? DoubleQuoted(node.text) : node.text;
    case Kind::Sequence: {
      std::string out = "[";
      for (size_t i = 0; i < node.items.size(); ++i) out += (i ? ", " : "") + FlowYaml(node.items[i]);
      return out + "]";
    }
    case Kind::Map: break;
  }
  std::string out = "{";
  for (size_t i = 0; i < node.entries.size(); ++i)
    out += (i ? ", " : "") + YamlKey(node.entries[i].key) + ": " + FlowYaml(node.entries[i].value);
  return out + "}";
}

}  // namespace parley

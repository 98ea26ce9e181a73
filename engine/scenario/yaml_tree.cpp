#include "scenario/yaml_tree.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace parley::yaml {

Node Node::MakeNull(SourceLoc loc) {
  Node node;
  node.loc = std::move(loc);
  return node;
}

Node Node::MakeScalar(std::string text, SourceLoc loc) {
  Node node;
  node.kind = Kind::Scalar;
  node.text = std::move(text);
  node.loc = std::move(loc);
  return node;
}

// Map lookups are linear: scenario maps hold a handful of keys.
const Entry* Node::FindEntry(std::string_view key) const {
  for (const Entry& e : entries)
    if (e.key == key) return &e;
  return nullptr;
}

Entry* Node::FindEntry(std::string_view key) {
  return const_cast<Entry*>(static_cast<const Node*>(this)->FindEntry(key));
}

const Node* Node::Find(std::string_view key) const {
  const Entry* e = FindEntry(key);
  return e ? &e->value : nullptr;
}

Node* Node::Find(std::string_view key) {
  Entry* e = FindEntry(key);
  return e ? &e->value : nullptr;
}

void Node::Erase(std::string_view key) {
  std::erase_if(entries, [&](const Entry& e) { return e.key == key; });
}

std::vector<std::string> Node::Keys() const {
  std::vector<std::string> keys;
  for (const Entry& e : entries) keys.push_back(e.key);
  return keys;
}

std::string Describe(const Node& node) {
  switch (node.kind) {
    case Kind::Null: return "nothing";
    case Kind::Sequence: return "a list";
    case Kind::Map: return "a map";
    case Kind::Scalar: break;
  }
  std::string text = node.text.size() > 60 ? node.text.substr(0, 57) + "..." : node.text;
  return node.quoted ? "\"" + text + "\"" : "`" + text + "`";
}

namespace {

std::string JoinPath(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 when invalid
// (truncated, overlong, surrogate or beyond U+10FFFF).
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  if (b < 0x80) return 1;
  size_t n = (b >= 0xC2 && b <= 0xDF) ? 2 : (b >= 0xE0 && b <= 0xEF) ? 3 : (b >= 0xF0 && b <= 0xF4) ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  unsigned char second = byte(i + 1);
  if (b == 0xE0 && second < 0xA0) return 0;  // overlong
  if (b == 0xED && second > 0x9F) return 0;  // surrogate
  if (b == 0xF0 && second < 0x90) return 0;  // overlong
  if (b == 0xF4 && second > 0x8F) return 0;  // beyond U+10FFFF
  return n;
}

std::string Hex(char c) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(c));
  return hex;
}

// Rejects text that is not UTF-8 before yaml-cpp sees it, at the offending byte.
void CheckUtf8(const std::string& text, const std::string& file) {
  if (text.rfind("\xFF\xFE", 0) == 0 || text.rfind("\xFE\xFF", 0) == 0)
    throw InputError({file, 1, 1}, "", "expected UTF-8 text, got UTF-16 (save the file as UTF-8)");
  int line = 1, col = 1;
  for (size_t i = 0; i < text.size();) {
    size_t n = Utf8SequenceLength(text, i);
    if (n == 0) throw InputError({file, line, col}, "", "expected UTF-8 text, got the byte " + Hex(text[i]));
    // YAML allows no control characters but tab and line breaks; a NUL or an
    // escape sequence would otherwise reach names, outputs and the terminal.
    unsigned char b = static_cast<unsigned char>(text[i]);
    if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F)
      throw InputError({file, line, col}, "", "expected printable text, got the control character " + Hex(text[i]));
    if (text[i] == '\n') ++line, col = 0;
    ++col;
    i += n;
  }
}

SourceLoc LocOf(const std::string& file, const YAML::Mark& mark) {
  if (mark.is_null()) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

struct Extent {
  std::size_t nodes = 0;
  int height = 0;
};

Extent ExtentOf(const Node& node) {
  Extent total{1, 1};
  auto add = [&](const Node& child) {
    Extent e = ExtentOf(child);
    total.nodes += e.nodes;
    total.height = std::max(total.height, e.height + 1);
  };
  for (const Node& item : node.items) add(item);
  for (const Entry& entry : node.entries) add(entry.value);
  return total;
}

// Builds the tree from yaml-cpp's events. Structural errors that make the rest
// meaningless (limits, bad aliases) throw at once; duplicate keys are collected.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const std::string& text, std::string file, ParseLimits limits)
      : text_(text), file_(std::move(file)), limits_(limits) {}

  std::optional<Node> root;
  Diagnostics diags;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Node node;
    node.loc = LocOf(file_, mark);
    Finish(std::move(node), anchor);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    Node node;
    node.kind = Kind::Scalar;
    node.loc = LocOf(file_, mark);
    node.text = value;
    node.quoted = tag != "?";  // yaml-cpp tags plain scalars "?", quoted ones "!"
    if (node.quoted) CheckClosingQuote(mark, node.loc);
    Finish(std::move(node), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override;

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Open(Kind::Sequence, mark, anchor);
  }
  void OnSequenceEnd() override { Close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Open(Kind::Map, mark, anchor);
  }
  void OnMapEnd() override { Close(); }

 private:
  struct Frame {
    Node node;
    YAML::anchor_t anchor = 0;
    std::string path;
    std::optional<Entry> key;     // a map's key waiting for its value
    bool key_quoted = false;
    bool key_ok = true;           // false: the key was rejected, drop its value
    std::unordered_set<std::string> merged;  // keys that came from `<<` and may be restated
    // Key -> entry index, so that duplicate checks stay linear in the map's
    // size: a linear search per key made a 300,000-key map take minutes.
    std::unordered_map<std::string, std::size_t> index;
  };

  static Entry* Lookup(Frame& frame, const std::string& key) {
    auto it = frame.index.find(key);
    return it == frame.index.end() ? nullptr : &frame.node.entries[it->second];
  }
  void CheckLength(const Frame& frame, std::size_t size, const SourceLoc& loc, const char* what) const {
    if (size >= limits_.max_entries)
      throw InputError(loc, frame.path, "expected at most " + std::to_string(limits_.max_entries) + " " + what +
                                            ", got more");
  }
  void Append(Frame& frame, Entry entry) {
    CheckLength(frame, frame.node.entries.size(), entry.key_loc, "keys in one map");
    frame.index.emplace(entry.key, frame.node.entries.size());
    frame.node.entries.push_back(std::move(entry));
  }

  void Count(std::size_t nodes, const SourceLoc& loc);
  void CheckClosingQuote(const YAML::Mark& mark, const SourceLoc& loc) const;
  void Open(Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor);
  void Close();
  void Finish(Node node, YAML::anchor_t anchor);
  void Attach(Node node);
  void TakeKey(Frame& frame, Node key);
  void AddEntry(Frame& frame, Entry entry);
  void MergeKey(Frame& frame, const Entry& entry);
  std::string ChildPath() const;

  const std::string& text_;
  std::string file_;
  ParseLimits limits_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, std::pair<Node, Extent>> anchors_;
  std::size_t nodes_ = 0;
};

// yaml-cpp takes a quoted value that is never closed as running to the end of
// the file, which silently swallows the rest of the scenario. A quote at the
// scalar's mark must be closed: `\x` escapes in "...", `''` in '...'. Each
// scan stops where the scalar ends, so the check stays linear.
void TreeBuilder::CheckClosingQuote(const YAML::Mark& mark, const SourceLoc& loc) const {
  if (mark.is_null() || mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size()) return;
  const char quote = text_[static_cast<std::size_t>(mark.pos)];
  if (quote != '"' && quote != '\'') return;  // an explicit tag, not a quote
  for (std::size_t i = static_cast<std::size_t>(mark.pos) + 1; i < text_.size(); ++i) {
    if (quote == '"' && text_[i] == '\\') ++i;
    else if (text_[i] == quote && quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') ++i;
    else if (text_[i] == quote) return;
  }
  throw InputError(loc, ChildPath(), std::string("invalid YAML: expected a closing ") + quote +
                                         " for the value quoted here, got the end of the file");
}

// The node budget bounds memory and time for alias bombs.
void TreeBuilder::Count(std::size_t nodes, const SourceLoc& loc) {
  nodes_ += nodes;
  if (nodes_ > limits_.max_nodes)
    throw InputError(loc, ChildPath(), "document too large (alias expansion): expected at most " +
                                           std::to_string(limits_.max_nodes) + " nodes, got more");
}

// Path of the node about to be attached, for messages.
std::string TreeBuilder::ChildPath() const {
  if (stack_.empty()) return "";
  const Frame& top = stack_.back();
  if (top.node.IsSequence()) return JoinPath(top.path, std::to_string(top.node.items.size()));
  return top.key ? JoinPath(top.path, top.key->key) : top.path;
}

void TreeBuilder::Open(Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
  SourceLoc loc = LocOf(file_, mark);
  if (static_cast<int>(stack_.size()) >= limits_.max_depth)
    throw InputError(loc, ChildPath(), "expected at most " + std::to_string(limits_.max_depth) +
                                           " nested levels, got deeper nesting");
  Count(1, loc);
  Frame frame;
  frame.node.kind = kind;
  frame.node.loc = loc;
  frame.anchor = anchor;
  frame.path = ChildPath();
  stack_.push_back(std::move(frame));
}

void TreeBuilder::Close() {
  Frame frame = std::move(stack_.back());
  stack_.pop_back();
  Finish(std::move(frame.node), frame.anchor);
}

void TreeBuilder::Finish(Node node, YAML::anchor_t anchor) {
  if (node.kind == Kind::Null || node.kind == Kind::Scalar) Count(1, node.loc);
  // The anchor keeps a copy, which counts too: nested anchors would otherwise
  // copy a large subtree once per level, past any budget.
  if (anchor != 0) {
    Extent extent = ExtentOf(node);
    Count(extent.nodes, node.loc);
    anchors_[anchor] = {node, extent};
  }
  Attach(std::move(node));
}

// Expands an alias into a copy, checking the budget before copying.
void TreeBuilder::OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) {
  SourceLoc loc = LocOf(file_, mark);
  auto it = anchors_.find(anchor);
  if (it == anchors_.end())
    throw InputError(loc, ChildPath(), "expected an alias to a finished node, got an alias inside its own anchor");
  const auto& [anchored, extent] = it->second;
  if (static_cast<int>(stack_.size()) + extent.height > limits_.max_depth)
    throw InputError(loc, ChildPath(), "expected at most " + std::to_string(limits_.max_depth) +
                                           " nested levels, got deeper nesting through an alias");
  Count(extent.nodes, loc);
  Node copy = anchored;
  copy.loc = loc;
  Attach(std::move(copy));
}

void TreeBuilder::Attach(Node node) {
  if (stack_.empty()) {
    root = std::move(node);
    return;
  }
  Frame& top = stack_.back();
  if (top.node.IsSequence()) {
    CheckLength(top, top.node.items.size(), node.loc, "items in one list");
    top.node.items.push_back(std::move(node));
  } else if (!top.key) {
    TakeKey(top, std::move(node));
  } else {
    Entry entry = std::move(*top.key);
    top.key.reset();
    // An empty value has no text of its own; point at its key instead.
    if (node.IsNull() && node.loc.line != entry.key_loc.line) node.loc = entry.key_loc;
    entry.value = std::move(node);
    if (top.key_ok) AddEntry(top, std::move(entry));
  }
}

// Map keys must be text: the schema names everything by its key.
void TreeBuilder::TakeKey(Frame& frame, Node key) {
  frame.key = Entry{key.text, key.loc, {}};
  frame.key_quoted = key.quoted;
  frame.key_ok = key.IsScalar();
  if (!frame.key_ok)
    diags.Add(key.loc, frame.path, "expected a text key, got " + Describe(key) + " as a key");
}

void TreeBuilder::AddEntry(Frame& frame, Entry entry) {
  if (entry.key == "<<" && !frame.key_quoted) return MergeKey(frame, entry);
  if (Entry* existing = Lookup(frame, entry.key)) {
    if (frame.merged.erase(entry.key) > 0) {
      *existing = std::move(entry);
    } else {
      diags.Add(entry.key_loc, JoinPath(frame.path, entry.key),
                "expected each key once, got a duplicate key (first at line " +
                    std::to_string(existing->key_loc.line) + ")");
    }
    return;
  }
  Append(frame, std::move(entry));
}

// `<<: *base` or `<<: [*a, *b]`: copy in the keys not stated yet; earlier maps win.
void TreeBuilder::MergeKey(Frame& frame, const Entry& entry) {
  std::vector<const Node*> sources;
  if (entry.value.IsMap()) sources.push_back(&entry.value);
  for (const Node& item : entry.value.items) sources.push_back(&item);
  for (const Node* source : sources) {
    if (!source->IsMap()) {
      diags.Add(source->loc, JoinPath(frame.path, "<<"),
                "expected a map or a list of maps to merge, got " + Describe(*source));
      continue;
    }
    for (const Entry& e : source->entries) {
      if (Lookup(frame, e.key)) continue;
      Append(frame, e);
      frame.merged.insert(e.key);
    }
  }
  if (!entry.value.IsMap() && !entry.value.IsSequence())
    diags.Add(entry.value.loc, JoinPath(frame.path, "<<"),
              "expected a map or a list of maps to merge, got " + Describe(entry.value));
}

}  // namespace

Node ParseDocument(const std::string& text, const std::string& file, const ParseLimits& limits) {
  CheckUtf8(text, file);
  std::istringstream stream(text);
  TreeBuilder builder(text, file, limits);
  try {
    YAML::Parser parser(stream);
    parser.HandleNextDocument(builder);
    // A second document would be silently ignored; say so instead.
    TreeBuilder rest(text, file, limits);
    if (parser.HandleNextDocument(rest) && rest.root)
      throw InputError(rest.root->loc, "", "expected one YAML document, got a second one");
  } catch (const YAML::ParserException& e) {
    throw InputError(LocOf(file, e.mark), "", "invalid YAML: " + e.msg);
  }
  builder.diags.ThrowIfAny();
  return builder.root ? std::move(*builder.root) : Node::MakeNull({file, 1, 1});
}

bool ReadFileBytes(const std::string& path, std::string* bytes, std::string* error) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    *error = "expected a scenario file, got a directory";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = std::string("cannot open the file: ") + std::strerror(errno);
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    *error = std::string("cannot read the file: ") + std::strerror(errno);
    return false;
  }
  *bytes = buffer.str();
  return true;
}

void RequireScenarioMap(const Node& root, const std::string& file) {
  if (root.IsNull()) throw InputError({file, 0, 0}, "", "empty file: expected a scenario map");
  if (!root.IsMap())
    throw InputError(root.loc, "", "expected a scenario map (key: value lines), got " + Describe(root));
}

}  // namespace parley::yaml

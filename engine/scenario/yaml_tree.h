// A located YAML document tree: the loader's view of a scenario file.
//
// yaml-cpp's YAML::Node forgets where things stand and silently keeps one of
// two duplicate keys, so the tree is built from the parser's event stream
// instead. Every node and every map key keeps its SourceLoc (1-based line and
// column, and the file it stands in), map entries keep file order, and scalars
// remember whether they were quoted, so `"0.3"` is text and `0.3` a number.
//
// Parsing rejects, each with a located error: syntax errors, duplicate keys,
// non-text map keys, invalid UTF-8, control characters (NUL, escape, ...),
// nesting deeper than ParseLimits::max_depth, maps or lists longer than
// ParseLimits::max_entries and alias expansion past ParseLimits::max_nodes
// ("billion laughs"; anchored copies count). Aliases
// are expanded into copies; the copy's root stands at the alias, the nodes
// inside it at the anchored text. Merge keys (`<<: *base`) are supported:
// keys stated in the map win over merged ones.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace parley::yaml {

enum class Kind { Null, Scalar, Sequence, Map };

struct Entry;

struct Node {
  Kind kind = Kind::Null;
  SourceLoc loc;
  std::string text;        // Scalar: its text, unescaped
  bool quoted = false;     // Scalar: written in quotes (or with an explicit tag)
  bool synthetic = false;  // Map: created by a --set override for a missing key
  std::vector<Node> items;     // Sequence
  std::vector<Entry> entries;  // Map, in file order

  static Node MakeNull(SourceLoc loc);
  static Node MakeScalar(std::string text, SourceLoc loc);

  bool IsNull() const { return kind == Kind::Null; }
  bool IsScalar() const { return kind == Kind::Scalar; }
  bool IsMap() const { return kind == Kind::Map; }
  bool IsSequence() const { return kind == Kind::Sequence; }

  // Map lookups by key text; nullptr when absent (or not a map).
  const Node* Find(std::string_view key) const;
  Node* Find(std::string_view key);
  const Entry* FindEntry(std::string_view key) const;
  Entry* FindEntry(std::string_view key);
  // Removes the entry with this key, if any.
  void Erase(std::string_view key);
  std::vector<std::string> Keys() const;
};

struct Entry {
  std::string key;
  SourceLoc key_loc;
  Node value;
};

struct ParseLimits {
  std::size_t max_nodes = 1'000'000;  // after alias expansion
  int max_depth = 64;                 // nested maps and lists
  // Entries of one map or items of one list. Far above any scenario's needs,
  // it keeps the readers' per-name lookups and checks fast on any input.
  std::size_t max_entries = 10'000;
};

// Parses one YAML document. `file` names it in every SourceLoc. Empty text
// (or only comments) gives a Null node. Throws InputError.
Node ParseDocument(const std::string& text, const std::string& file, const ParseLimits& limits = {});

// Reads a file's bytes; on failure returns false and sets `error` to why
// (missing, a directory, unreadable).
bool ReadFileBytes(const std::string& path, std::string* bytes, std::string* error);

// Throws unless `root` is a map: "empty file: expected a scenario map" for an
// empty document, else what it got.
void RequireScenarioMap(const Node& root, const std::string& file);

// How a node reads in "got ..." messages: `text`, "text" (quoted), a map,
// a list, nothing.
std::string Describe(const Node& node);

}  // namespace parley::yaml

#include "scenario/merge.h"

#include <filesystem>
#include <functional>

#include "core/text.h"

namespace parley {

namespace fs = std::filesystem;
using yaml::Entry;
using yaml::Kind;
using yaml::Node;

namespace {

// Deeper chains than this are certainly a mistake (cycles are caught apart).
constexpr size_t kMaxExtendsDepth = 32;

struct Link {
  std::string display;    // as messages show it
  std::string canonical;  // for cycle detection
};

std::string CanonicalOf(const fs::path& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  return ec ? path.lexically_normal().string() : canonical.string();
}

std::string ChainText(const std::vector<Link>& chain, const std::string& last) {
  std::string text;
  for (const Link& link : chain) text += link.display + " -> ";
  return text + last;
}

Node ResolveExtends(Node doc, const fs::path& dir, std::vector<Link>& chain, SourceFiles* files);

// Reads and parses the base file an `extends:` entry names, and its own bases.
Node LoadBase(const Node& value, const fs::path& dir, std::vector<Link>& chain, SourceFiles* files) {
  if (!value.IsScalar() || value.text.empty())
    throw InputError(value.loc, "extends", "expected the path of a scenario file, got " + yaml::Describe(value));
  fs::path path = (dir / value.text).lexically_normal();
  std::string display = path.generic_string();
  std::string canonical = CanonicalOf(path);
  for (const Link& link : chain)
    if (link.canonical == canonical)
      throw InputError(value.loc, "extends", "expected a chain of files without a cycle, got " + ChainText(chain, display));
  if (chain.size() >= kMaxExtendsDepth)
    throw InputError(value.loc, "extends", "expected at most " + std::to_string(kMaxExtendsDepth) +
                                               " files in an extends chain, got more");
  std::string bytes, error;
  if (!yaml::ReadFileBytes(path.string(), &bytes, &error))
    throw InputError(value.loc, "extends", "cannot read `" + display + "`: " + error);
  files->names.push_back(display);
  files->bytes += bytes;
  Node base = yaml::ParseDocument(bytes, display);
  yaml::RequireScenarioMap(base, display);
  chain.push_back({display, canonical});
  return ResolveExtends(std::move(base), path.parent_path(), chain, files);
}

// Replaces a document that extends a base by the base with the document merged on.
Node ResolveExtends(Node doc, const fs::path& dir, std::vector<Link>& chain, SourceFiles* files) {
  const Entry* extends = doc.FindEntry("extends");
  if (!extends) return doc;
  Node value = extends->value;
  doc.Erase("extends");
  Node base = LoadBase(value, dir, chain, files);
  MergeOnto(base, std::move(doc));
  return base;
}

Node LoadTop(const std::string& bytes, const std::string& name, const std::string& canonical,
             const fs::path& dir, SourceFiles* files) {
  files->names.push_back(name);
  files->bytes += bytes;
  Node doc = yaml::ParseDocument(bytes, name);
  yaml::RequireScenarioMap(doc, name);
  std::vector<Link> chain{{name, canonical}};
  return ResolveExtends(std::move(doc), dir, chain, files);
}

}  // namespace

yaml::Node LoadWithExtends(const std::string& path, SourceFiles* files) {
  std::string bytes, error;
  if (!yaml::ReadFileBytes(path, &bytes, &error)) throw InputError({path, 0, 0}, "", error);
  return LoadTop(bytes, path, CanonicalOf(path), fs::path(path).parent_path(), files);
}

yaml::Node LoadTextWithExtends(const std::string& text, const std::string& name, SourceFiles* files) {
  // Text in memory is no file, so it cannot be part of a cycle.
  return LoadTop(text, name, "<memory>:" + name, fs::path(), files);
}

void MergeOnto(Node& base, Node variant) {
  if (!base.IsMap() || !variant.IsMap()) {
    base = std::move(variant);
    return;
  }
  // The merged map stands where the most derived file states it.
  base.loc = variant.loc;
  for (Entry& entry : variant.entries) {
    Entry* existing = base.FindEntry(entry.key);
    if (entry.value.IsNull()) {
      base.Erase(entry.key);
    } else if (!existing) {
      base.entries.push_back(std::move(entry));
    } else {
      existing->key_loc = entry.key_loc;
      MergeOnto(existing->value, std::move(entry.value));
    }
  }
}

namespace {

struct Segment {
  std::string key;
  int col = 1;  // 1-based column in the argument
};

SourceLoc SetLoc(int index, int col) { return {"--set", index, col}; }

std::string JoinPath(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

void ForEachLoc(Node& node, const std::function<void(SourceLoc&)>& fn) {
  fn(node.loc);
  for (Node& item : node.items) ForEachLoc(item, fn);
  for (Entry& entry : node.entries) {
    fn(entry.key_loc);
    ForEachLoc(entry.value, fn);
  }
}

// Parses VALUE and moves its locations (and those of its errors) into the argument.
Node ParseValue(const std::string& text, int index, int offset) {
  auto shift = [&](SourceLoc& loc) {
    if (loc.line <= 1) loc.col = std::max(loc.col, 1) + offset;
    loc.line = index;
    loc.file = "--set";
  };
  try {
    Node value = yaml::ParseDocument(text, "--set");
    ForEachLoc(value, shift);
    return value;
  } catch (const InputError& e) {
    std::vector<Diagnostic> diagnostics = e.diagnostics();
    for (Diagnostic& d : diagnostics) shift(d.loc);
    throw InputError(std::move(diagnostics));
  }
}

std::vector<Segment> SplitPath(const std::string& path, int index) {
  std::vector<Segment> segments;
  int col = 1;
  for (const std::string& key : Split(path, '.')) {
    if (key.empty())
      throw InputError(SetLoc(index, col), path, "expected keys joined by `.`, got an empty key");
    segments.push_back({key, col});
    col += static_cast<int>(key.size()) + 1;
  }
  return segments;
}

// A list element named by its `id` or its 0-based index.
size_t ElementIndex(const Node& list, const Segment& seg, const std::string& walked, int index) {
  std::vector<std::string> ids;
  for (size_t i = 0; i < list.items.size(); ++i) {
    const Node* id = list.items[i].Find("id");
    if (!id || !id->IsScalar()) continue;
    if (id->text == seg.key) return i;
    ids.push_back(id->text);
  }
  bool digits = seg.key.size() < 10 && seg.key.find_first_not_of("0123456789") == std::string::npos;
  if (digits && std::stoull(seg.key) < list.items.size()) return std::stoull(seg.key);
  std::string expected = ids.empty() ? "a 0-based index below " + std::to_string(list.items.size())
                                     : "the id of an element (" + JoinChoices(ids) + ") or a 0-based index";
  throw InputError(SetLoc(index, seg.col), JoinPath(walked, seg.key),
                   "expected " + expected + " of `" + walked + "`, got `" + seg.key + "`" + DidYouMean(seg.key, ids));
}

[[noreturn]] void NotAContainer(const Node& node, const Segment& seg, const std::string& walked, int index) {
  throw InputError(SetLoc(index, seg.col), JoinPath(walked, seg.key),
                   "expected `" + walked + "` to be a map or a list, got " + yaml::Describe(node));
}

// One step down the path, creating a missing map key.
Node& Step(Node& node, const Segment& seg, const std::string& walked, int index) {
  if (node.IsNull()) node.kind = Kind::Map;
  if (node.IsSequence()) return node.items[ElementIndex(node, seg, walked, index)];
  if (!node.IsMap()) NotAContainer(node, seg, walked, index);
  if (Node* child = node.Find(seg.key)) return *child;
  Node created;
  created.kind = Kind::Map;
  created.loc = SetLoc(index, seg.col);
  created.synthetic = true;
  node.entries.push_back({seg.key, created.loc, std::move(created)});
  return node.entries.back().value;
}

// Sets (or, for a null value, deletes) the last key of the path.
void SetLast(Node& parent, const Segment& seg, Node value, const std::string& walked, int index) {
  if (parent.IsNull()) parent.kind = Kind::Map;
  if (parent.IsSequence()) {
    size_t i = ElementIndex(parent, seg, walked, index);
    if (value.IsNull()) parent.items.erase(parent.items.begin() + static_cast<long>(i));
    else parent.items[i] = std::move(value);
    return;
  }
  if (!parent.IsMap()) NotAContainer(parent, seg, walked, index);
  if (value.IsNull()) return parent.Erase(seg.key);
  if (Node* existing = parent.Find(seg.key)) *existing = std::move(value);
  else parent.entries.push_back({seg.key, SetLoc(index, seg.col), std::move(value)});
}

}  // namespace

void ApplyOverride(Node& root, const std::string& argument, int index) {
  size_t eq = argument.find('=');
  if (eq == std::string::npos)
    throw InputError(SetLoc(index, 1), "", "expected PATH=VALUE, got `" + argument + "`");
  std::string path = argument.substr(0, eq), text = argument.substr(eq + 1);
  if (path.empty())
    throw InputError(SetLoc(index, 1), "", "expected a key path before `=`, got `" + argument + "`");
  if (text.find_first_not_of(" \t") == std::string::npos)
    throw InputError(SetLoc(index, static_cast<int>(eq) + 2), path,
                     "expected a value after `=` (a number, a level name, a {dist: ...} map or ~), got nothing");
  std::vector<Segment> segments = SplitPath(path, index);
  Node value = ParseValue(text, index, static_cast<int>(eq) + 1);
  Node* node = &root;
  std::string walked;
  for (size_t i = 0; i + 1 < segments.size(); ++i) {
    // `events` is a list of elements named by id: with none in the file, a
    // path into it names an event that does not exist (not a map to create).
    if (walked.empty() && segments[i].key == "events" && !(node->IsMap() && node->Find("events")))
      throw InputError(SetLoc(index, segments[i + 1].col), JoinPath("events", segments[i + 1].key),
                       "no event `" + segments[i + 1].key + "`: the scenario has no events (add one to its `events:` list)");
    node = &Step(*node, segments[i], walked, index);
    walked = JoinPath(walked, segments[i].key);
  }
  SetLast(*node, segments.back(), std::move(value), walked, index);
}

void ApplyOverrides(Node& root, const std::vector<std::string>& arguments, Diagnostics& diags) {
  for (size_t i = 0; i < arguments.size(); ++i) {
    try {
      ApplyOverride(root, arguments[i], static_cast<int>(i) + 1);
    } catch (const InputError& e) {
      diags.Append(e);
    }
  }
}

}  // namespace parley

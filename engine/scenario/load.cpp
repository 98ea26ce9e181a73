// parse -> extends -> overrides -> read (load.h).
#include "scenario/load.h"

#include "scenario/merge.h"
#include "scenario/spec_reader.h"

namespace parley {

namespace {

// protocol.kind as the file (with its extends) writes it; the default kind
// when the file names none; empty when it is not a name (the reader reports it).
std::string FileProtocolKind(const yaml::Node& root) {
  const yaml::Node* protocol = root.IsMap() ? root.Find("protocol") : nullptr;
  if (!protocol || !protocol->IsMap()) return "alternating_offers";
  const yaml::Node* kind = protocol->Find("kind");
  if (!kind) return "alternating_offers";
  return kind->IsScalar() ? kind->text : "";
}

// Overrides and the schema both report; the user sees every error at once.
ScenarioSpec Finish(yaml::Node root, SourceFiles files, const std::vector<std::string>& overrides) {
  Diagnostics diags;
  std::string file_kind = FileProtocolKind(root);
  ApplyOverrides(root, overrides, diags);
  ScenarioSpec spec;
  try {
    spec = ReadScenarioSpec(root, file_kind);
  } catch (const InputError& e) {
    diags.Append(e);
  }
  diags.ThrowIfAny();
  spec.files = std::move(files.names);
  spec.source_text = std::move(files.bytes);
  spec.overrides = overrides;
  return spec;
}

}  // namespace

ScenarioSpec LoadScenarioSpec(const std::string& path, const std::vector<std::string>& overrides) {
  SourceFiles files;
  yaml::Node root = LoadWithExtends(path, &files);
  return Finish(std::move(root), std::move(files), overrides);
}

ScenarioSpec LoadScenarioSpecFromString(const std::string& text, const std::string& name,
                                        const std::vector<std::string>& overrides) {
  SourceFiles files;
  yaml::Node root = LoadTextWithExtends(text, name, &files);
  return Finish(std::move(root), std::move(files), overrides);
}

}  // namespace parley

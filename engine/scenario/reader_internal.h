// Shared pieces of the spec reader (spec_reader.cpp and its sibling files):
// typed reads that report what was expected and what was got, parameter
// domains, and one reader per section of the schema (docs/schema.md).
//
// Readers never stop at the first error: each reports into the one
// Diagnostics of the pass and carries on with a placeholder, so the user sees
// every problem of the file at once.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/domain.h"
#include "core/numbers.h"
#include "scenario/spec.h"
#include "scenario/yaml_tree.h"

namespace parley::reader {

using yaml::Entry;
using yaml::Node;

std::string Join(const std::string& path, const std::string& key);

using parley::Domain;  // core/domain.h: the interval every draw of a parameter must stay in

// The error collector and the typed scalar reads.
class Ctx {
 public:
  void Error(const SourceLoc& loc, const std::string& path, const std::string& message);
  const Diagnostics& diags() const { return diags_; }

  // False (after reporting) unless `node` is a map; a null reads as an empty map.
  bool IsMap(const Node& node, const std::string& path, const std::string& expected);
  bool IsList(const Node& node, const std::string& path, const std::string& expected);
  // Reports every key of `map` that is not in `allowed`, with a suggestion.
  void CheckKeys(const Node& map, const std::string& path, const std::vector<std::string>& allowed);
  // The value of a required key, or nullptr after reporting its absence at the map.
  const Node* Require(const Node& map, const std::string& key, const std::string& path,
                      const std::string& expected);

  std::optional<double> Number(const Node& node, const std::string& path);
  std::optional<double> NumberIn(const Node& node, const std::string& path, const Domain& domain);
  std::optional<long long> Integer(const Node& node, const std::string& path, long long low,
                                   long long high = std::numeric_limits<long long>::max());
  std::optional<bool> Bool(const Node& node, const std::string& path);
  std::optional<std::string> Text(const Node& node, const std::string& path);
  std::optional<std::string> OneOf(const Node& node, const std::string& path,
                                   const std::vector<std::string>& choices);
  // Names become key-path segments, so they hold letters, digits, `_` and `-` only.
  bool CheckName(const std::string& name, const SourceLoc& loc, const std::string& path,
                 const std::string& what);
  // The index of `name` in `names`, or -1 after reporting "expected `what`: names, got name".
  int Lookup(const std::string& name, const SourceLoc& loc, const std::string& path,
             const std::vector<std::string>& names, const std::string& what);

 private:
  Diagnostics diags_;
};

// True (after reporting) when a map entry was created by --set for a missing
// key: an override cannot add an actor or an issue, so `actors.rusia.risk=2`
// is a typo, not a new actor.
bool RejectSynthetic(Ctx& ctx, const Node& section, const Entry& entry, const std::string& path,
                     const std::string& what);

// Reads a parameter: a number or `{dist: ...}` checked against `domain`; for an
// ordinal issue (`ordinal` not null), a level name or a choice over levels.
ParamSpec ReadParam(Ctx& ctx, const Node& node, const std::string& path, const Domain& domain,
                    const IssueSpec* ordinal);

// What a parameter path accepts, so an effect's `set` can be checked against it.
struct ParamTarget {
  Domain domain;
  int ordinal_issue = -1;  // the issue whose level the parameter is, or -1
};

// The state the section readers share.
struct SpecReader {
  Ctx ctx;
  ScenarioSpec spec;
  std::map<std::string, ParamTarget> params;  // every parameter read so far, by path
  mutable std::vector<std::string> issue_names, actor_names;
  std::string file_kind;                     // protocol.kind as the file wrote it, before overrides
  std::vector<std::string> protocol_blocks;  // the file's kind, then each protocol with a block  // caches of IssueNames() and ActorNames()

  // The names in file order, kept between calls: lookups run once per map
  // entry, and copying every name each time made large files quadratic.
  const std::vector<std::string>& IssueNames() const;
  const std::vector<std::string>& ActorNames() const;
  // Reads a parameter and records its path (as a possible effect target).
  ParamSpec Param(const Node& node, const std::string& path, const Domain& domain, int ordinal_issue = -1);
  // A parameter the file leaves out: the constant `value`, standing at `loc`.
  ParamSpec Default(const std::string& path, const SourceLoc& loc, double value, const Domain& domain);
  // `key` of `map` as a parameter, or the default when the key is absent.
  ParamSpec ParamOr(const Node& map, const std::string& key, const std::string& path, const Domain& domain,
                    double fallback);
};

// One reader per section; each takes the section's node (null when absent).
void ReadIssues(SpecReader& r, const Node& issues);      // issue_reader.cpp
void ReadActors(SpecReader& r, const Node& actors);      // actor_reader.cpp
void ReadProtocol(SpecReader& r, const Node& protocol);  // protocol_reader.cpp
void ReadDynamics(SpecReader& r, const Node& dynamics);  // event_reader.cpp
void ReadEvents(SpecReader& r, const Node& events);      // event_reader.cpp
void ReadReport(SpecReader& r, const Node& report);      // protocol_reader.cpp
// After ReadProtocol: `keys` (path, location) of actor keys only one protocol reads.
void CheckProtocolActorKeys(SpecReader& r, const std::vector<std::pair<std::string, SourceLoc>>& keys);

}  // namespace parley::reader

// `protocol:` and `report:` (docs/schema.md, docs/model.md §4, docs/outputs.md §2).
//
// Each protocol owns its parameters (protocols/schemas.h). `protocol:` holds
// `kind:` and the parameters of that kind; a block named after another
// protocol holds that protocol's parameters, for `--protocol NAME`:
//
//   protocol: {kind: alternating_offers, breakdown: 0.02, nash: {weights: {a: 2, b: 1}}}
//
// The file's kind is the one it names before any override, so `--protocol P`
// (an override of protocol.kind) reads P's parameters from its block and
// leaves the top-level ones, written for the file's kind, unused. Every block
// is read and checked whichever protocol runs.
#include <algorithm>
#include <climits>
#include <cmath>

#include "core/text.h"
#include "protocols/schemas.h"
#include "scenario/key_tables.h"
#include "scenario/reader_internal.h"

namespace parley::reader {

namespace {

// `proposers: [actor, ...]`: distinct actors of the scenario.
void ReadProposers(SpecReader& r, const Node& node, const std::string& path, ProtocolSpec& p) {
  p.proposers_loc = node.loc;
  if (!r.ctx.IsList(node, path, "a list of actor names")) return;
  for (size_t i = 0; i < node.items.size(); ++i) {
    const Node& item = node.items[i];
    std::string item_path = Join(path, std::to_string(i));
    std::optional<std::string> name = r.ctx.Text(item, item_path);
    int a = name ? r.ctx.Lookup(*name, item.loc, item_path, r.ActorNames(), "an actor") : -1;
    if (a < 0) continue;
    if (std::find(p.proposers.begin(), p.proposers.end(), a) != p.proposers.end())
      r.ctx.Error(item.loc, item_path, "expected each proposer once, got `" + *name + "` twice");
    else
      p.proposers.push_back(a);
  }
}

// Reads `{actor: weight}` into one weight per candidate (0 when unlisted), and
// reports the unlisted candidates that `required` marks.
std::vector<double> ReadActorWeights(SpecReader& r, const Node& node, const std::string& path,
                                     const std::vector<int>& candidates, const std::vector<bool>& required,
                                     const Domain& domain, const std::string& what, const std::string& who) {
  std::vector<std::string> names;
  for (int a : candidates) names.push_back(r.spec.actors[static_cast<size_t>(a)].name);
  std::vector<double> weights(candidates.size(), 0.0);
  for (const Entry& e : node.entries) {
    int j = r.ctx.Lookup(e.key, e.key_loc, Join(path, e.key), names, what);
    std::optional<double> w = r.ctx.NumberIn(e.value, Join(path, e.key), domain);
    if (j >= 0 && w) weights[static_cast<size_t>(j)] = *w;
  }
  std::vector<std::string> missing;
  for (size_t j = 0; j < names.size(); ++j)
    if (required[j] && !node.Find(names[j])) missing.push_back(names[j]);
  if (!missing.empty())
    r.ctx.Error(node.loc, path, "expected a weight for every " + who + ", got none for " + JoinChoices(missing));
  return weights;
}

std::vector<int> VetoActors(const ScenarioSpec& spec) {
  std::vector<int> veto;
  for (size_t a = 0; a < spec.actors.size(); ++a)
    if (spec.actors[a].veto) veto.push_back(static_cast<int>(a));
  return veto;
}

// `recognition: {actor: weight}` for `order: random`: one weight per proposer,
// every proposer listed. Without `proposers:` the proposers are the veto
// actors, and they are then filled in so the weights line up with them.
void ReadRecognition(SpecReader& r, const Node& node, const std::string& path, const Domain& domain,
                     ProtocolSpec& p) {
  if (!r.ctx.IsMap(node, path, "a map from each proposer to a weight >= 0")) return;
  if (p.proposers.empty()) p.proposers = VetoActors(r.spec);
  std::vector<bool> required(p.proposers.size(), true);
  std::vector<double> weights = ReadActorWeights(r, node, path, p.proposers, required, domain, "a proposer",
                                                 "proposer");
  double sum = 0;
  for (double w : weights) sum += w;
  if (!(sum > 0)) r.ctx.Error(node.loc, path, "expected weights with a positive sum, got a sum of 0");
  p.recognition = weights;
}

// `weights: {actor: w}` for `nash`: one weight per actor (0 when unlisted);
// only the veto actors bargain there, so every veto actor must be listed.
void ReadNashWeights(SpecReader& r, const Node& node, const std::string& path, const Domain& domain,
                     ProtocolSpec& p) {
  if (!r.ctx.IsMap(node, path, "a map from each veto actor to a weight > 0")) return;
  std::vector<int> all;
  std::vector<bool> required;
  for (size_t a = 0; a < r.spec.actors.size(); ++a) {
    all.push_back(static_cast<int>(a));
    required.push_back(r.spec.actors[a].veto);
  }
  p.weights = ReadActorWeights(r, node, path, all, required, domain, "an actor", "veto actor");
}

// One parameter of a protocol, typed and checked by its schema entry. Only the
// protocol that runs records its drawn parameters (`effective`); the others'
// values are checked and dropped.
void ReadOne(SpecReader& r, const ParamSchema& decl, const Node& node, const std::string& path, bool effective,
             ProtocolSpec& p) {
  const std::string& name = decl.name;
  if (name == "proposers") {
    ReadProposers(r, node, path, p);
  } else if (name == "recognition") {
    ReadRecognition(r, node, path, decl.domain, p);
  } else if (name == "weights") {
    ReadNashWeights(r, node, path, decl.domain, p);
  } else if (name == "breakdown") {
    // Events target the breakdown risk of whichever protocol runs as protocol.breakdown.
    if (effective) {
      p.breakdown = r.Param(node, path, decl.domain);
      r.params["protocol.breakdown"] = {decl.domain, -1};
    } else {
      ReadParam(r.ctx, node, path, decl.domain, nullptr);
    }
  } else if (decl.type == ParamType::Choice) {
    std::optional<std::string> v = r.ctx.OneOf(node, path, decl.choices);
    if (name == "information") p.information_loc = node.loc;
    std::string* field = name == "order" ? &p.order : name == "information" ? &p.information
                         : name == "accept" ? &p.accept : name == "deal" ? &p.deal : nullptr;
    if (field && v) *field = *v;
  } else if (decl.type == ParamType::Integer) {
    std::optional<long long> v = r.ctx.Integer(node, path, static_cast<long long>(decl.domain.low),
                                               static_cast<long long>(std::min<double>(decl.domain.high, INT_MAX)));
    if (name == "grid" && v) p.grid = static_cast<int>(*v);
  } else if (decl.type == ParamType::Number) {
    std::optional<double> v = r.ctx.NumberIn(node, path, decl.domain);
    if (name == "q" && v) p.q = *v;
    if (name == "tolerance" && v) p.tolerance = *v;
  }
}

// Names of the protocols whose schema declares `key`.
std::vector<std::string> ProtocolsReading(const std::string& key) {
  std::vector<std::string> names;
  for (const ProtocolSchema* s : ProtocolSchemas())
    if (s->Find(key)) names.push_back(s->name);
  return names;
}

// The top-level keys of `protocol:` besides `kind` and the blocks must be
// parameters of the file's own kind; one that another protocol reads is
// pointed at that protocol's block.
void CheckTopKeys(SpecReader& r, const Node& node, const ProtocolSchema& file_schema) {
  std::vector<std::string> allowed = {"kind"};
  for (const ProtocolSchema* s : ProtocolSchemas()) allowed.push_back(s->name);
  for (const ParamSchema& p : file_schema.params) allowed.push_back(p.name);
  std::vector<std::string> others;
  for (const Entry& e : node.entries) {
    if (std::find(allowed.begin(), allowed.end(), e.key) != allowed.end()) continue;
    std::vector<std::string> readers = ProtocolsReading(e.key);
    if (readers.empty()) continue;  // unknown everywhere: CheckKeys below says so
    others.push_back(e.key);
    r.ctx.Error(e.key_loc, Join("protocol", e.key),
                "`" + e.key + "` is a parameter of " + JoinChoices(readers) + ", not of " + file_schema.name +
                    " (this file's protocol); to keep it for `--protocol " + readers[0] + "`, write it under `protocol." +
                    readers[0] + ":`");
  }
  allowed.insert(allowed.end(), others.begin(), others.end());
  r.ctx.CheckKeys(node, "protocol", allowed);
}

// Reads `schema`'s parameters: the top-level ones when it is the file's kind,
// then its block; a parameter given in both places in the files is an error at
// the block's (an override, given in either place, wins).
void ReadProtocolParams(SpecReader& r, const Node& node, const ProtocolSchema& schema, bool file_kind,
                        bool effective, ProtocolSpec& p) {
  const Node* block = node.Find(schema.name);
  std::string block_path = Join("protocol", schema.name);
  if (block && !r.ctx.IsMap(*block, block_path, "a map of " + schema.name + "'s parameters")) block = nullptr;
  if (block) {
    std::vector<std::string> names;
    for (const ParamSchema& d : schema.params) names.push_back(d.name);
    r.ctx.CheckKeys(*block, block_path, names);
  }
  for (const ParamSchema& decl : schema.params) {
    const Node* top = file_kind ? node.Find(decl.name) : nullptr;
    const Node* in_block = block ? block->Find(decl.name) : nullptr;
    // An override wins over the file; the same key twice in the files is an error.
    if (top && in_block && top->loc.file == "--set") in_block = nullptr;
    if (top && in_block && in_block->loc.file != "--set") {
      r.ctx.Error(in_block->loc, Join(block_path, decl.name),
                  "given twice, here and as protocol." + decl.name + "; keep one");
      continue;
    }
    const Node* value = in_block ? in_block : top;
    std::string path = in_block ? Join(block_path, decl.name) : Join("protocol", decl.name);
    if (value) ReadOne(r, decl, *value, path, effective, p);  // absent: ReadProtocol's defaults
  }
}

}  // namespace

void ReadProtocol(SpecReader& r, const Node& node) {
  ProtocolSpec& p = r.spec.protocol;
  p.kind_loc = p.proposers_loc = p.information_loc = node.loc;
  const Domain no_breakdown = Domain::Closed(0, 1);
  auto finish_defaults = [&] {
    if (!p.breakdown.present) p.breakdown = r.Default("protocol.breakdown", node.loc, 0.0, no_breakdown);
  };
  if (!r.ctx.IsMap(node, "protocol", "a protocol map {kind: ..., ...}")) return finish_defaults();
  std::vector<std::string> kinds;
  for (const ProtocolSchema* s : ProtocolSchemas()) kinds.push_back(s->name);
  if (const Node* kind = node.Find("kind")) {
    p.kind_loc = kind->loc;
    p.kind = r.ctx.OneOf(*kind, "protocol.kind", kinds).value_or(p.kind);
  }
  const ProtocolSchema* file_schema = FindProtocolSchema(r.file_kind.empty() ? p.kind : r.file_kind);
  if (!file_schema) file_schema = FindProtocolSchema(p.kind);
  CheckTopKeys(r, node, *file_schema);
  for (const ProtocolSchema* s : ProtocolSchemas()) {
    bool effective = s->name == p.kind;
    ProtocolSpec scratch;
    ReadProtocolParams(r, node, *s, s == file_schema, effective, effective ? p : scratch);
  }
  finish_defaults();
  r.protocol_blocks = {file_schema->name};
  for (const ProtocolSchema* s : ProtocolSchemas())
    if (s != file_schema && node.Find(s->name)) r.protocol_blocks.push_back(s->name);
}

// Actor keys that one protocol alone reads (concession's `tactic`) belong to
// files written for that protocol: its kind, or a block of its own.
void CheckProtocolActorKeys(SpecReader& r, const std::vector<std::pair<std::string, SourceLoc>>& keys) {
  for (const auto& [path, loc] : keys) {
    std::string key = path.substr(path.rfind('.') + 1);
    std::string owner;
    for (const ProtocolSchema* s : ProtocolSchemas())
      if (std::find(s->actor_keys.begin(), s->actor_keys.end(), key) != s->actor_keys.end()) owner = s->name;
    if (owner.empty()) continue;
    if (std::find(r.protocol_blocks.begin(), r.protocol_blocks.end(), owner) != r.protocol_blocks.end()) continue;
    std::string file_kind = r.protocol_blocks.empty() ? r.spec.protocol.kind : r.protocol_blocks[0];
    r.ctx.Error(loc, path, "`" + key + "` is read only by " + owner +
                              ", and this file's protocol is " + file_kind + "; to keep it for `--protocol " + owner +
                              "`, add a `protocol." + owner + ":` block (it may be empty)");
  }
}

namespace {

// `bundles: {issue: [cuts]}`: strictly increasing cut points strictly inside the scale.
void ReadBundles(SpecReader& r, const Node& node, const std::string& path) {
  if (!r.ctx.IsMap(node, path, "a map from continuous issues to cut points")) return;
  for (const Entry& e : node.entries) {
    std::string issue_path = Join(path, e.key);
    int k = r.ctx.Lookup(e.key, e.key_loc, issue_path, r.IssueNames(), "an issue");
    if (k < 0) continue;
    const IssueSpec& issue = r.spec.issues[static_cast<size_t>(k)];
    if (issue.ordinal) {
      r.ctx.Error(e.key_loc, issue_path, "expected a continuous issue (ordinal issues bundle by level), got the "
                                         "ordinal issue `" + issue.name + "`");
      continue;
    }
    if (!r.ctx.IsList(e.value, issue_path, "a list of cut points")) continue;
    if (e.value.items.empty()) r.ctx.Error(e.value.loc, issue_path, "expected at least one cut point, got none");
    BundleCutsSpec cuts{k, {}};
    for (size_t i = 0; i < e.value.items.size(); ++i) {
      const Node& item = e.value.items[i];
      std::string item_path = Join(issue_path, std::to_string(i));
      std::optional<double> x = r.ctx.Number(item, item_path);
      if (!x) continue;
      if (!(*x > issue.low && *x < issue.high))
        r.ctx.Error(item.loc, item_path, "must be strictly inside the scale (" + FormatNumber(issue.low) + ", " +
                                             FormatNumber(issue.high) + "), got " + item.text);
      else if (!cuts.cuts.empty() && !(*x > cuts.cuts.back()))
        r.ctx.Error(item.loc, item_path, "must be above the previous cut point " + FormatNumber(cuts.cuts.back()) +
                                             ", got " + item.text);
      else
        cuts.cuts.push_back(*x);
    }
    r.spec.report.bundles.push_back(std::move(cuts));
  }
}

}  // namespace

void ReadReport(SpecReader& r, const Node& node) {
  if (!r.ctx.IsMap(node, "report", "a report map {bins: ..., bundles: ...}")) return;
  r.ctx.CheckKeys(node, "report", keys::Report());
  if (const Node* bins = node.Find("bins"))
    r.spec.report.bins = static_cast<int>(r.ctx.Integer(*bins, "report.bins", 1, 10000).value_or(r.spec.report.bins));
  if (const Node* bundles = node.Find("bundles")) ReadBundles(r, *bundles, "report.bundles");
}

}  // namespace parley::reader

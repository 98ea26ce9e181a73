// `actors:` (docs/schema.md): preferences, power, patience and the cost of war.
#include <algorithm>

#include "core/text.h"
#include "scenario/key_tables.h"
#include "scenario/reader_internal.h"

namespace parley::reader {

namespace {


// Names of the issues whose slot in `params` is still empty.
std::vector<std::string> Missing(const SpecReader& r, const std::vector<ParamSpec>& params) {
  std::vector<std::string> missing;
  for (size_t k = 0; k < params.size(); ++k)
    if (!params[k].present) missing.push_back(r.spec.issues[k].name);
  return missing;
}

// `position:` or `salience:`: one parameter per issue, and every issue needs one.
std::vector<ParamSpec> ReadPerIssue(SpecReader& r, const Node& actor, const std::string& actor_path,
                                    const std::string& key) {
  bool position = key == "position";
  std::vector<ParamSpec> params(r.spec.issues.size());
  std::string path = Join(actor_path, key);
  for (size_t k = 0; k < params.size(); ++k) params[k].path = Join(path, r.spec.issues[k].name);
  const Node* node = r.ctx.Require(actor, key, actor_path, "a map giving each issue a " + key);
  if (!node || !r.ctx.IsMap(*node, path, "a map giving each issue a " + key)) return params;
  for (const Entry& e : node->entries) {
    int k = r.ctx.Lookup(e.key, e.key_loc, Join(path, e.key), r.IssueNames(), "an issue");
    if (k < 0) continue;
    const IssueSpec& issue = r.spec.issues[static_cast<size_t>(k)];
    if (position && issue.ordinal && issue.levels.size() < 2) continue;  // its levels are reported already
    Domain domain = position ? Domain::Closed(issue.low, issue.high) : Domain::Closed(0, 1);
    params[k] = r.Param(e.value, Join(path, e.key), domain, position && issue.ordinal ? k : -1);
  }
  std::vector<std::string> missing = Missing(r, params);
  if (!missing.empty())
    r.ctx.Error(node->loc, path, "expected a " + key + " for every issue, got none for " + JoinChoices(missing));
  return params;
}

// Saliences all fixed at 0 leave the actor indifferent to everything.
void CheckSalienceSum(SpecReader& r, const Node& actor, const std::string& path, const std::vector<ParamSpec>& salience) {
  double sum = 0;
  for (const ParamSpec& s : salience) {
    if (!s.present || !s.dist.IsConstant()) return;
    sum += s.dist.value;
  }
  const Node* node = actor.Find("salience");
  if (sum == 0 && node)
    r.ctx.Error(node->loc, Join(path, "salience"), "expected at least one salience above 0, got 0 for every issue");
}

// One ordinal issue's table under `values:`: a value in [0, 1] for each level.
std::vector<ParamSpec> ReadValueTable(SpecReader& r, const Entry& e, const std::string& path, const IssueSpec& issue) {
  std::vector<ParamSpec> table(issue.levels.size());
  if (!r.ctx.IsMap(e.value, path, "a map giving each level of `" + issue.name + "` a value in [0, 1]")) return table;
  for (const Entry& level : e.value.entries) {
    int l = r.ctx.Lookup(level.key, level.key_loc, Join(path, level.key), issue.levels, "a level of `" + issue.name + "`");
    if (l >= 0) table[l] = r.Param(level.value, Join(path, level.key), Domain::Closed(0, 1));
  }
  std::vector<std::string> missing;
  for (size_t l = 0; l < table.size(); ++l)
    if (!table[l].present) missing.push_back(issue.levels[l]);
  if (!missing.empty())
    r.ctx.Error(e.value.loc, path, "expected a value for every level of `" + issue.name + "`, got none for " +
                                       JoinChoices(missing));
  return table;
}

// `values: {issue: {level: v}}`: per-level values that replace distance.
void ReadValues(SpecReader& r, const Node& node, const std::string& path, ActorSpec& actor) {
  if (!r.ctx.IsMap(node, path, "a map from ordinal issues to per-level values")) return;
  for (const Entry& e : node.entries) {
    std::string issue_path = Join(path, e.key);
    int k = r.ctx.Lookup(e.key, e.key_loc, issue_path, r.IssueNames(), "an issue");
    if (k < 0) continue;
    const IssueSpec& issue = r.spec.issues[static_cast<size_t>(k)];
    if (!issue.ordinal) {
      r.ctx.Error(e.key_loc, issue_path, "expected an ordinal issue (one with `levels`), got the continuous issue `" +
                                             issue.name + "`");
      continue;
    }
    actor.values[k] = ReadValueTable(r, e, issue_path, issue);
  }
}

// `tactic: {kind: boulware|linear|conceder}` or `{exponent: e}`.
TacticSpec ReadTactic(SpecReader& r, const Node& node, const std::string& path) {
  TacticSpec tactic;
  tactic.present = true;
  tactic.loc = node.loc;
  if (!r.ctx.IsMap(node, path, "{kind: boulware|linear|conceder} or {exponent: e}")) return tactic;
  r.ctx.CheckKeys(node, path, keys::Tactic());
  const Node* kind = node.Find("kind");
  const Node* exponent = node.Find("exponent");
  if (kind && exponent)
    r.ctx.Error(exponent->loc, Join(path, "exponent"), "expected either `kind` or `exponent`, got both");
  else if (!kind && !exponent)
    r.ctx.Error(node.loc, Join(path, "kind"), "missing required key: expected `kind` or `exponent`, got neither");
  if (kind) {
    std::optional<std::string> name = r.ctx.OneOf(*kind, Join(path, "kind"), {"boulware", "linear", "conceder"});
    if (name) tactic.kind = *name, tactic.exponent = *name == "boulware" ? 4.0 : *name == "linear" ? 1.0 : 0.25;
  } else if (exponent) {
    std::optional<double> e = r.ctx.NumberIn(*exponent, Join(path, "exponent"), Domain::OpenClosed(0, kInf));
    if (e) tactic.kind = "exponent", tactic.exponent = *e;
  }
  return tactic;
}

// `war_cost` or `reservation`, not both; neither means war_cost 0.
void ReadNoDeal(SpecReader& r, const Node& node, const std::string& path, ActorSpec& actor) {
  const Node* war_cost = node.Find("war_cost");
  const Node* reservation = node.Find("reservation");
  if (war_cost && reservation)
    r.ctx.Error(reservation->loc, Join(path, "reservation"), "expected either `war_cost` or `reservation`, got both");
  actor.war_cost.path = Join(path, "war_cost");
  actor.reservation.path = Join(path, "reservation");
  if (reservation && !war_cost)
    actor.reservation = r.Param(*reservation, Join(path, "reservation"), Domain::Closed(-1, 1));
  else
    actor.war_cost = r.ParamOr(node, "war_cost", Join(path, "war_cost"), Domain::Closed(0, 1), 0.0);
}

ActorSpec ReadActor(SpecReader& r, const Entry& entry) {
  const Node& node = entry.value;
  std::string path = Join("actors", entry.key);
  ActorSpec actor;
  actor.name = actor.label = entry.key;
  actor.loc = entry.key_loc;
  actor.values.assign(r.spec.issues.size(), {});
  if (!r.ctx.IsMap(node, path, "an actor map {position: ..., salience: ..., ...}")) return actor;
  r.ctx.CheckKeys(node, path, keys::Actor());
  if (const Node* label = node.Find("label")) actor.label = r.ctx.Text(*label, Join(path, "label")).value_or(actor.name);
  if (const Node* veto = node.Find("veto")) actor.veto = r.ctx.Bool(*veto, Join(path, "veto")).value_or(true);
  actor.capability = r.ParamOr(node, "capability", Join(path, "capability"), Domain::AtLeast(0), 1.0);
  actor.position = ReadPerIssue(r, node, path, "position");
  actor.salience = ReadPerIssue(r, node, path, "salience");
  CheckSalienceSum(r, node, path, actor.salience);
  actor.risk = r.ParamOr(node, "risk", Join(path, "risk"), Domain::Closed(1, 10), 1.0);
  actor.discount = r.ParamOr(node, "discount", Join(path, "discount"), Domain::OpenClosed(0, 1), 1.0);
  ReadNoDeal(r, node, path, actor);
  if (const Node* values = node.Find("values")) ReadValues(r, *values, Join(path, "values"), actor);
  if (const Node* tactic = node.Find("tactic")) actor.tactic = ReadTactic(r, *tactic, Join(path, "tactic"));
  return actor;
}

}  // namespace

void ReadActors(SpecReader& r, const Node& actors) {
  if (!r.ctx.IsMap(actors, "actors", "a map of actors")) return;
  if (actors.entries.empty()) r.ctx.Error(actors.loc, "actors", "expected at least one actor, got none");
  for (const Entry& entry : actors.entries) {
    std::string path = Join("actors", entry.key);
    if (RejectSynthetic(r.ctx, actors, entry, path, "an actor")) continue;
    r.ctx.CheckName(entry.key, entry.key_loc, path, "an actor name");
    r.spec.actors.push_back(ReadActor(r, entry));
  }
  // With no veto a deal needs no one's consent, and "how likely is a deal"
  // has no answer (the protocols would each read it their own way).
  if (!actors.entries.empty() &&
      std::none_of(r.spec.actors.begin(), r.spec.actors.end(), [](const ActorSpec& a) { return a.veto; }))
    r.ctx.Error(actors.loc, "actors",
                "expected at least one actor with a veto (veto: true, the default): a deal needs the consent of the "
                "parties that hold one, and with none there is no one to agree");
}

}  // namespace parley::reader

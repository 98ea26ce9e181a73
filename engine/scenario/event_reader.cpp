// `dynamics:` and `events:` (docs/schema.md): how the no-deal path moves,
// and the shocks that change parameters while talks go on.
#include <algorithm>

#include "core/text.h"
#include "scenario/key_tables.h"
#include "scenario/reader_internal.h"

namespace parley::reader {

// Drift and volatility are per round in the issue's own units, so their
// domains scale with the issue: [-w, w] and [0, w] for a scale of width w.
void ReadDynamics(SpecReader& r, const Node& dynamics) {
  if (!r.ctx.IsMap(dynamics, "dynamics", "a map from continuous issues to {drift, volatility}")) return;
  for (const Entry& e : dynamics.entries) {
    std::string path = Join("dynamics", e.key);
    int k = r.ctx.Lookup(e.key, e.key_loc, path, r.IssueNames(), "an issue");
    if (k < 0) continue;
    const IssueSpec& issue = r.spec.issues[static_cast<size_t>(k)];
    if (issue.ordinal) {
      r.ctx.Error(e.key_loc, path, "expected a continuous issue (ordinal issues do not drift), got the ordinal issue `" +
                                       issue.name + "`");
      continue;
    }
    if (!r.ctx.IsMap(e.value, path, "{drift: ..., volatility: ...}")) continue;
    r.ctx.CheckKeys(e.value, path, keys::Dynamic());
    double width = issue.high - issue.low;
    DynamicsSpec d;
    d.issue = k;
    d.loc = e.key_loc;
    d.drift = r.ParamOr(e.value, "drift", Join(path, "drift"), Domain::Closed(-width, width), 0.0);
    d.volatility = r.ParamOr(e.value, "volatility", Join(path, "volatility"), Domain::Closed(0, width), 0.0);
    r.spec.dynamics.push_back(std::move(d));
  }
}

namespace {


// `when: {no_agreement_by, from_round, until_round}`: round numbers >= 0.
void ReadWhen(SpecReader& r, const Node& node, const std::string& path, EventSpec& event) {
  if (!r.ctx.IsMap(node, path, "{no_agreement_by: N, from_round: N, until_round: N}")) return;
  r.ctx.CheckKeys(node, path, keys::When());
  auto round = [&](const char* key, int* out) {
    if (const Node* value = node.Find(key))
      *out = static_cast<int>(r.ctx.Integer(*value, Join(path, key), 0, 1'000'000).value_or(*out));
  };
  round("no_agreement_by", &event.no_agreement_by);
  round("from_round", &event.from_round);
  round("until_round", &event.until_round);
  if (event.from_round >= 0 && event.until_round >= 0 && event.until_round < event.from_round)
    r.ctx.Error(node.Find("until_round")->loc, Join(path, "until_round"),
                "must be >= from_round (" + std::to_string(event.from_round) + "), got " +
                    std::to_string(event.until_round));
  // A condition that only holds after the last round can never hold.
  const int start = std::max(event.from_round, event.no_agreement_by);
  if (start >= r.spec.horizon)
    r.ctx.Error(node.loc, path,
                "can never hold: the event becomes eligible in round " + std::to_string(start) +
                    ", but the talks end after round " + std::to_string(r.spec.horizon - 1) + " (rounds.horizon " +
                    std::to_string(r.spec.horizon) + ")");
}

// The event's id, which names it in paths (`events.<id>.hazard`); unique.
std::string ReadId(SpecReader& r, const Node& node, const std::string& path, EventSpec& event) {
  const Node* id = r.ctx.Require(node, "id", path, "an event id");
  std::optional<std::string> text = id ? r.ctx.Text(*id, Join(path, "id")) : std::nullopt;
  if (!text || !r.ctx.CheckName(*text, id->loc, Join(path, "id"), "an event id")) return path;
  for (const EventSpec& other : r.spec.events)
    if (other.id == *text) {
      r.ctx.Error(id->loc, Join(path, "id"), "expected a unique id, got `" + *text + "` again (first at line " +
                                                 std::to_string(other.loc.line) + ")");
      return path;
    }
  event.id = *text;
  return Join("events", *text);
}

// Everything but the effects, which need every parameter (hazards included) known.
EventSpec ReadEventHead(SpecReader& r, const Node& node, std::string* path) {
  EventSpec event;
  event.loc = node.loc;
  if (!r.ctx.IsMap(node, *path, "an event map {id: ..., hazard: ..., effects: [...]}")) return event;
  r.ctx.CheckKeys(node, *path, keys::Event());
  *path = ReadId(r, node, *path, event);
  event.label = event.id;
  if (const Node* label = node.Find("label")) event.label = r.ctx.Text(*label, Join(*path, "label")).value_or(event.id);
  if (const Node* hazard = r.ctx.Require(node, "hazard", *path, "a probability per round in [0, 1]"))
    event.hazard = r.Param(*hazard, Join(*path, "hazard"), Domain::Closed(0, 1));
  if (const Node* when = node.Find("when")) ReadWhen(r, *when, Join(*path, "when"), event);
  if (const Node* once = node.Find("once")) event.once = r.ctx.Bool(*once, Join(*path, "once")).value_or(false);
  return event;
}

// The target must be a parameter of the scenario; nullptr after reporting.
const ParamTarget* FindTarget(SpecReader& r, const Node& node, const std::string& path, std::string* target) {
  std::optional<std::string> text = r.ctx.Text(node, path);
  if (!text) return nullptr;
  *target = *text;
  auto it = r.params.find(*text);
  if (it != r.params.end()) return &it->second;
  std::vector<std::string> known;
  for (const auto& [name, info] : r.params) known.push_back(name);
  r.ctx.Error(node.loc, path, "expected the path of a parameter of this scenario (e.g. actors.<actor>.war_cost), got `" +
                                  *text + "`" + DidYouMean(*text, known));
  return nullptr;
}

// `{target: PATH, add|scale|set: VALUE}`: exactly one operation. `set` takes
// the target's own domain (a level for an ordinal position or status quo).
EffectSpec ReadEffect(SpecReader& r, const Node& node, const std::string& path) {
  EffectSpec effect;
  effect.loc = node.loc;
  if (!r.ctx.IsMap(node, path, "{target: PATH, add|scale|set: VALUE}")) return effect;
  r.ctx.CheckKeys(node, path, keys::Effect());
  const Node* target_node = r.ctx.Require(node, "target", path, "the path of a parameter");
  const ParamTarget* target = target_node ? FindTarget(r, *target_node, Join(path, "target"), &effect.target) : nullptr;
  std::vector<std::string> ops;
  for (const char* op : {"add", "scale", "set"})
    if (node.Find(op)) ops.push_back(op);
  if (ops.size() != 1) {
    r.ctx.Error(node.loc, path, "expected exactly one of `add`, `scale` or `set`, got " +
                                    (ops.empty() ? std::string("none") : JoinChoices(ops)));
    return effect;
  }
  const std::string& op = ops.front();
  effect.op = op == "add" ? EffectOp::Add : op == "scale" ? EffectOp::Scale : EffectOp::Set;
  int ordinal = target ? target->ordinal_issue : -1;
  if (ordinal >= 0 && effect.op != EffectOp::Set) {
    r.ctx.Error(node.Find(op)->loc, Join(path, op), "expected `set` with a level of `" +
                                                        r.spec.issues[static_cast<size_t>(ordinal)].name +
                                                        "` (levels cannot be added or scaled), got `" + op + "`");
    return effect;
  }
  Domain domain = effect.op == EffectOp::Add ? Domain::Any()
                  : effect.op == EffectOp::Scale ? Domain::AtLeast(0)
                  : target ? target->domain : Domain::Any();
  const IssueSpec* issue = ordinal >= 0 ? &r.spec.issues[static_cast<size_t>(ordinal)] : nullptr;
  // Effect sizes are read but not catalogued: effects target model parameters only.
  effect.value = ReadParam(r.ctx, *node.Find(op), Join(path, op), domain, issue);
  return effect;
}

void ReadEffects(SpecReader& r, const Node& node, const std::string& path, EventSpec& event) {
  if (!node.IsMap()) return;
  const Node* effects = r.ctx.Require(node, "effects", path, "a list of effects [{target: ..., add: ...}]");
  if (!effects || !r.ctx.IsList(*effects, Join(path, "effects"), "a list of effects")) return;
  if (effects->items.empty())
    r.ctx.Error(effects->loc, Join(path, "effects"), "expected at least one effect, got an empty list");
  for (size_t k = 0; k < effects->items.size(); ++k)
    event.effects.push_back(ReadEffect(r, effects->items[k], Join(path, "effects." + std::to_string(k))));
}

}  // namespace

void ReadEvents(SpecReader& r, const Node& events) {
  if (events.IsNull()) return;
  if (!r.ctx.IsList(events, "events", "a list of events")) return;
  std::vector<std::string> paths;
  for (size_t i = 0; i < events.items.size(); ++i) {
    std::string path = "events." + std::to_string(i);
    r.spec.events.push_back(ReadEventHead(r, events.items[i], &path));
    paths.push_back(path);
  }
  for (size_t i = 0; i < events.items.size(); ++i) ReadEffects(r, events.items[i], paths[i], r.spec.events[i]);
}

}  // namespace parley::reader

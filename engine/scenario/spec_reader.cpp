// The top level of the schema: version, name, rounds, Monte Carlo settings,
// and the sections in an order where every reference is already known.
#include "scenario/spec_reader.h"

#include <charconv>

#include "core/text.h"
#include "scenario/key_tables.h"
#include "scenario/reader_internal.h"

namespace parley {

namespace reader {
namespace {


// `parley: 1`: the schema version, so that a future schema fails loudly here.
void ReadVersion(SpecReader& r, const Node& root) {
  const Node* version = r.ctx.Require(root, "parley", "", "the schema version `parley: 1`");
  if (!version) return;
  std::optional<long long> v = r.ctx.Integer(*version, "parley", 0);
  if (v && *v != 1) r.ctx.Error(version->loc, "parley", "expected schema version 1, got " + version->text);
}

// `rounds: {label, horizon}`.
void ReadRounds(SpecReader& r, const Node& root) {
  const Node* rounds = r.ctx.Require(root, "rounds", "", "{horizon: N} (the number of bargaining rounds)");
  if (!rounds || !r.ctx.IsMap(*rounds, "rounds", "{label: ..., horizon: N}")) return;
  r.ctx.CheckKeys(*rounds, "rounds", keys::Rounds());
  if (const Node* label = rounds->Find("label")) r.spec.round_label = r.ctx.Text(*label, "rounds.label").value_or("round");
  if (const Node* horizon = r.ctx.Require(*rounds, "horizon", "rounds", "an integer in [1, 1000000]"))
    r.spec.horizon = static_cast<int>(r.ctx.Integer(*horizon, "rounds.horizon", 1, 1'000'000).value_or(1));
}

// A bound far beyond any run (10^15 replicates is decades of CPU), so that
// replicate and chunk counters can never overflow a 64-bit integer.
constexpr long long kMaxReplicates = 1'000'000'000'000'000;

// The seed takes the whole unsigned 64-bit range, beyond what ParseInteger reads.
void ReadSeed(SpecReader& r, const Node& node) {
  std::uint64_t seed = 0;
  const std::string& text = node.text;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seed);
  const bool digits = node.IsScalar() && !node.quoted && end == text.data() + text.size();
  if (digits && ec == std::errc()) {
    r.spec.seed = seed;
    return;
  }
  if (digits && ec == std::errc::result_out_of_range) {
    r.ctx.Error(node.loc, "montecarlo.seed", "must be an integer in [0, 18446744073709551615], got " + text);
    return;
  }
  std::optional<long long> value = r.ctx.Integer(node, "montecarlo.seed", 0);
  if (value) r.spec.seed = static_cast<std::uint64_t>(*value);
}

void ReadMontecarlo(SpecReader& r, const Node& node) {
  if (!r.ctx.IsMap(node, "montecarlo", "{replicates: N, seed: S}")) return;
  r.ctx.CheckKeys(node, "montecarlo", keys::Montecarlo());
  if (const Node* replicates = node.Find("replicates"))
    r.spec.replicates =
        r.ctx.Integer(*replicates, "montecarlo.replicates", 1, kMaxReplicates).value_or(r.spec.replicates);
  if (const Node* seed = node.Find("seed")) ReadSeed(r, *seed);
}

// An absent optional section reads as an empty one standing at the root.
Node Section(const Node& root, const char* key) {
  if (const Node* node = root.Find(key)) return *node;
  return Node::MakeNull(root.loc);
}

}  // namespace
}  // namespace reader

ScenarioSpec ReadScenarioSpec(const yaml::Node& root, const std::string& file_kind) {
  using namespace reader;
  SpecReader r;
  r.file_kind = file_kind;
  if (!root.IsMap()) throw InputError(root.loc, "", "expected a scenario map, got " + yaml::Describe(root));
  r.ctx.CheckKeys(root, "", keys::Top());
  if (const Node* extends = root.Find("extends"))
    r.ctx.Error(extends->loc, "extends", "expected `extends:` in a file, got it from --set");
  ReadVersion(r, root);
  if (const Node* name = r.ctx.Require(root, "name", "", "the scenario's name"))
    r.spec.name = r.ctx.Text(*name, "name").value_or("");
  if (const Node* description = root.Find("description"))
    r.spec.description = r.ctx.Text(*description, "description").value_or("");
  ReadRounds(r, root);
  ReadMontecarlo(r, Section(root, "montecarlo"));
  // Issues before actors, actors before the protocol, every parameter before events.
  if (const Node* issues = r.ctx.Require(root, "issues", "", "a map of issues")) ReadIssues(r, *issues);
  if (const Node* actors = r.ctx.Require(root, "actors", "", "a map of actors")) ReadActors(r, *actors);
  ReadProtocol(r, Section(root, "protocol"));
  std::vector<std::pair<std::string, SourceLoc>> actor_keys;
  for (const ActorSpec& a : r.spec.actors)
    if (a.tactic.present) actor_keys.emplace_back("actors." + a.name + ".tactic", a.tactic.loc);
  CheckProtocolActorKeys(r, actor_keys);
  ReadDynamics(r, Section(root, "dynamics"));
  ReadEvents(r, Section(root, "events"));
  ReadReport(r, Section(root, "report"));
  r.ctx.diags().ThrowIfAny();
  return std::move(r.spec);
}

}  // namespace parley

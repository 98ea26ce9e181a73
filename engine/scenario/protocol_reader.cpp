// `protocol:` and `report:` (DESIGN.md sections 2, 4 and 6).
#include <algorithm>
#include <climits>
#include <cmath>

#include "core/text.h"
#include "scenario/reader_internal.h"

namespace parley::reader {

namespace {

const std::vector<std::string> kProtocolKeys = {"kind",        "proposers", "order",   "recognition",
                                                "breakdown",   "information", "weights", "grid",
                                                "q",           "tolerance",   "accept",  "deal"};

// `proposers: [actor, ...]`: distinct actors of the scenario.
void ReadProposers(SpecReader& r, const Node& node, const std::string& path) {
  ProtocolSpec& p = r.spec.protocol;
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
void ReadRecognition(SpecReader& r, const Node& node, const std::string& path) {
  ProtocolSpec& p = r.spec.protocol;
  if (!r.ctx.IsMap(node, path, "a map from each proposer to a weight >= 0")) return;
  if (p.proposers.empty()) p.proposers = VetoActors(r.spec);
  std::vector<bool> required(p.proposers.size(), true);
  std::vector<double> weights = ReadActorWeights(r, node, path, p.proposers, required, Domain::AtLeast(0),
                                                 "a proposer", "proposer");
  double sum = 0;
  for (double w : weights) sum += w;
  if (!(sum > 0)) r.ctx.Error(node.loc, path, "expected weights with a positive sum, got a sum of 0");
  p.recognition = weights;
}

// `weights: {actor: w}` for `nash`: one weight per actor (0 when unlisted);
// only the veto actors bargain there, so every veto actor must be listed.
void ReadNashWeights(SpecReader& r, const Node& node, const std::string& path) {
  if (!r.ctx.IsMap(node, path, "a map from each veto actor to a weight > 0")) return;
  std::vector<int> all;
  std::vector<bool> required;
  for (size_t a = 0; a < r.spec.actors.size(); ++a) {
    all.push_back(static_cast<int>(a));
    required.push_back(r.spec.actors[a].veto);
  }
  r.spec.protocol.weights =
      ReadActorWeights(r, node, path, all, required, Domain::OpenClosed(0, kInf), "an actor", "veto actor");
}

}  // namespace

void ReadProtocol(SpecReader& r, const Node& node) {
  ProtocolSpec& p = r.spec.protocol;
  p.kind_loc = p.proposers_loc = p.information_loc = node.loc;
  if (!r.ctx.IsMap(node, "protocol", "a protocol map {kind: ..., ...}")) return;
  r.ctx.CheckKeys(node, "protocol", kProtocolKeys);
  if (const Node* kind = node.Find("kind")) {
    p.kind_loc = kind->loc;
    p.kind = r.ctx.OneOf(*kind, "protocol.kind", {"alternating_offers", "nash", "expected_utility", "concession"})
                 .value_or(p.kind);
  }
  if (const Node* proposers = node.Find("proposers")) ReadProposers(r, *proposers, "protocol.proposers");
  if (const Node* order = node.Find("order"))
    p.order = r.ctx.OneOf(*order, "protocol.order", {"rotate", "random"}).value_or(p.order);
  if (const Node* recognition = node.Find("recognition")) ReadRecognition(r, *recognition, "protocol.recognition");
  p.breakdown = r.ParamOr(node, "breakdown", "protocol.breakdown", Domain::Closed(0, 1), 0.0);
  if (const Node* information = node.Find("information")) {
    p.information_loc = information->loc;
    p.information = r.ctx.OneOf(*information, "protocol.information", {"complete", "private"}).value_or(p.information);
  }
  if (const Node* weights = node.Find("weights")) ReadNashWeights(r, *weights, "protocol.weights");
  if (const Node* grid = node.Find("grid"))
    p.grid = static_cast<int>(r.ctx.Integer(*grid, "protocol.grid", 2, INT_MAX).value_or(p.grid));
  if (const Node* q = node.Find("q")) p.q = r.ctx.NumberIn(*q, "protocol.q", Domain::Closed(0, 1)).value_or(p.q);
  if (const Node* tol = node.Find("tolerance"))
    p.tolerance = r.ctx.NumberIn(*tol, "protocol.tolerance", Domain::Closed(0, 1)).value_or(p.tolerance);
  if (const Node* accept = node.Find("accept"))
    p.accept = r.ctx.OneOf(*accept, "protocol.accept", {"least_move", "highest_eu"}).value_or(p.accept);
  if (const Node* deal = node.Find("deal"))
    p.deal = r.ctx.OneOf(*deal, "protocol.deal", {"acceptable", "forecast"}).value_or(p.deal);
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
  r.ctx.CheckKeys(node, "report", {"bins", "bundles"});
  if (const Node* bins = node.Find("bins"))
    r.spec.report.bins = static_cast<int>(r.ctx.Integer(*bins, "report.bins", 1, 10000).value_or(r.spec.report.bins));
  if (const Node* bundles = node.Find("bundles")) ReadBundles(r, *bundles, "report.bundles");
}

}  // namespace parley::reader

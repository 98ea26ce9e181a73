#include "output/summary.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/text.h"
#include "protocols/schemas.h"

namespace parley {

static const std::vector<double> kQuantileLevels = {0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95};

const std::vector<double>& SummaryQuantileLevels() { return kQuantileLevels; }

int RoundQuantile(const Accumulator& t, double q) {
  std::int64_t rank = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(q * t.deals))), seen = 0;
  size_t r = 0;
  while (r + 1 < t.round_counts.size() && seen + t.round_counts[r] < rank) seen += t.round_counts[r++];
  return static_cast<int>(r);
}

void WilsonInterval(std::int64_t k, std::int64_t n, double* low, double* high) {
  const double z = 1.959963984540054;
  double nn = static_cast<double>(n), p = static_cast<double>(k) / nn, z2 = z * z;
  double center = (p + z2 / (2 * nn)) / (1 + z2 / nn);
  double half = z * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / (1 + z2 / nn);
  *low = std::max(0.0, center - half);
  *high = std::min(1.0, center + half);
}

// A ratio, or null when the denominator is zero: undefined is said, never NaN.
static Json Ratio(std::int64_t k, std::int64_t n) {
  if (n == 0) return nullptr;
  return static_cast<double>(k) / static_cast<double>(n);
}

static std::string QuantileKey(double q) { return FormatNumber(q); }

// The share of replicates per no-deal cause, for the causes the protocol that
// ran can report (its schema), in the schema's order.
static Json NoDealBlock(const Scenario& s, const Accumulator& t) {
  Json block = Json::object();
  const ProtocolSchema* schema = FindProtocolSchema(s.protocol.kind);
  if (!schema) return block;
  for (const CauseSchema& c : schema->causes)
    block[c.name] = Ratio(t.no_deal[static_cast<size_t>(NoDealCauseFromName(c.name))], t.replicates);
  return block;
}

// How to read the headline: the protocol's own caveat and, for alternating
// offers, the structural choices of this scenario that drive it.
static std::string Reading(const Scenario& s) {
  const ProtocolSchema* schema = FindProtocolSchema(s.protocol.kind);
  if (!schema) return "";
  std::string reading = schema->reading;
  if (s.protocol.kind == "alternating_offers") {
    std::vector<std::string> names;
    for (int a : s.protocol.proposers) names.push_back(s.actors[static_cast<size_t>(a)].name);
    std::string who;
    for (const std::string& n : names) who += (who.empty() ? "" : ", ") + n;
    reading += "; here " + who + (names.size() == 1 ? " proposes" : s.protocol.order == Order::Rotate ? " propose in turn" : " propose at random") +
               ", information is " + (s.protocol.information == Information::Private ? "private" : "complete") +
               ", and the horizon is " + std::to_string(s.horizon) + " " +
               (s.round_label.empty() ? "round" : s.round_label) + (s.horizon == 1 ? "" : "s");
  }
  return reading;
}

static Json DealBlock(const Accumulator& t) {
  Json deal;
  deal["p"] = Ratio(t.deals, t.replicates);
  if (t.replicates > 0) {
    double lo, hi;
    WilsonInterval(t.deals, t.replicates, &lo, &hi);
    deal["ci95"] = {lo, hi};
  } else {
    deal["ci95"] = nullptr;
  }
  deal["count"] = t.deals;
  return deal;
}

static Json RoundsBlock(const Accumulator& t) {
  Json rounds;
  rounds["mean"] = t.deals ? Json(t.rounds.mean) : Json(nullptr);
  rounds["sd"] = t.deals ? Json(t.rounds.Sd()) : Json(nullptr);
  Json quantiles = Json::object();
  int last = -1;
  for (size_t r = 0; r < t.round_counts.size(); ++r)
    if (t.round_counts[r]) last = static_cast<int>(r);
  if (t.deals) {
    for (double q : kQuantileLevels) quantiles[QuantileKey(q)] = RoundQuantile(t, q);
  }
  rounds["quantiles"] = quantiles;
  // survival[t]: P(no deal before round t), over all replicates; it stays
  // flat after the last round in which any deal was struck, so it stops there.
  Json survival = Json::array(), counts = Json::array();
  std::int64_t before = 0;
  for (int r = 0; r <= last + 1 && t.replicates > 0; ++r) {
    survival.push_back(1.0 - static_cast<double>(before) / static_cast<double>(t.replicates));
    if (r <= last) before += t.round_counts[r], counts.push_back(t.round_counts[r]);
  }
  rounds["survival"] = survival;
  rounds["histogram"] = {{"first_round", 0}, {"counts", counts}};
  return rounds;
}

// Edge b of `bins` equal bins over the issue's scale: the one formula that
// summary.json and issues.csv share, so they print the same numbers.
static double BinEdge(const Issue& issue, int b, int bins) {
  return issue.low + (issue.high - issue.low) * b / bins;
}

static Json ContinuousIssue(const Issue& issue, const IssueAccumulator& a, std::int64_t deals) {
  Json j;
  j["kind"] = "continuous";
  j["mean"] = deals ? Json(a.terms.mean) : Json(nullptr);
  j["sd"] = deals ? Json(a.terms.Sd()) : Json(nullptr);
  Json quantiles = Json::object();
  if (deals)
    for (double q : kQuantileLevels) quantiles[QuantileKey(q)] = a.fine.Quantile(q);
  j["quantiles"] = quantiles;
  j["quantile_resolution"] = a.fine.Resolution();
  Json edges = Json::array();
  int bins = static_cast<int>(a.bins.size());
  for (int b = 0; b <= bins; ++b) edges.push_back(BinEdge(issue, b, bins));
  j["histogram"] = {{"edges", edges}, {"counts", a.bins}};
  return j;
}

static Json OrdinalIssue(const Issue& issue, const IssueAccumulator& a, std::int64_t deals) {
  Json j;
  j["kind"] = "ordinal";
  Json p = Json::object();
  for (int l = 0; l < issue.LevelCount(); ++l) p[issue.levels[l]] = Ratio(a.levels[l], deals);
  j["p"] = p;
  j["counts"] = a.levels;
  return j;
}

static Json BundlesBlock(const Scenario& s, const Accumulator& t) {
  BundleLayout layout = MakeBundleLayout(s);
  std::vector<std::int64_t> order;
  for (std::int64_t c = 0; c < static_cast<std::int64_t>(t.bundle_counts.size()); ++c)
    if (t.bundle_counts[c]) order.push_back(c);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::int64_t a, std::int64_t b) { return t.bundle_counts[a] > t.bundle_counts[b]; });
  Json list = Json::array();
  for (std::int64_t cell : order) {
    Json terms = Json::object();
    std::int64_t rest = cell;
    for (size_t b = 0; b < layout.issues.size(); ++b) {
      std::int64_t parts = static_cast<std::int64_t>(layout.labels[b].size());
      terms[s.issues[layout.issues[b]].name] = layout.labels[b][rest % parts];
      rest /= parts;
    }
    list.push_back({{"terms", terms}, {"p", Ratio(t.bundle_counts[cell], t.deals)}, {"count", t.bundle_counts[cell]}});
  }
  return list;
}

static Json ActorsBlock(const Scenario& s, const Accumulator& t) {
  Json actors = Json::object();
  for (int a = 0; a < s.NumActors(); ++a) {
    const ActorAccumulator& acc = t.actors[a];
    Json value, gain, quantiles = Json::object();
    value["mean"] = t.replicates ? Json(acc.value.mean) : Json(nullptr);
    value["sd"] = t.replicates ? Json(acc.value.Sd()) : Json(nullptr);
    if (t.replicates)
      for (double q : kQuantileLevels) quantiles[QuantileKey(q)] = acc.fine_value.Quantile(q);
    value["quantiles"] = quantiles;
    value["quantile_resolution"] = acc.fine_value.Resolution();
    gain["mean"] = t.replicates ? Json(acc.gain.mean) : Json(nullptr);
    gain["sd"] = t.replicates ? Json(acc.gain.Sd()) : Json(nullptr);
    actors[s.actors[a].name] = {{"value", value}, {"gain", gain}};
  }
  return actors;
}

static Json EventsBlock(const Scenario& s, const Accumulator& t) {
  Json events = Json::object();
  for (size_t e = 0; e < s.spec.events.size(); ++e) {
    const EventAccumulator& acc = t.events[e];
    events[s.spec.events[e].id] = {{"p_fired", Ratio(acc.fired, t.replicates)},
                                   {"p_deal_if_fired", Ratio(acc.deals_if_fired, acc.fired)},
                                   {"p_deal_if_not", Ratio(t.deals - acc.deals_if_fired, t.replicates - acc.fired)},
                                   {"p_clamped", Ratio(acc.clamped, t.replicates)}};
  }
  return events;
}

Json NumberOrNull(double x) { return std::isnan(x) ? Json(nullptr) : Json(x); }

Json SummaryJson(const Scenario& s, const Accumulator& t, const RunInfo& info) {
  Json j;
  j["schema"] = "parley.summary/1";
  j["parley_version"] = PARLEY_VERSION;
  j["scenario"] = {{"name", s.name}, {"sha256", s.sha256}, {"files", s.spec.files}};
  j["config"] = {{"protocol", info.protocol},
                 {"replicates", info.replicates},
                 {"seed", info.seed},
                 {"overrides", info.overrides},
                 {"horizon", s.horizon},
                 {"reading", Reading(s)}};
  j["complete"] = info.complete;
  j["replicates_done"] = t.replicates;
  j["deal"] = DealBlock(t);
  j["no_deal"] = NoDealBlock(s, t);
  j["rounds"] = RoundsBlock(t);
  Json issues = Json::object();
  for (int k = 0; k < s.NumIssues(); ++k)
    issues[s.issues[k].name] = s.issues[k].ordinal ? OrdinalIssue(s.issues[k], t.issues[k], t.deals)
                                                   : ContinuousIssue(s.issues[k], t.issues[k], t.deals);
  j["issues"] = issues;
  j["bundles"] = BundlesBlock(s, t);
  j["actors"] = ActorsBlock(s, t);
  j["events"] = EventsBlock(s, t);
  return j;
}

// The CSVs are written from the summary alone, so they hold exactly its numbers.
std::string IssuesCsv(const Scenario& s, const Json& summary) {
  std::string out = "issue,kind,bin,low,high,level,count,p\n";
  const std::int64_t deals = summary["deal"]["count"].get<std::int64_t>();
  for (int k = 0; k < s.NumIssues(); ++k) {
    const Issue& issue = s.issues[k];
    const Json& j = summary["issues"][issue.name];
    const Json& counts = issue.ordinal ? j["counts"] : j["histogram"]["counts"];
    for (size_t b = 0; b < counts.size(); ++b) {
      const std::int64_t count = counts[b].get<std::int64_t>();
      std::string p = deals ? FormatNumber(static_cast<double>(count) / static_cast<double>(deals)) : "";
      if (issue.ordinal) {
        out += issue.name + ",ordinal," + std::to_string(b) + ",,," + issue.levels[b] + "," + std::to_string(count) +
               "," + p + "\n";
      } else {
        const Json& edges = j["histogram"]["edges"];
        out += issue.name + ",continuous," + std::to_string(b) + "," + FormatNumber(edges[b].get<double>()) + "," +
               FormatNumber(edges[b + 1].get<double>()) + ",," + std::to_string(count) + "," + p + "\n";
      }
    }
  }
  return out;
}

std::string BundlesCsv(const Scenario& s, const Json& summary) {
  const Json& bundles = summary["bundles"];
  BundleLayout layout = MakeBundleLayout(s);
  std::string out;
  for (int k : layout.issues) out += s.issues[k].name + ",";
  out += "count,p\n";
  for (const Json& b : bundles) {
    for (int k : layout.issues) out += b["terms"][s.issues[k].name].get<std::string>() + ",";
    out += std::to_string(b["count"].get<std::int64_t>()) + "," + FormatNumber(b["p"].get<double>()) + "\n";
  }
  return out;
}

}  // namespace parley

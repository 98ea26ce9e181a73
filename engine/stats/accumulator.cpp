#include "stats/accumulator.h"

#include <algorithm>

#include "core/text.h"

namespace parley {

// Bundles cut every ordinal issue by level and every continuous issue that
// has `report.bundles` cut points by interval; other continuous issues are
// left out. More than this many cells would not be readable, so none are kept.
static constexpr std::int64_t kMaxBundleCells = 1 << 20;

BundleLayout MakeBundleLayout(const Scenario& s) {
  BundleLayout layout;
  layout.cells = 1;
  for (int k = 0; k < s.NumIssues(); ++k) {
    const Issue& issue = s.issues[k];
    std::vector<std::string> parts;
    if (issue.ordinal) {
      parts = issue.levels;
    } else {
      const std::vector<double>* cuts = nullptr;
      for (const BundleCutsSpec& b : s.spec.report.bundles)
        if (b.issue == k) cuts = &b.cuts;
      if (!cuts) continue;
      std::vector<double> edges{issue.low};
      edges.insert(edges.end(), cuts->begin(), cuts->end());
      edges.push_back(issue.high);
      for (size_t e = 0; e + 1 < edges.size(); ++e)
        parts.push_back(FormatNumber(edges[e]) + "-" + FormatNumber(edges[e + 1]));
    }
    layout.issues.push_back(k);
    layout.cells *= static_cast<std::int64_t>(parts.size());
    layout.labels.push_back(std::move(parts));
    if (layout.cells > kMaxBundleCells) return BundleLayout{};
  }
  if (layout.issues.empty()) layout.cells = 0;
  return layout;
}

Accumulator::Accumulator(const Scenario& s) : scenario_(&s) {
  round_counts.assign(s.horizon, 0);
  for (const Issue& issue : s.issues) {
    IssueAccumulator acc;
    if (issue.ordinal) {
      acc.levels.assign(issue.LevelCount(), 0);
    } else {
      acc.fine = FineHistogram(issue.low, issue.high, kQuantileBins);
      acc.bins.assign(s.spec.report.bins, 0);
    }
    issues.push_back(std::move(acc));
  }
  for (int a = 0; a < s.NumActors(); ++a) actors.push_back({{}, {}, FineHistogram(kValueLow, kValueHigh, kQuantileBins)});
  events.assign(s.spec.events.size(), {});
  BundleLayout layout = MakeBundleLayout(s);
  bundle_issues_ = layout.issues;
  std::int64_t stride = 1;
  for (size_t b = 0; b < layout.issues.size(); ++b) {
    bundle_stride_.push_back(static_cast<int>(stride));
    stride *= static_cast<std::int64_t>(layout.labels[b].size());
    const Issue& issue = s.issues[layout.issues[b]];
    std::vector<double> cuts;
    if (!issue.ordinal)
      for (const BundleCutsSpec& c : s.spec.report.bundles)
        if (c.issue == layout.issues[b])
          for (double v : c.cuts) cuts.push_back(issue.ToUnit(v));
    bundle_cuts_.push_back(std::move(cuts));
  }
  bundle_counts.assign(layout.cells, 0);
}

void Accumulator::Reset() {
  replicates = deals = 0;
  no_deal.fill(0);
  rounds = {};
  std::fill(round_counts.begin(), round_counts.end(), 0);
  for (IssueAccumulator& i : issues) {
    i.terms = {};
    i.fine.Reset();
    std::fill(i.bins.begin(), i.bins.end(), 0);
    std::fill(i.levels.begin(), i.levels.end(), 0);
  }
  for (ActorAccumulator& a : actors) a.value = {}, a.gain = {}, a.fine_value.Reset();
  for (EventAccumulator& e : events) e = {};
  std::fill(bundle_counts.begin(), bundle_counts.end(), 0);
}

int Accumulator::BundleIndex(const Outcome& o) const {
  int index = 0;
  for (size_t b = 0; b < bundle_issues_.size(); ++b) {
    const Issue& issue = scenario_->issues[bundle_issues_[b]];
    double x = o.terms[bundle_issues_[b]];
    int part = issue.ordinal ? issue.LevelOf(x)
                             : static_cast<int>(std::upper_bound(bundle_cuts_[b].begin(), bundle_cuts_[b].end(), x) -
                                                bundle_cuts_[b].begin());
    index += part * bundle_stride_[b];
  }
  return index;
}

void Accumulator::Add(const Outcome& o) {
  ++replicates;
  if (o.cause == NoDealCause::None)
    ++deals;
  else
    ++no_deal[static_cast<size_t>(o.cause)];
  for (size_t a = 0; a < actors.size(); ++a) {
    actors[a].value.Add(o.value[a]);
    actors[a].gain.Add(o.value[a] - o.no_deal_value[a]);
    actors[a].fine_value.Add(o.value[a]);
  }
  for (size_t e = 0; e < events.size(); ++e)
    if (o.events_fired[e]) ++events[e].fired, events[e].deals_if_fired += o.deal, events[e].clamped += o.events_clamped[e];
  if (!o.deal) return;
  rounds.Add(o.round);
  ++round_counts[std::min<size_t>(o.round, round_counts.size() - 1)];
  for (size_t k = 0; k < issues.size(); ++k) {
    const Issue& issue = scenario_->issues[k];
    IssueAccumulator& acc = issues[k];
    if (issue.ordinal) {
      int level = issue.LevelOf(o.terms[k]);
      ++acc.levels[level];
      acc.terms.Add(level);
    } else {
      double v = issue.FromUnit(o.terms[k]);
      acc.terms.Add(v);
      acc.fine.Add(v);
      int bin = static_cast<int>(o.terms[k] * static_cast<double>(acc.bins.size()));
      ++acc.bins[std::clamp<int>(bin, 0, static_cast<int>(acc.bins.size()) - 1)];
    }
  }
  if (!bundle_counts.empty()) ++bundle_counts[BundleIndex(o)];
}

void Accumulator::Merge(const Accumulator& other) {
  replicates += other.replicates;
  deals += other.deals;
  for (size_t c = 0; c < no_deal.size(); ++c) no_deal[c] += other.no_deal[c];
  rounds.Merge(other.rounds);
  for (size_t t = 0; t < round_counts.size(); ++t) round_counts[t] += other.round_counts[t];
  for (size_t k = 0; k < issues.size(); ++k) {
    IssueAccumulator& mine = issues[k];
    const IssueAccumulator& theirs = other.issues[k];
    mine.terms.Merge(theirs.terms);
    if (mine.fine.bins() > 0) mine.fine.Merge(theirs.fine);
    for (size_t b = 0; b < mine.bins.size(); ++b) mine.bins[b] += theirs.bins[b];
    for (size_t l = 0; l < mine.levels.size(); ++l) mine.levels[l] += theirs.levels[l];
  }
  for (size_t a = 0; a < actors.size(); ++a) {
    actors[a].value.Merge(other.actors[a].value);
    actors[a].gain.Merge(other.actors[a].gain);
    actors[a].fine_value.Merge(other.actors[a].fine_value);
  }
  for (size_t e = 0; e < events.size(); ++e) {
    events[e].fired += other.events[e].fired;
    events[e].deals_if_fired += other.events[e].deals_if_fired;
    events[e].clamped += other.events[e].clamped;
  }
  for (size_t c = 0; c < bundle_counts.size(); ++c) bundle_counts[c] += other.bundle_counts[c];
}

}  // namespace parley

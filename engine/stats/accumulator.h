// Accumulators: the outcome distributions of docs/outputs.md §2, streamed.
//
// One Accumulator per chunk takes that chunk's Outcomes; chunk accumulators
// merge in chunk order. Integer counts and histograms are order-free; the
// floating moments are merged in chunk order, so totals are byte-identical
// for any thread count. Memory does not grow with the number of replicates.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "model/outcome.h"
#include "model/scenario.h"
#include "stats/histogram.h"
#include "stats/moments.h"

namespace parley {

// Fine bins behind every quantile: resolution (high - low) / kQuantileBins.
inline constexpr int kQuantileBins = 4096;
// Actor values are binned on this range (values of deals lie in [0, 1], of no deal in [-1, 1]).
inline constexpr double kValueLow = -1.0, kValueHigh = 1.0;

struct IssueAccumulator {
  Moments terms;                      // file units, deals only
  FineHistogram fine;                 // continuous: for quantiles
  std::vector<std::int64_t> bins;     // continuous: report.bins equal bins on the scale
  std::vector<std::int64_t> levels;   // ordinal: count per level
};

struct ActorAccumulator {
  Moments value, gain;
  FineHistogram fine_value;
};

struct EventAccumulator {
  std::int64_t fired = 0, deals_if_fired = 0, clamped = 0;
};

class Accumulator {
 public:
  explicit Accumulator(const Scenario& scenario);
  void Reset();
  void Add(const Outcome& outcome);
  void Merge(const Accumulator& other);  // other comes after this in chunk order

  // For distributed runs (montecarlo/runner.cpp): every order-free field, as
  // FineHistogram::Visit, and every Moments, always in the same order. The
  // order-free fields may be combined in any order; the moments must merge
  // in chunk order for byte-identical totals.
  template <class Count, class Min, class Max>
  void VisitOrderFree(Count&& count, Min&& min, Max&& max);
  template <class M>
  void VisitMoments(M&& moments);

  std::int64_t replicates = 0, deals = 0;
  std::array<std::int64_t, kNoDealCauses> no_deal{};  // replicates per cause, by NoDealCause (None unused)
  Moments rounds;                          // round of the deals
  std::vector<std::int64_t> round_counts;  // deals per round, size horizon
  std::vector<IssueAccumulator> issues;
  std::vector<ActorAccumulator> actors;
  std::vector<EventAccumulator> events;
  std::vector<std::int64_t> bundle_counts;  // per bundle cell; empty when no bundles

 private:
  int BundleIndex(const Outcome& outcome) const;
  const Scenario* scenario_;
  std::vector<int> bundle_issues_;          // issues that define bundles, in scenario order
  std::vector<std::vector<double>> bundle_cuts_;  // unit-scale cuts (continuous) or empty (ordinal)
  std::vector<int> bundle_stride_;
};

template <class Count, class Min, class Max>
void Accumulator::VisitOrderFree(Count&& count, Min&& min, Max&& max) {
  count(replicates), count(deals);
  for (std::int64_t& c : no_deal) count(c);
  for (std::int64_t& c : round_counts) count(c);
  for (IssueAccumulator& issue : issues) {
    if (issue.fine.bins() > 0) issue.fine.Visit(count, min, max);
    for (std::int64_t& c : issue.bins) count(c);
    for (std::int64_t& c : issue.levels) count(c);
  }
  for (ActorAccumulator& actor : actors) actor.fine_value.Visit(count, min, max);
  for (EventAccumulator& event : events) count(event.fired), count(event.deals_if_fired), count(event.clamped);
  for (std::int64_t& c : bundle_counts) count(c);
}

template <class M>
void Accumulator::VisitMoments(M&& moments) {
  moments(rounds);
  for (IssueAccumulator& issue : issues) moments(issue.terms);
  for (ActorAccumulator& actor : actors) moments(actor.value), moments(actor.gain);
}

// Bundle cells: which issues they cut, and the label of each cell's terms.
struct BundleLayout {
  std::vector<int> issues;
  std::vector<std::vector<std::string>> labels;  // per bundle issue, per part
  std::int64_t cells = 0;
};
BundleLayout MakeBundleLayout(const Scenario& scenario);

}  // namespace parley

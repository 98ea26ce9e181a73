// parley compare: a base scenario and a variant, paired replicate by
// replicate under the same seed, so common random numbers make the deltas
// of the key metrics precise (docs/cli.md §14).
//
// The metrics are named as paths into summary.json, from the catalogue the
// tuning commands share (tuning/metrics.h): those with a per-replicate form
// (deal.p, no_deal.breakdown, rounds.mean, issues.<i>.mean,
// issues.<i>.p.<level>, actors.<a>.value.mean, actors.<a>.gain.mean,
// events.<e>.p_fired); a metric is compared when both scenarios have it.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "output/summary.h"
#include "protocols/protocol.h"

namespace parley {

struct CompareOptions {
  std::uint64_t seed = 1;
  std::int64_t replicates = 1000;
  int threads = 1;
  const std::atomic<bool>* stop = nullptr;
  // Called after each chunk is merged, in chunk order, with the replicates done so far.
  std::function<void(std::int64_t done, std::int64_t total)> progress;
};

struct MetricDelta {
  std::string name;
  bool base_defined = false, variant_defined = false;
  double base = 0, variant = 0, delta = 0, se = 0;  // delta and se only when both are defined
};

struct CompareResult {
  std::vector<MetricDelta> metrics;
  std::vector<std::string> skipped;  // metrics of the base that the variant lacks
  std::int64_t done = 0;
  bool complete = false;
};

CompareResult ComparePaired(const Scenario& base, const Protocol& base_protocol, const Scenario& variant,
                            const Protocol& variant_protocol, const CompareOptions& options);

Json CompareJson(const Scenario& base, const Scenario& variant, const CompareResult& result,
                 const CompareOptions& options);
std::string CompareTable(const Json& comparison);

}  // namespace parley

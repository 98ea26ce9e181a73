#include "tuning/compare.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>

#include "core/text.h"
#include "montecarlo/chunk_scheduler.h"
#include "montecarlo/runner.h"
#include "tuning/metrics.h"
#include "tuning/paired_ratio.h"

namespace parley {

namespace {

using Extract = std::function<MetricRatio(const Outcome&)>;

struct Metric {
  std::string name;
  Extract base, variant;
};

// The extractors of every comparable metric of scenario s, by name: the
// catalogue's metrics that have a per-replicate form (tuning/metrics.h).
std::vector<std::pair<std::string, Extract>> MetricsOf(const Scenario& s) {
  std::vector<std::pair<std::string, Extract>> m;
  for (MetricInfo& info : MetricCatalog(s))
    if (info.per_replicate) m.push_back({info.name, std::move(info.per_replicate)});
  return m;
}

struct PairedChunk {
  std::vector<PairedRatio> metrics;
  std::int64_t replicates = 0;
};

}  // namespace

CompareResult ComparePaired(const Scenario& base, const Protocol& base_protocol, const Scenario& variant,
                            const Protocol& variant_protocol, const CompareOptions& options) {
  CompareResult result;
  std::vector<Metric> metrics;
  auto variant_metrics = MetricsOf(variant);
  for (auto& [name, extract] : MetricsOf(base)) {
    auto match = std::find_if(variant_metrics.begin(), variant_metrics.end(), [&](auto& m) { return m.first == name; });
    if (match == variant_metrics.end()) result.skipped.push_back(name);
    else metrics.push_back({name, extract, match->second});
  }
  std::vector<PairedRatio> total(metrics.size());
  ChunkJob<PairedChunk> job;
  job.replicates = options.replicates;
  job.threads = options.threads;
  job.stop = options.stop;
  job.make_chunk = [&] { return std::make_unique<PairedChunk>(); };
  job.make_worker = [&] {
    struct Arm {
      World world;
      Outcome outcome;
      std::unique_ptr<Workspace> workspace;
    };
    auto arms = std::make_shared<std::pair<Arm, Arm>>();
    for (auto [arm, s, p] : {std::tuple{&arms->first, &base, &base_protocol},
                             std::tuple{&arms->second, &variant, &variant_protocol}}) {
      Resize(*s, arm->world);
      Resize(*s, arm->outcome);
      arm->workspace = p->NewWorkspace();
    }
    return [&, arms](std::int64_t first, std::int64_t last, PairedChunk& chunk) {
      chunk.metrics.assign(metrics.size(), PairedRatio());
      chunk.replicates = last - first;
      Arm& b = arms->first;
      Arm& v = arms->second;
      for (std::int64_t r = first; r < last; ++r) {
        PlayReplicate(base, base_protocol, options.seed, r, b.world, *b.workspace, b.outcome, nullptr);
        PlayReplicate(variant, variant_protocol, options.seed, r, v.world, *v.workspace, v.outcome, nullptr);
        for (size_t m = 0; m < metrics.size(); ++m) {
          MetricRatio x = metrics[m].base(b.outcome), y = metrics[m].variant(v.outcome);
          chunk.metrics[m].Add(x.num, x.den, y.num, y.den);
        }
      }
    };
  };
  job.merge = [&](PairedChunk& chunk) {
    for (size_t m = 0; m < metrics.size(); ++m) total[m].Merge(chunk.metrics[m]);
    result.done += chunk.replicates;
    if (options.progress) options.progress(result.done, options.replicates);
  };
  RunChunks(job);
  result.complete = result.done == options.replicates;
  for (size_t m = 0; m < metrics.size(); ++m) {
    const PairedRatio& p = total[m];
    MetricDelta d{metrics[m].name, p.BaseDefined(), p.VariantDefined()};
    if (d.base_defined) d.base = p.Base();
    if (d.variant_defined) d.variant = p.Variant();
    if (d.base_defined && d.variant_defined) d.delta = p.Delta(), d.se = p.StandardError();
    result.metrics.push_back(d);
  }
  return result;
}

Json CompareJson(const Scenario& base, const Scenario& variant, const CompareResult& r, const CompareOptions& o) {
  const double z = 1.959963984540054;
  Json j;
  j["schema"] = "parley.compare/1";
  j["parley_version"] = PARLEY_VERSION;
  j["base"] = {{"name", base.name}, {"sha256", base.sha256}, {"protocol", base.protocol.kind}};
  j["variant"] = {{"name", variant.name}, {"sha256", variant.sha256}, {"protocol", variant.protocol.kind}};
  j["config"] = {{"replicates", o.replicates}, {"seed", o.seed}};
  j["complete"] = r.complete;
  j["replicates_done"] = r.done;
  // A difference of two proportions lies in [−base, 1 − base] (the variant in
  // [0, 1]); its interval is cut to that range.
  std::vector<std::string> proportions;
  for (const MetricInfo& m : MetricCatalog(base))
    if (m.kind == MetricKind::Proportion) proportions.push_back(m.name);
  Json metrics = Json::object();
  for (const MetricDelta& d : r.metrics) {
    bool both = d.base_defined && d.variant_defined;
    double lo = d.delta - z * d.se, hi = d.delta + z * d.se;
    if (both && std::find(proportions.begin(), proportions.end(), d.name) != proportions.end())
      lo = std::max(lo, -d.base), hi = std::min(hi, 1 - d.base);
    metrics[d.name] = {{"base", d.base_defined ? Json(d.base) : Json(nullptr)},
                       {"variant", d.variant_defined ? Json(d.variant) : Json(nullptr)},
                       {"delta", both ? Json(d.delta) : Json(nullptr)},
                       {"se", both ? Json(d.se) : Json(nullptr)},
                       {"ci95", both ? Json{lo, hi} : Json(nullptr)}};
  }
  j["metrics"] = metrics;
  j["skipped"] = r.skipped;
  return j;
}

std::string CompareTable(const Json& c) {
  auto num = [](const Json& v) {
    char buffer[32];
    if (v.is_null()) return std::string("n/a");
    std::snprintf(buffer, sizeof buffer, "%.4f", v.get<double>());
    return std::string(buffer);
  };
  std::string out = c["base"]["name"].get<std::string>() + " vs " + c["variant"]["name"].get<std::string>() + "  (" +
                    std::to_string(c["replicates_done"].get<long long>()) + " paired replicates, seed " +
                    std::to_string(c["config"]["seed"].get<unsigned long long>()) +
                    (c["complete"].get<bool>() ? ")\n" : ", INCOMPLETE)\n");
  char line[256];
  std::snprintf(line, sizeof line, "%-44s %9s %9s %9s  %s\n", "metric", "base", "variant", "delta", "95% CI of delta");
  out += line;
  for (auto& [name, m] : c["metrics"].items()) {
    std::string ci = m["ci95"].is_null() ? "" : IntervalText(m["ci95"][0], m["ci95"][1], 4);
    std::snprintf(line, sizeof line, "%-44s %9s %9s %9s  %s\n", name.c_str(), num(m["base"]).c_str(),
                  num(m["variant"]).c_str(), num(m["delta"]).c_str(), ci.c_str());
    out += line;
  }
  return out;
}

}  // namespace parley

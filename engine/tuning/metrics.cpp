#include "tuning/metrics.h"

#include <algorithm>
#include <cmath>

#include "core/text.h"
#include "protocols/schemas.h"

namespace parley {

namespace {

constexpr double kZ95 = 1.959963984540054;

double BinomialSe(std::int64_t k, std::int64_t m) {
  if (m <= 0) return kUndefined;
  double p = static_cast<double>(k) / static_cast<double>(m);
  return std::sqrt(std::max(0.0, p * (1 - p)) / static_cast<double>(m));
}

double MeanSe(const Moments& m) { return m.n > 0 ? m.StandardError() : kUndefined; }

// Half the distribution-free 95% band of the q-quantile over m draws, / 1.96.
template <class QuantileAt>
double QuantileSe(double q, std::int64_t m, QuantileAt&& at) {
  if (m <= 0) return kUndefined;
  double half = kZ95 * std::sqrt(q * (1 - q) / static_cast<double>(m));
  return (at(std::min(1.0, q + half)) - at(std::max(0.0, q - half))) / (2 * kZ95);
}

double NoSe(const Accumulator&) { return kUndefined; }

// Builds the catalogue in summary.json order.
class CatalogBuilder {
 public:
  std::vector<MetricInfo> metrics;

  MetricInfo& Add(std::vector<std::string> keys, MetricKind kind, std::function<double(const Accumulator&)> se) {
    MetricInfo m;
    for (const std::string& k : keys) m.name += (m.name.empty() ? "" : ".") + k;
    m.keys = std::move(keys);
    m.kind = kind;
    m.standard_error = std::move(se);
    metrics.push_back(std::move(m));
    return metrics.back();
  }

  // The quantiles of summary.json under `prefix`, from the histogram `fine`
  // reached through `histogram` (draws: `count`).
  template <class Histogram, class Count>
  void AddQuantiles(const std::vector<std::string>& prefix, Histogram histogram, Count count) {
    for (double q : SummaryQuantileLevels()) {
      std::vector<std::string> keys = prefix;
      keys.push_back("quantiles");
      keys.push_back(FormatNumber(q));
      Add(keys, MetricKind::Quantile, [q, histogram, count](const Accumulator& t) {
        const FineHistogram& h = histogram(t);
        return QuantileSe(q, count(t), [&](double level) { return h.Quantile(level); });
      });
    }
  }
};

void AddDealAndRounds(CatalogBuilder& b, const Scenario& s) {
  b.Add({"deal", "p"}, MetricKind::Proportion, [](const Accumulator& t) { return BinomialSe(t.deals, t.replicates); })
      .per_replicate = [](const Outcome& o) { return MetricRatio{o.deal ? 1.0 : 0.0, 1}; };
  // The causes the protocol reports (its schema), as summary.json lists them.
  const ProtocolSchema* schema = FindProtocolSchema(s.protocol.kind);
  for (const CauseSchema& c : schema ? schema->causes : std::vector<CauseSchema>{}) {
    NoDealCause cause = NoDealCauseFromName(c.name);
    auto count = [cause](const Accumulator& t) { return t.no_deal[static_cast<size_t>(cause)]; };
    b.Add({"no_deal", c.name}, MetricKind::Proportion, [count](const Accumulator& t) {
       return BinomialSe(count(t), t.replicates);
     }).per_replicate = [cause = cause](const Outcome& o) { return MetricRatio{o.cause == cause ? 1.0 : 0.0, 1}; };
  }
  b.Add({"rounds", "mean"}, MetricKind::Mean, [](const Accumulator& t) { return MeanSe(t.rounds); }).per_replicate =
      [](const Outcome& o) { return MetricRatio{o.deal ? double(o.round) : 0.0, o.deal ? 1.0 : 0}; };
  b.Add({"rounds", "sd"}, MetricKind::None, NoSe);
  for (double q : SummaryQuantileLevels())
    b.Add({"rounds", "quantiles", FormatNumber(q)}, MetricKind::Quantile, [q](const Accumulator& t) {
      return t.deals ? QuantileSe(q, t.deals, [&](double level) { return double(RoundQuantile(t, level)); })
                     : kUndefined;
    });
}

void AddIssues(CatalogBuilder& b, const Scenario& s) {
  for (int k = 0; k < s.NumIssues(); ++k) {
    const Issue& issue = s.issues[k];
    if (issue.ordinal) {
      for (int l = 0; l < issue.LevelCount(); ++l)
        b.Add({"issues", issue.name, "p", issue.levels[l]}, MetricKind::Proportion, [k, l](const Accumulator& t) {
           return BinomialSe(t.issues[k].levels[l], t.deals);
         }).per_replicate = [k, l, issue](const Outcome& o) {
          return o.deal ? MetricRatio{issue.LevelOf(o.terms[k]) == l ? 1.0 : 0.0, 1} : MetricRatio{0, 0};
        };
      continue;
    }
    b.Add({"issues", issue.name, "mean"}, MetricKind::Mean, [k](const Accumulator& t) {
       return MeanSe(t.issues[k].terms);
     }).per_replicate = [k, issue](const Outcome& o) {
      return o.deal ? MetricRatio{issue.FromUnit(o.terms[k]), 1} : MetricRatio{0, 0};
    };
    b.Add({"issues", issue.name, "sd"}, MetricKind::None, NoSe);
    b.AddQuantiles({"issues", issue.name}, [k](const Accumulator& t) -> const FineHistogram& {
      return t.issues[k].fine;
    }, [](const Accumulator& t) { return t.deals; });
  }
}

void AddActors(CatalogBuilder& b, const Scenario& s) {
  for (int a = 0; a < s.NumActors(); ++a) {
    const std::string& name = s.actors[a].name;
    b.Add({"actors", name, "value", "mean"}, MetricKind::Mean, [a](const Accumulator& t) {
       return MeanSe(t.actors[a].value);
     }).per_replicate = [a](const Outcome& o) { return MetricRatio{o.value[a], 1}; };
    b.Add({"actors", name, "value", "sd"}, MetricKind::None, NoSe);
    b.AddQuantiles({"actors", name, "value"}, [a](const Accumulator& t) -> const FineHistogram& {
      return t.actors[a].fine_value;
    }, [](const Accumulator& t) { return t.replicates; });
    b.Add({"actors", name, "gain", "mean"}, MetricKind::Mean, [a](const Accumulator& t) {
       return MeanSe(t.actors[a].gain);
     }).per_replicate = [a](const Outcome& o) { return MetricRatio{o.value[a] - o.no_deal_value[a], 1}; };
    b.Add({"actors", name, "gain", "sd"}, MetricKind::None, NoSe);
  }
}

void AddEvents(CatalogBuilder& b, const Scenario& s) {
  for (size_t e = 0; e < s.spec.events.size(); ++e) {
    const std::string& id = s.spec.events[e].id;
    b.Add({"events", id, "p_fired"}, MetricKind::Proportion, [e](const Accumulator& t) {
       return BinomialSe(t.events[e].fired, t.replicates);
     }).per_replicate = [e](const Outcome& o) { return MetricRatio{o.events_fired[e] ? 1.0 : 0.0, 1}; };
    b.Add({"events", id, "p_deal_if_fired"}, MetricKind::Proportion, [e](const Accumulator& t) {
      return BinomialSe(t.events[e].deals_if_fired, t.events[e].fired);
    });
    b.Add({"events", id, "p_deal_if_not"}, MetricKind::Proportion, [e](const Accumulator& t) {
      return BinomialSe(t.deals - t.events[e].deals_if_fired, t.replicates - t.events[e].fired);
    });
  }
}

}  // namespace

const char* MetricKindName(MetricKind kind) {
  switch (kind) {
    case MetricKind::Proportion: return "proportion";
    case MetricKind::Mean: return "mean";
    case MetricKind::Quantile: return "quantile";
    case MetricKind::None: break;
  }
  return "none";
}

std::vector<MetricInfo> MetricCatalog(const Scenario& s) {
  CatalogBuilder b;
  AddDealAndRounds(b, s);
  AddIssues(b, s);
  AddActors(b, s);
  AddEvents(b, s);
  return std::move(b.metrics);
}

const MetricInfo* FindMetric(const std::vector<MetricInfo>& catalog, const std::string& name) {
  for (const MetricInfo& m : catalog)
    if (m.name == name) return &m;
  return nullptr;
}

std::string UnknownMetricHint(const std::vector<MetricInfo>& catalog, const std::string& name) {
  std::vector<std::string> names;
  for (const MetricInfo& m : catalog) names.push_back(m.name);
  std::string hint = DidYouMean(name, names);
  if (hint.empty())
    hint = "; expected a path into summary.json such as `deal.p`, `rounds.mean`, `no_deal.breakdown`, "
           "`issues.<issue>.mean`, `issues.<issue>.p.<level>` or `actors.<actor>.value.mean`";
  return hint;
}

double SummaryValue(const Json& summary, const MetricInfo& metric) {
  const Json* node = &summary;
  for (const std::string& key : metric.keys) {
    if (!node->is_object() || !node->contains(key)) return kUndefined;
    node = &(*node)[key];
  }
  return node->is_number() ? node->get<double>() : kUndefined;
}

MetricValue Measure(const Json& summary, const Accumulator& total, const MetricInfo& metric) {
  MetricValue v;
  v.value = SummaryValue(summary, metric);
  if (!std::isnan(v.value)) v.se = metric.standard_error(total);
  return v;
}

}  // namespace parley

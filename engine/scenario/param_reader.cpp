// Parameter values: a number, a level name, or `{dist: ...}` (docs/schema.md).
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

#include "core/text.h"
#include "scenario/key_tables.h"
#include "scenario/reader_internal.h"

namespace parley::reader {

namespace {

// The keys each distribution accepts: scenario/key_tables.h.
const std::vector<std::pair<std::string, std::vector<std::string>>>& DistKeys() { return keys::Distributions(); }

// True when no value is NaN, the mark of a field that is missing or malformed
// (and already reported): checks between fields run only on known values.
bool Known(double a, double b = 0, double c = 0) { return !std::isnan(a) && !std::isnan(b) && !std::isnan(c); }

// The numeric fields of one `{dist: ...}` map; any failure clears ok().
class Fields {
 public:
  Fields(Ctx& ctx, const Node& map, const std::string& path, const std::string& kind)
      : ctx_(ctx), map_(map), path_(path), kind_(kind) {}

  bool Has(const char* key) const { return map_.Find(key) != nullptr; }
  bool ok() const { return ok_; }
  Ctx& ctx() { return ctx_; }
  const Node& map() const { return map_; }
  const std::string& path() const { return path_; }

  // An optional field: `fallback` when absent, NaN (and !ok) when malformed.
  double Get(const char* key, double fallback) {
    const Node* node = map_.Find(key);
    if (!node) return fallback;
    std::optional<double> value = ctx_.Number(*node, Join(path_, key));
    if (!value) ok_ = false;
    return value.value_or(NAN);
  }

  double Need(const char* key) {
    if (!Has(key)) {
      Fail(key, "missing required key: `{dist: " + kind_ + "}` needs `" + key + "`, got nothing");
      return NAN;
    }
    return Get(key, NAN);
  }

  // Reports at the field's value when given, else at the map.
  void Fail(const char* key, const std::string& message) {
    const Node* node = map_.Find(key);
    ctx_.Error(node ? node->loc : map_.loc, Join(path_, key), message);
    ok_ = false;
  }

  // `low`/`high`, each optional, and low < high when both are given.
  void Bounds(double* low, double* high, double default_low, double default_high) {
    *low = Get("low", default_low);
    *high = Get("high", default_high);
    if (Known(*low, *high) && !(*low < *high))
      Fail("high", "must be > low (" + FormatNumber(*low) + "), got " + FormatNumber(*high));
  }

  // A parameter that must be > 0.
  void Positive(const char* key, double value) {
    if (Known(value) && !(value > 0)) Fail(key, "must be > 0, got " + FormatNumber(value));
  }

 private:
  Ctx& ctx_;
  const Node& map_;
  std::string path_;
  std::string kind_;
  bool ok_ = true;
};

// Truncation bounds that cut away all the mass would make sampling meaningless.
template <class Dist>
void CheckMass(Fields& f, const Dist& dist, double low, double high) {
  namespace bm = boost::math;
  double lo = std::isfinite(low) ? bm::cdf(dist, low) : 0.0;
  double hi = std::isfinite(high) ? bm::cdf(dist, high) : 1.0;
  if (f.ok() && !(hi - lo > 1e-12))
    f.Fail("low", "expected bounds that keep some probability, got [" + FormatNumber(low) + ", " +
                      FormatNumber(high) + "] where the distribution has (almost) none");
}

std::optional<Distribution> Uniform(Fields& f) {
  double low = f.Need("low"), high = f.Need("high");
  if (Known(low, high) && !(low < high))
    f.Fail("high", "must be > low (" + FormatNumber(low) + "), got " + FormatNumber(high));
  if (!f.ok()) return std::nullopt;
  return Distribution::Uniform(low, high);
}

std::optional<Distribution> Normal(Fields& f) {
  double mean = f.Need("mean"), sd = f.Need("sd"), low, high;
  f.Positive("sd", sd);
  f.Bounds(&low, &high, -kInf, kInf);
  if (f.ok()) CheckMass(f, boost::math::normal_distribution<double>(mean, sd), low, high);
  if (!f.ok()) return std::nullopt;
  return Distribution::Normal(mean, sd, low, high);
}

// `{mu, sigma}` of log x, or `{mean, sd}` of x itself.
std::optional<Distribution> Lognormal(Fields& f) {
  bool moments = f.Has("mean") || f.Has("sd");
  if (moments && (f.Has("mu") || f.Has("sigma")))
    f.Fail("mu", "expected either `mu` and `sigma` (of log x) or `mean` and `sd` (of x), got both kinds");
  double mu = NAN, sigma = NAN, low, high;
  if (moments) {
    double mean = f.Need("mean"), sd = f.Need("sd");
    f.Positive("mean", mean);
    f.Positive("sd", sd);
    sigma = std::sqrt(std::log1p(sd * sd / (mean * mean)));
    mu = std::log(mean) - sigma * sigma / 2;
  } else {
    mu = f.Need("mu"), sigma = f.Need("sigma");
    f.Positive("sigma", sigma);
  }
  f.Bounds(&low, &high, -kInf, kInf);
  if (std::isfinite(low) && low < 0) f.Fail("low", "must be >= 0 (a lognormal is positive), got " + FormatNumber(low));
  if (f.ok()) CheckMass(f, boost::math::lognormal_distribution<double>(mu, sigma), low, high);
  if (!f.ok()) return std::nullopt;
  return Distribution::Lognormal(mu, sigma, low, high);
}

constexpr double kMaxBetaShape = 1e9;

// `{alpha, beta}`, or `{mean, sd}` of the variable, on [low, high] (default [0, 1]).
std::optional<Distribution> Beta(Fields& f) {
  bool moments = f.Has("mean") || f.Has("sd");
  if (moments && (f.Has("alpha") || f.Has("beta")))
    f.Fail("alpha", "expected either `mean` and `sd` or `alpha` and `beta`, got both kinds");
  double low, high, alpha = NAN, beta = NAN;
  f.Bounds(&low, &high, 0.0, 1.0);
  if (moments) {
    double mean = f.Need("mean"), sd = f.Need("sd");
    if (!f.ok()) return std::nullopt;
    if (!(mean > low && mean < high)) {
      f.Fail("mean", "must be in (" + FormatNumber(low) + ", " + FormatNumber(high) + "), got " + FormatNumber(mean));
      return std::nullopt;
    }
    // Solve on [0, 1], where BetaFromMeanSd works, then stretch back.
    double width = high - low;
    std::string why = BetaFromMeanSd((mean - low) / width, sd / width, &alpha, &beta);
    std::string scale = low == 0 && high == 1 ? "" : " (on [0, 1] after mapping [" + FormatNumber(low) + ", " +
                                                         FormatNumber(high) + "] onto it)";
    if (!why.empty())
      f.Fail("sd", why + scale + ", got mean " + FormatNumber(mean) + " and sd " + FormatNumber(sd));
  } else {
    alpha = f.Need("alpha"), beta = f.Need("beta");
    f.Positive("alpha", alpha);
    f.Positive("beta", beta);
  }
  // Boost.Math's beta quantile gives up (throws) for shapes near 1e11, and a
  // beta that narrow is a constant to every digit that matters.
  if (f.ok() && (alpha > kMaxBetaShape || beta > kMaxBetaShape)) {
    std::string got = "alpha " + FormatNumber(alpha) + " and beta " + FormatNumber(beta);
    std::string constant = FormatNumber(low + (high - low) * alpha / (alpha + beta));
    if (moments)
      f.Fail("sd", "is too small for a beta distribution: expected alpha and beta at most 1e9, got " + got +
                       "; give the constant " + constant + " instead");
    else
      f.Fail(alpha > kMaxBetaShape ? "alpha" : "beta",
             "expected alpha and beta at most 1e9, got " + got + "; give the constant " + constant + " instead");
  }
  if (!f.ok()) return std::nullopt;
  return Distribution::BetaAlphaBeta(alpha, beta, low, high);
}

std::optional<Distribution> Triangular(Fields& f) {
  double low = f.Need("low"), mode = f.Need("mode"), high = f.Need("high");
  if (Known(low, high) && !(low < high))
    f.Fail("high", "must be > low (" + FormatNumber(low) + "), got " + FormatNumber(high));
  else if (Known(low, high, mode) && !(low <= mode && mode <= high))
    f.Fail("mode", "must be in [" + FormatNumber(low) + ", " + FormatNumber(high) + "], got " + FormatNumber(mode));
  if (!f.ok()) return std::nullopt;
  return Distribution::Triangular(low, mode, high);
}

// One value of a choice: a number, or a level name of an ordinal issue.
std::optional<double> ChoiceValue(Fields& f, const Node& node, const std::string& path, const IssueSpec* ordinal) {
  if (!ordinal) return f.ctx().Number(node, path);
  std::optional<std::string> name = f.ctx().Text(node, path);
  if (!name) return std::nullopt;
  int level = f.ctx().Lookup(*name, node.loc, path, ordinal->levels, "a level of `" + ordinal->name + "`");
  if (level < 0) return std::nullopt;
  return level;
}

std::vector<double> ChoiceWeights(Fields& f, size_t count) {
  const Node* node = f.map().Find("weights");
  if (!node) return {};
  std::string path = Join(f.path(), "weights");
  if (!f.ctx().IsList(*node, path, "a list of weights")) return {};
  if (node->items.size() != count) {
    f.Fail("weights", "expected " + std::to_string(count) + " weights, one per value, got " +
                          std::to_string(node->items.size()));
    return {};
  }
  std::vector<double> weights;
  double total = 0;
  for (size_t i = 0; i < count; ++i) {
    std::optional<double> w = f.ctx().NumberIn(node->items[i], Join(path, std::to_string(i)), Domain::AtLeast(0));
    weights.push_back(w.value_or(0));
    total += w.value_or(0);
  }
  if (f.ok() && !(total > 0)) f.Fail("weights", "expected weights with a positive sum, got a sum of 0");
  return weights;
}

std::optional<Distribution> Choice(Fields& f, const IssueSpec* ordinal) {
  const Node* node = f.map().Find("values");
  if (!node) f.Need("values");
  std::string path = Join(f.path(), "values");
  if (!node || !f.ctx().IsList(*node, path, "a list of values")) return std::nullopt;
  if (node->items.empty()) f.Fail("values", "expected at least one value, got an empty list");
  size_t errors = f.ctx().diags().size();
  std::vector<double> values;
  for (size_t i = 0; i < node->items.size(); ++i)
    values.push_back(ChoiceValue(f, node->items[i], Join(path, std::to_string(i)), ordinal).value_or(0));
  std::vector<double> weights = ChoiceWeights(f, values.size());
  if (!f.ok() || f.ctx().diags().size() != errors) return std::nullopt;
  return Distribution::Choice(std::move(values), std::move(weights));
}

std::string SupportText(const Distribution& d) {
  return "[" + FormatNumber(d.SupportLow()) + ", " + FormatNumber(d.SupportHigh()) + "]";
}

// Every draw must lie in the domain; continuous draws hit an open bound with
// probability 0, so their support may touch it.
void CheckSupport(Ctx& ctx, const Distribution& d, const Node& node, const std::string& path, const Domain& domain) {
  double low = d.SupportLow(), high = d.SupportHigh();
  bool continuous = d.kind != DistKind::Choice;
  bool low_ok = continuous ? low >= domain.low : domain.Contains(low);
  if (low_ok && high <= domain.high) return;
  std::string got = std::string("a ") + DistKindName(d.kind) + " distribution";
  if (!std::isfinite(low) || !std::isfinite(high))
    ctx.Error(node.loc, path, "must be " + domain.Text() + ", got " + got + " unbounded" +
                                  (std::isfinite(low) ? " above" : std::isfinite(high) ? " below" : "") +
                                  " (add low/high to truncate it)");
  else
    ctx.Error(node.loc, path, "must be " + domain.Text() + ", got " + got + " over " + SupportText(d));
}

// `{dist: ...}`: the kind, its keys, its fields.
std::optional<Distribution> ReadDist(Ctx& ctx, const Node& map, const std::string& path, const IssueSpec* ordinal) {
  const Node* kind_node = map.Find("dist");
  std::vector<std::string> kinds;
  for (const auto& [kind, keys] : DistKeys()) kinds.push_back(kind);
  if (!kind_node) {
    std::string hint;
    for (const Entry& entry : map.entries)
      if (hint.empty()) hint = DidYouMean(entry.key, {"dist"});
    ctx.Error(map.loc, path, "expected a number or a distribution {dist: " + JoinChoices(kinds) +
                                 ", ...}, got a map without `dist`" + hint);
    return std::nullopt;
  }
  if (ordinal) kinds = {"choice"};
  std::optional<std::string> kind = ctx.OneOf(*kind_node, Join(path, "dist"), kinds);
  if (!kind) return std::nullopt;
  for (const auto& [name, keys] : DistKeys())
    if (name == *kind) ctx.CheckKeys(map, path, keys);
  Fields f(ctx, map, path, *kind);
  if (*kind == "uniform") return Uniform(f);
  if (*kind == "normal") return Normal(f);
  if (*kind == "beta") return Beta(f);
  if (*kind == "triangular") return Triangular(f);
  if (*kind == "lognormal") return Lognormal(f);
  return Choice(f, ordinal);
}

// An ordinal issue's value: a level name or a choice over level names.
std::optional<Distribution> ReadLevel(Ctx& ctx, const Node& node, const std::string& path, const IssueSpec& issue) {
  if (node.IsMap()) return ReadDist(ctx, node, path, &issue);
  if (!node.IsScalar()) {
    ctx.Error(node.loc, path, "expected a level of `" + issue.name + "` (" + JoinChoices(issue.levels) +
                                  ") or {dist: choice, values: [...]}, got " + yaml::Describe(node));
    return std::nullopt;
  }
  int level = ctx.Lookup(node.text, node.loc, path, issue.levels, "a level of `" + issue.name + "`");
  if (level < 0) return std::nullopt;
  return Distribution::Constant(level);
}

}  // namespace

ParamSpec ReadParam(Ctx& ctx, const Node& node, const std::string& path, const Domain& domain,
                    const IssueSpec* ordinal) {
  ParamSpec param;
  param.path = path;
  param.loc = node.loc;
  param.present = true;  // given, even if invalid: the error is reported, not "missing"
  std::optional<Distribution> dist;
  if (ordinal) {
    dist = ReadLevel(ctx, node, path, *ordinal);
  } else if (node.IsMap()) {
    dist = ReadDist(ctx, node, path, nullptr);
    if (dist) CheckSupport(ctx, *dist, node, path, domain);
  } else if (node.IsScalar()) {
    std::optional<double> value = ctx.NumberIn(node, path, domain);
    if (value) dist = Distribution::Constant(*value);
  } else {
    ctx.Error(node.loc, path, "expected a number or a distribution {dist: ...}, got " + yaml::Describe(node));
  }
  if (dist) param.dist = *dist;
  return param;
}

}  // namespace parley::reader

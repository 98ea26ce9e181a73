#include "model/scenario.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

#include "core/text.h"

namespace parley {

int Issue::LevelOf(double x) const {
  int last = LevelCount() - 1;
  int level = static_cast<int>(std::lround(x * last));
  return level < 0 ? 0 : (level > last ? last : level);
}

int Scenario::ParamIndex(const std::string& path) const {
  for (size_t i = 0; i < params.size(); ++i)
    if (params[i].path == path) return static_cast<int>(i);
  return -1;
}

int Scenario::ActorIndex(const std::string& n) const {
  for (size_t i = 0; i < actors.size(); ++i)
    if (actors[i].name == n) return static_cast<int>(i);
  return -1;
}

int Scenario::IssueIndex(const std::string& n) const {
  for (size_t i = 0; i < issues.size(); ++i)
    if (issues[i].name == n) return static_cast<int>(i);
  return -1;
}

static std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) out += hex[digest[i] >> 4], out += hex[digest[i] & 15];
  return out;
}

namespace {

// Registers parameters in a fixed order, so param indices are stable.
struct ParamTable {
  std::vector<Param>& params;
  int Add(const ParamSpec& spec) {
    if (!spec.present) return -1;
    Param param{spec.path, spec.dist, StreamIdOf(spec.path), spec.loc};
    param.domain_low = spec.domain_low, param.domain_high = spec.domain_high;
    param.domain_low_open = spec.domain_low_open;
    params.push_back(std::move(param));
    return static_cast<int>(params.size()) - 1;
  }
};

void CompileIssues(const ScenarioSpec& spec, ParamTable& table, Scenario& s) {
  for (const IssueSpec& in : spec.issues) {
    Issue issue;
    issue.name = in.name;
    issue.label = in.label.empty() ? in.name : in.label;
    issue.ordinal = in.ordinal;
    issue.levels = in.levels;
    issue.low = in.ordinal ? 0.0 : in.low;
    issue.high = in.ordinal ? static_cast<double>(in.levels.size() - 1) : in.high;
    issue.anchors = in.anchors;
    issue.status_quo = table.Add(in.status_quo);
    s.issues.push_back(std::move(issue));
  }
}

void CompileActors(const ScenarioSpec& spec, ParamTable& table, Scenario& s) {
  for (const ActorSpec& in : spec.actors) {
    Actor actor;
    actor.name = in.name;
    actor.label = in.label.empty() ? in.name : in.label;
    actor.veto = in.veto;
    actor.capability = table.Add(in.capability);
    actor.discount = table.Add(in.discount);
    actor.risk = table.Add(in.risk);
    actor.war_cost = table.Add(in.war_cost);
    actor.reservation = table.Add(in.reservation);
    for (const ParamSpec& p : in.position) actor.position.push_back(table.Add(p));
    for (const ParamSpec& p : in.salience) actor.salience.push_back(table.Add(p));
    actor.tactic_exponent = in.tactic.exponent;
    s.actors.push_back(std::move(actor));
  }
  // Value tables: flatten, so a replicate reads them by offset.
  s.value_offset.setConstant(s.NumActors(), s.NumIssues(), -1);
  for (int a = 0; a < s.NumActors(); ++a) {
    const ActorSpec& in = spec.actors[a];
    for (int k = 0; k < s.NumIssues() && k < static_cast<int>(in.values.size()); ++k) {
      if (in.values[k].empty()) continue;
      s.value_offset(a, k) = static_cast<int>(s.value_params.size());
      for (const ParamSpec& p : in.values[k]) s.value_params.push_back(table.Add(p));
    }
  }
}

void CompileProtocol(const ScenarioSpec& spec, ParamTable& table, Scenario& s) {
  const ProtocolSpec& in = spec.protocol;
  ProtocolConfig& out = s.protocol;
  out.kind = in.kind;
  out.proposers = in.proposers.empty() ? s.veto_actors : in.proposers;
  out.order = in.order == "random" ? Order::Random : Order::Rotate;
  out.recognition = in.recognition;
  if (out.recognition.size() != out.proposers.size()) out.recognition.assign(out.proposers.size(), 1.0);
  double total = 0;
  for (double w : out.recognition) total += w;
  for (double& w : out.recognition) w /= total;
  out.breakdown = table.Add(in.breakdown);
  if (out.breakdown < 0) {
    ParamSpec zero;
    zero.path = "protocol.breakdown";
    zero.dist = Distribution::Constant(0);
    zero.present = true;
    out.breakdown = table.Add(zero);
  }
  out.information = in.information == "private" ? Information::Private : Information::Complete;
  out.weights = in.weights;
  out.grid = in.grid;
  out.q = in.q, out.tolerance = in.tolerance;
  out.accept_highest_eu = in.accept == "highest_eu";
  out.deal_forecast = in.deal == "forecast";
}

void CompileDynamics(const ScenarioSpec& spec, ParamTable& table, Scenario& s) {
  for (const DynamicsSpec& d : spec.dynamics) {
    Dynamic dynamic;
    dynamic.issue = d.issue;
    dynamic.status_quo = s.issues[d.issue].status_quo;
    dynamic.drift = table.Add(d.drift);
    dynamic.volatility = table.Add(d.volatility);
    dynamic.stream = StreamIdOf("dynamics." + s.issues[d.issue].name);
    s.dynamics.push_back(dynamic);
  }
}

// The range an effect's first application can give its target, from the
// supports of the target's and the effect's distributions.
std::pair<double, double> EffectRange(const Param& target, const Param& size, EffectOp op) {
  const double lo = target.dist.SupportLow(), hi = target.dist.SupportHigh();
  const double a = size.dist.SupportLow(), b = size.dist.SupportHigh();
  switch (op) {
    case EffectOp::Add: return {lo + a, hi + b};
    case EffectOp::Scale: {  // a, b >= 0 (the reader checks)
      double c[] = {lo * a, lo * b, hi * a, hi * b};
      return {*std::min_element(c, c + 4), *std::max_element(c, c + 4)};
    }
    case EffectOp::Set: return {a, b};
  }
  return {lo, hi};
}

bool Inside(const Param& p, double x) {
  return (p.domain_low_open ? x > p.domain_low : x >= p.domain_low) && x <= p.domain_high;
}

std::string DomainText(const Param& p) {
  return std::string(p.domain_low_open ? "(" : "[") + FormatNumber(p.domain_low) + ", " + FormatNumber(p.domain_high) +
         "]";
}

// An effect that takes its target out of the target's domain for every value
// the two can draw (discount add 0.5 on a discount of 0.95) is an error at
// load; one that can leave it only for some draws is clamped at run time and
// counted (model/shocks.h). The check sees the target as the file draws it,
// before other events change it.
void CheckEffectDomain(const Scenario& s, const EffectSpec& spec, const EventEffect& effect, const std::string& path,
                       Diagnostics& diags) {
  const Param& target = s.params[static_cast<size_t>(effect.target)];
  const Param& size = s.params[static_cast<size_t>(effect.value)];
  if (std::isinf(target.domain_low) && std::isinf(target.domain_high)) return;
  auto [lo, hi] = EffectRange(target, size, effect.op);
  const bool below = !Inside(target, lo) && !Inside(target, hi) && hi <= target.domain_low;
  const bool above = !Inside(target, lo) && !Inside(target, hi) && lo > target.domain_high;
  if (!below && !above) return;
  const char* op = effect.op == EffectOp::Add ? "add" : effect.op == EffectOp::Scale ? "scale" : "set";
  auto brief = [](double x) {  // 0.1, not the 0.09999999999999998 that 1 - 0.9 gives
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", x);
    return std::string(buffer);
  };
  std::string range = lo == hi ? brief(lo) : "[" + brief(lo) + ", " + brief(hi) + "]";
  diags.Add(spec.loc, path,
            std::string("effect `") + op + "` takes " + spec.target + " to " + range + ", outside its domain " +
                DomainText(target) + " for every value it can draw; change the effect's size");
}

// Effect targets are looked up once all parameters exist: an effect may
// target any of them, another event's hazard included.
void CompileEvents(const ScenarioSpec& spec, ParamTable& table, Scenario& s) {
  for (const EventSpec& e : spec.events) {
    Event event;
    event.id = e.id;
    event.label = e.label.empty() ? e.id : e.label;
    event.hazard = table.Add(e.hazard);
    event.from_round = std::max({0, e.from_round, e.no_agreement_by});
    event.until_round = e.until_round;
    event.once = e.once;
    event.stream = StreamIdOf("events." + e.id);
    for (const EffectSpec& effect : e.effects) event.effects.push_back({-1, effect.op, table.Add(effect.value)});
    s.events.push_back(std::move(event));
  }
  Diagnostics diags;
  for (size_t i = 0; i < spec.events.size(); ++i)
    for (size_t k = 0; k < spec.events[i].effects.size(); ++k) {
      const EffectSpec& effect = spec.events[i].effects[k];
      // protocol.breakdown names the breakdown risk of the protocol that runs,
      // wherever it was read from (the top level or the protocol's block).
      int target = effect.target == "protocol.breakdown" ? s.protocol.breakdown : s.ParamIndex(effect.target);
      if (target < 0) {
        diags.Add(effect.loc, effect.target, "no such parameter");
        continue;
      }
      s.events[i].effects[k].target = target;
      CheckEffectDomain(s, effect, s.events[i].effects[k], "events." + spec.events[i].id + ".effects." + std::to_string(k),
                        diags);
    }
  diags.ThrowIfAny();
}

}  // namespace

Scenario Compile(const ScenarioSpec& spec) {
  Scenario s;
  s.name = spec.name;
  s.description = spec.description;
  s.round_label = spec.round_label;
  s.horizon = spec.horizon;
  s.replicates = spec.replicates;
  s.seed = spec.seed;
  ParamTable table{s.params};
  CompileIssues(spec, table, s);
  CompileActors(spec, table, s);
  for (int a = 0; a < s.NumActors(); ++a)
    if (s.actors[a].veto) s.veto_actors.push_back(a);
  CompileProtocol(spec, table, s);
  CompileDynamics(spec, table, s);
  CompileEvents(spec, table, s);
  s.spec = spec;
  s.sha256 = Sha256Hex(spec.source_text);
  return s;
}

}  // namespace parley

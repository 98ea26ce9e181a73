#include "output/ensemble.h"

#include <algorithm>

#include "protocols/schemas.h"

namespace parley {

namespace {

// The most probable level and its probability; null without deals. Ties go
// to the earlier level, so the choice never depends on rounding noise order.
Json ModalLevel(const Json& p) {
  Json best = nullptr;
  for (auto& [level, probability] : p.items()) {
    if (probability.is_null()) return nullptr;
    if (best.is_null() || probability.get<double>() > best["p"].get<double>())
      best = {{"level", level}, {"p", probability}};
  }
  return best;
}

Json IssueFigures(const Json& issue) {
  if (issue["kind"] == "continuous") return {{"kind", "continuous"}, {"mean", issue["mean"]}};
  return {{"kind", "ordinal"}, {"p", issue["p"]}, {"modal", ModalLevel(issue["p"])}};
}

// A protocol that ran: its key figures, copied from its summary so that the
// numbers are the very ones of <protocol>/summary.json.
Json RanEntry(const EnsembleEntry& e) {
  const Json& s = e.summary;
  Json j;
  j["status"] = "ran";
  j["complete"] = s["complete"];
  j["replicates_done"] = s["replicates_done"];
  j["deal"] = {{"p", s["deal"]["p"]}, {"ci95", s["deal"]["ci95"]}, {"count", s["deal"]["count"]}};
  j["no_deal"] = s["no_deal"];
  // Rounds only compare where they count the same thing (the scenario's rounds).
  const ProtocolSchema* schema = FindProtocolSchema(e.protocol);
  std::string unit = schema ? schema->round_unit : "";
  j["rounds"] = {{"mean", s["rounds"]["mean"]}, {"unit", unit.empty() ? "rounds of the scenario" : unit}};
  j["reading"] = schema ? schema->reading : "";
  Json issues = Json::object();
  for (auto& [name, issue] : s["issues"].items()) issues[name] = IssueFigures(issue);
  j["issues"] = issues;
  j["summary"] = e.protocol + "/summary.json";
  return j;
}

Json Entry(const EnsembleEntry& e) {
  switch (e.status) {
    case EnsembleEntry::Status::kRan: return RanEntry(e);
    case EnsembleEntry::Status::kRefused: return {{"status", "refused"}, {"reason", e.reason}};
    case EnsembleEntry::Status::kNotRun: return {{"status", "not_run"}, {"reason", e.reason}};
  }
  return nullptr;
}

// Max - min of one figure over the protocols that ran and have it. With
// fewer than two there is nothing to compare, and the spread is null rather
// than a zero that would read as agreement.
template <typename Figure>
Json Spread(const Json& protocols, Figure figure) {
  Json names = Json::array();
  double low = 0, high = 0;
  for (auto& [name, entry] : protocols.items()) {
    if (entry["status"] != "ran") continue;
    const Json& value = figure(entry);
    if (value.is_null()) continue;
    double v = value.get<double>();
    low = names.empty() ? v : std::min(low, v);
    high = names.empty() ? v : std::max(high, v);
    names.push_back(name);
  }
  bool compared = names.size() >= 2;
  return {{"protocols", names},
          {"min", compared ? Json(low) : Json(nullptr)},
          {"max", compared ? Json(high) : Json(nullptr)},
          {"spread", compared ? Json(high - low) : Json(nullptr)}};
}

// Whether the protocols that ran with deals name the same modal level.
Json ModalAgreement(const Json& protocols, const std::string& issue) {
  Json modal = Json::object();
  for (auto& [name, entry] : protocols.items()) {
    if (entry["status"] != "ran") continue;
    const Json& m = entry["issues"][issue]["modal"];
    if (!m.is_null()) modal[name] = m["level"];
  }
  Json agree = nullptr;
  if (modal.size() >= 2) {
    bool same = true;
    for (auto& [name, level] : modal.items()) same = same && level == modal.front();
    agree = same;
  }
  return {{"kind", "ordinal"}, {"modal", modal}, {"agree", agree}};
}

Json AgreementBlock(const Scenario& s, const Json& protocols) {
  Json j;
  j["deal_p"] = Spread(protocols, [](const Json& e) -> const Json& { return e["deal"]["p"]; });
  // Over the protocols whose rounds are the scenario's rounds only.
  static const Json kNull = nullptr;
  j["rounds_mean"] = Spread(protocols, [](const Json& e) -> const Json& {
    return e["rounds"]["unit"] == "rounds of the scenario" ? e["rounds"]["mean"] : kNull;
  });
  Json issues = Json::object();
  for (const Issue& issue : s.issues) {
    if (issue.ordinal) {
      issues[issue.name] = ModalAgreement(protocols, issue.name);
    } else {
      Json spread = Spread(protocols, [&](const Json& e) -> const Json& { return e["issues"][issue.name]["mean"]; });
      issues[issue.name] = Json{{"kind", "continuous"}};
      issues[issue.name].update(spread);
    }
  }
  j["issues"] = issues;
  return j;
}

}  // namespace

Json EnsembleJson(const Scenario& s, const std::vector<EnsembleEntry>& entries, const EnsembleInfo& info) {
  Json j;
  j["schema"] = "parley.ensemble/1";
  j["parley_version"] = PARLEY_VERSION;
  j["scenario"] = {{"name", s.name}, {"sha256", s.sha256}, {"files", s.spec.files}};
  j["config"] = {{"replicates", info.replicates}, {"seed", info.seed}, {"overrides", info.overrides}};
  bool complete = true;
  Json protocols = Json::object();
  for (const EnsembleEntry& e : entries) {
    protocols[e.protocol] = Entry(e);
    if (e.status == EnsembleEntry::Status::kNotRun) complete = false;
    if (e.status == EnsembleEntry::Status::kRan && !e.summary["complete"].get<bool>()) complete = false;
  }
  j["complete"] = complete;
  j["protocols"] = protocols;
  j["agreement"] = AgreementBlock(s, protocols);
  return j;
}

}  // namespace parley

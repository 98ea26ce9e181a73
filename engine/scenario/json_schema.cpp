#include "scenario/json_schema.h"

#include <map>
#include <stdexcept>
#include <string>

#include "protocols/schemas.h"
#include "scenario/key_tables.h"

namespace parley {

namespace {

using Json = nlohmann::ordered_json;

Json Ref(const std::string& name) { return {{"$ref", "#/definitions/" + name}}; }

Json Described(Json schema, const std::string& description) {
  schema["description"] = description;
  return schema;
}

// A map whose keys are exactly `keys`, each typed by `types` (which must
// hold every one of them).
Json Closed(const std::string& where, const keys::Keys& keys, const std::map<std::string, Json>& types) {
  Json properties = Json::object();
  for (const std::string& key : keys) {
    auto it = types.find(key);
    if (it == types.end()) throw std::logic_error("json_schema: no schema for " + where + "." + key);
    properties[key] = it->second;
  }
  return {{"type", "object"}, {"properties", properties}, {"additionalProperties", false}};
}

Json Number(double low, double high) {
  Json j = {{"type", "number"}};
  j["minimum"] = low;
  j["maximum"] = high;
  return j;
}

// {dist: KIND, ...}: one closed map per kind.
Json Distribution() {
  Json kinds = Json::array();
  for (const auto& [kind, keys] : keys::Distributions()) {
    std::map<std::string, Json> types;
    for (const std::string& key : keys) types[key] = {{"type", "number"}};
    types["dist"] = {{"const", kind}};
    types["values"] = {{"type", "array"}, {"minItems", 1}, {"items", {{"type", {"number", "string"}}}}};
    types["weights"] = {{"type", "array"}, {"items", {{"type", "number"}, {"minimum", 0}}}};
    Json k = Closed("dist." + kind, keys, types);
    k["required"] = Json::array({"dist"});
    kinds.push_back(k);
  }
  // In a variant (extends:), a map without `dist` changes fields of the base's distribution.
  Json fields = Json::object();
  for (const auto& [kind, keys] : keys::Distributions())
    for (const std::string& key : keys)
      if (key != "dist") fields[key] = key == "values" || key == "weights" ? Json{{"type", "array"}} : Json{{"type", "number"}};
  kinds.push_back({{"type", "object"}, {"properties", fields}, {"additionalProperties", false}, {"minProperties", 1},
                   {"not", {{"required", {"dist"}}}},
                   {"description", "in a variant file: fields that change the base's distribution"}});
  return {{"oneOf", kinds}, {"description", "a distribution: {dist: uniform|normal|beta|triangular|lognormal|choice, ...}"}};
}

// The parameter a protocol declares, as JSON Schema.
Json ProtocolParam(const ParamSchema& p) {
  Json j;
  switch (p.type) {
    case ParamType::Uncertain: j = Ref("param"); break;
    case ParamType::Number: j = Number(p.domain.low, p.domain.high); break;
    case ParamType::Integer: j = {{"type", "integer"}, {"minimum", p.domain.low}}; break;
    case ParamType::Choice: j = {{"enum", p.choices}}; break;
    case ParamType::ActorList: j = {{"type", "array"}, {"items", {{"type", "string"}}}, {"uniqueItems", true}}; break;
    case ParamType::ActorWeights:
      j = {{"type", "object"}, {"additionalProperties", {{"type", "number"}, {"minimum", p.domain.low}}}};
      break;
  }
  return Described(j, p.help + " (default " + p.default_text + ")");
}

// `protocol:`: `kind`, a block per protocol, and at the top level the
// parameters of the file's kind only (alternating_offers without `kind`).
Json Protocol() {
  Json properties = Json::object();
  std::vector<std::string> kinds;
  for (const ProtocolSchema* s : ProtocolSchemas()) kinds.push_back(s->name);
  properties["kind"] = Described({{"enum", kinds}}, "the protocol that plays the scenario (default alternating_offers)");
  Json all_params = Json::object();
  for (const ProtocolSchema* s : ProtocolSchemas()) {
    Json block = Json::object();
    for (const ParamSchema& p : s->params) block[p.name] = all_params[p.name] = ProtocolParam(p);
    properties[s->name] = Described({{"type", "object"}, {"properties", block}, {"additionalProperties", false}},
                                    s->name + "'s parameters, used under --protocol " + s->name);
  }
  for (auto& [name, schema] : all_params.items()) properties[name] = schema;
  Json rules = Json::array();
  for (const ProtocolSchema* s : ProtocolSchemas()) {
    Json allowed = Json::array({"kind"});
    for (const std::string& k : kinds) allowed.push_back(k);
    for (const ParamSchema& p : s->params) allowed.push_back(p.name);
    Json condition = s->name == "alternating_offers"
                         ? Json{{"anyOf", Json::array({{{"properties", {{"kind", {{"const", s->name}}}}}, {"required", {"kind"}}},
                                                       {{"not", {{"required", {"kind"}}}}}})}}
                         : Json{{"properties", {{"kind", {{"const", s->name}}}}}, {"required", {"kind"}}};
    rules.push_back({{"if", condition}, {"then", {{"propertyNames", {{"enum", allowed}}}}}});
  }
  return {{"type", "object"}, {"properties", properties}, {"allOf", rules},
          {"description", "the protocol and its parameters; other protocols' parameters go in their blocks"}};
}

Json Actor() {
  const Json per_issue = {{"type", "object"}, {"additionalProperties", Ref("param")}};
  const Json per_issue_level = {{"type", "object"}, {"additionalProperties", Ref("param_or_level")}};
  std::map<std::string, Json> types = {
      {"label", Described({{"type", "string"}}, "display name")},
      {"veto", Described({{"type", "boolean"}}, "whether a deal needs its consent (default true)")},
      {"capability", Described(Ref("param"), "power, >= 0 (default 1)")},
      {"position", Described(per_issue_level, "its ideal point per issue: a number on the issue's scale or a level")},
      {"salience", Described(per_issue, "how much each issue matters to it, >= 0")},
      {"risk", Described(Ref("param"), "utility exponent in [1, 10]: 1 linear, 2 quadratic (default 1)")},
      {"discount", Described(Ref("param"), "per-round discount factor in (0, 1] (default 1)")},
      {"war_cost", Described(Ref("param"), "cost per round of no deal, in [0, 1] (default 0)")},
      {"reservation", Described(Ref("param"), "fixed no-deal flow in [-1, 1], instead of war_cost")},
      {"values", Described({{"type", "object"}, {"additionalProperties", {{"type", "object"},
                                                                       {"additionalProperties", Ref("param")}}}},
                           "per ordinal issue, its own value of each level in [0, 1]")},
      {"tactic", Described(Closed("tactic", keys::Tactic(),
                                  {{"kind", {{"enum", {"boulware", "linear", "conceder"}}}},
                                   {"exponent", {{"type", "number"}, {"exclusiveMinimum", 0}}}}),
                           "concession only: the time-based tactic")},
  };
  return Closed("actors.<actor>", keys::Actor(), types);
}

Json Issue() {
  std::map<std::string, Json> types = {
      {"label", {{"type", "string"}}},
      {"scale", Described({{"type", "array"}, {"items", {{"type", "number"}}}, {"minItems", 2}, {"maxItems", 2}},
                          "[low, high] of a continuous issue")},
      {"levels", Described({{"type", "array"}, {"items", {{"type", "string"}}}, {"minItems", 2}, {"uniqueItems", true}},
                           "the levels of an ordinal issue, lowest first")},
      {"anchors", Described({{"type", "object"}, {"additionalProperties", {{"type", "string"}}}},
                            "what points of the scale mean, {value: text}")},
      {"status_quo", Described(Ref("param_or_level"), "the terms while there is no deal")},
  };
  return Closed("issues.<issue>", keys::Issue(), types);
}

Json Event() {
  std::map<std::string, Json> when_types = {{"no_agreement_by", {{"type", "integer"}, {"minimum", 0}}},
                                            {"from_round", {{"type", "integer"}, {"minimum", 0}}},
                                            {"until_round", {{"type", "integer"}, {"minimum", 0}}}};
  Json effect = Closed("effect", keys::Effect(),
                       {{"target", Described({{"type", "string"}}, "a parameter path, e.g. actors.russia.war_cost")},
                        {"add", Ref("param")},
                        {"scale", Ref("param")},
                        {"set", Ref("param_or_level")}});
  effect["required"] = Json::array({"target"});
  std::map<std::string, Json> types = {
      {"id", Described({{"type", "string"}}, "its name in paths and outputs")},
      {"label", {{"type", "string"}}},
      {"hazard", Described(Ref("param"), "probability per round in [0, 1]")},
      {"when", Closed("when", keys::When(), when_types)},
      {"once", Described({{"type", "boolean"}}, "fires at most once (default false)")},
      {"effects", {{"type", "array"}, {"minItems", 1}, {"items", effect}}},
  };
  Json event = Closed("events[i]", keys::Event(), types);
  event["required"] = Json::array({"id", "hazard", "effects"});
  return event;
}

}  // namespace

Json ScenarioJsonSchema() {
  Json definitions = Json::object();
  definitions["distribution"] = Distribution();
  definitions["param"] = {{"anyOf", Json::array({{{"type", "number"}}, Ref("distribution")})},
                          {"description", "a number or a distribution {dist: ...}"}};
  definitions["param_or_level"] = {{"anyOf", Json::array({{{"type", "number"}}, {{"type", "string"}}, Ref("distribution")})},
                                   {"description", "a number, a level name (ordinal issues) or a distribution"}};
  std::map<std::string, Json> top = {
      {"parley", Described({{"const", 1}}, "the schema version")},
      {"name", {{"type", "string"}}},
      {"description", {{"type", "string"}}},
      {"extends", Described({{"type", "string"}}, "a base scenario file this one changes (path relative to this file)")},
      {"rounds", Closed("rounds", keys::Rounds(),
                        {{"label", {{"type", "string"}}}, {"horizon", {{"type", "integer"}, {"minimum", 1}, {"maximum", 1000000}}}})},
      {"protocol", Protocol()},
      {"montecarlo", Closed("montecarlo", keys::Montecarlo(),
                            {{"replicates", {{"type", "integer"}, {"minimum", 1}}}, {"seed", {{"type", "integer"}, {"minimum", 0}}}})},
      {"issues", {{"type", "object"}, {"minProperties", 1}, {"additionalProperties", Issue()}}},
      {"actors", {{"type", "object"}, {"minProperties", 1}, {"additionalProperties", Actor()}}},
      {"dynamics", {{"type", "object"},
                    {"additionalProperties", Closed("dynamics.<issue>", keys::Dynamic(), {{"drift", Ref("param")}, {"volatility", Ref("param")}})}}},
      {"events", {{"type", "array"}, {"items", Event()}}},
      {"report", Closed("report", keys::Report(),
                        {{"bins", {{"type", "integer"}, {"minimum", 1}, {"maximum", 10000}}},
                         {"bundles", {{"type", "object"}, {"additionalProperties", {{"type", "array"}, {"items", {{"type", "number"}}}}}}}})},
  };
  Json schema = Closed("", keys::Top(), top);
  Json out;
  out["$schema"] = "http://json-schema.org/draft-07/schema#";
  out["$id"] = "https://parley.invalid/scenario.schema.json";
  out["title"] = "parley scenario";
  out["description"] = "A parley scenario file (docs/schema.md). Generated by `parley schema`; do not edit.";
  for (auto& [k, v] : schema.items()) out[k] = v;
  // A variant (`extends:`) may leave out what its base gives.
  out["if"] = {{"not", {{"required", {"extends"}}}}};
  out["then"] = {{"required", {"parley", "name", "rounds", "issues", "actors"}}};
  out["definitions"] = definitions;
  return out;
}

}  // namespace parley

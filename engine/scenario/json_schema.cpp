#include "scenario/json_schema.h"

#include <map>
#include <stdexcept>
#include <string>

#include "protocols/schemas.h"
#include "scenario/key_tables.h"

namespace parley {

namespace {

using Json = nlohmann::ordered_json;

Json SchemaRef(const std::string& name) { return {{"$ref", "#/definitions/" + name}}; }

Json WithHelp(Json schema, const std::string& description) {
  schema["description"] = description;
  return schema;
}

// A map whose keys are exactly `keys`, each typed by `types` (which must
// hold every one of them).
Json ClosedMap(const std::string& where, const keys::Keys& keys, const std::map<std::string, Json>& types) {
  Json properties = Json::object();
  for (const std::string& key : keys) {
    auto it = types.find(key);
    if (it == types.end()) throw std::logic_error("json_schema: no schema for " + where + "." + key);
    properties[key] = it->second;
  }
  return {{"type", "object"}, {"properties", properties}, {"additionalProperties", false}};
}

Json NumberRange(double low, double high) {
  Json j = {{"type", "number"}};
  j["minimum"] = low;
  j["maximum"] = high;
  return j;
}

// {dist: KIND, ...}: one closed map per kind.
Json DistributionSchema() {
  Json kinds = Json::array();
  for (const auto& [kind, keys] : keys::Distributions()) {
    std::map<std::string, Json> types;
    for (const std::string& key : keys) types[key] = {{"type", "number"}};
    types["dist"] = {{"const", kind}};
    types["values"] = {{"type", "array"}, {"minItems", 1}, {"items", {{"type", {"number", "string"}}}}};
    types["weights"] = {{"type", "array"}, {"items", {{"type", "number"}, {"minimum", 0}}}};
    Json k = ClosedMap("dist." + kind, keys, types);
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
Json ProtocolParamSchema(const ParamSchema& p) {
  Json j;
  switch (p.type) {
    case ParamType::Uncertain: j = SchemaRef("param"); break;
    case ParamType::Number: j = NumberRange(p.domain.low, p.domain.high); break;
    case ParamType::Integer: j = {{"type", "integer"}, {"minimum", p.domain.low}}; break;
    case ParamType::Choice: j = {{"enum", p.choices}}; break;
    case ParamType::ActorList: j = {{"type", "array"}, {"items", {{"type", "string"}}}, {"uniqueItems", true}}; break;
    case ParamType::ActorWeights:
      j = {{"type", "object"}, {"additionalProperties", {{"type", "number"}, {"minimum", p.domain.low}}}};
      break;
  }
  return WithHelp(j, p.help + " (default " + p.default_text + ")");
}

// `protocol:`: `kind`, a block per protocol, and at the top level the
// parameters of the file's kind only (alternating_offers without `kind`).
Json ProtocolBlockSchema() {
  Json properties = Json::object();
  std::vector<std::string> kinds;
  for (const ProtocolSchema* s : ProtocolSchemas()) kinds.push_back(s->name);
  properties["kind"] = WithHelp({{"enum", kinds}}, "the protocol that plays the scenario (default alternating_offers)");
  Json all_params = Json::object();
  for (const ProtocolSchema* s : ProtocolSchemas()) {
    Json block = Json::object();
    for (const ParamSchema& p : s->params) block[p.name] = all_params[p.name] = ProtocolParamSchema(p);
    properties[s->name] = WithHelp({{"type", "object"}, {"properties", block}, {"additionalProperties", false}},
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

Json ActorSchema() {
  const Json per_issue = {{"type", "object"}, {"additionalProperties", SchemaRef("param")}};
  const Json per_issue_level = {{"type", "object"}, {"additionalProperties", SchemaRef("param_or_level")}};
  std::map<std::string, Json> types = {
      {"label", WithHelp({{"type", "string"}}, "display name")},
      {"veto", WithHelp({{"type", "boolean"}}, "whether a deal needs its consent (default true)")},
      {"capability", WithHelp(SchemaRef("param"), "power, >= 0 (default 1)")},
      {"position", WithHelp(per_issue_level, "its ideal point per issue: a number on the issue's scale or a level")},
      {"salience", WithHelp(per_issue, "how much each issue matters to it, >= 0")},
      {"risk", WithHelp(SchemaRef("param"), "utility exponent in [1, 10]: 1 linear, 2 quadratic (default 1)")},
      {"discount", WithHelp(SchemaRef("param"), "per-round discount factor in (0, 1] (default 1)")},
      {"war_cost", WithHelp(SchemaRef("param"), "cost per round of no deal, in [0, 1] (default 0)")},
      {"reservation", WithHelp(SchemaRef("param"), "fixed no-deal flow in [-1, 1], instead of war_cost")},
      {"values", WithHelp({{"type", "object"}, {"additionalProperties", {{"type", "object"},
                                                                       {"additionalProperties", SchemaRef("param")}}}},
                           "per ordinal issue, its own value of each level in [0, 1]")},
      {"tactic", WithHelp(ClosedMap("tactic", keys::Tactic(),
                                  {{"kind", {{"enum", {"boulware", "linear", "conceder"}}}},
                                   {"exponent", {{"type", "number"}, {"exclusiveMinimum", 0}}}}),
                           "concession only: the time-based tactic")},
  };
  return ClosedMap("actors.<actor>", keys::Actor(), types);
}

Json IssueSchema() {
  std::map<std::string, Json> types = {
      {"label", {{"type", "string"}}},
      {"scale", WithHelp({{"type", "array"}, {"items", {{"type", "number"}}}, {"minItems", 2}, {"maxItems", 2}},
                          "[low, high] of a continuous issue")},
      {"levels", WithHelp({{"type", "array"}, {"items", {{"type", "string"}}}, {"minItems", 2}, {"uniqueItems", true}},
                           "the levels of an ordinal issue, lowest first")},
      {"anchors", WithHelp({{"type", "object"}, {"additionalProperties", {{"type", "string"}}}},
                            "what points of the scale mean, {value: text}")},
      {"status_quo", WithHelp(SchemaRef("param_or_level"), "the terms while there is no deal")},
  };
  return ClosedMap("issues.<issue>", keys::Issue(), types);
}

Json EventSchema() {
  std::map<std::string, Json> when_types = {{"no_agreement_by", {{"type", "integer"}, {"minimum", 0}}},
                                            {"from_round", {{"type", "integer"}, {"minimum", 0}}},
                                            {"until_round", {{"type", "integer"}, {"minimum", 0}}}};
  Json effect = ClosedMap("effect", keys::Effect(),
                       {{"target", WithHelp({{"type", "string"}}, "a parameter path, e.g. actors.russia.war_cost")},
                        {"add", SchemaRef("param")},
                        {"scale", SchemaRef("param")},
                        {"set", SchemaRef("param_or_level")}});
  effect["required"] = Json::array({"target"});
  std::map<std::string, Json> types = {
      {"id", WithHelp({{"type", "string"}}, "its name in paths and outputs")},
      {"label", {{"type", "string"}}},
      {"hazard", WithHelp(SchemaRef("param"), "probability per round in [0, 1]")},
      {"when", ClosedMap("when", keys::When(), when_types)},
      {"once", WithHelp({{"type", "boolean"}}, "fires at most once (default false)")},
      {"effects", {{"type", "array"}, {"minItems", 1}, {"items", effect}}},
  };
  Json event = ClosedMap("events[i]", keys::Event(), types);
  event["required"] = Json::array({"id", "hazard", "effects"});
  return event;
}

}  // namespace

Json ScenarioJsonSchema() {
  Json definitions = Json::object();
  definitions["distribution"] = DistributionSchema();
  definitions["param"] = {{"anyOf", Json::array({{{"type", "number"}}, SchemaRef("distribution")})},
                          {"description", "a number or a distribution {dist: ...}"}};
  definitions["param_or_level"] = {{"anyOf", Json::array({{{"type", "number"}}, {{"type", "string"}}, SchemaRef("distribution")})},
                                   {"description", "a number, a level name (ordinal issues) or a distribution"}};
  std::map<std::string, Json> top = {
      {"parley", WithHelp({{"const", 1}}, "the schema version")},
      {"name", {{"type", "string"}}},
      {"description", {{"type", "string"}}},
      {"extends", WithHelp({{"type", "string"}}, "a base scenario file this one changes (path relative to this file)")},
      {"rounds", ClosedMap("rounds", keys::Rounds(),
                        {{"label", {{"type", "string"}}}, {"horizon", {{"type", "integer"}, {"minimum", 1}, {"maximum", 1000000}}}})},
      {"protocol", ProtocolBlockSchema()},
      {"montecarlo", ClosedMap("montecarlo", keys::Montecarlo(),
                            {{"replicates", {{"type", "integer"}, {"minimum", 1}}}, {"seed", {{"type", "integer"}, {"minimum", 0}}}})},
      {"issues", {{"type", "object"}, {"minProperties", 1}, {"additionalProperties", IssueSchema()}}},
      {"actors", {{"type", "object"}, {"minProperties", 1}, {"additionalProperties", ActorSchema()}}},
      {"dynamics", {{"type", "object"},
                    {"additionalProperties", ClosedMap("dynamics.<issue>", keys::Dynamic(), {{"drift", SchemaRef("param")}, {"volatility", SchemaRef("param")}})}}},
      {"events", {{"type", "array"}, {"items", EventSchema()}}},
      {"report", ClosedMap("report", keys::Report(),
                        {{"bins", {{"type", "integer"}, {"minimum", 1}, {"maximum", 10000}}},
                         {"bundles", {{"type", "object"}, {"additionalProperties", {{"type", "array"}, {"items", {{"type", "number"}}}}}}}})},
  };
  Json schema = ClosedMap("", keys::Top(), top);
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

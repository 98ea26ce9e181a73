#include "scenario/key_tables.h"

namespace parley::keys {

const Keys& Top() {
  static const Keys k = {"parley", "name",   "description", "extends",  "rounds", "protocol",
                         "montecarlo", "issues", "actors",  "dynamics", "events", "report"};
  return k;
}
const Keys& Rounds() {
  static const Keys k = {"label", "horizon"};
  return k;
}
const Keys& Montecarlo() {
  static const Keys k = {"replicates", "seed"};
  return k;
}
const Keys& Issue() {
  static const Keys k = {"label", "scale", "levels", "anchors", "status_quo"};
  return k;
}
const Keys& Actor() {
  static const Keys k = {"label",    "veto",     "capability",  "position", "salience", "risk",
                         "discount", "war_cost", "reservation", "values",   "tactic"};
  return k;
}
const Keys& Tactic() {
  static const Keys k = {"kind", "exponent"};
  return k;
}
const Keys& Dynamic() {
  static const Keys k = {"drift", "volatility"};
  return k;
}
const Keys& Event() {
  static const Keys k = {"id", "label", "hazard", "when", "once", "effects"};
  return k;
}
const Keys& When() {
  static const Keys k = {"no_agreement_by", "from_round", "until_round"};
  return k;
}
const Keys& Effect() {
  static const Keys k = {"target", "add", "scale", "set"};
  return k;
}
const Keys& Report() {
  static const Keys k = {"bins", "bundles"};
  return k;
}
const std::vector<std::pair<std::string, Keys>>& Distributions() {
  static const std::vector<std::pair<std::string, Keys>> table = {
      {"uniform", {"dist", "low", "high"}},
      {"normal", {"dist", "mean", "sd", "low", "high"}},
      {"beta", {"dist", "mean", "sd", "alpha", "beta", "low", "high"}},
      {"triangular", {"dist", "low", "mode", "high"}},
      {"lognormal", {"dist", "mu", "sigma", "mean", "sd", "low", "high"}},
      {"choice", {"dist", "values", "weights"}},
  };
  return table;
}

}  // namespace parley::keys

#include "replicate_table.h"

#include <limits>

#include "protocols/private_information.h"
#include "protocols/schemas.h"

namespace parley::python {

namespace {
constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
}  // namespace

Column& ReplicateTable::Add(std::string name, Column::Kind kind) {
  Column c;
  c.name = std::move(name);
  c.kind = kind;
  const size_t n = static_cast<size_t>(rows_);
  switch (kind) {
    case Column::Kind::kInt64: c.ints.assign(n, 0); break;
    case Column::Kind::kFloat: c.floats.assign(n, kMissing); break;
    case Column::Kind::kBool: c.bools.assign(n, 0); break;
    case Column::Kind::kCategory: c.codes.assign(n, -1); break;
    case Column::Kind::kNullableInt: c.ints.assign(n, 0), c.bools.assign(n, 1); break;
  }
  columns_.push_back(std::move(c));
  return columns_.back();
}

ReplicateTable::ReplicateTable(const Scenario& s, std::int64_t rows) : s_(s), rows_(rows) {
  using K = Column::Kind;
  columns_.reserve(5 + s.issues.size() + 3 * s.actors.size() + 2 * s.events.size() + s.params.size());
  Add("replicate", K::kInt64);
  Add("deal", K::kBool);
  Column& cause = Add("cause", K::kCategory);
  cause.categories = {"deal"};  // then the running protocol's causes, in its order
  cause.ordered = true;
  if (const ProtocolSchema* schema = FindProtocolSchema(s.protocol.kind))
    for (const CauseSchema& c : schema->causes) cause.categories.push_back(c.name);
  cause_code_.assign(kNoDealCauses, -1);
  for (size_t i = 0; i < cause.categories.size(); ++i)
    cause_code_[static_cast<size_t>(NoDealCauseFromName(cause.categories[i]))] = static_cast<std::int16_t>(i);
  cause_code_[static_cast<size_t>(NoDealCause::None)] = 0;
  Add("round", K::kNullableInt);
  Column& proposer = Add("proposer", K::kCategory);
  proposer.ordered = true;  // in the scenario's actor order
  for (const Actor& a : s.actors) proposer.categories.push_back(a.name);
  terms_ = columns_.size();
  for (const Issue& issue : s.issues) {
    Column& c = Add("terms." + issue.name, issue.ordinal ? K::kCategory : K::kFloat);
    if (issue.ordinal) c.categories = issue.levels, c.ordered = true;
  }
  value_ = columns_.size();
  for (const Actor& a : s.actors) Add("value." + a.name, K::kFloat);
  no_deal_ = columns_.size();
  for (const Actor& a : s.actors) Add("no_deal_value." + a.name, K::kFloat);
  gain_ = columns_.size();
  for (const Actor& a : s.actors) Add("gain." + a.name, K::kFloat);
  fired_ = columns_.size();
  for (const Event& e : s.events) Add("fired." + e.id, K::kBool);
  fired_round_ = columns_.size();
  for (const Event& e : s.events) Add("fired_round." + e.id, K::kNullableInt);
  params_ = columns_.size();
  for (size_t i = 0; i < s.params.size(); ++i)
    if (HasSpread(s.params[i].dist)) {
      drawn_params_.push_back(static_cast<int>(i));
      Add(s.params[i].path, K::kFloat);
    }
}

void ReplicateTable::Fill(std::uint64_t replicate, const World& drawn, const Outcome& o) {
  if (static_cast<std::int64_t>(replicate) >= rows_) return;
  const size_t r = static_cast<size_t>(replicate);
  columns_[0].ints[r] = static_cast<std::int64_t>(replicate);
  columns_[1].bools[r] = o.deal ? 1 : 0;
  columns_[2].codes[r] = cause_code_[static_cast<size_t>(o.cause)];
  if (o.deal) columns_[3].ints[r] = o.round, columns_[3].bools[r] = 0;
  columns_[4].codes[r] = static_cast<std::int16_t>(o.proposer);
  if (o.deal)
    for (int k = 0; k < s_.NumIssues(); ++k) {
      const Issue& issue = s_.issues[k];
      Column& c = columns_[terms_ + static_cast<size_t>(k)];
      if (issue.ordinal) c.codes[r] = static_cast<std::int16_t>(issue.LevelOf(o.terms[k]));
      else c.floats[r] = issue.FromUnit(o.terms[k]);
    }
  for (int a = 0; a < s_.NumActors(); ++a) {
    const size_t i = static_cast<size_t>(a);
    columns_[value_ + i].floats[r] = o.value[a];
    columns_[no_deal_ + i].floats[r] = o.no_deal_value[a];
    columns_[gain_ + i].floats[r] = o.value[a] - o.no_deal_value[a];
  }
  for (size_t e = 0; e < s_.events.size(); ++e) {
    columns_[fired_ + e].bools[r] = o.events_fired[e] ? 1 : 0;
    if (o.events_round[e] >= 0) columns_[fired_round_ + e].ints[r] = o.events_round[e], columns_[fired_round_ + e].bools[r] = 0;
  }
  for (size_t p = 0; p < drawn_params_.size(); ++p)
    columns_[params_ + p].floats[r] = drawn.param[static_cast<Eigen::Index>(drawn_params_[p])];
}

}  // namespace parley::python

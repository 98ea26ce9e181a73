// The per-replicate rows as typed columns, for Python: the columns of
// `--replicates FILE` (api/replicate_rows.h), same names, same order, same
// numbers, but held as arrays that numpy takes over without a copy
// (python/parley_module.cpp) instead of as text.
//
// The workers fill row r of every column while they play replicate r
// (RunOptions::format_row), so the table needs no ordering and no lock: no
// two workers write the same row.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/outcome.h"
#include "model/scenario.h"
#include "model/world.h"

namespace parley::python {

struct Column {
  enum class Kind { kInt64, kFloat, kBool, kCategory, kNullableInt };
  std::string name;
  Kind kind = Kind::kFloat;
  std::vector<std::int64_t> ints;   // kInt64, kNullableInt
  std::vector<double> floats;       // kFloat (NaN: no value)
  std::vector<std::uint8_t> bools;  // kBool, and kNullableInt's mask (1: missing)
  std::vector<std::int16_t> codes;  // kCategory (-1: no value)
  std::vector<std::string> categories;
  bool ordered = false;
};

class ReplicateTable {
 public:
  ReplicateTable(const Scenario& scenario, std::int64_t rows);
  // Row r from replicate r's draws and outcome (any thread; distinct rows).
  void Fill(std::uint64_t replicate, const World& drawn, const Outcome& outcome);
  std::vector<Column>& columns() { return columns_; }

 private:
  Column& Add(std::string name, Column::Kind kind);
  const Scenario& s_;
  std::int64_t rows_;
  std::vector<Column> columns_;
  std::vector<int> drawn_params_;                  // parameters with a spread, in parameter order
  std::vector<std::int16_t> cause_code_;           // NoDealCause -> category code
  // Where each group of columns starts.
  size_t terms_ = 0, value_ = 0, no_deal_ = 0, gain_ = 0, fired_ = 0, fired_round_ = 0, params_ = 0;
};

}  // namespace parley::python

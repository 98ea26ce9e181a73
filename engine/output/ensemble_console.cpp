// The ensemble table: one row per protocol, read from ensemble.json.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "core/text.h"
#include "output/ensemble.h"

namespace parley {

namespace {

std::string EnsembleFixed(const Json& value, int digits = 3) {
  if (value.is_null()) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value.get<double>());
  return buffer;
}

// Cells are aligned in columns; the tail follows the last cell unaligned, so
// a long refusal reason does not widen the table.
struct Row {
  std::vector<std::string> cells;
  std::string tail;
};

std::string Aligned(const std::vector<Row>& rows) {
  std::vector<size_t> widths;
  for (const Row& row : rows)
    for (size_t c = 0; c < row.cells.size(); ++c) {
      if (widths.size() <= c) widths.push_back(0);
      widths[c] = std::max(widths[c], row.cells[c].size());
    }
  std::string out;
  for (const Row& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.cells.size(); ++c)
      line += row.cells[c] + std::string(widths[c] - row.cells[c].size() + 2, ' ');
    line += row.tail;
    line.erase(line.find_last_not_of(' ') + 1);
    out += line + "\n";
  }
  return out;
}

std::string IssueCell(const Json& issue) {
  if (issue["kind"] == "continuous") return EnsembleFixed(issue["mean"]);
  const Json& modal = issue["modal"];
  return modal.is_null() ? "n/a" : modal["level"].get<std::string>() + " " + EnsembleFixed(modal["p"]);
}

Row ProtocolRow(const std::string& name, const Json& e, const Json& issues) {
  Row row{{name}, ""};
  if (e["status"] == "refused") return {{name}, "refused: " + e["reason"].get<std::string>()};
  if (e["status"] == "not_run") return {{name}, "not run: " + e["reason"].get<std::string>()};
  const Json& deal = e["deal"];
  row.cells.push_back(EnsembleFixed(deal["p"]));
  row.cells.push_back(deal["ci95"].is_null() ? "" : IntervalText(deal["ci95"][0], deal["ci95"][1], 3));
  bool own_rounds = e["rounds"]["unit"] == "rounds of the scenario";
  row.cells.push_back(EnsembleFixed(e["rounds"]["mean"], 2) + (own_rounds || e["rounds"]["mean"].is_null() ? "" : "*"));
  for (auto& [issue, a] : issues.items()) row.cells.push_back(IssueCell(e["issues"][issue]));
  if (!e["complete"].get<bool>())
    row.tail = "(interrupted after " + std::to_string(e["replicates_done"].get<long long>()) + " replicates)";
  return row;
}

// The last row: where the protocols that ran agree.
Row SpreadRow(const Json& agreement) {
  Row row{{"spread", EnsembleFixed(agreement["deal_p"]["spread"]), "", EnsembleFixed(agreement["rounds_mean"]["spread"], 2)}, ""};
  for (auto& [issue, a] : agreement["issues"].items()) {
    if (a["kind"] == "continuous") row.cells.push_back(EnsembleFixed(a["spread"]));
    else row.cells.push_back(a["agree"].is_null() ? "n/a" : a["agree"].get<bool>() ? "agree" : "differ");
  }
  return row;
}

}  // namespace

std::string EnsembleTable(const Json& j) {
  std::string out = j["scenario"]["name"].get<std::string>() + "  (every protocol, " +
                    std::to_string(j["config"]["replicates"].get<long long>()) + " replicates, seed " +
                    std::to_string(j["config"]["seed"].get<unsigned long long>()) +
                    (j["complete"].get<bool>() ? ")\n" : ", INCOMPLETE)\n");
  const Json& issues = j["agreement"]["issues"];
  std::vector<Row> rows;
  rows.push_back({{"protocol", "P(deal)", "95% CI", "round"}, ""});
  for (auto& [issue, a] : issues.items()) rows[0].cells.push_back(issue);
  for (auto& [name, e] : j["protocols"].items()) rows.push_back(ProtocolRow(name, e, issues));
  // With fewer than two protocols there is no spread to show.
  bool compared = j["agreement"]["deal_p"]["protocols"].size() >= 2;
  if (compared) rows.push_back(SpreadRow(j["agreement"]));
  out += Aligned(rows);
  out += "round: mean round of deals; issues: mean terms of deals (continuous) or modal level and its share\n";
  out += compared ? "(ordinal); spread: max - min over the protocols that ran, or whether their modal levels agree\n"
                  : "(ordinal); spread: needs at least two protocols that ran\n";
  // What is not comparable, and why each protocol's talks ended without a deal.
  for (auto& [name, e] : j["protocols"].items()) {
    if (e["status"] != "ran") continue;
    if (e["rounds"]["unit"] != "rounds of the scenario")
      out += "* " + name + ": rounds are " + e["rounds"]["unit"].get<std::string>() +
             ", not the scenario's rounds; left out of the round spread\n";
  }
  out += "no deal, by cause (share of replicates):\n";
  for (auto& [name, e] : j["protocols"].items()) {
    if (e["status"] != "ran") continue;
    std::string causes;
    for (auto& [cause, share] : e["no_deal"].items()) causes += (causes.empty() ? "" : ", ") + cause + " " + EnsembleFixed(share);
    out += "  " + name + ": " + causes + "\n";
  }
  out += "how to read each protocol:\n";
  for (auto& [name, e] : j["protocols"].items())
    if (e["status"] == "ran" && e.contains("reading")) out += "  " + name + ": " + e["reading"].get<std::string>() + "\n";
  return out;
}

}  // namespace parley

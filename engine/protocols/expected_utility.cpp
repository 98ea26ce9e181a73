#include "protocols/expected_utility.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/text.h"
#include "protocols/eu_model.h"
#include "protocols/talks_ledger.h"

namespace parley {

namespace {

constexpr double kAcceptTol = 1e-12;  // a veto actor indifferent to the forecast accepts it

struct EuWorkspace final : Workspace {
  TalksLedger ledger;
  eu::RoundScratch scratch;
  // Issue-major, [k·n + a]: the model's positions (unit scale), the next
  // round's, and the saliences as given; capabilities per actor.
  std::vector<double> position, next, salience, capability;
  std::vector<double> terms, no_deal;  // per issue; per actor
};

// Four significant digits: enough to follow the moves in `parley explain`.
std::string Short(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return buffer;
}

// A unit-scale position in the issue's own terms: a number on its scale, or
// an ordinal level's name (a position between levels: its level index).
std::string Where(const Issue& issue, double x) {
  if (!issue.ordinal) return Short(issue.FromUnit(x));
  const double index = x * (issue.LevelCount() - 1);
  const int level = issue.LevelOf(x);
  if (std::fabs(index - level) < 1e-9) return issue.levels[level];
  return "level " + Short(index) + " (nearest " + issue.levels[level] + ")";
}

class ExpectedUtility final : public Protocol {
 public:
  explicit ExpectedUtility(const Scenario& s) : s_(&s), actors_(s.NumActors()), issues_(s.NumIssues()) {
    rules_.q = s.protocol.q, rules_.highest_eu = s.protocol.accept_highest_eu;
  }
  std::unique_ptr<Workspace> NewWorkspace() const override;
  void Play(const World& world, Workspace& workspace, Outcome& out, Trace* trace) const override;

 private:
  void LoadWeights(const World& w, EuWorkspace& ws) const;
  eu::IssueView View(const EuWorkspace& ws, int k) const {
    return {actors_, &ws.position[k * actors_], ws.capability.data(), &ws.salience[k * actors_]};
  }
  double PlayIssues(EuWorkspace& ws, TraceStep* step) const;
  void Forecast(EuWorkspace& ws) const;
  void Decide(EuWorkspace& ws, int round, Outcome& out, Trace* trace) const;
  void NoteIssue(const EuWorkspace& ws, int k, const eu::RoundSummary& summary, std::string& note) const;
  void NoteRules(Trace& trace) const;

  const Scenario* s_;
  int actors_, issues_;
  eu::RoundRules rules_;
};

std::unique_ptr<Workspace> ExpectedUtility::NewWorkspace() const {
  auto ws = std::make_unique<EuWorkspace>();
  ws->ledger.Resize(*s_);
  ws->scratch.Resize(actors_);
  const size_t cells = static_cast<size_t>(actors_) * issues_;
  ws->position.assign(cells, 0.0), ws->next.assign(cells, 0.0), ws->salience.assign(cells, 0.0);
  ws->capability.assign(actors_, 0.0);
  ws->terms.assign(issues_, 0.0), ws->no_deal.assign(actors_, 0.0);
  return ws;
}

void ExpectedUtility::LoadWeights(const World& w, EuWorkspace& ws) const {
  for (int a = 0; a < actors_; ++a) {
    ws.capability[a] = w.capability[a];
    for (int k = 0; k < issues_; ++k) ws.salience[k * actors_ + a] = w.salience_raw(a, k);
  }
}

void ExpectedUtility::Play(const World& w, Workspace& workspace, Outcome& out, Trace* trace) const {
  auto& ws = static_cast<EuWorkspace&>(workspace);
  TalksLedger& ledger = ws.ledger;
  ledger.Start(w);
  out.deal = false, out.round = -1, out.proposer = -1;
  ledger.NoDealValues(0, 0, out.no_deal_value.data());
  for (int a = 0; a < actors_; ++a)
    for (int k = 0; k < issues_; ++k) ws.position[k * actors_ + a] = w.position(a, k);
  LoadWeights(w, ws);
  if (trace) NoteRules(*trace);

  // Model rounds until the positions settle or the horizon ends.
  const int horizon = s_->horizon;
  int round = horizon - 1;
  for (int t = 0; t < horizon; ++t) {
    TraceStep* step = trace ? &trace->steps.emplace_back() : nullptr;
    if (step) step->round = t;
    if (ledger.Shock(t, out, step)) {
      LoadWeights(ledger.world(), ws);
      if (step) step->replanned = true;
    }
    if (PlayIssues(ws, step) <= s_->protocol.tolerance) {
      round = t;
      if (trace) trace->notes.push_back("positions settle in " + s_->round_label + " " + std::to_string(t));
      break;
    }
    if (t + 1 == horizon) {
      if (trace)
        trace->notes.push_back("positions still move at the horizon; the forecast is read after " +
                               s_->round_label + " " + std::to_string(t));
      break;
    }
    ledger.PassRound();
  }
  Forecast(ws);
  Decide(ws, round, out, trace);
  if (trace && out.deal) trace->steps.back().deal = true;
}

// One model round on every issue; returns the largest move of any actor.
double ExpectedUtility::PlayIssues(EuWorkspace& ws, TraceStep* step) const {
  double largest = 0;
  if (step) step->note = "expected-utility round";
  for (int k = 0; k < issues_; ++k) {
    const eu::RoundSummary summary = eu::PlayRound(View(ws, k), rules_, ws.scratch, &ws.next[k * actors_]);
    largest = std::max(largest, summary.largest_move);
    if (step) NoteIssue(ws, k, summary, step->note);
  }
  std::swap(ws.position, ws.next);  // swaps buffers: no allocation
  return largest;
}

// The weighted median of the final positions; ordinal issues on a level.
void ExpectedUtility::Forecast(EuWorkspace& ws) const {
  for (int k = 0; k < issues_; ++k) {
    double median = eu::WeightedMedian(View(ws, k), ws.scratch.order.data());
    const Issue& issue = s_->issues[k];
    if (issue.ordinal) median = static_cast<double>(issue.LevelOf(median)) / (issue.LevelCount() - 1);
    ws.terms[k] = median;
  }
}

// The forecast as a deal in `round`, if every veto actor accepts it (or
// with `deal: forecast`); else no deal, each actor at its no-deal value.
void ExpectedUtility::Decide(EuWorkspace& ws, int round, Outcome& out, Trace* trace) const {
  TalksLedger& ledger = ws.ledger;
  bool accepted = true;
  std::string refusals;  // for the trace
  if (!s_->protocol.deal_forecast) {
    ledger.NoDealValues(round, 0, ws.no_deal.data());
    for (int i : s_->veto_actors) {
      const double deal = ledger.DealValue(i, Utility(*s_, ledger.world(), i, ws.terms.data()));
      const double war = ledger.DealValue(i, ws.no_deal[i]);
      if (deal >= war - kAcceptTol) continue;
      accepted = false;
      if (!trace) break;
      refusals += " " + s_->actors[i].name + " (" + Short(deal) + " < " + Short(war) + ")";
    }
  }
  if (!accepted) {
    out.cause = NoDealCause::ForecastRefused;
    for (int a = 0; a < actors_; ++a) out.no_deal_value[a] = out.value[a] = ledger.DealValue(a, ws.no_deal[a]);
    if (trace) trace->notes.push_back("no deal: the forecast is worth less than no deal to" + refusals);
    return;
  }
  ledger.Settle(round, -1, ws.terms.data(), out);
  if (trace)
    trace->notes.push_back(s_->protocol.deal_forecast
                               ? "deal: the forecast is the outcome (deal: forecast)"
                               : "deal: every veto actor values the forecast at least as much as no deal");
}

void ExpectedUtility::NoteRules(Trace& trace) const {
  const ProtocolConfig& p = s_->protocol;
  std::string note =
      "expected-utility model (Bueno de Mesquita; Scholz, Calbert & Smith 2011), issue by issue: ";
  note += "nobody proposes; each " + s_->round_label + " below gives per issue the forecast (capability x ";
  note +=
      "salience weighted median of the positions at its start), the weighted mean, and every move with the ";
  note += "challenger behind it";
  trace.notes.push_back(note);
  note = "Q = " + FormatNumber(p.q) + ", moves taken by ";
  note += p.accept_highest_eu ? "highest challenger EU" : "least move";
  note += ", settled when no actor moves more than " + FormatNumber(p.tolerance) + " (unit scale), deal: ";
  note += p.deal_forecast ? "forecast" : "acceptable";
  trace.notes.push_back(note);
}

// One issue's line and its moves, in file units.
void ExpectedUtility::NoteIssue(const EuWorkspace& ws, int k, const eu::RoundSummary& summary,
                                std::string& note) const {
  const Issue& issue = s_->issues[k];
  const double* x = &ws.position[k * actors_];
  note += "\n  " + issue.name + ": forecast " + Where(issue, summary.median);
  if (!(summary.range > 0)) {
    note += ", every position equal: settled";
    return;
  }
  const double mean = issue.FromUnit(eu::WeightedMean(View(ws, k)));  // an ordinal issue: a level index
  note += std::string(", weighted mean ") + (issue.ordinal ? "level " : "") + Short(mean) + ", " +
          std::to_string(summary.moves) + (summary.moves == 1 ? " actor moves" : " actors move");
  for (int a = 0; a < actors_; ++a) {
    const eu::Move& m = ws.scratch.chosen[a];
    if (m.kind == eu::MoveKind::None || m.target == x[a]) continue;
    const std::string& by = s_->actors[m.proposer].name;
    note += "\n    " + s_->actors[a].name + " " + Where(issue, x[a]) + " -> " + Where(issue, m.target) + ": ";
    if (m.kind == eu::MoveKind::Conflict)
      note += "conflict, " + by + " prevails";
    else if (m.kind == eu::MoveKind::Compromise)
      note += "compromise with " + by;
    else
      note += "gives in to " + by;
    note += " (" + by + "'s EU " + Short(m.eu) + ")";
  }
}

}  // namespace

std::unique_ptr<Protocol> MakeExpectedUtility(const Scenario& scenario) {
  return std::make_unique<ExpectedUtility>(scenario);
}

}  // namespace parley

#include "api/explain.h"

#include <memory>
#include <sstream>

#include "api/replicate_rows.h"
#include "core/text.h"
#include "montecarlo/runner.h"
#include "protocols/registry.h"

namespace parley::api {

namespace {

std::string Terms(const Scenario& s, const Eigen::ArrayXd& terms) {
  std::string out;
  for (int k = 0; k < s.NumIssues(); ++k) out += (k ? ", " : "") + s.issues[k].name + "=" + TermText(s, k, terms[k]);
  return out;
}

// Terms as {issue: value in its own units, or a level name}.
Json TermsJson(const Scenario& s, const Eigen::ArrayXd& terms) {
  Json out = Json::object();
  for (int k = 0; k < s.NumIssues(); ++k) {
    std::string text = TermText(s, k, terms[k]);
    if (s.issues[k].ordinal) out[s.issues[k].name] = text;
    else out[s.issues[k].name] = std::stod(text);
  }
  return out;
}

void PrintDraws(const Scenario& s, const World& w, std::ostream& out) {
  out << "drawn parameters (the others are constants of the file):\n";
  bool any = false;
  for (size_t i = 0; i < s.params.size(); ++i) {
    if (s.params[i].dist.IsConstant()) continue;
    out << "  " << s.params[i].path << " = " << FormatNumber(w.param[i]) << "\n";
    any = true;
  }
  if (!any) out << "  (none)\n";
  out << "no-deal flow per round:";
  for (int a = 0; a < s.NumActors(); ++a) out << " " << s.actors[a].name << "=" << FormatNumber(w.flow[a]);
  out << "\n";
}

void PrintStep(const Scenario& s, const Trace& trace, const TraceStep& step, std::ostream& out) {
  if (step.status_quo.size() > 0)
    out << s.round_label << " " << step.round << " status quo: " << Terms(s, step.status_quo) << "\n";
  for (int e : step.events)
    out << s.round_label << " " << step.round << " event `" << s.events[e].id << "` fires: " << s.events[e].label << "\n";
  if (step.replanned) out << "  the actors re-plan from " << s.round_label << " " << step.round << "\n";
  out << s.round_label << " " << step.round << ": ";
  if (step.proposer >= 0) out << s.actors[step.proposer].name << " ";
  if (step.proposer < 0 && !step.offered) {
    out << step.note << "\n";
  } else if (!step.offered) {
    out << "makes no offer" << (step.note.empty() ? "" : " (" + step.note + ")") << "\n";
  } else {
    out << "offers " << Terms(s, step.terms) << " (own utility " << FormatNumber(step.proposer_utility) << ")\n";
  }
  for (const TraceAnswer& answer : step.answers)
    out << "  " << s.actors[answer.actor].name << (answer.accept ? " accepts" : " rejects") << ": utility "
        << FormatNumber(answer.utility) << " vs " << trace.threshold_name << " " << FormatNumber(answer.threshold)
        << "\n";
  if (step.offered && !step.note.empty()) out << "  " << step.note << "\n";
  if (step.deal) out << "  deal\n";
  if (step.breakdown_draw >= 0)
    out << "  breakdown draw " << FormatNumber(step.breakdown_draw)
        << (step.broke_down ? ": talks break down\n" : ": talks go on\n");
}

Json StepJson(const Scenario& s, const TraceStep& step) {
  Json j;
  j["round"] = step.round;
  j["proposer"] = step.proposer >= 0 ? Json(s.actors[step.proposer].name) : Json(nullptr);
  j["offered"] = step.offered;
  j["terms"] = step.offered ? TermsJson(s, step.terms) : Json(nullptr);
  j["proposer_utility"] = step.offered ? Json(step.proposer_utility) : Json(nullptr);
  Json answers = Json::array();
  for (const TraceAnswer& a : step.answers)
    answers.push_back({{"actor", s.actors[a.actor].name}, {"accept", a.accept}, {"utility", a.utility},
                       {"threshold", a.threshold}});
  j["answers"] = answers;
  Json events = Json::array();
  for (int e : step.events) events.push_back(s.events[e].id);
  j["events"] = events;
  j["replanned"] = step.replanned;
  j["status_quo"] = step.status_quo.size() > 0 ? TermsJson(s, step.status_quo) : Json(nullptr);
  j["deal"] = step.deal;
  j["breakdown_draw"] = step.breakdown_draw >= 0 ? Json(step.breakdown_draw) : Json(nullptr);
  j["broke_down"] = step.broke_down;
  j["note"] = step.note;
  return j;
}

}  // namespace

ExplainOutput Explain(const ScenarioRequest& request, std::uint64_t replicate) {
  Scenario s = LoadScenario(request);
  std::unique_ptr<Protocol> protocol = MakeProtocol(s);
  World world;
  Resize(s, world);
  Outcome outcome;
  Resize(s, outcome);
  std::unique_ptr<Workspace> workspace = protocol->NewWorkspace();
  Trace trace;
  PlayReplicate(s, *protocol, s.seed, replicate, world, *workspace, outcome, &trace);

  std::ostringstream out;
  out << s.name << ": replicate " << replicate << " of seed " << s.seed << " under " << s.protocol.kind << "\n";
  PrintDraws(s, world, out);
  for (const std::string& note : trace.notes) out << note << "\n";
  for (const TraceStep& step : trace.steps) PrintStep(s, trace, step, out);
  if (outcome.deal)
    out << "outcome: deal in " << s.round_label << " " << outcome.round << ": " << Terms(s, outcome.terms) << "\n";
  else
    out << "outcome: no deal (" << NoDealCauseName(outcome.cause) << ")\n";
  for (size_t e = 0; e < s.events.size(); ++e)
    if (outcome.events_fired[e]) out << "event fired: " << s.events[e].id << "\n";
  out << "values:";
  for (int a = 0; a < s.NumActors(); ++a) out << " " << s.actors[a].name << "=" << FormatNumber(outcome.value[a]);
  std::string header = ReplicateHeader(s), row;
  AppendReplicateRow(s, replicate, world, outcome, row);
  out << "\nrow: " << header << "row: " << row;

  ExplainOutput result;
  result.text = out.str();
  Json& j = result.json;
  j["scenario"] = s.name;
  j["protocol"] = s.protocol.kind;
  j["seed"] = s.seed;
  j["replicate"] = replicate;
  j["round_unit"] = s.round_label;
  Json draws = Json::object();
  for (size_t i = 0; i < s.params.size(); ++i)
    if (!s.params[i].dist.IsConstant()) draws[s.params[i].path] = world.param[i];
  j["drawn"] = draws;
  Json flow = Json::object();
  for (int a = 0; a < s.NumActors(); ++a) flow[s.actors[a].name] = world.flow[a];
  j["no_deal_flow"] = flow;
  j["notes"] = trace.notes;
  j["threshold_name"] = trace.threshold_name;
  Json steps = Json::array();
  for (const TraceStep& step : trace.steps) steps.push_back(StepJson(s, step));
  j["steps"] = steps;
  j["deal"] = outcome.deal;
  j["round"] = outcome.deal ? Json(outcome.round) : Json(nullptr);
  j["terms"] = outcome.deal ? TermsJson(s, outcome.terms) : Json(nullptr);
  j["cause"] = outcome.deal ? "deal" : NoDealCauseName(outcome.cause);
  Json value = Json::object();
  for (int a = 0; a < s.NumActors(); ++a) value[s.actors[a].name] = outcome.value[a];
  j["value"] = value;
  j["row_header"] = header.substr(0, header.size() - 1);  // without the newline
  j["row"] = row.substr(0, row.size() - 1);
  return result;
}

}  // namespace parley::api

#include <iostream>

#include "cli/commands.h"
#include "protocols/registry.h"
#include "cli/replicate_rows.h"
#include "cli/scenario_options.h"
#include "core/text.h"
#include "montecarlo/runner.h"

namespace po = boost::program_options;

namespace parley::cli {

namespace {

std::string Terms(const Scenario& s, const Eigen::ArrayXd& terms) {
  std::string out;
  for (int k = 0; k < s.NumIssues(); ++k) out += (k ? ", " : "") + s.issues[k].name + "=" + TermText(s, k, terms[k]);
  return out;
}

void PrintDraws(const Scenario& s, const World& w) {
  std::cout << "drawn parameters (the others are constants of the file):\n";
  bool any = false;
  for (size_t i = 0; i < s.params.size(); ++i) {
    if (s.params[i].dist.IsConstant()) continue;
    std::cout << "  " << s.params[i].path << " = " << FormatNumber(w.param[i]) << "\n";
    any = true;
  }
  if (!any) std::cout << "  (none)\n";
  std::cout << "no-deal flow per round:";
  for (int a = 0; a < s.NumActors(); ++a) std::cout << " " << s.actors[a].name << "=" << FormatNumber(w.flow[a]);
  std::cout << "\n";
}

void PrintShocks(const Scenario& s, const TraceStep& step) {
  if (step.status_quo.size() > 0) {
    std::cout << s.round_label << " " << step.round << " status quo: " << Terms(s, step.status_quo) << "\n";
  }
  for (int e : step.events) {
    const Event& event = s.events[e];
    std::cout << s.round_label << " " << step.round << " event `" << event.id << "` fires: " << event.label << "\n";
  }
  if (step.replanned) std::cout << "  the actors re-plan from " << s.round_label << " " << step.round << "\n";
}

void PrintStep(const Scenario& s, const Trace& trace, const TraceStep& step) {
  PrintShocks(s, step);
  std::cout << s.round_label << " " << step.round << ": ";
  if (step.proposer >= 0) std::cout << s.actors[step.proposer].name << " ";
  if (step.proposer < 0 && !step.offered) {
    std::cout << step.note << "\n";
  } else if (!step.offered) {
    std::cout << "makes no offer" << (step.note.empty() ? "" : " (" + step.note + ")") << "\n";
  } else {
    std::cout << "offers " << Terms(s, step.terms) << " (own utility " << FormatNumber(step.proposer_utility) << ")\n";
  }
  for (const TraceAnswer& answer : step.answers)
    std::cout << "  " << s.actors[answer.actor].name << (answer.accept ? " accepts" : " rejects")
              << ": utility " << FormatNumber(answer.utility) << " vs " << trace.threshold_name << " "
              << FormatNumber(answer.threshold) << "\n";
  if (step.offered && !step.note.empty()) std::cout << "  " << step.note << "\n";
  if (step.deal) std::cout << "  deal\n";
  if (step.breakdown_draw >= 0)
    std::cout << "  breakdown draw " << FormatNumber(step.breakdown_draw)
              << (step.broke_down ? ": talks break down\n" : ": talks go on\n");
}

}  // namespace

int ExplainCommand(const Args& args) {
  ScenarioOptions scenario_options;
  long long replicate = -1;
  po::options_description options("parley explain");
  scenario_options.AddTo(options, false);
  options.add_options()("replicate", po::value(&replicate)->required(), "replicate index N (0-based) to replay")
      ("seed", po::value(&scenario_options.seed), "random seed (default: the file's montecarlo.seed)");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  if (!ParseArgs(args, options, positional, vm, "usage: parley explain SCENARIO --replicate N [--seed S] [--protocol P] [--set PATH=VALUE]..."))
    return 0;
  if (replicate < 0) throw UsageError("--replicate must be a non-negative integer");

  Scenario s = LoadScenario(scenario_options);
  std::unique_ptr<Protocol> protocol = MakeProtocol(s);
  World world;
  Resize(s, world);
  Outcome outcome;
  Resize(s, outcome);
  std::unique_ptr<Workspace> workspace = protocol->NewWorkspace();
  Trace trace;
  PlayReplicate(s, *protocol, s.seed, static_cast<std::uint64_t>(replicate), world, *workspace, outcome, &trace);

  std::cout << s.name << ": replicate " << replicate << " of seed " << s.seed << " under " << s.protocol.kind << "\n";
  PrintDraws(s, world);
  for (const std::string& note : trace.notes) std::cout << note << "\n";
  for (const TraceStep& step : trace.steps) PrintStep(s, trace, step);
  if (outcome.deal)
    std::cout << "outcome: deal in " << s.round_label << " " << outcome.round << ": " << Terms(s, outcome.terms) << "\n";
  else
    std::cout << "outcome: no deal (" << NoDealCauseName(outcome.cause) << ")\n";
  for (size_t e = 0; e < s.events.size(); ++e)
    if (outcome.events_fired[e]) std::cout << "event fired: " << s.events[e].id << "\n";
  std::cout << "values:";
  for (int a = 0; a < s.NumActors(); ++a) std::cout << " " << s.actors[a].name << "=" << FormatNumber(outcome.value[a]);
  std::cout << "\nrow: " << ReplicateHeader(s) << "row: ";
  std::string row;
  AppendReplicateRow(s, static_cast<std::uint64_t>(replicate), world, outcome, row);
  std::cout << row;
  return 0;
}

}  // namespace parley::cli

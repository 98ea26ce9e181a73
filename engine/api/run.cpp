#include "api/run.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>

#include "core/error.h"
#include "output/ensemble.h"
#include "protocols/registry.h"

namespace parley::api {

namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

RunOptions MakeRunOptions(const Scenario& s, const Context& context, const std::string& label) {
  RunOptions run;
  run.seed = s.seed;
  run.replicates = s.replicates;
  run.threads = context.Threads();
  run.stop = context.stop;
  run.cluster = context.cluster;
  if (context.progress)
    run.progress = [&context, label](std::int64_t done, std::int64_t total) { context.progress(label, done, total, ""); };
  return run;
}

// One protocol of the ensemble. All are prepared before any runs, so every
// refusal is known before the long part starts.
struct Member {
  const ProtocolInfo* info = nullptr;
  ScenarioRequest request;             // the user's, with the protocol set to this one
  std::unique_ptr<Scenario> scenario;  // on the heap: the protocol keeps its address
  std::unique_ptr<Protocol> protocol;  // null: refused, for `reason`
  std::string reason;
};

Member Prepare(const ScenarioRequest& request, const ProtocolInfo& info) {
  Member m;
  m.info = &info;
  m.request = request;
  m.request.protocol = info.name;
  m.request.all_protocols = false;
  try {
    m.scenario = std::make_unique<Scenario>(LoadScenario(m.request));
    m.reason = ProtocolRefusal(info, *m.scenario);
    if (m.reason.empty()) m.protocol = info.create(*m.scenario);
  } catch (const InputError& e) {
    // The file loaded under its own protocol already, so this is something
    // only this protocol rejects: a refusal, not a failure of the ensemble.
    m.reason = e.what();
    m.protocol.reset();
  }
  return m;
}

}  // namespace

std::vector<OutputFile> RunFiles(const Scenario& s, const Json& summary, const std::string& prefix) {
  return {{prefix + "summary.json", summary.dump(2) + "\n"},
          {prefix + "issues.csv", IssuesCsv(s, summary)},
          {prefix + "bundles.csv", BundlesCsv(s, summary)}};
}

std::string SpeedText(const std::string& label, std::int64_t done, double seconds, int threads) {
  char text[160];
  std::snprintf(text, sizeof text, "%s%lld replicates in %.3f s (%.0f per second) on %d threads",
                label.empty() ? "" : (label + ": ").c_str(), static_cast<long long>(done), seconds,
                static_cast<double>(done) / std::max(seconds, 1e-9), threads);
  return text;
}

RunOutput Run(const ScenarioRequest& request, const Context& context, const ReplicateRows& rows,
              const std::function<void()>& ready) {
  Scenario scenario = LoadScenario(request);
  std::unique_ptr<Protocol> protocol = MakeProtocol(scenario);
  Cluster& cluster = context.Ranks();
  if (cluster.size() > 1 && rows.wanted())
    throw UsageError("--replicates FILE is not written by a distributed run (mpirun); run without mpirun for the rows");
  if (ready) ready();
  RunOptions run = MakeRunOptions(scenario, context, "run");
  if (rows.wanted()) {
    if (rows.begin) rows.begin(scenario);
    run.format_row = rows.format;
    run.write_rows = rows.write;
  }
  auto start = std::chrono::steady_clock::now();
  RunResult result = RunMonteCarlo(scenario, *protocol, run);
  RunOutput out;
  out.seconds = SecondsSince(start);
  out.threads = run.threads;
  out.done = result.done;
  out.complete = result.complete;
  if (cluster.size() > 1 && !result.complete) {
    // The chunks the ranks finished do not form a prefix: nothing to report.
    out.warnings.push_back("interrupted: a distributed run writes no partial outputs");
    return out;
  }
  if (cluster.rank() != 0) return out;  // rank 0 alone holds the total
  RunInfo info{scenario.protocol.kind, scenario.replicates, scenario.seed, request.EchoedOverrides(), result.complete};
  out.summary = SummaryJson(scenario, result.total, info);
  out.files = RunFiles(scenario, out.summary);
  out.table = ConsoleTable(out.summary);
  out.notes.push_back(SpeedText("", result.done, out.seconds, run.threads));
  if (!result.complete)
    out.warnings.push_back("interrupted: " + std::to_string(result.done) + " of " + std::to_string(scenario.replicates) +
                        " replicates done; outputs are marked \"complete\": false");
  return out;
}

CommandResult RunAll(const ScenarioRequest& request, const Context& context, const std::function<void()>& ready) {
  ScenarioRequest file_request = request;
  file_request.protocol.clear();
  Scenario base = LoadScenario(file_request);  // errors of the file itself end the run (exit 2)

  std::vector<Member> members;
  for (const ProtocolInfo& info : ProtocolRegistry()) members.push_back(Prepare(request, info));
  if (std::none_of(members.begin(), members.end(), [](const Member& m) { return m.protocol != nullptr; })) {
    std::string reasons;
    for (const Member& m : members) reasons += "\n  " + m.info->name + ": " + m.reason;
    throw UsageError("--protocol all: no protocol can run " + base.name + ":" + reasons);
  }
  if (ready) ready();

  CommandResult out;
  std::vector<EnsembleEntry> entries;
  std::vector<std::string> speeds;
  for (const Member& m : members) {
    EnsembleEntry e;
    e.protocol = m.info->name;
    if (!m.protocol) {
      e.status = EnsembleEntry::Status::kRefused;
      e.reason = m.reason;
    } else if (context.Stopped()) {
      e.status = EnsembleEntry::Status::kNotRun;
      e.reason = "the run was interrupted before this protocol started";
    } else {
      const Scenario& s = *m.scenario;
      RunOptions run = MakeRunOptions(s, context, e.protocol);
      auto start = std::chrono::steady_clock::now();
      RunResult result = RunMonteCarlo(s, *m.protocol, run);
      speeds.push_back(SpeedText(e.protocol, result.done, SecondsSince(start), run.threads));
      e.status = EnsembleEntry::Status::kRan;
      e.summary =
          SummaryJson(s, result.total, {s.protocol.kind, s.replicates, s.seed, m.request.EchoedOverrides(), result.complete});
      for (OutputFile& f : RunFiles(s, e.summary, e.protocol + "/")) out.files.push_back(std::move(f));
    }
    entries.push_back(std::move(e));
  }
  Json ensemble = EnsembleJson(base, entries, {base.replicates, base.seed, request.sets});
  out.files.insert(out.files.begin(), {"ensemble.json", ensemble.dump(2) + "\n"});
  out.table = EnsembleTable(ensemble);
  out.notes = speeds;
  out.complete = ensemble["complete"].get<bool>();
  if (!out.complete) {
    for (const EnsembleEntry& e : entries)
      if (e.status == EnsembleEntry::Status::kRan && !e.summary["complete"].get<bool>())
        out.warnings.push_back("interrupted: " + e.protocol + " after " +
                            std::to_string(e.summary["replicates_done"].get<long long>()) + " of " +
                            std::to_string(base.replicates) + " replicates; the protocols after it did not run");
    out.warnings.push_back("outputs are marked \"complete\": false");
  }
  return out;
}

}  // namespace parley::api

// `parley run --protocol all`: every protocol of the registry on the same
// scenario, seed and replicates, side by side.
//
// Each protocol reloads the scenario with protocol.kind set to it, exactly as
// `--protocol KIND` would, so its summary.json is byte-identical to that
// run's. A protocol that cannot run the scenario (not implemented, or a
// feature it does not play) keeps its row, with the reason.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/run_shared.h"
#include "core/error.h"
#include "output/atomic_file.h"
#include "output/ensemble.h"
#include "protocols/registry.h"

namespace parley::cli {

namespace {

// One protocol of the ensemble. All are prepared before any runs, so every
// refusal is known before the long part starts.
struct Member {
  const ProtocolInfo* info = nullptr;
  ScenarioOptions options;  // the user's, with --protocol set to this one
  std::unique_ptr<Scenario> scenario;  // on the heap: the protocol keeps its address
  std::unique_ptr<Protocol> protocol;  // null: refused, for `reason`
  std::string reason;
};

struct Speed {
  std::string protocol;
  std::int64_t done = 0;
  double seconds = 0;
  int threads = 1;
};

Member Prepare(const RunArgs& a, const ProtocolInfo& info) {
  Member m;
  m.info = &info;
  m.options = a.scenario;
  m.options.protocol = info.name;
  try {
    m.scenario = std::make_unique<Scenario>(LoadScenario(m.options));
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

// Runs one member and writes its outputs into DIR/<protocol>/.
EnsembleEntry RunMember(const RunArgs& a, const Member& m, std::vector<Speed>& speeds) {
  EnsembleEntry e;
  e.protocol = m.info->name;
  if (!m.protocol) {
    e.status = EnsembleEntry::Status::kRefused;
    e.reason = m.reason;
    return e;
  }
  if (StopRequested()) {
    e.status = EnsembleEntry::Status::kNotRun;
    e.reason = "the run was interrupted before this protocol started";
    return e;
  }
  const Scenario& s = *m.scenario;
  RunOptions run = MakeRunOptions(a, s, e.protocol);
  auto start = std::chrono::steady_clock::now();
  RunResult result = RunMonteCarlo(s, *m.protocol, run);
  speeds.push_back({e.protocol, result.done,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), run.threads});

  e.status = EnsembleEntry::Status::kRan;
  e.summary = SummaryJson(s, result.total, {s.protocol.kind, s.replicates, s.seed, m.options.EchoedOverrides(),
                                            result.complete});
  if (!a.out_dir.empty()) {
    std::string dir = a.out_dir + "/" + e.protocol;
    MakeDirectory(dir);
    WriteRunOutputs(dir, s, e.summary);
  }
  return e;
}

}  // namespace

int RunEnsemble(const RunArgs& a) {
  if (!a.replicates_file.empty())
    throw UsageError("--replicates FILE streams the rows of one protocol and cannot be combined with --protocol all; "
                     "use `--protocol KIND --replicates FILE` once per protocol");
  ScenarioOptions file_options = a.scenario;
  file_options.protocol.clear();
  Scenario base = LoadScenario(file_options);  // errors of the file itself end the run (exit 2)

  std::vector<Member> members;
  for (const ProtocolInfo& info : ProtocolRegistry()) members.push_back(Prepare(a, info));
  if (std::none_of(members.begin(), members.end(), [](const Member& m) { return m.protocol != nullptr; })) {
    std::string reasons;
    for (const Member& m : members) reasons += "\n  " + m.info->name + ": " + m.reason;
    throw UsageError("--protocol all: no protocol can run " + base.name + ":" + reasons);
  }
  if (!a.out_dir.empty()) MakeDirectory(a.out_dir);

  InstallStopHandlers();
  std::vector<EnsembleEntry> entries;
  std::vector<Speed> speeds;
  for (const Member& m : members) entries.push_back(RunMember(a, m, speeds));

  Json ensemble = EnsembleJson(base, entries, {base.replicates, base.seed, a.scenario.sets});
  if (!a.out_dir.empty()) WriteFileAtomically(a.out_dir + "/ensemble.json", ensemble.dump(2) + "\n");
  if (!a.quiet) {
    std::cout << EnsembleTable(ensemble) << std::flush;  // before stderr, so the two never interleave
    for (const Speed& speed : speeds) ReportSpeed(speed.protocol, speed.done, speed.seconds, speed.threads);
  }
  if (!ensemble["complete"].get<bool>()) {
    for (const EnsembleEntry& e : entries)
      if (e.status == EnsembleEntry::Status::kRan && !e.summary["complete"].get<bool>())
        std::fprintf(stderr, "interrupted: %s after %lld of %lld replicates; the protocols after it did not run\n",
                     e.protocol.c_str(), e.summary["replicates_done"].get<long long>(),
                     static_cast<long long>(base.replicates));
    std::fprintf(stderr, "outputs are marked \"complete\": false\n");
    return 130;
  }
  return 0;
}

}  // namespace parley::cli

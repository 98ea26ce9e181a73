// `run`: one scenario under one protocol (its summary.json, issues.csv and
// bundles.csv, and on request one row per replicate), or under every
// protocol side by side (`--protocol all`: ensemble.json and each
// protocol's three files in <protocol>/).
#pragma once

#include <functional>
#include <string>

#include "api/context.h"
#include "api/scenario_request.h"
#include "montecarlo/runner.h"
#include "output/summary.h"

namespace parley::api {

// One row per replicate, handed over in replicate order (the text sink) or
// written by the workers straight into a table (`format` with no `write`:
// see python/replicate_table.h).
struct ReplicateRows {
  std::function<void(const Scenario&)> begin;  // once the scenario is loaded, before any replicate runs
  std::function<void(std::uint64_t replicate, const World&, const Outcome&, std::string& out)> format;
  std::function<void(const std::string& rows)> write;
  bool wanted() const { return static_cast<bool>(format); }
};

struct RunOutput : CommandResult {
  Json summary;             // the summary.json of `files`, parsed
  std::int64_t done = 0;    // replicates merged: rows 0 .. done-1
  double seconds = 0;       // the Monte Carlo alone
  int threads = 1;
};

// `ready` runs once the input is loaded and checked, before the long part
// (the CLI creates its output directory there, so bad input leaves none).
RunOutput Run(const ScenarioRequest& request, const Context& context, const ReplicateRows& rows = {},
              const std::function<void()>& ready = {});

// Every protocol of the registry (request.protocol is ignored): files
// ensemble.json and <protocol>/{summary.json,issues.csv,bundles.csv}; a
// protocol that cannot run the scenario keeps its row, with the reason.
CommandResult RunAll(const ScenarioRequest& request, const Context& context, const std::function<void()>& ready = {});

// summary.json, issues.csv and bundles.csv of a run, `prefix` before each name.
std::vector<OutputFile> RunFiles(const Scenario& scenario, const Json& summary, const std::string& prefix = "");

// "N replicates in S s (R per second) on T threads", after `label: ` when given.
std::string SpeedText(const std::string& label, std::int64_t done, double seconds, int threads);

}  // namespace parley::api

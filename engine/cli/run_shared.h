// What the commands share around the library (api/): the output directory,
// stopping at Ctrl-C, the library context (threads, stop flag, ranks,
// progress lines), and writing and printing a command's result.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "api/context.h"
#include "cli/progress.h"
#include "montecarlo/cluster.h"

namespace parley::cli {

// Creates DIR and its parents; UsageError when it cannot be written.
void MakeDirectory(const std::string& dir);

// Ctrl-C and SIGTERM end the run at a chunk boundary; a second Ctrl-C kills.
void InstallStopHandlers();
bool StopRequested();
const std::atomic<bool>* StopFlag();  // what the runners poll

// The context of a command: `threads` (0: every core), the Ctrl-C flag
// (handlers installed), the ranks, and progress drawn by `lines` (may be null).
api::Context MakeContext(int threads, Cluster& cluster, ProgressLines* lines);

// The result's files into DIR (subdirectories created), atomically and all
// together; rank 0 alone writes. Nothing when DIR is empty.
void WriteOutputs(const std::string& dir, const std::vector<api::OutputFile>& files, const Cluster& cluster);

// Prints the table on stdout (unless quiet), then the notes (unless quiet)
// and the warnings on stderr, on rank 0 only; returns the exit code: 0, or
// 130 when the command did not run to the end.
int Report(const api::CommandResult& result, bool quiet, const Cluster& cluster);

}  // namespace parley::cli

// Progress of the long commands on stderr: "label: 12 / 40 points, 0:31
// left". Shown only on a terminal, never under --quiet, and only by rank 0
// of a distributed run (the caller passes quiet there); the line is redrawn
// at most ten times a second and ended when the work is done.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace parley::cli {

class Progress {
 public:
  // `unit` names what is counted ("points", "runs", "evaluations");
  // `at_most`: the total is a budget, so the time left is an upper bound.
  Progress(std::string label, std::string unit, bool quiet, bool at_most = false);
  ~Progress() { Finish(); }

  // `extra` follows the count (say, the best objective so far).
  void Update(std::int64_t done, std::int64_t total, const std::string& extra = "");
  // Ends the line, if one was drawn.
  void Finish();

 private:
  std::string label_, unit_;
  bool enabled_ = false, drawn_ = false, at_most_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

// The lines of one command, one per label (each protocol of --protocol
// all): a new label ends the line before it; a line ends when its work is done.
class ProgressLines {
 public:
  ProgressLines(std::string unit, bool quiet, bool at_most = false)
      : unit_(std::move(unit)), quiet_(quiet), at_most_(at_most) {}
  void Update(const std::string& label, std::int64_t done, std::int64_t total, const std::string& extra);
  void Finish() { line_.reset(); }

 private:
  std::string unit_, label_;
  bool quiet_, at_most_;
  std::unique_ptr<Progress> line_;
};

}  // namespace parley::cli

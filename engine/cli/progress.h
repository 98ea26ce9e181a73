// Progress of the long tuning commands on stderr: "label: 12 / 40 points,
// 0:31 left". Shown only on a terminal, never under --quiet, and only by
// rank 0 of a distributed run; the line is redrawn at most ten times a
// second and ended when the work is done.
#pragma once

#include <chrono>
#include <cstdint>
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

}  // namespace parley::cli

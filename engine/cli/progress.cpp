#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>


namespace parley::cli {

namespace {

std::string Clock(double seconds) {
  long long s = static_cast<long long>(seconds + 0.5);
  char buffer[32];
  if (s >= 3600) std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(buffer, sizeof buffer, "%lld:%02lld", s / 60, s % 60);
  return buffer;
}

}  // namespace

Progress::Progress(std::string label, std::string unit, bool quiet, bool at_most)
    : label_(std::move(label)),
      unit_(std::move(unit)),
      enabled_(!quiet && ::isatty(STDERR_FILENO)),
      at_most_(at_most),
      start_(std::chrono::steady_clock::now()) {}

void Progress::Update(std::int64_t done, std::int64_t total, const std::string& extra) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && done < total && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  double elapsed = std::chrono::duration<double>(now - start_).count();
  std::string left = done > 0 && done < total
                         ? std::string(at_most_ ? ", at most " : ", ") + Clock(elapsed / done * (total - done)) + " left"
                         : "";
  std::fprintf(stderr, "\r\033[K%s: %lld / %lld %s%s%s", label_.c_str(), static_cast<long long>(done),
               static_cast<long long>(total), unit_.c_str(), left.c_str(), extra.empty() ? "" : (", " + extra).c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressLines::Update(const std::string& label, std::int64_t done, std::int64_t total, const std::string& extra) {
  if (!line_ || label != label_) {
    line_ = std::make_unique<Progress>(label, unit_, quiet_, at_most_);
    label_ = label;
  }
  line_->Update(done, total, extra);
  if (done == total && !at_most_) line_->Finish();
}

void Progress::Finish() {
  if (!drawn_) return;
  std::fprintf(stderr, "\n");
  drawn_ = false;
}

}  // namespace parley::cli

#include "core/text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace parley {

int EditDistance(std::string_view a, std::string_view b) {
  std::vector<int> row(b.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      int above = row[j];
      int substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitute});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string* best = nullptr;
  int best_distance = 0;
  for (const std::string& c : candidates) {
    int d = EditDistance(word, c);
    if (!best || d < best_distance) best = &c, best_distance = d;
  }
  // Close enough to be a typo: a third of the word, and two edits (a swap) from three letters on.
  if (word.size() <= 1) return "";
  int limit = word.size() == 2 ? 1 : std::max<int>(2, static_cast<int>(word.size()) / 3);
  if (!best || best_distance > limit) return "";
  return " (did you mean `" + *best + "`?)";
}

std::string JoinChoices(const std::vector<std::string>& choices) {
  std::string out;
  for (size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) out += (i + 1 == choices.size()) ? " or " : ", ";
    out += "`" + choices[i] + "`";
  }
  return out;
}

std::optional<double> ParseNumber(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<long long> ParseInteger(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc() && end == text.data() + text.size()) return value;
  // Accept integral values written as decimals or exponents, e.g. 1e5.
  auto number = ParseNumber(text);
  if (number && std::floor(*number) == *number && std::fabs(*number) < 9.0e18)
    return static_cast<long long>(*number);
  return std::nullopt;
}

std::string IntervalText(double lo, double hi, int digits) {
  char a[64], b[64];
  for (;; ++digits) {
    std::snprintf(a, sizeof a, "%.*f", digits, lo);
    std::snprintf(b, sizeof b, "%.*f", digits, hi);
    if (lo == hi || std::string(a) != b || digits >= 6) break;
  }
  return std::string("[") + a + ", " + b + "]";
}

std::string FormatNumber(double value) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, end);
}

std::string CsvNumber(double value) { return std::isnan(value) ? "" : FormatNumber(value); }

std::vector<std::string> Split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t pos = text.find(separator, start);
    parts.emplace_back(text.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

}  // namespace parley

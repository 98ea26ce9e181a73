// Small text helpers shared by the loader and the CLI.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley {

// Edit distance, for "did you mean" suggestions.
int EditDistance(std::string_view a, std::string_view b);

// " (did you mean `x`?)" for the closest candidate, or "" when none is close.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

// "`a`, `b` or `c`"
std::string JoinChoices(const std::vector<std::string>& choices);

// Strict number parsing: the whole text must be a finite decimal number.
std::optional<double> ParseNumber(std::string_view text);
std::optional<long long> ParseInteger(std::string_view text);

// Shortest text that reads back as the same double (for messages and CSV).
std::string FormatNumber(double value);
// "[lo, hi]" with `digits` decimals, or more (up to 6) when those would print
// two different bounds alike: [0.99962, 1] reads "[0.9996, 1.0000]", not "[1.000, 1.000]".
std::string IntervalText(double lo, double hi, int digits);
// FormatNumber, or an empty CSV cell where the value is undefined (NaN).
std::string CsvNumber(double value);

std::vector<std::string> Split(std::string_view text, char separator);

}  // namespace parley

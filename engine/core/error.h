// Input errors with source locations.
//
// Every problem in a scenario file is reported as
//   file:line:col: path.to.key: what was expected, got what
// Library code collects Diagnostics and throws one InputError holding all of
// them; only main decides the exit code (2 for InputError, 1 otherwise).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace parley {

// 1-based line and column; line 0 means "no position" (e.g. a missing file).
struct SourceLoc {
  std::string file;
  int line = 0;
  int col = 0;
};

struct Diagnostic {
  SourceLoc loc;
  std::string path;     // dotted key path, e.g. actors.russia.discount
  std::string message;  // what was expected, got what
  std::string Format() const;
};

class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  InputError(SourceLoc loc, std::string path, std::string message);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// A command used wrongly (an unknown option value, a missing argument, an
// output directory that cannot be written): exit code 2, like bad input,
// but with no place in a file to point at.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Collects every error of a pass so the user sees them all at once.
class Diagnostics {
 public:
  void Add(SourceLoc loc, std::string path, std::string message);
  void Append(const InputError& error);
  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& all() const { return items_; }
  void ThrowIfAny() const;

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace parley

#include "core/error.h"

#include <algorithm>

namespace parley {

std::string Diagnostic::Format() const {
  std::string out = loc.file.empty() ? std::string("<input>") : loc.file;
  if (loc.line > 0) {
    out.append(":").append(std::to_string(loc.line));
    out.append(":").append(std::to_string(loc.col));
  }
  out.append(": ");
  if (!path.empty()) out.append(path).append(": ");
  out.append(message);
  return out;
}

static std::string JoinDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& d : diagnostics) {
    if (!text.empty()) text += "\n";
    text += d.Format();
  }
  return text;
}

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(JoinDiagnostics(diagnostics)), diagnostics_(std::move(diagnostics)) {}

InputError::InputError(SourceLoc loc, std::string path, std::string message)
    : InputError(std::vector<Diagnostic>{{std::move(loc), std::move(path), std::move(message)}}) {}

void Diagnostics::Add(SourceLoc loc, std::string path, std::string message) {
  items_.push_back({std::move(loc), std::move(path), std::move(message)});
}

void Diagnostics::Append(const InputError& error) {
  items_.insert(items_.end(), error.diagnostics().begin(), error.diagnostics().end());
}

void Diagnostics::ThrowIfAny() const {
  if (items_.empty()) return;
  // Report file by file (in order of first appearance), each top to bottom.
  std::vector<std::string> files;
  for (const Diagnostic& d : items_)
    if (std::find(files.begin(), files.end(), d.loc.file) == files.end()) files.push_back(d.loc.file);
  auto rank = [&](const Diagnostic& d) { return std::find(files.begin(), files.end(), d.loc.file) - files.begin(); };
  std::vector<Diagnostic> sorted = items_;
  std::stable_sort(sorted.begin(), sorted.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    if (a.loc.file != b.loc.file) return rank(a) < rank(b);
    if (a.loc.line != b.loc.line) return a.loc.line < b.loc.line;
    return a.loc.col < b.loc.col;
  });
  throw InputError(std::move(sorted));
}

}  // namespace parley

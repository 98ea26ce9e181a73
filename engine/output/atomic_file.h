// Output files appear whole or not at all: write a temporary file beside the
// target, flush it, then rename it over the target. An earlier file of the
// same name survives any failure.
#pragma once

#include <cstdio>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace parley {

// A file that could not be written (full disk, read-only directory, ...):
// not bad input and not a bug, so main reports it without "internal error".
struct OutputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws OutputError naming the path on any failure.
void WriteFileAtomically(const std::string& path, const std::string& contents);

// Several files that belong together (summary.json with its CSVs): every
// temporary is written and flushed before any is renamed, so a failure on
// one (a full disk) leaves every earlier file of the set as it was, not a
// new summary beside old CSVs. Throws OutputError.
void WriteFilesAtomically(const std::vector<std::pair<std::string, std::string>>& files);

// For streamed outputs: rows go to PATH.tmp.PID; Commit renames it over PATH,
// and destruction without Commit removes the temporary.
class AtomicStream {
 public:
  explicit AtomicStream(std::string path);
  ~AtomicStream();
  AtomicStream(const AtomicStream&) = delete;
  AtomicStream& operator=(const AtomicStream&) = delete;
  void Write(const std::string& text);
  // Flushes, syncs and closes the temporary; then Rename puts it in place.
  void Finish();
  void Rename();
  void Commit() { Finish(), Rename(); }

 private:
  std::string path_, temporary_;
  std::FILE* file_ = nullptr;
  bool finished_ = false;
};

}  // namespace parley

// Output files appear whole or not at all: write a temporary file beside the
// target, flush it, then rename it over the target. An earlier file of the
// same name survives any failure.
#pragma once

#include <cstdio>
#include <string>

namespace parley {

// Throws std::runtime_error naming the path on any failure.
void WriteFileAtomically(const std::string& path, const std::string& contents);

// For streamed outputs: rows go to PATH.tmp.PID; Commit renames it over PATH,
// and destruction without Commit removes the temporary.
class AtomicStream {
 public:
  explicit AtomicStream(std::string path);
  ~AtomicStream();
  AtomicStream(const AtomicStream&) = delete;
  AtomicStream& operator=(const AtomicStream&) = delete;
  void Write(const std::string& text);
  void Commit();

 private:
  std::string path_, temporary_;
  std::FILE* file_ = nullptr;
};

}  // namespace parley

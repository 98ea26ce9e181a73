#include "output/atomic_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "montecarlo/cluster.h"

namespace parley {

static std::string TemporaryName(const std::string& path) {
  return path + ".tmp." + std::to_string(::getpid());
}

static std::runtime_error WriteError(const std::string& path, const char* what) {
  return std::runtime_error("cannot write " + path + ": " + what + ": " + std::strerror(errno));
}

AtomicStream::AtomicStream(std::string path) : path_(std::move(path)), temporary_(TemporaryName(path_)) {
  file_ = std::fopen(temporary_.c_str(), "wb");
  if (!file_) throw WriteError(path_, "open");
}

AtomicStream::~AtomicStream() {
  if (file_) {
    std::fclose(file_);
    std::remove(temporary_.c_str());
  }
}

void AtomicStream::Write(const std::string& text) {
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) throw WriteError(path_, "write");
}

void AtomicStream::Commit() {
  bool ok = std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
  ok = (std::fclose(file_) == 0) && ok;
  file_ = nullptr;
  if (!ok) {
    std::remove(temporary_.c_str());
    throw WriteError(path_, "flush");
  }
  if (std::rename(temporary_.c_str(), path_.c_str()) != 0) {
    std::remove(temporary_.c_str());
    throw WriteError(path_, "rename");
  }
}

void WriteFileAtomically(const std::string& path, const std::string& contents) {
  if (CurrentCluster().rank() != 0) return;  // in a distributed run rank 0 alone writes
  AtomicStream stream(path);
  stream.Write(contents);
  stream.Commit();
}

}  // namespace parley

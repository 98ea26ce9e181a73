#include "output/atomic_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>


namespace parley {

static std::string TemporaryName(const std::string& path) {
  return path + ".tmp." + std::to_string(::getpid());
}

static OutputError WriteError(const std::string& path, const char* what) {
  return OutputError("cannot write " + path + ": " + what + ": " + std::strerror(errno));
}

AtomicStream::AtomicStream(std::string path) : path_(std::move(path)), temporary_(TemporaryName(path_)) {
  file_ = std::fopen(temporary_.c_str(), "wb");
  if (!file_) throw WriteError(path_, "open");
}

// Unless renamed into place, the temporary goes.
AtomicStream::~AtomicStream() {
  if (file_) std::fclose(file_);
  if (file_ || finished_) std::remove(temporary_.c_str());
}

void AtomicStream::Write(const std::string& text) {
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) throw WriteError(path_, "write");
}

// A full disk often shows only here, when the buffer is flushed.
void AtomicStream::Finish() {
  bool ok = std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
  int saved = errno;
  ok = (std::fclose(file_) == 0) && ok;
  if (!ok && saved) errno = saved;
  file_ = nullptr;
  finished_ = true;
  if (!ok) throw WriteError(path_, "flush");
}

void AtomicStream::Rename() {
  if (std::rename(temporary_.c_str(), path_.c_str()) != 0) throw WriteError(path_, "rename");
  finished_ = false;
}

void WriteFileAtomically(const std::string& path, const std::string& contents) {
  WriteFilesAtomically({{path, contents}});
}

void WriteFilesAtomically(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<std::unique_ptr<AtomicStream>> streams;
  for (const auto& [path, contents] : files) {
    streams.push_back(std::make_unique<AtomicStream>(path));
    streams.back()->Write(contents);
    streams.back()->Finish();
  }
  for (auto& stream : streams) stream->Rename();
}

}  // namespace parley

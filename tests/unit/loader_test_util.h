// Helpers for the loader tests: load inline YAML and capture the error text.
#pragma once

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "core/error.h"
#include "scenario/load.h"

namespace parley::test {

// The full message of the InputError that loading `text` as "s.yaml" throws.
inline std::string LoadError(const std::string& text, const std::vector<std::string>& overrides = {}) {
  try {
    LoadScenarioSpecFromString(text, "s.yaml", overrides);
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("expected an InputError for:\n" << text);
  return "";
}

inline int ErrorCount(const std::string& text) {
  try {
    LoadScenarioSpecFromString(text, "s.yaml");
  } catch (const InputError& e) {
    return static_cast<int>(e.diagnostics().size());
  }
  return 0;
}

// True when one line of `message` starts with `prefix` (e.g. "s.yaml:14:"),
// names `path` right after the location, and contains `expected`.
inline bool HasError(const std::string& message, const std::string& prefix, const std::string& path,
                     const std::string& expected) {
  size_t start = 0;
  while (start <= message.size()) {
    size_t end = message.find('\n', start);
    std::string line = message.substr(start, end == std::string::npos ? std::string::npos : end - start);
    bool located = line.rfind(prefix, 0) == 0;
    bool named = path.empty() || line.find(": " + path + ": ") != std::string::npos;
    if (located && named && line.find(expected) != std::string::npos) return true;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return false;
}

#define CHECK_ERROR(message, prefix, path, expected)                                    \
  do {                                                                                  \
    INFO("message:\n" << (message));                                                    \
    CHECK(::parley::test::HasError((message), (prefix), (path), (expected)));           \
  } while (0)

// A fresh directory for files of one test, removed at the end.
class ScratchDir {
 public:
  ScratchDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("parley_loader_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string Write(const std::string& name, const std::string& text) const {
    std::filesystem::path file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file.string();
  }
  std::string Path(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// A valid two-actor, two-issue scenario; line numbers matter to the tests.
inline const char* kValid = R"(parley: 1
name: t
rounds: {horizon: 10}
issues:
  territory: {scale: [0, 1], status_quo: 0.2}
  crimea: {levels: [de_jure, de_facto, none], status_quo: none}
actors:
  russia:
    position: {territory: 0, crimea: de_jure}
    salience: {territory: 0.9, crimea: 0.4}
  ukraine:
    position: {territory: 1, crimea: none}
    salience: {territory: 0.8, crimea: 0.6}
)";

}  // namespace parley::test

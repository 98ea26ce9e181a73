// The malformed-input corpus (tests/bad_inputs/, see its README): every file
// goes through the binary, as `parley validate` and as `parley run --out`, and
// must give exit code 2 and the located message its `# expect:` lines name,
// quickly and without writing any output.
#include <doctest/doctest.h>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "helpers.h"

namespace fs = std::filesystem;
using parley::test::ReadFile;
using parley::test::RunCli;
using parley::test::Source;
using parley::test::TempDir;

namespace {

// Generous: only a hang (an infinite loop, a runaway alias) reaches it, even
// under AddressSanitizer on a loaded machine.
constexpr int kTimeoutSeconds = 60;

// One `# expect: WHERE KEY: TEXT` line (the README has the grammar).
struct Expectation {
  std::string file;   // the file the error stands in, relative to the corpus
  std::string where;  // "LINE:COL" or "-" (no position)
  std::string key;    // dotted key path, "-" for none, "prefix..." for a prefix
  std::string text;   // a substring of the message
  std::string line;   // as written, for failure messages
};

struct Case {
  std::string name;  // relative to the corpus
  std::string path;  // as given to parley
  std::vector<Expectation> expects;
};

std::string Corpus() { return Source("tests/bad_inputs"); }

Expectation ParseExpectation(const std::string& line, const std::string& name) {
  Expectation e;
  e.line = line;
  std::string rest = line.substr(std::string("# expect: ").size());
  size_t space = rest.find(' ');
  REQUIRE_MESSAGE(space != std::string::npos, name << ": malformed " << line);
  std::string where = rest.substr(0, space);
  size_t at = where.find('@');
  e.file = at == std::string::npos ? name : where.substr(0, at);
  e.where = at == std::string::npos ? where : where.substr(at + 1);
  rest = rest.substr(space + 1);
  size_t colon = rest.find(": ");
  REQUIRE_MESSAGE(colon != std::string::npos, name << ": malformed " << line);
  e.key = rest.substr(0, colon);
  e.text = rest.substr(colon + 2);
  return e;
}

// The leading `# expect:` lines of a file (binary files have a NAME.expect sidecar).
std::vector<Expectation> ReadExpectations(const std::string& file, const std::string& name) {
  std::vector<Expectation> expects;
  std::istringstream in(ReadFile(file));
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("# expect: ", 0) == 0) expects.push_back(ParseExpectation(line, name));
    else if (line.rfind("#", 0) != 0) break;
  }
  return expects;
}

std::vector<Case> LoadCorpus() {
  std::vector<Case> cases;
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(Corpus())) {
    std::string name = entry.path().filename().string();
    if (name == "README.md" || name == "bases") continue;
    // A sidecar stands for its file, which may be missing on purpose.
    if (entry.path().extension() == ".expect") name = entry.path().stem().string();
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    std::string path = Corpus() + "/" + name;
    std::string sidecar = path + ".expect";
    Case c{name, path, ReadExpectations(fs::exists(sidecar) ? sidecar : path, name)};
    cases.push_back(std::move(c));
  }
  return cases;
}

// True when one line of `err` is the located, keyed message `e` asks for.
bool Matches(const std::string& err, const Expectation& e) {
  std::string prefix = Corpus() + "/" + e.file + (e.where == "-" ? "" : ":" + e.where) + ": ";
  std::istringstream in(err);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(prefix, 0) != 0) continue;
    std::string rest = line.substr(prefix.size());
    bool keyed = e.key == "-" ? rest.rfind(e.text, 0) == 0
                 : e.key.size() > 3 && e.key.compare(e.key.size() - 3, 3, "...") == 0
                     ? rest.rfind(e.key.substr(0, e.key.size() - 3), 0) == 0
                     : rest.rfind(e.key + ": ", 0) == 0;
    if (keyed && rest.find(e.text) != std::string::npos) return true;
  }
  return false;
}

void CheckRejected(const Case& c, const parley::test::CliResult& r, const char* command) {
  INFO(command << " " << c.name << "\nstderr (first 2000 bytes):\n" << r.err.substr(0, 2000));
  CHECK_MESSAGE(r.exit_code != 124, "timed out after " << kTimeoutSeconds << " s");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("internal error") == std::string::npos);
  for (const Expectation& e : c.expects) CHECK_MESSAGE(Matches(r.err, e), "missing: " << e.line);
}

long MaxChildRssKb() {
  struct rusage usage {};
  getrusage(RUSAGE_CHILDREN, &usage);
  return usage.ru_maxrss;
}

}  // namespace

TEST_SUITE("bad_inputs") {
  TEST_CASE("the corpus has at least 60 cases, each with an expectation") {
    std::vector<Case> cases = LoadCorpus();
    CHECK(cases.size() >= 60);
    for (const Case& c : cases) CHECK_MESSAGE(!c.expects.empty(), c.name << " has no `# expect:` line");
  }

  TEST_CASE("validate and run reject every case: exit 2, located message, no output") {
    std::string out = TempDir("bad-inputs");
    double slowest = 0;
    std::string slowest_name;
    for (const Case& c : LoadCorpus()) {
      auto start = std::chrono::steady_clock::now();
      CheckRejected(c, RunCli({"validate", c.path}, kTimeoutSeconds), "validate");
      std::string dir = out + "/" + c.name;
      auto run = RunCli({"run", c.path, "-q", "--out", dir, "--replicates", out + "/rows.csv"}, kTimeoutSeconds);
      CheckRejected(c, run, "run");
      // Nothing written: not the directory, not a row file, not a temporary.
      CHECK_MESSAGE(!fs::exists(dir), c.name << ": run created " << dir);
      CHECK(fs::is_empty(out));
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (seconds > slowest) slowest = seconds, slowest_name = c.name;
    }
    // Informative: the time bound that matters is the per-process timeout above.
    MESSAGE("slowest case: " << slowest_name << " (" << slowest << " s for validate and run)");
    fs::remove_all(out);
  }

  TEST_CASE("memory stays bounded across the corpus") {
    // ru_maxrss of the children waited for so far: the largest parley above.
    // The node budget keeps it near 100 MB; 2 GiB leaves room for sanitizers.
    long kb = MaxChildRssKb();
    MESSAGE("largest child RSS: " << kb / 1024 << " MiB");
    CHECK(kb < 2L * 1024 * 1024);
  }

  TEST_CASE("a generated document of over a million nodes stops at the node budget") {
    // Too large to keep in the corpus: 120 lists of 9,000 numbers, each list
    // under the per-list bound, 1.08 million nodes together.
    std::string dir = TempDir("huge");
    std::string file = dir + "/huge.yaml";
    {
      std::ofstream text(file);
      text << "parley: 1\nname: huge\n";
      std::string list = "[0";
      for (int i = 1; i < 9000; ++i) list += ", 0";
      list += "]\n";
      for (int k = 0; k < 120; ++k) text << "k" << k << ": " << list;
    }
    auto r = RunCli({"validate", file}, kTimeoutSeconds);
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind(file + ":", 0) == 0);
    CHECK(r.err.find("document too large") != std::string::npos);
    fs::remove_all(dir);
  }

  TEST_CASE("malformed --set arguments: exit 2, located at --set:N:COL") {
    const std::string scenario = Source("scenarios/examples/minimal.yaml");
    struct Bad {
      std::string arg, where, text;
    };
    for (const Bad& b : std::vector<Bad>{
             {"actors.north.discount=.nan", "--set:1:23: actors.north.discount: ", "must be a finite number"},
             {"actors.north.discount", "--set:1:1: ", "expected PATH=VALUE"},
             {"=0.5", "--set:1:1: ", "expected a key path before `=`"},
             {"actors..discount=0.5", "--set:1:", "got an empty key"},
             {"actors.north.discount={dist: beta, mean: 0.5", "--set:1:", "invalid YAML"},
             {"actors.north.discount=\"0.5", "--set:1:", "invalid YAML"},
             {"actors.nort.discount=0.5", "--set:1:", "(did you mean `north`?)"},
             {"montecarlo.replicates=0", "--set:1:", "must be an integer in [1, 1000000000000000], got 0"},
             {"events.99.hazard=0.5", "--set:1:8: events.99: ", "expected the id of an element"},
         }) {
      CAPTURE(b.arg);
      auto r = RunCli({"validate", scenario, "--set", b.arg}, kTimeoutSeconds);
      INFO("stderr: " << r.err);
      CHECK(r.exit_code == 2);
      CHECK(r.err.find(b.where) != std::string::npos);
      CHECK(r.err.find(b.text) != std::string::npos);
    }
  }
}

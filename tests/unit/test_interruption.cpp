// Safe interruption and failing output directories, for `parley run`,
// `sweep` and `calibrate`:
// SIGINT and SIGTERM stop at a chunk boundary with a valid summary marked
// incomplete, and an output directory that cannot be written gives a clear
// error, leaves no temporary file and keeps the earlier results intact.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "helpers.h"

namespace fs = std::filesystem;
using parley::Json;
using parley::test::FileExists;
using parley::test::ReadFile;
using parley::test::RunCli;
using parley::test::Source;
using parley::test::TempDir;

namespace {

using parley::test::kUkraine;

// Starts parley with stdout and stderr into DIR/out and DIR/err.
pid_t Spawn(const std::vector<std::string>& args, const std::string& dir) {
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int out = ::open((dir + "/out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open((dir + "/err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(out, 1), ::dup2(err, 2);
    std::vector<char*> argv{const_cast<char*>(PARLEY_BINARY)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(PARLEY_BINARY, argv.data());
    ::_exit(127);
  }
  return pid;
}

int WaitExit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Files whose name says they are temporaries of an atomic write.
int Temporaries(const std::string& dir) {
  int n = 0;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().filename().string().find(".tmp.") != std::string::npos) ++n;
  return n;
}

// Sends `signal` once the run is under way: the row file's temporary exists
// just before the stop handlers go in, and a second later chunks are done.
void InterruptRun(int signal, const char* name) {
  std::string dir = TempDir("interrupt");
  pid_t pid = Spawn({"run", kUkraine, "-n", "1000000000", "--threads", "2", "-q", "--out", dir, "--replicates",
                     dir + "/rows.csv"},
                    dir);
  std::string temporary = dir + "/rows.csv.tmp." + std::to_string(pid);
  auto start = std::chrono::steady_clock::now();
  while (!FileExists(temporary) && std::chrono::steady_clock::now() - start < std::chrono::seconds(60))
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  REQUIRE_MESSAGE(FileExists(temporary), "the run did not start within 60 s");
  std::this_thread::sleep_for(std::chrono::seconds(2));
  ::kill(pid, signal);
  CAPTURE(name);
  INFO("stderr: " << ReadFile(dir + "/err"));
  CHECK(WaitExit(pid) == 130);
  auto summary = nlohmann::json::parse(ReadFile(dir + "/summary.json"));
  CHECK(summary["complete"] == false);
  CHECK(summary["config"]["replicates"] == 1000000000);
  std::int64_t done = summary["replicates_done"].get<std::int64_t>();
  CHECK(done > 0);
  CHECK(done % 1024 == 0);
  CHECK(summary["deal"]["count"].get<std::int64_t>() <= done);
  CHECK(ReadFile(dir + "/err").find("interrupted: " + std::to_string(done) + " of 1000000000") != std::string::npos);
  // The CSVs and the rows are the same prefix: a header and one row per replicate done.
  CHECK(FileExists(dir + "/issues.csv"));
  CHECK(FileExists(dir + "/bundles.csv"));
  std::string rows = ReadFile(dir + "/rows.csv");
  CHECK(std::count(rows.begin(), rows.end(), '\n') == done + 1);
  CHECK(Temporaries(dir) == 0);
  fs::remove_all(dir);
}

// A finished run's files, to check that a failed later run leaves them be.
std::string EarlierResults(const std::string& dir) {
  REQUIRE(RunCli({"run", Source("scenarios/textbook/rubinstein.yaml"), "-n", "100", "-q", "--out", dir}).exit_code == 0);
  return ReadFile(dir + "/summary.json") + ReadFile(dir + "/issues.csv") + ReadFile(dir + "/bundles.csv");
}

std::string Results(const std::string& dir) {
  return ReadFile(dir + "/summary.json") + ReadFile(dir + "/issues.csv") + ReadFile(dir + "/bundles.csv");
}

}  // namespace

TEST_SUITE("interruption") {
  TEST_CASE("SIGINT during run: exit 130, a valid summary marked incomplete") { InterruptRun(SIGINT, "SIGINT"); }

  TEST_CASE("SIGTERM during run: the same") { InterruptRun(SIGTERM, "SIGTERM"); }

  TEST_CASE("--out below a regular file: a clear error, nothing written") {
    std::string dir = TempDir("out-under-file");
    std::ofstream(dir + "/file") << "not a directory\n";
    auto r = RunCli({"run", kUkraine, "-n", "100", "-q", "--out", dir + "/file/out"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--out " + dir + "/file/out: cannot create the directory") != std::string::npos);
    CHECK(ReadFile(dir + "/file") == "not a directory\n");
    fs::remove_all(dir);
  }

  TEST_CASE("a read-only output directory: a clear error, earlier results intact") {
    std::string dir = TempDir("read-only");
    std::string earlier = EarlierResults(dir);
    ::chmod(dir.c_str(), 0555);
    // Root writes through any mode bits, but not without its capabilities: as
    // root the child runs under setpriv with an empty bounding set.
    std::vector<std::string> launcher;
    if (::geteuid() == 0) launcher = {"setpriv", "--bounding-set=-all", "--inh-caps=-all"};
    bool enforced = launcher.empty()
                        ? ::access(dir.c_str(), W_OK) != 0
                        : std::system(("setpriv --bounding-set=-all --inh-caps=-all test ! -w '" + dir + "'").c_str()) == 0;
    if (!enforced) {
      MESSAGE("skipped: a mode of 555 does not stop writes here (root, and setpriv could not drop capabilities)");
    } else {
      auto r = RunCli({"run", kUkraine, "-n", "100", "-q", "--out", dir}, 0, launcher);
      CHECK(r.exit_code != 0);
      CHECK(r.err.find(dir) != std::string::npos);
      CHECK(r.err.find("not writable") != std::string::npos);
      CHECK(Results(dir) == earlier);
      CHECK(Temporaries(dir) == 0);
    }
    ::chmod(dir.c_str(), 0755);
    fs::remove_all(dir);
  }

  TEST_CASE("a full disk on the second file: nothing replaced, no temporary left") {
    // Fault injection that works as root too: the child's temporary for
    // issues.csv is made a link to /dev/full before it runs, so that file's
    // flush fails with ENOSPC after summary.json was written.
    std::string dir = TempDir("full-disk");
    std::string earlier = EarlierResults(dir);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::raise(SIGSTOP);  // wait for the parent to lay the link
      int err = ::open((dir + "/err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(err, 2);
      std::string n = "50", out = dir;
      std::string scenario = Source("scenarios/textbook/rubinstein.yaml");
      char* argv[] = {const_cast<char*>(PARLEY_BINARY), const_cast<char*>("run"), scenario.data(),
                      const_cast<char*>("-n"), n.data(), const_cast<char*>("-q"), const_cast<char*>("--out"),
                      out.data(), nullptr};
      ::execv(PARLEY_BINARY, argv);
      ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, WUNTRACED);
    fs::create_symlink("/dev/full", dir + "/issues.csv.tmp." + std::to_string(pid));
    ::kill(pid, SIGCONT);
    int code = WaitExit(pid);
    std::string err = ReadFile(dir + "/err");
    INFO("stderr: " << err);
    CHECK(code == 1);
    CHECK(err.find("cannot write " + dir + "/issues.csv") != std::string::npos);
    CHECK(err.find("No space left on device") != std::string::npos);
    CHECK(err.find("internal error") == std::string::npos);
    CHECK(Results(dir) == earlier);  // not a new summary.json beside old CSVs
    fs::remove(dir + "/err");
    CHECK(Temporaries(dir) == 0);
    fs::remove_all(dir);
  }

  // sweep and calibrate: a signal during a long point or evaluation stops it
  // at a chunk boundary; the command reports what finished, marked incomplete.
  TEST_CASE("SIGINT during sweep and calibrate: exit 130, outputs marked incomplete") {
    const std::string fearon = Source("scenarios/textbook/fearon.yaml");
    struct Case {
      const char* file;
      std::vector<std::string> args;
    };
    for (const Case& c : {Case{"sweep.json", {"sweep", fearon, "--vary", "actors.b.war_cost.high=0.2:0.9:8", "--metric",
                                              "deal.p", "-n", "400000000", "--threads", "2", "-q"}},
                          Case{"calibrate.json", {"calibrate", fearon, "--free", "actors.b.war_cost.high=0.1:0.9",
                                                  "--target", "deal.p=0.7", "-n", "400000000", "--threads", "2", "-q"}}}) {
      CAPTURE(c.file);
      std::string dir = TempDir("interrupt-tuning");
      std::vector<std::string> args = c.args;
      args.push_back("--out"), args.push_back(dir);
      pid_t pid = Spawn(args, dir);
      std::this_thread::sleep_for(std::chrono::seconds(3));
      ::kill(pid, SIGINT);
      INFO("stderr: " << ReadFile(dir + "/err"));
      CHECK(WaitExit(pid) == 130);
      REQUIRE(FileExists(dir + "/" + c.file));
      Json j = Json::parse(ReadFile(dir + "/" + c.file));
      CHECK(j["complete"] == false);
      CHECK(Temporaries(dir) == 0);
      fs::remove_all(dir);
    }
  }
}

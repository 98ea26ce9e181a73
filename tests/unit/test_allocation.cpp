// The hot loop allocates nothing: once a thread's World, Outcome and
// Workspace exist, drawing and playing a replicate never calls operator new,
// for every protocol on every shipped scenario it accepts (issue 5).
// Counting replaces the global operator new of this test binary; it counts
// only while a test switches it on, on the current thread.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <new>

#include "helpers.h"
#include "model/scenario.h"
#include "montecarlo/runner.h"
#include "protocols/registry.h"
#include "scenario/load.h"

// Sanitizer builds bring their own operator new; the count runs in the
// release build only.
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)

namespace {
thread_local bool g_counting = false;
thread_local long g_allocations = 0;
}  // namespace

// GCC cannot see that this operator new and delete pair malloc with free.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t size) {
  if (g_counting) ++g_allocations;
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
#pragma GCC diagnostic pop

using namespace parley;

TEST_SUITE("montecarlo") {
  TEST_CASE("the allocation counter sees an allocation") {
    g_allocations = 0;
    g_counting = true;
    std::vector<double>* volatile grown = new std::vector<double>(1000, 1.0);
    g_counting = false;
    CHECK(g_allocations >= 2);  // the vector and its buffer
    delete grown;
  }

  TEST_CASE("a replicate allocates nothing once the thread's buffers exist") {
    for (const test::ProtocolCase& c : test::ProtocolCases()) {
      CAPTURE(c.protocol);
      CAPTURE(c.file);
      const Scenario& s = c.scenario;
      std::unique_ptr<Protocol> protocol = FindProtocol(c.protocol)->create(s);
      World world;
      Resize(s, world);
      Outcome outcome;
      Resize(s, outcome);
      auto workspace = protocol->NewWorkspace();
      // Warm-up: buffers sized on first use reach their size here.
      for (std::uint64_t r = 0; r < 8; ++r) PlayReplicate(s, *protocol, s.seed, r, world, *workspace, outcome, nullptr);
      g_allocations = 0;
      g_counting = true;
      for (std::uint64_t r = 8; r < 108; ++r) PlayReplicate(s, *protocol, s.seed, r, world, *workspace, outcome, nullptr);
      g_counting = false;
      CHECK(g_allocations == 0);
    }
  }
}
#endif  // sanitizers

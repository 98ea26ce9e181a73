// Counter-based random streams (Random123 Philox4x64-10).
//
// Every random number in parley is a pure function of
//   (seed, replicate, stream name, counter)
// as in pbrt-v4's samplers: the key holds (seed, hash of the stream name), the
// counter holds (replicate, block). No generator state is shared between
// replicates or threads, so results do not depend on scheduling, and any single
// replicate can be replayed alone.
#pragma once

#include <Random123/philox.h>

#include <cstdint>
#include <string_view>

namespace parley {

using StreamId = std::uint64_t;

// FNV-1a 64 of the stream name; computed once per run, never in the hot loop.
constexpr StreamId StreamIdOf(std::string_view name) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

// Uniform double in (0, 1) from the top 53 bits; never exactly 0 or 1, so
// inverse CDFs stay finite.
inline double UnitFromBits(std::uint64_t bits) {
  return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53;
}

class Rng {
 public:
  Rng(std::uint64_t seed, std::uint64_t replicate, StreamId stream)
      : key_{{seed, stream}}, counter_{{replicate, 0, 0, 0}} {}

  // The index-th uniform of this stream, by random access.
  double UniformAt(std::uint64_t index) const {
    Philox::ctr_type c = counter_;
    c.v[1] = index / 4;
    return UnitFromBits(Philox()(c, key_).v[index % 4]);
  }

  // Sequential draws: 0th, 1st, 2nd, ... uniform of the stream.
  double Uniform() {
    if (used_ == 4) {
      block_ = Philox()(counter_, key_);
      ++counter_.v[1];
      used_ = 0;
    }
    return UnitFromBits(block_.v[used_++]);
  }

 private:
  using Philox = r123::Philox4x64;
  Philox::key_type key_;
  Philox::ctr_type counter_;
  Philox::ctr_type block_{};
  int used_ = 4;
};

}  // namespace parley

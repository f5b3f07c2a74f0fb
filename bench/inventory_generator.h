// Deterministic synthetic inventories (manifest v1 + policy JSON) for benchmarks and property tests.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace kmsaccess::bench {

struct GenOptions {
  std::size_t principals = 100;
  std::size_t keys = 10;
  std::uint64_t seed = 1;
  // Small inventories for property tests: fewer shared files, every shape likely in a few keys.
  bool compact = false;
};

// A manifest folder in memory: relative path -> contents. "kmsaccess.yaml" is the manifest;
// every other entry is a policy file referenced from it (shared files appear once).
struct GeneratedInventory {
  std::map<std::string, std::string> files;
  std::size_t policy_bytes = 0;  // total size of the JSON policy files
};

// Same options -> identical bytes on every machine (own PRNG, no std distributions).
GeneratedInventory generate_inventory(const GenOptions& options);

// splitmix64: tiny, portable, and good enough to draw shapes from.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
  bool chance(unsigned percent) { return below(100) < percent; }

 private:
  std::uint64_t state_;
};

}  // namespace kmsaccess::bench

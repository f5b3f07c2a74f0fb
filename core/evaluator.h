// The KMS authorization engine: compiles an inventory once, then decides (principal, key, action)
// cells the way AWS would, soundly: unknown request data gives `conditional`, never a guess.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/decision.h"
#include "core/inventory.h"

namespace kmsaccess::core {

struct EvalOptions {
  // --context key=value: request-time values, key in lower case, several values allowed.
  std::map<std::string, std::vector<std::string>> context;
};

// The four verdicts for all actions of one (principal, key) pair, one bit per action.
struct PairMasks {
  ActionMask allow = 0;
  ActionMask conditional = 0;
  ActionMask deny = 0;  // every other action is implicit-deny
  bool operator==(const PairMasks&) const = default;
};

class Evaluator {
 public:
  Evaluator(const Inventory& inventory, EvalOptions options = {});
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  const Inventory& inventory() const { return inv_; }

  Decision decide(std::size_t principal, std::size_t key, std::size_t action) const;
  Explanation explain(std::size_t principal, std::size_t key, std::size_t action) const;
  // All key actions of a pair at once, through the compiled indexes (the fast path).
  PairMasks decide_pair(std::size_t principal, std::size_t key) const;
  // decide_pair for one key and many principals (the matrix's inner loop): principals with the
  // same own policies share that part of the work. `out` gets one entry per principal.
  void decide_column(std::size_t key, const std::vector<std::size_t>& principals, std::vector<PairMasks>& out) const;
  // The same answer through decide() one action at a time: the reference the fast path is
  // checked against.
  PairMasks decide_pair_reference(std::size_t principal, std::size_t key) const;

 private:
  struct Compiled;
  const Inventory& inv_;
  EvalOptions options_;
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace kmsaccess::core

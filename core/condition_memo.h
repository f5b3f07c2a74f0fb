// Memoised Condition verdicts for the compiled matrix path. A Condition block's verdict for a
// (principal, key) pair depends only on the values of the few context keys it reads: principals
// (and keys) with equal values for those keys form one class, and each (block, principal class,
// key class) is evaluated once, with the reference condition evaluator, on a representative.
//
// One side of a block's table is "local": identity-side blocks (identity, group, boundary,
// session and SCP statements) number the principal classes among the principals that hold the
// statement, key-side blocks (key policies, RCPs) number the key classes among the keys that
// hold it. The other side is numbered over the whole inventory. So a condition read by a single
// principal's own policy costs one row, not one row per principal of the organisation.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/compiled_masks.h"
#include "core/evaluator.h"
#include "core/request_context.h"

namespace kmsaccess::core {

enum class BlockSide : std::uint8_t { kIdentity, kKey };

class ConditionMemo {
 public:
  ConditionMemo(const Inventory& inv, const EvalOptions& options);
  ~ConditionMemo();
  ConditionMemo(const ConditionMemo&) = delete;
  ConditionMemo& operator=(const ConditionMemo&) = delete;

  static constexpr std::uint32_t kNoCondition = 0xffffffffU;

  // The block of `st`'s Condition element split into `classes` (identical blocks share one id).
  // kNoCondition when the statement has no Condition.
  std::uint32_t add_block(const Statement& st, PolicyPlacement placement, BlockSide side,
                          const std::vector<ActionMask>& classes);
  // The local class index of `owner` (a principal for identity-side blocks, a key for key-side
  // ones) in `block`; registers the class on first sight. Call before any verdict().
  std::uint32_t local_class(std::uint32_t block, std::uint32_t owner);
  // Whether a block's verdict can differ between principals (keys). Known right after add_block.
  bool reads_principal(std::uint32_t block) const;
  bool reads_key(std::uint32_t block) const;
  // After finish(): a key-side block's class of every principal, and how many classes there are.
  const std::vector<std::uint32_t>& principal_classes(std::uint32_t block) const;
  std::uint32_t principal_class_count(std::uint32_t block) const;
  // Freezes the class numbering and allocates the tables.
  void finish();

  // The block's verdict for all its actions; `local` is the owner's local_class().
  // Thread-safe: entries are filled on first use with atomics.
  TriMask verdict(std::uint32_t block, std::uint32_t local, std::uint32_t principal, std::uint32_t key) const;

 private:
  struct Scope;  // the keys of one side a block reads, and every principal's/key's class for them
  struct Block;
  const Inventory& inv_;
  const EvalOptions& options_;
  std::map<std::string, std::uint32_t> block_ids_;
  std::vector<std::unique_ptr<Block>> blocks_;
  std::map<std::vector<std::string>, std::unique_ptr<Scope>> principal_scopes_;
  std::map<std::vector<std::string>, std::unique_ptr<Scope>> key_scopes_;

  Scope* principal_scope(std::vector<std::string> keys);
  Scope* key_scope(std::vector<std::string> keys);
  std::string class_signature(const Scope& scope, bool principal_side, std::uint32_t index) const;
  TriMask evaluate(const Block& b, std::uint32_t principal, std::uint32_t key) const;
};

}  // namespace kmsaccess::core

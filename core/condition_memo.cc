#include "core/condition_memo.h"

#include <algorithm>

#include "core/condition.h"

namespace kmsaccess::core {
namespace {

// A block's table stays dense while it is small; larger ones (a condition reading per-principal
// and per-key values at once) are evaluated per pair instead of memoised.
constexpr std::uint64_t kMaxBlockEntries = std::uint64_t{1} << 20;
constexpr std::uint64_t kMaxTotalEntries = std::uint64_t{1} << 23;

// Actions never use bit 63 (static_assert below), so it marks a filled entry.
constexpr ActionMask kFilled = ActionMask{1} << 63;

void append_field(std::string& out, std::string_view s) {
  out += std::to_string(s.size());
  out += ':';
  out += s;
}

std::string serialize(const KeyValues& kv) {
  std::string out(1, static_cast<char>('0' + static_cast<int>(kv.state)));
  for (const auto& v : kv.values) append_field(out, v);
  return out;
}

}  // namespace

struct ConditionMemo::Scope {
  std::vector<std::string> keys;
  bool global = false;                // class_of is needed for every principal (key)
  std::vector<std::uint32_t> class_of;
  std::uint32_t class_count = 1;
};

struct ConditionMemo::Block {
  const Statement* st = nullptr;
  PolicyPlacement placement = PolicyPlacement::kIdentity;
  BlockSide side = BlockSide::kIdentity;
  std::vector<ActionMask> classes;
  Scope* principals = nullptr;
  Scope* keys = nullptr;
  std::map<std::string, std::uint32_t> local_ids;
  bool memo = false;
  std::uint64_t columns = 0;
  struct Entry {
    std::atomic<ActionMask> t{0};
    std::atomic<ActionMask> u{0};
  };
  std::unique_ptr<Entry[]> table;
};

ConditionMemo::ConditionMemo(const Inventory& inv, const EvalOptions& options) : inv_(inv), options_(options) {}
ConditionMemo::~ConditionMemo() = default;

ConditionMemo::Scope* ConditionMemo::principal_scope(std::vector<std::string> keys) {
  auto& slot = principal_scopes_[keys];
  if (!slot) {
    slot = std::make_unique<Scope>();
    slot->keys = std::move(keys);
  }
  return slot.get();
}

ConditionMemo::Scope* ConditionMemo::key_scope(std::vector<std::string> keys) {
  auto& slot = key_scopes_[keys];
  if (!slot) {
    slot = std::make_unique<Scope>();
    slot->keys = std::move(keys);
  }
  return slot.get();
}

std::uint32_t ConditionMemo::add_block(const Statement& st, PolicyPlacement placement, BlockSide side,
                                       const std::vector<ActionMask>& classes) {
  if (st.conditions.empty()) return kNoCondition;
  std::string signature;
  signature += side == BlockSide::kKey ? 'K' : 'I';
  signature += placement == PolicyPlacement::kResource ? 'R' : 'I';
  for (ActionMask c : classes) signature += std::to_string(c) + ",";
  std::vector<std::string> principal_keys, key_keys;
  auto classify = [&](const std::string& key) {
    if (options_.context.count(key) != 0) return;  // --context fixes it
    switch (context_scope(key, placement)) {
      case ContextScope::kPrincipal: principal_keys.push_back(key); break;
      case ContextScope::kKey: key_keys.push_back(key); break;
      case ContextScope::kAction:
      case ContextScope::kFixed: break;
    }
  };
  for (const auto& c : st.conditions) {
    signature += '|';
    append_field(signature, c.operator_text);
    append_field(signature, c.key_lower);
    classify(c.key_lower);
    for (const auto& v : c.values) {
      append_field(signature, v.text);
      for (const auto& k : policy_variable_keys(v.text)) classify(k);
    }
  }
  auto [it, inserted] = block_ids_.try_emplace(signature, static_cast<std::uint32_t>(blocks_.size()));
  if (!inserted) return it->second;
  auto sort_unique = [](std::vector<std::string>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  };
  sort_unique(principal_keys);
  sort_unique(key_keys);
  auto b = std::make_unique<Block>();
  b->st = &st;
  b->placement = placement;
  b->side = side;
  b->classes = classes;
  b->principals = principal_scope(std::move(principal_keys));
  b->keys = key_scope(std::move(key_keys));
  (side == BlockSide::kKey ? b->principals : b->keys)->global = true;
  blocks_.push_back(std::move(b));
  return it->second;
}

std::string ConditionMemo::class_signature(const Scope& scope, bool principal_side, std::uint32_t index) const {
  static const Principal no_principal{};
  static const Key no_key{};
  if (scope.keys.empty()) return {};
  const Principal& p = principal_side ? inv_.principals[index] : no_principal;
  const Key& k = principal_side ? no_key : inv_.keys[index];
  RequestContext ctx(inv_, options_, p, k, 0);
  ctx.set_placement(PolicyPlacement::kIdentity);
  std::string out;
  for (const auto& key : scope.keys) {
    out += serialize(ctx.lookup(key));
    out += '\n';
  }
  return out;
}

std::uint32_t ConditionMemo::local_class(std::uint32_t block, std::uint32_t owner) {
  Block& b = *blocks_[block];
  bool identity = b.side == BlockSide::kIdentity;
  std::string sig = class_signature(identity ? *b.principals : *b.keys, identity, owner);
  auto [it, inserted] = b.local_ids.try_emplace(sig, static_cast<std::uint32_t>(b.local_ids.size()));
  return it->second;
}

bool ConditionMemo::reads_principal(std::uint32_t block) const { return !blocks_[block]->principals->keys.empty(); }
bool ConditionMemo::reads_key(std::uint32_t block) const { return !blocks_[block]->keys->keys.empty(); }

const std::vector<std::uint32_t>& ConditionMemo::principal_classes(std::uint32_t block) const {
  return blocks_[block]->principals->class_of;
}
std::uint32_t ConditionMemo::principal_class_count(std::uint32_t block) const {
  return blocks_[block]->principals->class_count;
}

void ConditionMemo::finish() {
  auto number = [&](Scope& s, bool principal_side, std::size_t count) {
    if (!s.global) return;
    if (s.keys.empty()) {
      s.class_of.assign(count, 0);
      return;
    }
    std::map<std::string, std::uint32_t> ids;
    s.class_of.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
      auto sig = class_signature(s, principal_side, static_cast<std::uint32_t>(i));
      s.class_of[i] = ids.try_emplace(sig, static_cast<std::uint32_t>(ids.size())).first->second;
    }
    s.class_count = std::max<std::uint32_t>(1, static_cast<std::uint32_t>(ids.size()));
  };
  for (auto& [keys, s] : principal_scopes_) number(*s, true, inv_.principals.size());
  for (auto& [keys, s] : key_scopes_) number(*s, false, inv_.keys.size());
  std::uint64_t total = 0;
  for (auto& b : blocks_) {
    std::uint64_t local = std::max<std::uint64_t>(1, b->local_ids.size());
    std::uint64_t rows = b->side == BlockSide::kIdentity ? local : b->principals->class_count;
    b->columns = b->side == BlockSide::kIdentity ? b->keys->class_count : local;
    std::uint64_t entries = rows * b->columns;
    // Bit 63 marks filled entries, so memoise only while no action uses it.
    if (kms_action_count() >= 64 || entries > kMaxBlockEntries || total + entries > kMaxTotalEntries) continue;
    total += entries;
    b->memo = true;
    b->table = std::make_unique<Block::Entry[]>(entries);
  }
}

TriMask ConditionMemo::evaluate(const Block& b, std::uint32_t principal, std::uint32_t key) const {
  TriMask out;
  for (ActionMask cls : b.classes) {
    RequestContext ctx(inv_, options_, inv_.principals[principal], inv_.keys[key],
                       static_cast<std::size_t>(__builtin_ctzll(cls)));
    ctx.set_placement(b.placement);
    Tri v = evaluate_conditions(b.st->conditions, ctx).value;
    if (v == Tri::kTrue) out.t |= cls;
    if (v == Tri::kUnknown) out.u |= cls;
  }
  return out;
}

TriMask ConditionMemo::verdict(std::uint32_t block, std::uint32_t local, std::uint32_t principal,
                               std::uint32_t key) const {
  const Block& b = *blocks_[block];
  if (!b.memo) return evaluate(b, principal, key);
  std::uint64_t row = b.side == BlockSide::kIdentity ? local : b.principals->class_of.empty() ? 0 : b.principals->class_of[principal];
  std::uint64_t col = b.side == BlockSide::kKey ? local : b.keys->class_of.empty() ? 0 : b.keys->class_of[key];
  Block::Entry& e = b.table[row * b.columns + col];
  ActionMask u = e.u.load(std::memory_order_acquire);
  if ((u & kFilled) != 0) return {e.t.load(std::memory_order_relaxed), u & ~kFilled};
  // Two threads may fill the same entry at once; both store the same values.
  TriMask v = evaluate(b, principal, key);
  e.t.store(v.t, std::memory_order_relaxed);
  e.u.store(v.u | kFilled, std::memory_order_release);
  return v;
}

}  // namespace kmsaccess::core

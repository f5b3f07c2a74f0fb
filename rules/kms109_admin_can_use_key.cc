#include "rules/kms109_admin_can_use_key.h"

#include <bit>
#include <map>

#include "core/evaluator.h"
#include "core/query.h"
#include "rules/access_statements.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS109",
    .name = "admin-can-use-key",
    .severity = Severity::kNote,
    .short_description = "Key administrators can also use the key for cryptographic operations",
    .long_description =
        "AWS recommends separating the principals that manage a key from the ones that use "
        "it: an administrator who can also decrypt can read everything the key protects, and a "
        "compromised application role that can also change the key policy or schedule deletion "
        "can lock everyone else out or destroy the data. A principal counts as an administrator "
        "when it may call kms:PutKeyPolicy or kms:ScheduleKeyDeletion, and as a user when it "
        "may encrypt, decrypt, re-encrypt or generate data keys. The account root statement "
        "(which only enables IAM policies) is not reported. With a manifest the engine decides "
        "for every declared user, role and session, through the key policy, IAM policies and "
        "grants; for a loose key policy, the statements naming the same principal are added "
        "up. A principal given kms:* by a key policy statement is left to KMS108.",
    .help = "Give administrators and users separate statements with different principals: "
            "`kms:Create*`, `kms:Put*`, `kms:ScheduleKeyDeletion`, ... for "
            "`arn:aws:iam::111122223333:role/KeyAdmin`, and `kms:Encrypt`, `kms:Decrypt`, "
            "`kms:GenerateDataKey*` for `arn:aws:iam::111122223333:role/AppRole`.",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/"
               "key-policy-default.html#key-policy-default-allow-administrators",
    .needs_evaluator = true,
};

core::ActionMask named(std::initializer_list<const char*> names) {
  core::ActionMask m = 0;
  for (const char* n : names) m |= core::match_action_pattern(n);
  return m;
}

// What makes an administrator: changing who may use the key, or destroying it.
core::ActionMask control_mask() { return named({"kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"}); }

// The administrative actions worth naming in the message (no read-only or grant actions).
core::ActionMask management_mask() {
  return core::admin_actions_mask() &
         ~named({"kms:Describe*", "kms:Get*", "kms:List*", "kms:CreateGrant", "kms:RevokeGrant"});
}

std::string message(std::string_view who, std::string_view key, core::ActionMask may) {
  const core::ActionMask control = may & control_mask();
  const int more = std::popcount(may & management_mask() & ~control);
  std::string admin = access::join(core::mask_to_names(control));
  if (more > 0) admin += " and " + std::to_string(more) + " more";
  return std::string(who) + " can administer " + std::string(key) + " (" + admin +
         ") and also use it (" +
         access::summarize_actions(may & core::encrypt_decrypt_mask()) + ")";
}

bool is_admin_and_user(core::ActionMask may) {
  return (may & control_mask()) != 0 && (may & core::encrypt_decrypt_mask()) != 0;
}

void check_loose(const LintDocument& doc, FindingSink& sink) {
  struct Seen {
    core::ActionMask mask = 0;
    const core::Statement* use_st = nullptr;
    const core::PrincipalEntry* use_entry = nullptr;
    bool full = false;  // named by a kms:* statement: KMS108 reports it
  };
  std::map<std::string, Seen> by_principal;
  std::vector<std::string> order;
  for (const auto& st : doc.policy->statements) {
    if (!access::is_allow(st) || !st.has_principal || st.not_principal) continue;
    for (const auto& e : st.principal.entries) {
      if (e.value == "*" || (e.type == core::PrincipalType::kAws && access::root_account(e.value))) {
        continue;
      }
      auto [it, inserted] = by_principal.try_emplace(e.value);
      if (inserted) order.push_back(e.value);
      it->second.mask |= st.action_mask;
      it->second.full = it->second.full || st.action_mask == core::all_actions_mask();
      if (it->second.use_st == nullptr && (st.action_mask & core::encrypt_decrypt_mask()) != 0) {
        it->second.use_st = &st;
        it->second.use_entry = &e;
      }
    }
  }
  for (const auto& name : order) {
    const Seen& s = by_principal[name];
    if (s.full || !is_admin_and_user(s.mask)) continue;
    sink.report(doc, *s.use_st, s.use_entry->pos, name, message("\"" + name + "\"", "the key", s.mask));
  }
}

// The allow reason to point at: a statement or grant naming the principal, else any allow.
const core::Reason* pick_reason(const core::Decision& d) {
  const core::Reason* fallback = nullptr;
  for (const auto& r : d.reasons) {
    if (r.effect != core::Effect::kAllow) continue;
    if (r.role == "allows") return &r;
    if (fallback == nullptr) fallback = &r;
  }
  return fallback;
}

void check_with_engine(const LintContext& ctx, FindingSink& sink) {
  const auto& inv = *ctx.inventory;
  for (std::size_t p = 0; p < inv.principals.size(); ++p) {
    const auto& principal = inv.principals[p];
    if (!access::is_declared_identity(principal)) continue;
    for (std::size_t k = 0; k < inv.keys.size(); ++k) {
      auto masks = ctx.evaluator->decide_pair(p, k);
      const core::ActionMask may = masks.allow | masks.conditional;
      if (!is_admin_and_user(may)) continue;
      const core::ActionMask use = may & core::encrypt_decrypt_mask();
      const auto decision =
          ctx.evaluator->decide(p, k, static_cast<std::size_t>(std::countr_zero(use)));
      const core::Reason* r = pick_reason(decision);
      if (r == nullptr) continue;
      // A key policy kms:* statement naming the principal is KMS108's finding.
      const auto where = access::locate(ctx, r->pos);
      if (where.statement != nullptr && is_key_policy(*where.doc) &&
          where.statement->action_mask == core::all_actions_mask()) {
        continue;
      }
      access::report_at_reason(ctx, sink, *r, principal.arn + " " + inv.keys[k].name,
                               message(principal.name, inv.keys[k].name, may));
    }
  }
}

}  // namespace

const RuleInfo& AdminCanUseKeyRule::info() const { return kInfo; }

void AdminCanUseKeyRule::check(const LintContext& ctx, FindingSink& sink) const {
  const bool engine = ctx.evaluator != nullptr && ctx.inventory != nullptr;
  if (engine) check_with_engine(ctx, sink);
  for (const auto& doc : ctx.documents) {
    if (engine && doc.key) continue;  // decided by the engine above
    if (is_key_policy(doc) && doc.policy) check_loose(doc, sink);
  }
}

}  // namespace kmsaccess::rules

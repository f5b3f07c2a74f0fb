#include "core/impact/change.h"

#include <algorithm>

#include "core/query.h"

namespace kmsaccess::core::impact {
namespace {

Error bad(std::string_view flag, std::string_view text, std::string_view expected) {
  return make_error(std::string(flag) + " expects " + std::string(expected) + ", got '" + std::string(text) + "'");
}

std::string key_label(const Key& k) { return k.name; }

Result<ActionMask> operations_mask(const std::vector<std::string>& ops) {
  ActionMask mask = 0;
  for (const auto& op : ops) {
    std::string name = op.rfind("kms:", 0) == 0 ? op : "kms:" + op;
    auto index = find_action(name);
    if (!index || (grant_operations_mask() & action_bit(*index)) == 0) {
      return make_error("'" + op + "' is not an operation a grant can allow");
    }
    mask |= action_bit(*index);
  }
  return mask;
}

std::vector<std::string> split_commas(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    if (comma > start) out.emplace_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

void set_alias(Inventory& inv, const std::string& alias, std::size_t target) {
  for (auto& k : inv.keys) std::erase(k.aliases, alias);
  inv.keys[target].aliases.push_back(alias);
  std::sort(inv.keys[target].aliases.begin(), inv.keys[target].aliases.end());
}

Result<std::vector<std::string>> apply_to_key(Inventory& inv, const HypotheticalChange& c, std::size_t k) {
  Key& key = inv.keys[k];
  switch (c.type) {
    case ChangeType::kTag:
      key.tags[c.name] = c.value;
      return std::vector<std::string>{"tag " + key_label(key) + " " + c.name + "=" + c.value};
    case ChangeType::kUntag:
      if (key.tags.erase(c.name) == 0) return make_error(c.source + ": key " + key.name + " has no tag " + c.name);
      return std::vector<std::string>{"untag " + key_label(key) + " " + c.name};
    case ChangeType::kRevokeGrant: {
      auto n = std::erase_if(key.grants, [&](const Grant& g) { return g.grant_id == c.name; });
      if (n == 0) return make_error(c.source + ": key " + key.name + " has no grant " + c.name);
      return std::vector<std::string>{"revoke grant " + c.name + " on " + key_label(key)};
    }
    case ChangeType::kKeyPolicy: {
      key.policy = inv.add_policy(*c.policy);
      return std::vector<std::string>{"key policy of " + key_label(inv.keys[k]) + " := " + c.policy->file};
    }
    default: return make_error("internal: not a key change");
  }
}

Result<std::vector<std::string>> apply_grant(Inventory& inv, const HypotheticalChange& c,
                                             const std::vector<std::size_t>& keys) {
  auto principals = select_principals(inv, {c.principal});
  if (!principals) return principals.error();
  auto mask = operations_mask(c.operations);
  if (!mask) return mask.error();
  std::vector<std::string> out;
  for (std::size_t k : keys) {
    for (std::size_t p : *principals) {
      Grant g;
      g.grant_id = "what-if-" + std::to_string(inv.keys[k].grants.size() + 1);
      g.grantee = inv.principals[p].arn;
      g.grantee_is_service = inv.principals[p].kind == PrincipalKind::kService;
      g.operations = mask_to_names(*mask);
      for (auto& op : g.operations) op = op.substr(4);
      g.operations_mask = *mask;
      g.issuing_account = inv.keys[k].account;
      inv.keys[k].grants.push_back(g);
      out.push_back("grant " + inv.principals[p].name + " " + joined(g.operations) + " on " + inv.keys[k].name);
    }
  }
  return out;
}

Result<std::vector<std::string>> apply_one(Inventory& inv, const HypotheticalChange& c) {
  if (c.type == ChangeType::kAttachPolicy) {
    auto principals = select_principals(inv, {c.principal});
    if (!principals) return principals.error();
    std::vector<std::string> out;
    for (std::size_t p : *principals) {
      inv.principals[p].policies.push_back(inv.add_policy(*c.policy));
      out.push_back("attach " + c.policy->file + " to " + inv.principals[p].name);
    }
    return out;
  }
  if (c.type == ChangeType::kDeleteAlias) {
    bool found = false;
    for (auto& k : inv.keys) found = std::erase(k.aliases, c.name) > 0 || found;
    if (!found) return make_error(c.source + ": no key has alias " + c.name);
    return std::vector<std::string>{"delete alias " + c.name};
  }
  auto keys = select_keys(inv, {c.key});
  if (!keys) return make_error(c.source + ": " + keys.error().message);
  if (c.type == ChangeType::kAlias) {
    if (keys->size() != 1) return make_error(c.source + ": an alias names exactly one key");
    set_alias(inv, c.name, keys->front());
    return std::vector<std::string>{"alias " + c.name + " -> " + inv.keys[keys->front()].name};
  }
  if (c.type == ChangeType::kGrant) return apply_grant(inv, c, *keys);
  std::vector<std::string> out;
  for (std::size_t k : *keys) {
    auto lines = apply_to_key(inv, c, k);
    if (!lines) return lines.error();
    out.insert(out.end(), lines->begin(), lines->end());
  }
  return out;
}

}  // namespace

Result<std::vector<std::string>> apply_changes(Inventory& inv, const std::vector<HypotheticalChange>& changes) {
  std::vector<std::string> applied;
  for (const auto& c : changes) {
    auto lines = apply_one(inv, c);
    if (!lines) return lines.error();
    applied.insert(applied.end(), lines->begin(), lines->end());
  }
  return applied;
}

Result<HypotheticalChange> parse_tag(std::string_view text) {
  auto eq = text.find('=');
  auto colon = eq == std::string_view::npos ? eq : text.rfind(':', eq);
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == eq) return bad("--tag", text, "KEY:Tag=Value");
  HypotheticalChange c{ChangeType::kTag, std::string(text.substr(0, colon)), "",
                       std::string(text.substr(colon + 1, eq - colon - 1)), std::string(text.substr(eq + 1)),
                       {}, std::nullopt, "--tag " + std::string(text)};
  return c;
}

Result<HypotheticalChange> parse_untag(std::string_view text) {
  auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return bad("--untag", text, "KEY:Tag");
  return HypotheticalChange{ChangeType::kUntag, std::string(text.substr(0, colon)), "",
                            std::string(text.substr(colon + 1)), "", {}, std::nullopt, "--untag " + std::string(text)};
}

Result<HypotheticalChange> parse_alias(std::string_view text) {
  auto eq = text.find('=');
  if (eq == std::string_view::npos || text.substr(0, 6) != "alias/" || eq + 1 == text.size()) {
    return bad("--alias", text, "alias/name=KEY");
  }
  return HypotheticalChange{ChangeType::kAlias, std::string(text.substr(eq + 1)), "", std::string(text.substr(0, eq)),
                            "", {}, std::nullopt, "--alias " + std::string(text)};
}

Result<HypotheticalChange> parse_delete_alias(std::string_view text) {
  if (text.substr(0, 6) != "alias/" || text.size() == 6) return bad("--delete-alias", text, "alias/name");
  return HypotheticalChange{ChangeType::kDeleteAlias, "", "", std::string(text), "", {}, std::nullopt,
                            "--delete-alias " + std::string(text)};
}

Result<HypotheticalChange> parse_grant(const Inventory& inv, std::string_view text) {
  auto last = text.rfind(':');
  if (last == std::string_view::npos) return bad("--grant", text, "KEY:PRINCIPAL:Op1,Op2");
  std::string_view rest = text.substr(0, last);
  // Key and principal selectors may both be ARNs: take the first split that selects both.
  for (std::size_t i = rest.find(':'); i != std::string_view::npos; i = rest.find(':', i + 1)) {
    std::string key(rest.substr(0, i)), principal(rest.substr(i + 1));
    if (select_keys(inv, {key}) && select_principals(inv, {principal})) {
      return HypotheticalChange{ChangeType::kGrant, key, principal, "", "",
                                split_commas(text.substr(last + 1)), std::nullopt, "--grant " + std::string(text)};
    }
  }
  return bad("--grant", text, "KEY:PRINCIPAL:Op1,Op2 naming a known key and principal");
}

Result<HypotheticalChange> parse_revoke_grant(std::string_view text) {
  auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) {
    return bad("--revoke-grant", text, "KEY:GRANT_ID");
  }
  return HypotheticalChange{ChangeType::kRevokeGrant, std::string(text.substr(0, colon)), "",
                            std::string(text.substr(colon + 1)), "", {}, std::nullopt,
                            "--revoke-grant " + std::string(text)};
}

PolicyDocument allow_all_policy(std::string_view label, std::string_view principal_arn) {
  std::string principal = principal_arn.empty() ? "" : R"("Principal": {"AWS": ")" + std::string(principal_arn) + R"("}, )";
  std::string text = R"({"Version": "2012-10-17", "Statement": [{"Sid": "Hypothetical", "Effect": "Allow", )" + principal +
                     R"("Action": "kms:*", "Resource": "*"}]})";
  auto doc = parse_policy(text, label);
  return doc ? *doc : PolicyDocument{};
}

}  // namespace kmsaccess::core::impact

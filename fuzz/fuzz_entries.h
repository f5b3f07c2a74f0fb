// The fuzz targets' entry functions, shared by the libFuzzer binaries (fuzz/fuzz_*.cc) and by
// core/fuzz_regression_test.cc, which replays the corpus and every crash ever found without clang.
// Each returns "" when the input was handled, else the invariant it broke.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/arn.h"
#include "core/condition.h"
#include "core/evaluator.h"
#include "core/inventory_merge.h"
#include "core/json.h"
#include "core/loaders/aws_cli_loader.h"
#include "core/loaders/cfn_loader.h"
#include "core/loaders/manifest_loader.h"
#include "core/loaders/tf_plan_loader.h"
#include "core/policy.h"
#include "core/source_reader.h"

namespace kmsaccess::fuzz {

// Errors must say something; positioned ones point at a real line.
template <typename T>
std::string check_error(const core::Result<T>& r) {
  if (r) return "";
  if (r.error().message.empty()) return "empty error message";
  return "";
}

inline std::string fuzz_json(std::string_view data) { return check_error(core::parse_json(data, "f.json")); }

inline std::string fuzz_policy(std::string_view data) {
  core::PolicyLimits limits;
  limits.max_statements = 64;
  limits.max_condition_values = 256;
  return check_error(core::parse_policy(data, "p.json", limits));
}

// Policies the fuzzed manifest may name; a manifest from the corpus names these files.
inline core::MemorySourceReader manifest_reader(std::string_view manifest) {
  core::MemorySourceReader reader;
  reader.files["m/kmsaccess.yaml"] = std::string(manifest);
  reader.files["m/key.json"] =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},)"
      R"("Action":"kms:*","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"*",)"
      R"("Condition":{"StringNotEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}}]})";
  reader.files["m/user.json"] =
      R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["kms:Encrypt","kms:Get*"],"Resource":"*"}})";
  return reader;
}

inline std::string fuzz_manifest(std::string_view data) {
  auto reader = manifest_reader(data);
  return check_error(core::parse_manifest(data, "m/kmsaccess.yaml", reader));
}

// The input split on lines "%%%%" into the files aws/0.json, aws/1.json, ...
inline std::string fuzz_aws_cli(std::string_view data) {
  core::MemorySourceReader reader;
  std::size_t index = 0;
  while (true) {
    std::size_t cut = data.find("\n%%%%\n");
    reader.files["aws/" + std::to_string(index++) + ".json"] = std::string(data.substr(0, cut));
    if (cut == std::string_view::npos) break;
    data.remove_prefix(cut + 6);
  }
  return check_error(core::load_aws_cli_folder("aws", reader));
}

// The first byte chooses the loader: even a CloudFormation template, odd a Terraform plan.
inline std::string fuzz_iac(std::string_view data) {
  if (data.empty()) return "";
  bool tf = (static_cast<unsigned char>(data[0]) & 1U) != 0;
  data.remove_prefix(1);
  if (tf) return check_error(core::parse_tf_plan(data, "plan.json", core::TfOptions{}));
  return check_error(core::parse_cfn_template(data, "template.yaml", core::CfnOptions{}));
}

// A context from fuzz data: "key=v1|v2", "key?" (unknown) or "key" (present, no values).
class FuzzContext : public core::ConditionContext {
 public:
  std::vector<std::pair<std::string, core::KeyValues>> keys;
  core::KeyValues lookup(std::string_view key_lower) const override {
    for (const auto& [k, v] : keys) {
      if (k == key_lower) return v;
    }
    return core::KeyValues::absent();
  }
};

inline std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    std::size_t cut = s.find(sep);
    out.push_back(s.substr(0, cut));
    if (cut == std::string_view::npos) return out;
    s.remove_prefix(cut + 1);
  }
}

// Lines: operator, key, values separated by '|', then context entries, one per line.
inline std::string fuzz_condition(std::string_view data) {
  auto lines = split(data, '\n');
  if (lines.size() < 3) return "";
  auto op = core::parse_condition_operator(lines[0]);
  if (!op) return "";
  core::ConditionClause clause;
  clause.operator_text = std::string(lines[0]);
  clause.op = *op;
  clause.key = std::string(lines[1]);
  clause.key_lower = core::to_lower_ascii(lines[1]);
  for (auto v : split(lines[2], '|')) clause.values.push_back({std::string(v), {}, core::JsonValue::Kind::kString});
  FuzzContext ctx;
  for (std::size_t i = 3; i < lines.size() && i < 16; ++i) {
    std::string_view line = lines[i];
    std::size_t eq = line.find('=');
    if (!line.empty() && line.back() == '?') {
      ctx.keys.emplace_back(core::to_lower_ascii(line.substr(0, line.size() - 1)), core::KeyValues::unknown());
    } else {
      std::vector<std::string> values;
      if (eq != std::string_view::npos) {
        for (auto v : split(line.substr(eq + 1), '|')) values.emplace_back(v);
      }
      ctx.keys.emplace_back(core::to_lower_ascii(line.substr(0, eq)), core::KeyValues::present(std::move(values)));
    }
  }
  core::Tri first = core::evaluate_clause(clause, ctx);
  if (core::evaluate_clause(clause, ctx) != first) return "evaluate_clause is not deterministic";
  auto all = core::evaluate_conditions({clause}, ctx);
  if (all.value != first) return "evaluate_conditions disagrees with evaluate_clause";
  if ((first == core::Tri::kUnknown) != !all.unresolved.empty()) return "unresolved list does not match unknown";
  return "";
}

// Manifest, then the evaluator over every cell: the fast path must equal the reference.
inline std::string fuzz_pipeline(std::string_view data) {
  auto reader = manifest_reader(data);
  auto inv = core::parse_manifest(data, "m/kmsaccess.yaml", reader);
  if (!inv) return check_error(inv);
  core::assign_unique_names(*inv);
  core::add_pseudo_principals(*inv);
  core::sort_inventory(*inv);
  if (inv->principals.size() * inv->keys.size() > 256) return "";  // keep executions fast
  core::Evaluator ev(*inv);
  for (std::size_t p = 0; p < inv->principals.size(); ++p) {
    for (std::size_t k = 0; k < inv->keys.size(); ++k) {
      if (!(ev.decide_pair(p, k) == ev.decide_pair_reference(p, k))) {
        return "decide_pair differs from the reference for " + inv->principals[p].name + " x " + inv->keys[k].name;
      }
      (void)ev.explain(p, k, 0);
    }
  }
  return "";
}

}  // namespace kmsaccess::fuzz

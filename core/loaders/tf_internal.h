// Internal to the Terraform plan loader: the planned resources with their unknown attributes
// and configuration expressions, shared by the reader (tf_plan_loader.cc) and the entity
// builders (tf_resources.cc).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/loaders/tf_plan_loader.h"

namespace kmsaccess::core::tf {

struct Resource {
  std::string address;  // module.m.aws_kms_key.k[0]
  std::string type;
  std::string module;   // "module.m" (indexes dropped), "" for the root module
  const JsonValue* values = nullptr;       // planned values (never nullptr)
  const JsonValue* after_unknown = nullptr;  // resource_changes[].change.after_unknown, may be nullptr
  const JsonValue* expressions = nullptr;    // configuration expressions, may be nullptr
  Pos pos;
};

struct Plan {
  std::string path;
  std::string account, region;
  std::vector<Resource> resources;  // file order
  LoadReport* report = nullptr;

  void note(NoteKind kind, Pos p, std::string message) const {
    report->add(kind, SourcePos(path, p).to_string(), std::move(message));
  }
};

// The planned string value of `field`; nullopt when unknown until apply or absent.
std::optional<std::string> string_value(const Resource& r, std::string_view field);
bool is_unknown(const Resource& r, std::string_view field);
// Whether the configuration sets `field` at all (nullopt when the plan has no configuration).
std::optional<bool> configured(const Resource& r, std::string_view field);
// Addresses (module-qualified, without the attribute) of the resources `field` refers to.
std::vector<std::string> references(const Resource& r, std::string_view field);

std::string strip_indexes(std::string_view address);  // "module.m[0].aws_x.y[\"k\"]" -> "module.m.aws_x.y"

// State while turning planned resources into inventory entities (tf_resources.cc, tf_iam.cc).
struct Builder {
  const Plan& plan;
  const TfOptions& options;
  Inventory& inv;
  std::map<std::string, std::size_t> keys;        // address -> index in inv.keys
  std::map<std::string, std::size_t> principals;  // address -> index in inv.principals
  std::map<std::string, std::size_t> groups;      // address -> index in inv.groups
  std::map<std::string, PolicyIndex> policies;    // aws_iam_policy address -> policy
  std::map<std::string, std::string> policy_arns; // aws_iam_policy address -> ARN (known or synthetic)
};

// The entry of `by_address` for `address`, or for the only instance of a counted resource.
std::optional<std::size_t> find_address(const std::map<std::string, std::size_t>& by_address,
                                        const std::string& address);
// The entity `field` names: its planned value matched by `by_value`, else its references.
std::optional<std::size_t> target(const Resource& r, std::string_view field,
                                  const std::map<std::string, std::size_t>& by_address,
                                  const std::function<std::optional<std::size_t>(const std::string&)>& by_value);
// A policy JSON string attribute, parsed with positions inside the string, labelled
// "<plan>#<address>"; nullopt (noted) when unknown until apply.
Result<std::optional<PolicyIndex>> policy_attribute(Builder& b, const Resource& r, const JsonValue* value,
                                                    std::string_view what);
Tags tags_of(const Resource& r);

Status add_iam_entity(Builder& b, const Resource& r);
Status add_iam_attachment(Builder& b, const Resource& r);
Status build_inventory(const Plan& plan, const TfOptions& options, Inventory& inv);

}  // namespace kmsaccess::core::tf

// Internal to the CloudFormation loader: the template being loaded (parameters, conditions,
// mappings, resources) and the intrinsic-function resolver the resource builders share.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/loaders/cfn_loader.h"

namespace kmsaccess::core::cfn {

struct Resource {
  std::string id;    // logical id
  std::string type;  // "AWS::KMS::Key"
  const JsonValue* json = nullptr;        // the resource's mapping
  const JsonValue* properties = nullptr;  // may be nullptr
  Pos pos;                                // of the logical id
};

struct Template {
  std::string path;
  std::string account, region, partition = "aws", stack_name;
  std::map<std::string, std::optional<JsonValue>> parameters;  // nullopt: no value, no Default
  std::map<std::string, const JsonValue*> conditions;
  const JsonValue* mappings = nullptr;
  std::map<std::string, Resource> resources;
  std::vector<const Resource*> order;  // file order
  LoadReport* report = nullptr;

  void note(Pos p, std::string message) const;
  SourcePos where(Pos p) const { return SourcePos(path, p); }
};

// Zero values: AWS::NoValue (the element or member is dropped). Several values: the branches of
// an Fn::If whose condition is unknown, which a list splices and a member turns into a list.
using Values = std::vector<JsonValue>;

class Resolver {
 public:
  explicit Resolver(const Template& t) : t_(t) {}

  Values resolve(const JsonValue& v);
  // One value: a NoValue member becomes nullopt; several alternatives become a list of strings,
  // or the first object (noted).
  std::optional<JsonValue> resolve_one(const JsonValue& v);
  // A resolved string ("" when absent or not a string).
  std::string string_of(const JsonValue* v);
  std::optional<bool> condition(std::string_view name, Pos where);

  std::string key_id(const Resource& r) const { return "cfn-" + r.id; }
  std::string key_arn(const Resource& r) const;
  std::string iam_name(const Resource& r, std::string_view name_property);
  std::string iam_arn(const Resource& r);  // role, user, group or managed policy

 private:
  const Template& t_;
  std::map<std::string, std::optional<bool>> condition_cache_;
  std::set<std::string> in_progress_;  // conditions and resources being resolved (cycles)

  Values intrinsic(const JsonMember& fn, const JsonValue& whole);
  Values ref(const JsonValue& arg, Pos p);
  Values get_att(std::string_view resource, std::string_view attribute, Pos p);
  Values sub(const JsonValue& arg, Pos p);
  Values join(const JsonValue& arg, Pos p);
  Values select(const JsonValue& arg, Pos p);
  Values split(const JsonValue& arg, Pos p);
  Values find_in_map(const JsonValue& arg, Pos p);
  Values fn_if(const JsonValue& arg, Pos p);
  Values resolve_array(const JsonValue& v);
  Values resolve_object(const JsonValue& v);
  std::optional<bool> evaluate(const JsonValue& v);
  std::optional<std::string> scalar(const JsonValue& v);  // resolved to one string, or nullopt
  JsonValue unresolved(std::string_view what, std::string_view detail, Pos p, std::string why);
};

JsonValue make_string(std::string text, Pos p);

// State while turning resources into inventory entities (cfn_resources.cc, cfn_iam.cc).
struct Builder {
  const Template& t;
  Resolver& r;
  const CfnOptions& options;
  Inventory& inv;
  std::map<std::string, PolicyIndex> managed;       // template managed policy ARN -> policy
  std::map<std::string, std::size_t> roles, users;  // name -> index in inv.principals
  std::map<std::string, std::size_t> groups;        // name -> index in inv.groups

  void note(NoteKind kind, Pos p, std::string message) const {
    t.report->add(kind, t.where(p).to_string(), std::move(message));
  }
};

const JsonValue* prop(const Resource& res, std::string_view name);
std::vector<std::string> strings_of(Builder& b, const JsonValue* v);
Tags tags_of(Builder& b, const Resource& res);
// A policy document property at `where` ("#/Resources/R/Properties/..."): nullopt (noted) when
// it cannot be known before deployment.
Result<std::optional<PolicyIndex>> policy_of(Builder& b, const Resource& res, const JsonValue* value,
                                             const std::string& where);
std::string pointer(const Resource& res, std::string_view rest);

Status add_managed_policy(Builder& b, const Resource& res);
Status add_principal(Builder& b, const Resource& res);
Status add_group(Builder& b, const Resource& res);
Status add_policy_attachments(Builder& b, const Resource& res);
void add_user_to_group(Builder& b, const Resource& res);

}  // namespace kmsaccess::core::cfn

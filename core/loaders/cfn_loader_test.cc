#include "core/loaders/cfn_loader.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "core/loaders/testdata_reader.h"

namespace kmsaccess::core {
namespace {

IacLoadResult load(std::string_view text, CfnOptions options = {}) {
  if (options.default_account.empty()) options.default_account = "111122223333";
  if (options.default_region.empty()) options.default_region = "eu-west-1";
  auto r = parse_cfn_template(text, "t.yaml", options);
  REQUIRE_MESSAGE(r.has_value(), (r.has_value() ? "" : r.error().to_string()));
  return std::move(*r);
}

const Key& key_named(const Inventory& inv, std::string_view name) {
  auto it = std::find_if(inv.keys.begin(), inv.keys.end(), [&](const Key& k) { return k.name == name; });
  REQUIRE(it != inv.keys.end());
  return *it;
}

const Principal& principal_named(const Inventory& inv, std::string_view name) {
  auto it = std::find_if(inv.principals.begin(), inv.principals.end(), [&](const Principal& p) { return p.name == name; });
  REQUIRE(it != inv.principals.end());
  return *it;
}

bool has_note(const IacLoadResult& r, std::string_view file, std::string_view text) {
  return std::any_of(r.report.notes.begin(), r.report.notes.end(), [&](const LoadNote& n) {
    return n.file == file && n.message.find(text) != std::string::npos;
  });
}

const PolicyDocument& policy_of(const Inventory& inv, const Key& k) {
  REQUIRE(k.policy.has_value());
  return inv.policies[*k.policy];
}

constexpr const char* kKeyAndRole = R"(Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: True
      KeyPolicy:
        Version: 2012-10-17
        Statement:
          - Sid: Root
            Effect: Allow
            Principal:
              AWS: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root
            Action: kms:*
            Resource: '*'
          - Sid: Joined
            Effect: Allow
            Principal: {AWS: {"Fn::Join": ["", ["arn:aws:iam::", !Ref "AWS::AccountId", ":role/App"]]}}
            Action: kms:Decrypt
            Resource: '*'
      Tags:
        - Key: team
          Value: !Ref AWS::Region
  Alias:
    Type: AWS::KMS::Alias
    Properties:
      AliasName: !Sub alias/${AWS::StackName}-data
      TargetKeyId: !Ref Key
  App:
    Type: AWS::IAM::Role
    Properties:
      RoleName: App
      Path: /svc/
      Policies:
        - PolicyName: use
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: kms:Decrypt
                Resource: !GetAtt Key.Arn
              - Effect: Allow
                Action: kms:Encrypt
                Resource: !GetAtt [Key, Arn]
)";

TEST_CASE("short-form and long-form intrinsics resolve against pseudo parameters and resources") {
  CfnOptions o;
  o.parameters["AWS::StackName"] = "prod";
  auto r = load(kKeyAndRole, o);
  const Key& k = key_named(r.inventory, "Key");
  CHECK(k.key_id == "cfn-Key");
  CHECK(k.arn == "arn:aws:kms:eu-west-1:111122223333:key/cfn-Key");
  CHECK(k.rotation_enabled == true);
  CHECK(k.tags.at("team") == "eu-west-1");
  CHECK(k.aliases == std::vector<std::string>{"alias/prod-data"});
  const PolicyDocument& doc = policy_of(r.inventory, k);
  REQUIRE(doc.statements.size() == 2);
  CHECK(doc.statements[0].principal.entries[0].value == "arn:aws:iam::111122223333:root");
  CHECK(doc.statements[1].principal.entries[0].value == "arn:aws:iam::111122223333:role/App");
  const Principal& role = principal_named(r.inventory, "App");
  CHECK(role.arn == "arn:aws:iam::111122223333:role/svc/App");
  REQUIRE(role.policies.size() == 1);
  const PolicyDocument& inline_doc = r.inventory.policies[role.policies[0]];
  CHECK(inline_doc.statements[0].resources[0].text == k.arn);
  CHECK(inline_doc.statements[1].resources[0].text == k.arn);
}

TEST_CASE("statement positions point into the template") {
  auto r = load(kKeyAndRole);
  const PolicyDocument& doc = policy_of(r.inventory, key_named(r.inventory, "Key"));
  CHECK(doc.file == "t.yaml");
  CHECK(doc.statements[0].pos == Pos{9, 13});
  CHECK(doc.statements[1].sid_pos == Pos{15, 18});
  CHECK(key_named(r.inventory, "Key").pos.to_string() == "t.yaml:2:3");
}

TEST_CASE("a key without KeyPolicy gets AWS's default key policy for its account") {
  auto r = load("Resources:\n  K:\n    Type: AWS::KMS::Key\n");
  const PolicyDocument& doc = policy_of(r.inventory, key_named(r.inventory, "K"));
  CHECK(doc.id == "key-default-1");
  REQUIRE(doc.statements.size() == 1);
  CHECK(doc.statements[0].principal.entries[0].value == "arn:aws:iam::111122223333:root");
  CHECK(doc.statements[0].action_mask != 0);
}

TEST_CASE("unknowable values stay symbolic and are noted with their position") {
  auto r = load(R"(Parameters:
  Admin:
    Type: String
Resources:
  K:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: {AWS: !ImportValue shared-AdminArn}
            Action: kms:*
            Resource: '*'
          - Effect: Allow
            Principal: {AWS: !Ref Admin}
            Action: kms:*
            Resource: '*'
)");
  const PolicyDocument& doc = policy_of(r.inventory, key_named(r.inventory, "K"));
  CHECK(doc.statements[0].principal.entries[0].value == "${Unresolved:ImportValue:shared-AdminArn}");
  CHECK(doc.statements[1].principal.entries[0].value == "${Unresolved:Parameter:Admin}");
  CHECK(is_unresolved(doc.statements[0].principal.entries[0].value));
  CHECK(has_note(r, "t.yaml:11:30", "Fn::ImportValue shared-AdminArn"));
  CHECK(has_note(r, "t.yaml:15:30", "parameter Admin has no value"));
}

constexpr const char* kConditional = R"(Parameters:
  Mode:
    Type: String
Conditions:
  Strict: !Equals [!Ref Mode, strict]
  Open: {"Fn::Not": [{"Condition": Strict}]}
Resources:
  K:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: {AWS: arn:aws:iam::111122223333:root}
            Action: kms:*
            Resource: '*'
          - !If
            - Strict
            - Effect: Deny
              Principal: '*'
              Action: kms:Decrypt
              Resource: '*'
            - !Ref AWS::NoValue
          - !If
            - Open
            - Effect: Allow
              Principal: '*'
              Action: kms:Decrypt
              Resource: '*'
            - !Ref AWS::NoValue
  Extra:
    Type: AWS::KMS::Key
    Condition: Strict
)";

TEST_CASE("Fn::If follows known conditions and keeps both branches of unknown ones") {
  SUBCASE("parameter given: conditions are evaluated") {
    CfnOptions o;
    o.parameters["Mode"] = "strict";
    auto r = load(kConditional, o);
    const PolicyDocument& doc = policy_of(r.inventory, key_named(r.inventory, "K"));
    REQUIRE(doc.statements.size() == 2);
    CHECK(doc.statements[1].effect == Effect::kDeny);
    CHECK(r.inventory.keys.size() == 2);
  }
  SUBCASE("false resource condition: the resource is not created") {
    CfnOptions o;
    o.parameters["Mode"] = "relaxed";
    auto r = load(kConditional, o);
    CHECK(policy_of(r.inventory, key_named(r.inventory, "K")).statements.size() == 2);
    CHECK(r.inventory.keys.size() == 1);
  }
  SUBCASE("parameter unknown: both branches kept, the Deny and the resource noted") {
    auto r = load(kConditional);
    CHECK(policy_of(r.inventory, key_named(r.inventory, "K")).statements.size() == 3);
    CHECK(has_note(r, "t.yaml:17:13", "condition Strict is unknown"));
    CHECK(has_note(r, "t.yaml:19:15", "Deny statement kept"));
    CHECK(has_note(r, "t.yaml:31:3", "Extra exists only if condition Strict holds"));
    CHECK(r.inventory.keys.size() == 2);
  }
}

TEST_CASE("a key policy built by a macro is not loaded, and the gap is noted") {
  auto r = load(R"(Resources:
  K:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          Fn::Transform:
            Name: MergeStatements
)");
  CHECK_FALSE(key_named(r.inventory, "K").policy.has_value());
  CHECK(has_note(r, "t.yaml:8:11", "macro MergeStatements"));
  CHECK(has_note(r, "t.yaml:6:9", "not known before deployment"));
}

TEST_CASE("managed policies attach by Roles and by ManagedPolicyArns; outside ARNs are noted") {
  auto r = load(R"(Resources:
  Reader:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: reader
      Roles: [!Ref A]
      PolicyDocument:
        Statement: {Effect: Allow, Action: kms:Decrypt, Resource: '*'}
  A:
    Type: AWS::IAM::Role
  B:
    Type: AWS::IAM::Role
    Properties:
      ManagedPolicyArns:
        - !Ref Reader
        - arn:aws:iam::aws:policy/AdministratorAccess
  G:
    Type: AWS::IAM::Group
  U:
    Type: AWS::IAM::User
    Properties:
      Groups: [!Ref G]
  Inline:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      Groups: [!Ref G]
      PolicyDocument:
        Statement: [{Effect: Allow, Action: kms:Encrypt, Resource: '*'}]
)");
  CHECK(principal_named(r.inventory, "A").policies.size() == 1);
  CHECK(principal_named(r.inventory, "B").policies.size() == 1);
  CHECK(principal_named(r.inventory, "A").policies == principal_named(r.inventory, "B").policies);
  CHECK(has_note(r, "t.yaml:11:3", "arn:aws:iam::aws:policy/AdministratorAccess"));
  CHECK(principal_named(r.inventory, "U").groups == std::vector<std::string>{"G"});
  REQUIRE(r.inventory.groups.size() == 1);
  CHECK(r.inventory.groups[0].policies.size() == 1);
}

TEST_CASE("list parameters, Select, Split and FindInMap") {
  CfnOptions o;
  o.parameters["Admins"] = "arn:aws:iam::111122223333:role/A,arn:aws:iam::111122223333:role/B";
  auto r = load(R"(Parameters:
  Admins: {Type: CommaDelimitedList}
Mappings:
  Env: {prod: {Reader: "arn:aws:iam::111122223333:role/R"}}
Resources:
  K:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - {Effect: Allow, Principal: {AWS: !Ref Admins}, Action: kms:*, Resource: '*'}
          - {Effect: Allow, Principal: {AWS: !Select [1, !Split [",", "x,arn:aws:iam::111122223333:role/S"]]}, Action: kms:Decrypt, Resource: '*'}
          - {Effect: Allow, Principal: {AWS: !FindInMap [Env, prod, Reader]}, Action: kms:Decrypt, Resource: '*'}
          - {Effect: Allow, Principal: {AWS: "*"}, Action: kms:Decrypt, Resource: !Sub "${!Literal}-${AWS::Region}"}
)", o);
  const PolicyDocument& doc = policy_of(r.inventory, key_named(r.inventory, "K"));
  CHECK(doc.statements[0].principal.entries.size() == 2);
  CHECK(doc.statements[1].principal.entries[0].value == "arn:aws:iam::111122223333:role/S");
  CHECK(doc.statements[2].principal.entries[0].value == "arn:aws:iam::111122223333:role/R");
  CHECK(doc.statements[3].resources[0].text == "${Literal}-eu-west-1");
}

TEST_CASE("JSON templates load with positions") {
  auto r = parse_cfn_template(R"({"Resources": {"K": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy":
  {"Statement": [{"Effect": "Allow", "Principal": {"AWS": {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:root"}},
   "Action": "kms:*", "Resource": "*"}]}}}}})", "t.json", {});
  REQUIRE(r.has_value());
  const PolicyDocument& doc = policy_of(r->inventory, key_named(r->inventory, "K"));
  CHECK(doc.statements[0].principal.entries[0].value == "arn:aws:iam::123456789012:root");
  CHECK(doc.statements[0].pos == Pos{2, 18});
  CHECK(has_note(*r, "t.json", "placeholder 123456789012"));
}

TEST_CASE("a KeyPolicy written as a JSON string is parsed with positions inside the string") {
  auto r = load("Resources:\n  K:\n    Type: AWS::KMS::Key\n    Properties:\n      KeyPolicy: '{\"Statement\": "
                "[{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"kms:*\", \"Resource\": \"*\"}]}'\n");
  const PolicyDocument& doc = policy_of(r.inventory, key_named(r.inventory, "K"));
  CHECK(doc.file == "t.yaml#/Resources/K/Properties/KeyPolicy");
  CHECK(doc.statements[0].pos == Pos{1, 16});
}

TEST_CASE("malformed templates are errors with file:line:col") {
  SUBCASE("YAML syntax") {
    auto r = parse_cfn_template("Resources:\n  K: [unclosed\n", "bad.yaml", {});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().to_string().rfind("bad.yaml:", 0) == 0);
    CHECK(r.error().pos.line >= 2);
  }
  SUBCASE("JSON syntax") {
    auto r = parse_cfn_template("{\"Resources\": {,}}", "bad.json", {});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().to_string().rfind("bad.json:1:", 0) == 0);
  }
  SUBCASE("no Resources") {
    auto r = parse_cfn_template("Parameters: {}\n", "none.yaml", {});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().to_string() == "none.yaml:1:1: a CloudFormation template needs a Resources mapping");
  }
}

TEST_CASE("every template and plan in testdata/iac loads") {
  testing::TestdataReader reader(std::string(KMSACCESS_SOURCE_DIR) + "/testdata");
  auto files = reader.list("iac");
  REQUIRE(files.has_value());
  REQUIRE(files->size() >= 9);
  std::size_t keys = 0;
  for (const auto& f : *files) {
    CAPTURE(f);
    if (f.size() > 5 && f.substr(f.size() - 5) == ".json") continue;  // Terraform: tf_plan_loader_test.cc
    auto r = load_cfn_template(f, reader, {});
    REQUIRE_MESSAGE(r.has_value(), (r.has_value() ? "" : r.error().to_string()));
    keys += r->inventory.keys.size();
  }
  CHECK(keys >= 7);
}

TEST_CASE("a stray ',' in a YAML template is a positioned error, not an endless loop") {
  // YAML::LoadAll never returned on these (core/loaders/yaml_documents.h).
  for (const char* text : {",", "Resources: {}\n---\n[a],\n"}) {
    CAPTURE(text);
    auto r = parse_cfn_template(text, "t.yaml", CfnOptions{});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().to_string().find("t.yaml:") == 0);
  }
  auto comma = parse_cfn_template("[a],", "t.yaml", CfnOptions{});
  REQUIRE_FALSE(comma.has_value());
  CHECK(comma.error().to_string() == "t.yaml:1:4: invalid YAML: unexpected ','");
}

}  // namespace
}  // namespace kmsaccess::core

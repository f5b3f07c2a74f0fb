#include "core/key_state.h"

#include <doctest/doctest.h>

namespace kmsaccess::core {
namespace {

Key key_in_state(std::optional<std::string> state) {
  Key k;
  k.name = "K";
  k.key_state = std::move(state);
  return k;
}

}  // namespace

TEST_CASE("no note for an enabled key or one whose state is not recorded") {
  CHECK_FALSE(key_state_note(key_in_state(std::nullopt)));
  CHECK_FALSE(key_state_note(key_in_state("Enabled")));
  CHECK_FALSE(key_state_note(key_in_state("enabled")));  // the manifest keeps the text as written
  CHECK_FALSE(key_state_note(key_in_state("")));
  CHECK_FALSE(unusual_key_state(key_in_state("Enabled")));
}

TEST_CASE("a note names the key, its state and what AWS does with requests on it") {
  CHECK(unusual_key_state(key_in_state("Disabled")) == std::optional<std::string>("Disabled"));
  CHECK(*key_state_note(key_in_state("Disabled")) ==
        "key K is Disabled: AWS refuses cryptographic operations with it until it is enabled (kms:EnableKey); "
        "the decisions show what its policies and grants allow");
  CHECK(key_state_note(key_in_state("PendingDeletion"))->find("kms:CancelKeyDeletion") != std::string::npos);
  CHECK(key_state_note(key_in_state("PendingImport"))->find("key material is imported") != std::string::npos);
  CHECK(key_state_note(key_in_state("Unavailable"))->find("custom key store") != std::string::npos);
  CHECK(key_state_note(key_in_state("Creating"))->find("until it is Enabled") != std::string::npos);
  // A state this version does not know still gets a note, without a claim it cannot back.
  CHECK(*key_state_note(key_in_state("Frozen")) ==
        "key K is Frozen: AWS may refuse requests on it; the decisions show what its policies and grants allow");
}

}  // namespace kmsaccess::core

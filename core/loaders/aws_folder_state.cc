#include "core/loaders/aws_folder_state.h"

#include <algorithm>

#include "core/arn.h"

namespace kmsaccess::core::aws {

std::string str_field(const JsonValue& obj, std::string_view key) {
  const JsonValue* v = obj.find(key);
  return v != nullptr && v->is_string() ? v->text : std::string();
}

std::vector<const JsonValue*> items(const JsonValue* value) {
  std::vector<const JsonValue*> out;
  if (value == nullptr) return out;
  if (value->is_array()) {
    for (const auto& i : value->items) out.push_back(&i);
  } else if (value->is_object()) {
    out.push_back(value);  // a single object where a list is documented (IAM doc example)
  }
  return out;
}

std::string pointer_join(std::string_view base, std::string_view key) {
  std::string out(base);
  out += '/';
  for (char c : key) {  // RFC 6901 escaping
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string pointer_join(std::string_view base, std::size_t index) {
  return std::string(base) + "/" + std::to_string(index);
}

namespace {
bool is_hex(std::string_view s) {
  for (char c : s) {
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) return false;
  }
  return !s.empty();
}
}  // namespace

bool is_key_id(std::string_view text) {
  if (text.size() == 36 && text.substr(0, 4) == "mrk-") return is_hex(text.substr(4));  // 4 + 32
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (text[i] == '-')) return false;
    if (!dash && !is_hex(text.substr(i, 1))) return false;
  }
  return true;
}

std::string nearest_folder_named(const FolderState& st, const ParsedFile& file,
                                 bool (*pred)(std::string_view)) {
  std::string_view folder = file.folder;
  while (folder.size() > st.dir.size()) {
    auto slash = folder.rfind('/');
    std::string_view name = slash == std::string_view::npos ? folder : folder.substr(slash + 1);
    if (pred(name)) return std::string(name);
    if (slash == std::string_view::npos) break;
    folder = folder.substr(0, slash);
  }
  return {};
}

Result<PolicyDocument> policy_at(const FolderState& st, const JsonValue& value,
                                 const ParsedFile& file, std::string_view pointer) {
  // policy_from_json keeps the "#pointer" only for embedded (string) documents, whose
  // positions are inside the decoded text.
  return policy_from_json(value, file.path + "#" + std::string(pointer), st.options.limits);
}

KeyFacts& FolderState::key_by_arn(std::string_view arn, const ParsedFile& file) {
  auto [it, inserted] = keys.try_emplace(std::string(arn));
  KeyFacts& k = it->second;
  if (inserted) {
    k.key.arn = std::string(arn);
    if (auto parsed = parse_arn(arn)) {
      k.key.account = parsed->account;
      k.key.region = parsed->region;
      auto slash = parsed->resource.find('/');
      k.key.key_id = slash == std::string::npos ? parsed->resource : parsed->resource.substr(slash + 1);
    }
  }
  if (std::find(k.folders.begin(), k.folders.end(), file.folder) == k.folders.end()) {
    k.folders.push_back(file.folder);
  }
  return k;
}

namespace {
std::size_t common_folder_prefix(std::string_view a, std::string_view b) {
  std::size_t n = 0;
  std::size_t last = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) {
    ++n;
    if (n == a.size() || n == b.size() || a[n] == '/') last = n;
  }
  return (n == a.size() && n == b.size()) ? n : last;
}
}  // namespace

std::optional<std::string> FolderState::resolve_key(std::string_view id_or_arn, const ParsedFile& file,
                                                    std::string& why) const {
  if (id_or_arn.substr(0, 4) == "arn:") {
    if (id_or_arn.find(":alias/") != std::string_view::npos) {
      why = "names the key by alias " + std::string(id_or_arn);
      return std::nullopt;
    }
    return std::string(id_or_arn);
  }
  // A bare key id: the same id may exist in several Regions (multi-Region keys), so prefer the
  // key named by files closest to this one in the folder tree.
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& [arn, facts] : keys) {
    if (facts.key.key_id != id_or_arn) continue;
    std::size_t best = 0;
    for (const auto& f : facts.folders) best = std::max(best, common_folder_prefix(f, file.folder));
    scored.emplace_back(best, arn);
  }
  if (scored.empty()) {
    why = "key " + std::string(id_or_arn) + " is not named by any list-keys, describe-key, list-aliases or list-grants output";
    return std::nullopt;
  }
  std::sort(scored.begin(), scored.end(), std::greater<>());
  if (scored.size() > 1 && scored[0].first == scored[1].first) {
    why = "key id " + std::string(id_or_arn) + " matches several keys (" + scored[0].second + ", " +
          scored[1].second + "); put the file under the Region's folder with its list-keys output";
    return std::nullopt;
  }
  return scored[0].second;
}

}  // namespace kmsaccess::core::aws

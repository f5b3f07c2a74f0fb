#include "rules/baseline.h"

#include <algorithm>
#include <cstdint>
#include <tuple>

#include "core/json.h"

namespace kmsaccess::rules {
namespace {

void mix(std::uint64_t& h, std::string_view part) {
  constexpr std::uint64_t kPrime = 1099511628211ULL;
  for (unsigned char c : part) {
    h ^= c;
    h *= kPrime;
  }
  h ^= 0xFFU;  // separator, so ("ab","c") and ("a","bc") differ
  h *= kPrime;
}

}  // namespace

std::string fingerprint(const Finding& f) {
  std::uint64_t h = 14695981039346656037ULL;
  mix(h, f.rule_id);
  mix(h, f.pos.file);
  mix(h, f.statement);
  mix(h, f.value);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kHex[h & 0xFU];
    h >>= 4U;
  }
  return out;
}

std::string write_baseline(const std::vector<Finding>& findings) {
  std::vector<const Finding*> sorted;
  for (const auto& f : findings) sorted.push_back(&f);
  std::sort(sorted.begin(), sorted.end(), [](const Finding* a, const Finding* b) {
    return std::tie(a->pos.file, a->rule_id, a->fingerprint) <
           std::tie(b->pos.file, b->rule_id, b->fingerprint);
  });
  std::string out = "{\n  \"version\": 1,\n  \"findings\": [";
  bool first = true;
  for (const Finding* f : sorted) {
    out += first ? "\n" : ",\n";
    first = false;
    out += "    {\"ruleId\": ";
    core::append_json_string(out, f->rule_id);
    out += ", \"file\": ";
    core::append_json_string(out, f->pos.file);
    out += ", \"statement\": ";
    core::append_json_string(out, f->statement);
    out += ", \"fingerprint\": ";
    core::append_json_string(out, f->fingerprint);
    out += "}";
  }
  out += first ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

core::Result<std::set<std::string>> parse_baseline(std::string_view text, std::string_view file) {
  auto json = core::parse_json(text, file);
  if (!json) return json.error();
  const core::JsonValue* list = json->is_object() ? json->find("findings") : nullptr;
  if (list == nullptr || !list->is_array()) {
    return core::make_error("baseline: expected an object with a \"findings\" list",
                            core::SourcePos(std::string(file), json->pos));
  }
  std::set<std::string> out;
  for (const auto& item : list->items) {
    const core::JsonValue* fp = item.is_object() ? item.find("fingerprint") : nullptr;
    if (fp == nullptr || !fp->is_string()) {
      return core::make_error("baseline: each finding needs a \"fingerprint\" string",
                              core::SourcePos(std::string(file), item.pos));
    }
    out.insert(fp->text);
  }
  return out;
}

}  // namespace kmsaccess::rules

// Test-only: seeded, deterministic manifest-shaped YAML documents for the differential test of
// the subset reader. They mix the layouts people and generators write (indentation widths, flow
// and block lists, comments, quoting, escapes, unicode, CRLF, BOM, empty values) with a few
// constructs outside the subset, and `mutate` breaks them in small ways.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kmsaccess::core::testing {

// splitmix64: the same numbers on every platform (std distributions are not specified exactly).
class TestRng {
 public:
  explicit TestRng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
  bool percent(int p) { return below(100) < static_cast<std::size_t>(p); }
  template <typename T>
  const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }

 private:
  std::uint64_t state_;
};

class RandomManifestYaml {
 public:
  explicit RandomManifestYaml(std::uint64_t seed) : rng_(seed) {}

  std::string document() {
    out_.clear();
    step_ = 1 + static_cast<int>(rng_.below(4));
    indentless_ = rng_.percent(40);
    odd_ = rng_.percent(15);
    std::string start;
    if (rng_.percent(15)) start = rng_.percent(30) ? "--- # manifest\n" : "---\n";
    if (rng_.percent(30)) line(0, "# generated " + std::to_string(rng_.below(1000)));
    if (rng_.percent(5)) {
      block_list(0, [&](int at) { entity(at, {"name", "arn"}); });  // a sequence at the top
    } else {
      std::vector<std::string> top = {"version", "account", "region", "organization", "keys",
                                      "principals", "groups", "scps", "rcps", "extra"};
      for (std::size_t k = top.size(); k > 1; --k) std::swap(top[k - 1], top[rng_.below(k)]);
      std::size_t count = 2 + rng_.below(top.size() - 1);
      for (std::size_t k = 0; k < count; ++k) top_entry(top[k]);
    }
    if (rng_.percent(5)) outside_subset();
    if (rng_.percent(10)) out_ += std::string(rng_.below(12), ' ') + "# last line\n";
    std::string doc = rng_.percent(5) ? shifted(out_, 1 + rng_.below(2)) : out_;
    doc = start + doc;
    if (rng_.percent(10) && !doc.empty() && doc.back() == '\n') doc.pop_back();  // no final break
    if (rng_.percent(20)) doc = crlf(doc);
    if (rng_.percent(10)) doc = "\xEF\xBB\xBF" + doc;
    return doc;
  }

  // One to three small edits: a byte dropped or inserted, a line repeated, re-indented or swapped.
  std::string mutate(std::string doc) {
    static const std::vector<std::string> inserts = {"\t", "&", "*", "|", "'", "\"", ":", "#", "-", " ",
                                                     "\n", "[", "]", "{", "}", ",", "?", "!", "\\", "~"};
    std::size_t edits = 1 + rng_.below(3);
    for (std::size_t e = 0; e < edits && !doc.empty(); ++e) {
      std::size_t at = rng_.below(doc.size());
      switch (rng_.below(5)) {
        case 0: doc.erase(at, 1); break;
        case 1: doc.insert(at, rng_.pick(inserts)); break;
        case 2: {
          std::size_t start = doc.rfind('\n', at);
          start = start == std::string::npos ? 0 : start + 1;
          doc.insert(start, rng_.percent(50) ? " " : "  ");
          break;
        }
        case 3: {
          std::size_t start = doc.rfind('\n', at);
          start = start == std::string::npos ? 0 : start + 1;
          std::size_t end = doc.find('\n', at);
          if (end != std::string::npos) doc.insert(end + 1, doc.substr(start, end + 1 - start));
          break;
        }
        default: {
          std::size_t start = doc.rfind('\n', at);
          start = start == std::string::npos ? 0 : start + 1;
          if (doc[start] == ' ') doc.erase(start, 1);
          break;
        }
      }
    }
    return doc;
  }

 private:
  TestRng rng_;
  std::string out_;
  int step_ = 2;
  bool indentless_ = false;
  bool odd_ = false;  // this document may hold odd scalars

  void line(int indent, const std::string& text) {
    out_ += std::string(static_cast<std::size_t>(indent), ' ') + text;
    if (rng_.percent(8)) out_ += " # " + comment_text();
    if (rng_.percent(3)) out_ += "  ";  // trailing blanks
    out_ += '\n';
    if (rng_.percent(5)) out_ += rng_.percent(50) ? "\n" : std::string(rng_.below(6), ' ') + "# note\n";
  }

  std::string comment_text() {
    static const std::vector<std::string> words = {"see docs", "a: b", "- x", "'quoted'", "tab\there", "é"};
    return rng_.pick(words);
  }

  // Every line indented by `by` spaces: the top-level mapping no longer starts at column 1.
  static std::string shifted(const std::string& doc, std::size_t by) {
    std::string out;
    bool line_start = true;
    for (char c : doc) {
      if (line_start && c != '\n') out += std::string(by, ' ');
      out += c;
      line_start = c == '\n';
    }
    return out;
  }

  static std::string crlf(const std::string& doc) {
    std::string out;
    for (char c : doc) {
      if (c == '\n') out += '\r';
      out += c;
    }
    return out;
  }

  std::string plain() {
    static const std::vector<std::string> words = {
        "CMK-A", "key-00001", "arn:aws:kms:us-west-2:111122223333:key/0a0a0a0a-1111",
        "arn:aws:iam::111122223333:role/Batch", "alias/app-data", "us-west-2", "o-exampleorgid",
        "team payments", "a#b", "007", "000011112222", "111122223333", "true", "False", "1.5",
        "-1", "-x", "x-y_z.w", "é", "日本語", "emoji 😀", "~", "null", "Null", "NULL", "a:b",
        "http://x.y/z?q=1", "C:\\path", "50%", "<<", "kms:*", "a, b", "x]", "a !b", "2012-10-17",
        "0x1F", ".inf", "Yes", "a  b", "x # y", "a&b", "a*b", "~x"};
    // Mostly outside the subset (or not YAML at all): rare, so most documents stay readable.
    static const std::vector<std::string> odd = {"*x", "?x", ":x", "x:", "{y", "@at", "`tick", "%pct",
                                                 "!bang", "&amp", "|", ">", "- x", "x: y", "'", "\\", "--x"};
    return odd_ && rng_.percent(3) ? rng_.pick(odd) : rng_.pick(words);
  }

  std::string quoted() {
    static const std::vector<std::string> singles = {"'it''s'", "''", "'a: b'", "'# not a comment'",
                                                     "'  spaced  '", "'tab\there'", "'日本'", "'111122223333'",
                                                     "'null'", "'true'", "'a\\nb'", "'\"x\"'"};
    static const std::vector<std::string> doubles = {
        "\"\\n\"", "\"a\\tb\"", "\"q\\\"q\"", "\"back\\\\slash\"", "\"\\u00e9\"", "\"\\x41\"",
        "\"\\U0001F600\"", "\"\\/\"", "\"\\N\\_\"", "\"\\0\"", "\"\\L\\P\"", "\"\\e\\a\\b\\v\\f\\r\"",
        "\"\\ \"", "\"111122223333\"", "\"\"", "\"a 'b' c\"", "\"kms:Decrypt\"", "\"tab\there\"",
        "\"\\\t\"", "\"\\x7f\\u07FF\\uFFFF\\U0010FFFF\"", "\"\\u00E9\\x5A\""};
    static const std::vector<std::string> odd = {"\"\\uD800\"", "\"\\q\"", "\"\\x4\"", "'''",
                                                 "\"\\U00110000\"", "\"open"};
    if (odd_ && rng_.percent(3)) return rng_.pick(odd);
    return rng_.percent(50) ? rng_.pick(singles) : rng_.pick(doubles);
  }

  std::string scalar(bool flow) {
    if (rng_.percent(30)) return quoted();
    std::string s = plain();
    if (flow && s.find_first_of(",[]{}") != std::string::npos) return "x";
    // ` #` and '?' end a plain scalar in flow (and yaml-cpp then fails): odd documents only.
    if (flow && !odd_ && (s.find(" #") != std::string::npos || s.find('?') != std::string::npos)) return "y";
    return s;
  }

  std::string flow_seq(int depth) {
    std::size_t n = rng_.below(4);
    std::string sep = rng_.pick(std::vector<std::string>{", ", ",", " , "});
    std::string out = rng_.percent(20) ? "[ " : "[";
    for (std::size_t k = 0; k < n; ++k) {
      if (k > 0) out += sep;
      out += depth < 2 && rng_.percent(15) ? flow_map(depth + 1) : scalar(true);
    }
    return out + (rng_.percent(20) ? " ]" : "]");
  }

  std::string flow_map(int depth) {
    std::size_t n = rng_.below(4);
    std::string out = rng_.percent(20) ? "{ " : "{";
    for (std::size_t k = 0; k < n; ++k) {
      if (k > 0) out += rng_.percent(80) ? ", " : ",";
      if (rng_.percent(15)) {
        out += "\"k" + std::to_string(k) + "\":" + (rng_.percent(50) ? " " : "") + scalar(true);
      } else {
        std::string key = rng_.pick(std::vector<std::string>{"Project", "Env", "team", "Null", "~", "'q'"});
        out += key + (key[0] != '\'' && rng_.percent(50) ? std::to_string(k) : "") + ": ";
        out += depth < 2 && rng_.percent(15) ? flow_seq(depth + 1) : scalar(true);
      }
    }
    return out + (rng_.percent(20) ? " }" : "}");
  }

  // `name:` followed by a value of any shape, at `indent`.
  // A key as written: mostly plain, sometimes quoted or followed by a blank before the ':'.
  std::string key_text(const std::string& name) {
    std::size_t r = rng_.below(100);
    if (r < 4) return "'" + name + "'";
    if (r < 8) return "\"" + name + "\"";
    if (r < 10) return name + " ";
    return name;
  }

  void field(int indent, const std::string& plain_name, int depth) {
    const std::string name = key_text(plain_name);
    std::size_t shape = rng_.below(depth > 3 ? 4 : 7);
    if (shape == 0) return line(indent, name + ": " + scalar(false));
    if (shape == 1) return line(indent, name + ": " + flow_seq(0));
    if (shape == 2) return line(indent, name + ": " + flow_map(0));
    if (shape == 3) return line(indent, name + ":" + (rng_.percent(30) ? " " : ""));  // empty value
    if (shape == 4) {
      line(indent, name + ":");
      return block_list(indent, [&](int at) { line(at, scalar(false)); });
    }
    line(indent, name + ":");
    std::size_t n = 1 + rng_.below(3);
    for (std::size_t k = 0; k < n; ++k) field(indent + step_, "f" + std::to_string(k), depth + 1);
  }

  template <typename Item>
  void block_list(int indent, Item&& item) {
    int at = indentless_ ? indent : indent + step_;
    std::size_t n = rng_.below(4);
    if (n == 0 && rng_.percent(50)) return;
    for (std::size_t k = 0; k < n + 1; ++k) {
      if (rng_.percent(4)) {
        line(at, "-");  // an empty item
        continue;
      }
      std::string dash = rng_.percent(15) ? "-   " : "- ";
      std::size_t mark = out_.size();
      item(at + static_cast<int>(dash.size()));
      if (out_.size() == mark) {
        line(at, "-");
      } else {
        out_.replace(mark + static_cast<std::size_t>(at), dash.size(), dash);  // `- name: x`
      }
    }
  }

  void entity(int indent, const std::vector<std::string>& fields) {
    for (const auto& f : fields) {
      if (rng_.percent(10)) continue;
      if (f == "policy" && rng_.percent(30)) {
        line(indent, "policy:");
        inline_policy(indent + step_);
      } else {
        field(indent, f, 2);
      }
    }
  }

  void inline_policy(int indent) {
    line(indent, "Version: " + std::string(rng_.percent(50) ? "2012-10-17" : "\"2012-10-17\""));
    line(indent, "Statement:");
    block_list(indent, [&](int at) {
      line(at, "Effect: Allow");
      line(at, "Principal: {AWS: \"arn:aws:iam::111122223333:root\"}");
      line(at, "Action: " + std::string(rng_.percent(50) ? "kms:*" : "[kms:Encrypt, kms:Decrypt]"));
      line(at, "Resource: \"*\"");
      if (rng_.percent(40)) {
        line(at, "Condition:");
        line(at + step_, rng_.percent(50) ? "Null: {aws:SourceVpce: true}" : "Bool:");
      }
    });
  }

  void top_entry(const std::string& name) {
    if (name == "version") return line(0, "version: " + std::string(rng_.percent(80) ? "1" : "'1'"));
    if (name == "extra") {
      // Keys the loader rejects, which the reader still has to read exactly.
      static const std::vector<std::string> extras = {"~: x", "null:", "Null: {a: b}", "with space: value",
                                                      "'': empty key", "k: [~, null, NULL]"};
      if (rng_.percent(20)) return line(0, std::string(995 + rng_.below(35), 'k') + ": long key");
      return line(0, rng_.pick(extras));
    }
    if (name == "account") return line(0, "account: " + scalar(false));
    if (name == "region") return field(0, "region", 0);
    if (name == "organization") {
      line(0, "organization:");
      return entity(step_, {"id", "management_account", "accounts"});
    }
    static const std::vector<std::string> key_fields = {"name", "arn", "policy", "manager", "tags", "aliases",
                                                        "grants", "rotation_enabled"};
    static const std::vector<std::string> principal_fields = {"name", "arn", "policies", "groups", "tags",
                                                              "boundary", "unique_id"};
    static const std::vector<std::string> org_fields = {"name", "policy", "accounts"};
    const auto& fields = name == "keys" ? key_fields : name == "principals" ? principal_fields : org_fields;
    line(0, name + ":");
    block_list(0, [&](int at) { entity(at, fields); });
  }

  // Constructs the reader declines; yaml-cpp reads them (or rejects them) instead.
  void outside_subset() {
    static const std::vector<std::string> tails = {
        "anchor: &a [x]\nalias: *a\n", "tagged: !!str 30\n", "block: |\n  text\n", "folded: >\n  a\n  b\n",
        "plain: first\n  continued\n", "? complex\n: value\n", "spaced : value\n", "---\nsecond: doc\n",
        "...\n", "%YAML 1.2\n", "tab:\tvalue\n", "quoted: \"two\n  lines\"\n", "flow: [a,\n  b]\n",
        "local: !Ref x\n", ": empty-key\n"};
    out_ += rng_.pick(tails);
  }
};

}  // namespace kmsaccess::core::testing

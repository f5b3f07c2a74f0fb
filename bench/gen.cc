// kmsaccess-gen: writes a deterministic synthetic manifest folder (see bench/inventory_generator.h).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "bench/inventory_generator.h"

namespace {

constexpr const char* kUsage =
    "usage: kmsaccess-gen --principals N --keys M [--seed S] [--compact] --out DIR\n";

bool parse_count(const char* text, std::uint64_t& out) {
  char* end = nullptr;
  out = std::strtoull(text, &end, 10);
  return end != text && *end == '\0';
}

int real_main(int argc, char** argv) {
  kmsaccess::bench::GenOptions opt;
  std::string out_dir;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    std::uint64_t n = 0;
    bool has_value = i + 1 < argc;
    if (arg == "--compact") {
      opt.compact = true;
    } else if (arg == "--out" && has_value) {
      out_dir = argv[++i];
    } else if ((arg == "--principals" || arg == "--keys" || arg == "--seed") && has_value &&
               parse_count(argv[++i], n)) {
      if (arg == "--principals") opt.principals = n;
      if (arg == "--keys") opt.keys = n;
      if (arg == "--seed") opt.seed = n;
    } else {
      std::fputs(kUsage, stderr);
      return 2;
    }
  }
  if (out_dir.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  auto inv = kmsaccess::bench::generate_inventory(opt);
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const auto& [rel, text] : inv.files) {
    fs::path path = fs::path(out_dir) / rel;
    fs::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) {
      std::fprintf(stderr, "kmsaccess-gen: cannot write %s\n", path.string().c_str());
      return 1;
    }
  }
  std::printf("files %zu\npolicy_bytes %zu\n", inv.files.size(), inv.policy_bytes);
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return real_main(argc, argv); }

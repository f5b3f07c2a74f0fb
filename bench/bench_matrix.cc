// kmsaccess-bench: load, matrix, who-can and memory figures for one manifest folder, one
// "name value unit" line each (docs/performance.md). A program, never a unit test.
#include <sys/resource.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <fstream>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "cli/matrix_json.h"
#include "bench/request_export.h"
#include "cli/file_source_reader.h"
#include "cli/heap_tuning.h"
#include "core/inventory_merge.h"
#include "core/loaders/manifest_loader.h"
#include "core/matrix.h"
#include "core/parallel.h"
#include "core/policy.h"
#include "core/query.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace core = kmsaccess::core;

struct Options {
  std::string dir;
  std::vector<unsigned> threads;
  bool verify = false;
  bool compact = false;  // --compact: kmsaccess/matrix-compact/v1 instead of matrix/v1
  std::string export_file;
  std::size_t sample = 1000;
  std::string json_out;
  std::string who_can_key;
};

constexpr const char* kUsage =
    "usage: kmsaccess-bench DIR [--threads 1,2] [--verify] [--compact] [--json-out FILE] [--who-can-key NAME]\n"
    "                      [--export-requests FILE [--sample N]]\n";

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void figure(std::string_view name, double value, std::string_view unit) {
  std::printf("%.*s %.6g %.*s\n", static_cast<int>(name.size()), name.data(), value, static_cast<int>(unit.size()),
              unit.data());
  std::fflush(stdout);
}

bool parse_args(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    bool has_value = i + 1 < argc;
    if (a == "--verify") {
      o.verify = true;
    } else if (a == "--compact") {
      o.compact = true;
    } else if (a == "--threads" && has_value) {
      std::string list = argv[++i];
      for (std::size_t pos = 0; pos <= list.size();) {
        std::size_t comma = std::min(list.find(',', pos), list.size());
        o.threads.push_back(static_cast<unsigned>(std::strtoul(list.substr(pos, comma - pos).c_str(), nullptr, 10)));
        pos = comma + 1;
      }
    } else if (a == "--export-requests" && has_value) {
      o.export_file = argv[++i];
    } else if (a == "--sample" && has_value) {
      o.sample = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--json-out" && has_value) {
      o.json_out = argv[++i];
    } else if (a == "--who-can-key" && has_value) {
      o.who_can_key = argv[++i];
    } else if (!a.empty() && a[0] != '-' && o.dir.empty()) {
      o.dir = a;
    } else {
      return false;
    }
  }
  if (o.threads.empty()) o.threads = {1, std::max(1U, std::thread::hardware_concurrency())};
  o.threads.erase(std::unique(o.threads.begin(), o.threads.end()), o.threads.end());
  return !o.dir.empty();
}

// Every cell again through the per-action reference path; returns the number of differing cells.
std::size_t verify(const core::Evaluator& ev, const core::Matrix& m) {
  std::size_t bad = 0;
  for (std::size_t r = 0; r < m.principals.size(); ++r) {
    for (std::size_t c = 0; c < m.keys.size(); ++c) {
      core::PairMasks ref;
      for (std::size_t a = 0; a < core::kms_action_count(); ++a) {
        core::ActionMask bit = core::action_bit(a);
        if ((m.actions & bit) == 0) continue;
        switch (ev.decide(m.principals[r], m.keys[c], a).verdict) {
          case core::Verdict::kAllow: ref.allow |= bit; break;
          case core::Verdict::kConditional: ref.conditional |= bit; break;
          case core::Verdict::kDeny: ref.deny |= bit; break;
          case core::Verdict::kImplicitDeny: break;
        }
      }
      if (!(ref == m.at(r, c))) {
        if (bad < 5) {
          std::fprintf(stderr, "kmsaccess-bench: cell %s x %s differs from decide()\n",
                       ev.inventory().principals[m.principals[r]].name.c_str(),
                       ev.inventory().keys[m.keys[c]].name.c_str());
        }
        ++bad;
      }
    }
  }
  return bad;
}

// The policy reader alone (JSON with positions, then the policy model), on the policy files
// already in memory: the part of the load that grows with policy JSON, apart from file reads,
// the manifest and the inventory passes.
void policy_reader_figures(const core::Inventory& inv, const core::SourceReader& reader, unsigned threads) {
  std::set<std::string> files;
  for (const auto& p : inv.policies) {
    if (p.file.find('#') == std::string::npos) files.insert(p.file);
  }
  std::vector<std::pair<std::string, std::string>> texts;
  double mb = 0;
  for (const auto& f : files) {
    auto text = reader.read(f);
    if (!text) continue;
    mb += static_cast<double>(text->size()) / 1e6;
    texts.emplace_back(f, std::move(*text));
  }
  if (texts.empty()) return;
  double best = 1e30;
  std::size_t statements = 0;
  for (int rep = 0; rep < 5; ++rep) {
    auto start = Clock::now();
    statements = 0;
    for (const auto& [file, text] : texts) {
      auto doc = core::parse_policy(text, file);
      if (doc) statements += doc->statements.size();
    }
    best = std::min(best, seconds_since(start));
  }
  figure("policy_files", static_cast<double>(texts.size()), "count");
  figure("policy_reader_statements", static_cast<double>(statements), "count");
  figure("policy_reader_throughput", mb / best, "MB/s");
  // The same files read from disk (the page cache, after the load) and parsed on `threads`
  // threads, as the manifest loader does: policy JSON loading within the whole load.
  best = 1e30;
  for (int rep = 0; rep < 5; ++rep) {
    auto start = Clock::now();
    std::vector<char> parsed(texts.size(), 0);
    core::for_each_index(texts.size(), threads, [&](std::size_t i) {
      auto text = reader.read(texts[i].first);
      parsed[i] = text && core::parse_policy(*text, texts[i].first) ? 1 : 0;
    });
    best = std::min(best, seconds_since(start));
  }
  figure("policy_files_load_threads", static_cast<double>(threads), "count");
  figure("policy_files_load_throughput", mb / best, "MB/s");
  // The same files only opened and read, not parsed: the floor that system calls put under any
  // load of this folder on this machine (thousands of small files cost microseconds each).
  best = 1e30;
  for (int rep = 0; rep < 5; ++rep) {
    auto start = Clock::now();
    std::vector<std::size_t> sizes(texts.size(), 0);
    core::for_each_index(texts.size(), threads, [&](std::size_t i) {
      auto text = reader.read(texts[i].first);
      sizes[i] = text ? text->size() : 0;
    });
    best = std::min(best, seconds_since(start));
  }
  figure("policy_files_read_only", best, "s");
  figure("policy_files_read_only_per_file", best * 1e6 / static_cast<double>(texts.size()), "us");
}

std::vector<std::size_t> all_indices(std::size_t n) {
  std::vector<std::size_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = i;
  return v;
}

int run(const Options& o) {
  kmsaccess::cli::FileSourceReader reader;
  auto start = Clock::now();
  core::ManifestOptions manifest_options;
  manifest_options.threads = *std::max_element(o.threads.begin(), o.threads.end());  // as the CLI: every core
  auto loaded = core::load_manifest(o.dir + "/kmsaccess.yaml", reader, manifest_options);
  if (!loaded) {
    std::fprintf(stderr, "kmsaccess-bench: %s\n", loaded.error().to_string().c_str());
    return 2;
  }
  core::Inventory inv = std::move(*loaded);
  core::assign_unique_names(inv);  // the same preparation as the CLI's load_inputs
  core::add_pseudo_principals(inv);
  core::sort_inventory(inv);
  double load_s = seconds_since(start);
  start = Clock::now();
  core::Evaluator ev(inv);  // indexes and compiled statements, shared by every query
  double evaluator_s = seconds_since(start);
  double policy_mb = 0;
  for (const auto& p : inv.policies) policy_mb += static_cast<double>(p.byte_size) / 1e6;
  figure("principals", static_cast<double>(inv.principals.size()), "count");
  figure("keys", static_cast<double>(inv.keys.size()), "count");
  figure("policies", static_cast<double>(inv.policies.size()), "count");
  figure("policy_json", policy_mb, "MB");
  figure("load", load_s, "s");
  figure("load_throughput", policy_mb / load_s, "MB/s");
  figure("evaluator_build", evaluator_s, "s");
  // The manifest is YAML (the subset reader, yaml-cpp for the rest): reported apart, since it can
  // dominate the load.
  auto manifest_text = reader.read(o.dir + "/kmsaccess.yaml");
  double manifest_mb = manifest_text ? static_cast<double>(manifest_text->size()) / 1e6 : 0;
  figure("manifest_yaml", manifest_mb, "MB");
  figure("load_throughput_all_input", (policy_mb + manifest_mb) / load_s, "MB/s");
  policy_reader_figures(inv, reader, manifest_options.threads);

  core::ActionMask actions = core::key_actions_mask();
  double decisions = static_cast<double>(inv.principals.size()) * static_cast<double>(inv.keys.size()) *
                     static_cast<double>(std::popcount(actions));
  figure("decisions_per_matrix", decisions, "count");
  core::Matrix last;
  for (unsigned t : o.threads) {
    std::string suffix = "_t" + std::to_string(t);
    start = Clock::now();
    std::clock_t cpu_start = std::clock();
    last = core::compute_matrix(ev, all_indices(inv.principals.size()), all_indices(inv.keys.size()), actions, t);
    double compute_s = seconds_since(start);
    // CPU seconds over all threads: on a shared machine wall time alone misleads.
    double compute_cpu_s = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    auto json_start = Clock::now();
    std::ofstream sink(o.json_out.empty() ? "/dev/null" : o.json_out, std::ios::binary | std::ios::trunc);
    std::size_t json_bytes = o.compact ? kmsaccess::cli::write_matrix_compact_json(last, inv, sink, t) : kmsaccess::cli::write_matrix_json(last, inv, sink);
    sink.close();
    double json_s = seconds_since(json_start);
    figure("matrix_compute" + suffix, compute_s, "s");
    figure("matrix_compute_cpu" + suffix, compute_cpu_s, "s");
    figure("matrix_json" + suffix, json_s, "s");
    figure("matrix_total" + suffix, compute_s + json_s, "s");
    figure("decisions_per_second" + suffix, decisions / compute_s, "1/s");
    figure("per_decision" + suffix, compute_s / decisions * 1e9, "ns");
    figure("matrix_json_bytes", static_cast<double>(json_bytes), "B");
  }

  if (!inv.keys.empty()) {
    std::size_t key = 0;
    if (!o.who_can_key.empty()) {
      auto sel = core::select_keys(inv, {o.who_can_key});
      if (!sel || sel->empty()) {
        std::fprintf(stderr, "kmsaccess-bench: no key '%s'\n", o.who_can_key.c_str());
        return 2;
      }
      key = sel->front();
    }
    std::size_t decrypt = *core::find_action("kms:Decrypt");
    double best = 1e30, best_reasons = 1e30;
    std::size_t who = 0;
    std::vector<std::size_t> everyone = all_indices(inv.principals.size());
    std::vector<core::PairMasks> column;
    for (int rep = 0; rep < 5; ++rep) {  // the library calls `who-can` makes, minimum of five
      start = Clock::now();
      ev.decide_column(key, everyone, column);  // who can: the compiled path
      who = 0;
      for (const auto& c : column) who += ((c.allow | c.conditional) & core::action_bit(decrypt)) != 0 ? 1 : 0;
      best = std::min(best, seconds_since(start));
      for (std::size_t p = 0; p < column.size(); ++p) {  // and why: a full decision per shown cell
        if (((column[p].allow | column[p].conditional) & core::action_bit(decrypt)) != 0) (void)ev.decide(p, key, decrypt);
      }
      best_reasons = std::min(best_reasons, seconds_since(start));
    }
    figure("who_can_library", best * 1e3, "ms");
    figure("who_can_library_with_reasons", best_reasons * 1e3, "ms");
    figure("who_can_principals", static_cast<double>(who), "count");
  }

  if (o.verify) {
    std::size_t bad = verify(ev, last);
    figure("verify_mismatches", static_cast<double>(bad), "cells");
    if (bad != 0) return 1;
  }
  if (!o.export_file.empty()) {
    kmsaccess::bench::ExportStats stats;
    auto text = kmsaccess::bench::export_requests(ev, reader, o.sample, 42, stats);
    if (!text) {
      std::fprintf(stderr, "kmsaccess-bench: %s\n", text.error().to_string().c_str());
      return 2;
    }
    std::ofstream(o.export_file, std::ios::binary) << *text;
    figure("exported_requests", static_cast<double>(stats.exported), "count");
    figure("skipped_grants", static_cast<double>(stats.skipped_grants), "count");
    figure("skipped_conditional", static_cast<double>(stats.skipped_conditional), "count");
    figure("skipped_other", static_cast<double>(stats.skipped_other), "count");
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  figure("peak_rss", static_cast<double>(usage.ru_maxrss) / 1024.0, "MiB");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  kmsaccess::cli::tune_heap();  // as the kmsaccess executable does
  Options o;
  if (!parse_args(argc, argv, o)) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  return run(o);
}

#include "cli/matrix_json.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "core/key_state.h"
#include "core/parallel.h"

namespace kmsaccess::cli {
namespace {

void quoted(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

// An array of strings at `indent` (the indent of the line holding its key), nlohmann style.
void string_array(std::string& out, const std::vector<std::string>& items, std::size_t indent) {
  if (items.empty()) {
    out += "[]";
    return;
  }
  out += "[\n";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out.append(indent + 2, ' ');
    quoted(out, items[i]);
    out += i + 1 < items.size() ? ",\n" : "\n";
  }
  out.append(indent, ' ');
  out += ']';
}

void field(std::string& out, std::size_t indent, std::string_view name, std::string_view value, bool last) {
  out.append(indent, ' ');
  quoted(out, name);
  out += ": ";
  quoted(out, value);
  out += last ? "\n" : ",\n";
}

void list_field(std::string& out, std::size_t indent, std::string_view name, const std::vector<std::string>& v,
                bool last) {
  out.append(indent, ' ');
  quoted(out, name);
  out += ": ";
  string_array(out, v, indent);
  out += last ? "\n" : ",\n";
}

// Text gathered in `text` and written to the sink about 1 MiB at a time, counting the bytes.
class ChunkedSink {
 public:
  explicit ChunkedSink(std::ostream& sink) : sink_(sink) {}

  std::string text;

  void flush(bool force) {
    if (!force && text.size() < (std::size_t{1} << 20)) return;
    write(text);
    text.clear();
  }
  void write(std::string_view bytes) {
    sink_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    written_ += bytes.size();
  }
  std::size_t written() const { return written_; }

 private:
  std::ostream& sink_;
  std::size_t written_ = 0;
};

// A number with its punctuation, such as ",\n[42" or ",7,", in a fixed 32-byte slot: put()
// copies all 32 bytes (two vector stores, no call, no length test) and advances by its size.
// The compact matrix writes millions of cells as three of them.
class Piece {
 public:
  static constexpr std::size_t kSlot = 32;
  Piece() = default;
  Piece(std::string_view before, std::size_t n, std::string_view after) {
    char* at = std::copy(before.begin(), before.end(), text_);
    at = std::to_chars(at, text_ + kSlot, n).ptr;  // at most 20 digits: 3 + 20 + 1 < 32
    at = std::copy(after.begin(), after.end(), at);
    size_ = static_cast<std::size_t>(at - text_);
  }
  char* put(char* out) const {
    std::memcpy(out, text_, kSlot);
    return out + size_;
  }

 private:
  char text_[kSlot] = {};
  std::size_t size_ = 0;
};

// Output text written through Piece::put: room for whole slots is reserved ahead (without
// zero-filling it, as std::string::resize would), and the end is set after the writes.
class PieceBuffer {
 public:
  void clear() { size_ = 0; }
  // A pointer with room for `pieces` puts.
  char* reserve_pieces(std::size_t pieces) {
    const std::size_t need = size_ + pieces * Piece::kSlot;
    if (need > capacity_) {
      const std::size_t grown = std::max(need, 2 * capacity_);
      auto bigger = std::make_unique_for_overwrite<char[]>(grown);
      std::copy(data_.get(), data_.get() + size_, bigger.get());
      data_ = std::move(bigger);
      capacity_ = grown;
    }
    return data_.get() + size_;
  }
  void commit(const char* end) { size_ = static_cast<std::size_t>(end - data_.get()); }
  std::string_view view() const { return {data_.get(), size_}; }
  bool empty() const { return size_ == 0; }

 private:
  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

template <typename Fn, typename Flush>
void object_array(std::string& out, std::string_view name, std::size_t count, bool last, Fn&& body, Flush&& flush) {
  out += "  ";
  quoted(out, name);
  out += ": ";
  if (count == 0) {
    out += last ? "[]\n" : "[],\n";
    return;
  }
  out += "[\n";
  for (std::size_t i = 0; i < count; ++i) {
    out += "    {\n";
    body(i);
    out += i + 1 < count ? "    },\n" : "    }\n";
    flush();
  }
  out += last ? "  ]\n" : "  ],\n";
}

}  // namespace

std::size_t write_matrix_json(const core::Matrix& m, const core::Inventory& inv, std::ostream& sink) {
  ChunkedSink chunks(sink);
  std::string& out = chunks.text;
  out = "{\n";
  auto flush = [&](bool force = false) { chunks.flush(force); };
  field(out, 2, "schema", "kmsaccess/matrix/v1", false);
  list_field(out, 2, "actions", core::mask_to_names(m.actions), false);
  object_array(out, "keys", m.keys.size(), false, [&](std::size_t i) {
    const core::Key& k = inv.keys[m.keys[i]];
    auto state = core::unusual_key_state(k);  // only for a key that is not Enabled
    field(out, 6, "name", k.name, false);
    field(out, 6, "arn", k.arn, !state);
    if (state) field(out, 6, "key_state", *state, true);
  }, flush);
  object_array(out, "principals", m.principals.size(), false, [&](std::size_t i) {
    const auto& p = inv.principals[m.principals[i]];
    field(out, 6, "name", p.name, false);
    field(out, 6, "arn", p.arn, false);
    field(out, 6, "kind", core::to_string(p.kind), true);
  }, flush);
  auto shown = [&](std::size_t i) {  // implicit-deny cells are omitted
    const auto& c = m.cells[i];
    return (c.allow | c.conditional | c.deny) != 0;
  };
  std::size_t count = 0;
  for (std::size_t i = 0; i < m.cells.size(); ++i) count += shown(i) ? 1 : 0;
  std::size_t next = 0;  // the body is called for consecutive shown cells
  object_array(out, "cells", count, true, [&](std::size_t) {
    while (!shown(next)) ++next;
    std::size_t index = next++;
    std::size_t r = index / m.keys.size(), col = index % m.keys.size();
    const auto& cell = m.cells[index];
    field(out, 6, "principal", inv.principals[m.principals[r]].name, false);
    field(out, 6, "key", inv.keys[m.keys[col]].name, false);
    field(out, 6, "summary", core::to_string(core::summarize(cell, m.actions)), false);
    list_field(out, 6, "allow", core::mask_to_names(cell.allow), false);
    list_field(out, 6, "conditional", core::mask_to_names(cell.conditional), false);
    list_field(out, 6, "deny", core::mask_to_names(cell.deny), true);
  }, flush);
  out += "}\n";
  flush(true);
  return chunks.written();
}

namespace {

struct MasksHash {
  std::size_t operator()(const core::PairMasks& m) const {
    std::uint64_t h = m.allow * 0x9e3779b97f4a7c15ULL;
    h ^= (m.conditional + 0x632be59bd9b4e019ULL) * 0xbf58476d1ce4e5b9ULL;
    h ^= (m.deny + 0x94d049bb133111ebULL) * 0x94d049bb133111ebULL;
    return static_cast<std::size_t>(h ^ (h >> 31));
  }
};

bool shown(const core::PairMasks& c) { return (c.allow | c.conditional | c.deny) != 0; }



}  // namespace

std::size_t write_matrix_compact_json(const core::Matrix& m, const core::Inventory& inv, std::ostream& sink,
                                      unsigned threads) {
  // The distinct verdicts, numbered in a fixed order (summary, then masks) so the ids do not
  // depend on the thread count or on cell order.
  std::vector<std::vector<core::PairMasks>> found(std::max(1U, threads));
  core::for_each_range(m.cells.size(), threads, [&](std::size_t b, std::size_t e, unsigned t) {
    std::unordered_map<core::PairMasks, char, MasksHash> seen;
    // Cells repeat a few verdicts: a direct-mapped cache of recent ones in front of the map.
    constexpr std::size_t kSlots = 64;
    core::PairMasks recent[kSlots] = {};
    for (std::size_t i = b; i < e; ++i) {
      const core::PairMasks& c = m.cells[i];
      if (!shown(c)) continue;
      core::PairMasks& slot = recent[MasksHash{}(c) % kSlots];
      if (slot == c) continue;  // an all-zero slot never equals a shown cell
      slot = c;
      if (seen.emplace(c, 0).second) found[t].push_back(c);
    }
  });
  std::vector<core::PairMasks> verdicts;
  for (auto& f : found) verdicts.insert(verdicts.end(), f.begin(), f.end());
  auto order = [&](const core::PairMasks& x) {
    return std::make_tuple(static_cast<int>(core::summarize(x, m.actions)), x.allow, x.conditional, x.deny);
  };
  std::sort(verdicts.begin(), verdicts.end(), [&](const auto& a, const auto& b) { return order(a) < order(b); });
  verdicts.erase(std::unique(verdicts.begin(), verdicts.end()), verdicts.end());
  std::unordered_map<core::PairMasks, std::size_t, MasksHash> id;
  for (std::size_t i = 0; i < verdicts.size(); ++i) id.emplace(verdicts[i], i);

  ChunkedSink chunks(sink);
  std::string& out = chunks.text;
  out = "{\n";
  auto flush = [&](bool force = false) { chunks.flush(force); };
  auto names = [&](core::ActionMask mask) {
    std::string s = "[";
    bool first = true;
    for (const auto& n : core::mask_to_names(mask)) {
      if (!first) s += ',';
      first = false;
      quoted(s, n);
    }
    return s + "]";
  };
  out += "\"schema\":\"kmsaccess/matrix-compact/v1\",\n\"actions\":" + names(m.actions) + ",\n\"keys\":[";
  for (std::size_t i = 0; i < m.keys.size(); ++i) {
    const auto& k = inv.keys[m.keys[i]];
    out += i == 0 ? "\n{\"name\":" : ",\n{\"name\":";
    quoted(out, k.name);
    out += ",\"arn\":";
    quoted(out, k.arn);
    out += '}';
    flush();
  }
  out += "],\n\"principals\":[";
  for (std::size_t i = 0; i < m.principals.size(); ++i) {
    const auto& p = inv.principals[m.principals[i]];
    out += i == 0 ? "\n{\"name\":" : ",\n{\"name\":";
    quoted(out, p.name);
    out += ",\"arn\":";
    quoted(out, p.arn);
    out += ",\"kind\":";
    quoted(out, core::to_string(p.kind));
    out += '}';
    flush();
  }
  out += "],\n\"verdicts\":[";
  for (std::size_t i = 0; i < verdicts.size(); ++i) {
    const auto& v = verdicts[i];
    out += i == 0 ? "\n{\"summary\":" : ",\n{\"summary\":";
    quoted(out, core::to_string(core::summarize(v, m.actions)));
    out += ",\"allow\":" + names(v.allow) + ",\"conditional\":" + names(v.conditional) + ",\"deny\":" + names(v.deny) + "}";
  }
  out += "],\n\"cells\":[";
  flush(true);
  // Rows in blocks: each block is formatted in parallel, then written in order.
  const std::size_t columns = m.keys.size();
  const std::size_t rows = m.principals.size();
  const std::size_t block_rows = std::max<std::size_t>(1, (std::size_t{1} << 16) / std::max<std::size_t>(columns, 1));
  // Every cell is ",\n[r,c,v]": the row part ",\n[r", the column part ",c," and the verdict
  // part "v]" are formatted once, so a cell is three fixed-size copies (Piece).
  std::vector<Piece> column_text(columns), verdict_text(verdicts.size());
  for (std::size_t c = 0; c < columns; ++c) column_text[c] = Piece(",", c, ",");
  for (std::size_t v = 0; v < verdicts.size(); ++v) verdict_text[v] = Piece("", v, "]");
  std::vector<PieceBuffer> parts(std::max(1U, threads));
  bool first = true;
  for (std::size_t r0 = 0; r0 < rows; r0 += block_rows) {
    std::size_t r1 = std::min(rows, r0 + block_rows);
    core::for_each_range(r1 - r0, threads, [&](std::size_t b, std::size_t e, unsigned t) {
      PieceBuffer& part = parts[t];
      part.clear();
      // Neighbouring cells mostly repeat a few verdicts: a small direct-mapped cache in front of
      // the hash map.
      constexpr std::size_t kSlots = 64;
      core::PairMasks cached[kSlots] = {};
      std::size_t cached_id[kSlots] = {};
      bool filled[kSlots] = {};
      for (std::size_t r = r0 + b; r < r0 + e; ++r) {
        const Piece row(",\n[", r, "");
        char* at = part.reserve_pieces(3 * columns);
        for (std::size_t c = 0; c < columns; ++c) {
          const auto& cell = m.cells[r * columns + c];
          if (!shown(cell)) continue;
          std::size_t slot = MasksHash{}(cell) % kSlots;
          if (!filled[slot] || !(cached[slot] == cell)) {
            cached[slot] = cell;
            cached_id[slot] = id.find(cell)->second;
            filled[slot] = true;
          }
          at = row.put(at);
          at = column_text[c].put(at);
          at = verdict_text[cached_id[slot]].put(at);
        }
        part.commit(at);
      }
    });
    for (auto& part : parts) {
      if (part.empty()) continue;
      // The first cell of the document has no leading comma.
      std::size_t skip = first ? 1 : 0;
      first = false;
      chunks.write(part.view().substr(skip));
      part.clear();
    }
  }
  out += "]}\n";
  flush(true);
  return chunks.written();
}

}  // namespace kmsaccess::cli

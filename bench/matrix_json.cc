#include "bench/matrix_json.h"

#include <cstdio>
#include <ostream>

namespace kmsaccess::bench {
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
  std::string out = "{\n";
  std::size_t written = 0;
  auto flush = [&](bool force = false) {
    if (!force && out.size() < (std::size_t{1} << 20)) return;
    sink.write(out.data(), static_cast<std::streamsize>(out.size()));
    written += out.size();
    out.clear();
  };
  field(out, 2, "schema", "kmsaccess/matrix/v1", false);
  list_field(out, 2, "actions", core::mask_to_names(m.actions), false);
  object_array(out, "keys", m.keys.size(), false, [&](std::size_t i) {
    field(out, 6, "name", inv.keys[m.keys[i]].name, false);
    field(out, 6, "arn", inv.keys[m.keys[i]].arn, true);
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
  return written;
}

}  // namespace kmsaccess::bench

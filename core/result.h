// Result<T>: a value or an Error carrying file:line:col. Errors are values, never exceptions.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "core/source_pos.h"

namespace kmsaccess::core {

struct Error {
  std::string message;
  SourcePos pos;

  // "file:line:col: message", or just the message when no position is known.
  std::string to_string() const {
    std::string where = pos.to_string();
    return where.empty() ? message : where + ": " + message;
  }
};

inline Error make_error(std::string message, SourcePos pos = {}) {
  return Error{std::move(message), std::move(pos)};
}

// Mirrors the member names of std::expected so it can be swapped out later.
template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Result(Error error) : data_(std::move(error)) {}      // NOLINT(google-explicit-constructor)

  bool has_value() const { return data_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  const Error& error() const { return std::get<1>(data_); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Error> data_;
};

struct Ok {};
using Status = Result<Ok>;

}  // namespace kmsaccess::core

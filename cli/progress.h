// Progress for long work: "label: 42%" redrawn on stderr, only when stderr is a terminal, so
// pipes, logs and CI output never see carriage returns.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

namespace kmsaccess::cli {

class Progress {
 public:
  Progress(std::ostream& err, bool enabled, std::string label)
      : err_(err), enabled_(enabled), label_(std::move(label)) {}
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  ~Progress() { finish(); }

  // Redraws only when the whole percentage changes, so tight loops stay cheap.
  void update(std::size_t done, std::size_t total) {
    if (!enabled_ || total == 0) return;
    const int percent = static_cast<int>(done * 100 / total);
    if (percent == last_) return;
    last_ = percent;
    err_ << '\r' << label_ << ": " << percent << "%" << std::flush;
  }

  // Clears the line; the next message starts at column 0.
  void finish() {
    if (!enabled_ || last_ < 0) return;
    err_ << '\r' << std::string(label_.size() + 6, ' ') << '\r' << std::flush;
    last_ = -1;
  }

 private:
  std::ostream& err_;
  bool enabled_;
  std::string label_;
  int last_ = -1;
};

}  // namespace kmsaccess::cli

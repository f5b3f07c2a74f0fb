// Notes a loader hands back besides the inventory: files it could not use and facts it could not
// find. Never silently dropped: `kmsaccess inventory` prints them as gaps, other commands warn.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kmsaccess::core {

enum class NoteKind : std::uint8_t {
  kUnrecognisedFile,   // JSON whose shape is not a supported AWS output
  kIgnoredFile,        // recognised, but carries nothing kmsaccess uses (or not supported yet)
  kUnattributedFile,   // a per-key/per-policy output whose key or policy could not be identified
  kMissingPolicy,      // a referenced managed policy, boundary or SCP content is absent
  kUnattachedAlias,    // an alias with no TargetKeyId (predefined AWS aliases)
  kDuplicate,          // the same fact twice (overlapping pages); the first file wins
  kPartial,            // loaded with a caveat (e.g. SCP attached to an OU whose accounts are unknown)
  kNoKeyPolicy,        // a key whose policy is unknown (not collected, or access denied)
};
std::string_view to_string(NoteKind kind);

struct LoadNote {
  NoteKind kind = NoteKind::kUnrecognisedFile;
  std::string file;     // the file the note is about (may be empty for folder-wide facts)
  std::string message;  // why, in words

  std::string to_string() const;  // "file: message"
  auto operator<=>(const LoadNote&) const = default;
};

struct LoadReport {
  std::vector<LoadNote> notes;
  void add(NoteKind kind, std::string file, std::string message) {
    notes.push_back(LoadNote{kind, std::move(file), std::move(message)});
  }
};

}  // namespace kmsaccess::core

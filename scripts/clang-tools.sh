# Sourced by the clang-based CI jobs (ci-sanitize.sh, fuzz.sh, ci-tidy.sh): finds LLVM 14's tools.
# Debian 12 names them with a -14 suffix (clang++-14, clang-tidy-14, llvm-symbolizer-14); the
# plain names come only with the unversioned packages, and /usr/lib/llvm-14/bin has both.

first_tool() {  # prints the first of the names found on PATH (or as a path)
  for t in "$@"; do
    if command -v "$t" >/dev/null 2>&1; then command -v "$t"; return 0; fi
  done
  return 1
}

llvm14_tool() {  # llvm14_tool NAME: NAME-14, NAME or /usr/lib/llvm-14/bin/NAME
  first_tool "$1-14" "$1" "/usr/lib/llvm-14/bin/$1"
}

#!/usr/bin/env bash
# Builds the .deb with CPack, unpacks it with dpkg -x and runs the packaged binary; checks the
# man page, completions and Depends. Exit 77 (ctest SKIP) without cpack or dpkg-deb.
# Usage: package-test.sh BUILD_DIR
set -euo pipefail
build=$1
for tool in cpack dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool not found"; exit 77; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
(cd "$build" && cpack -G DEB -B "$work/out" > "$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$(find "$work/out" -maxdepth 1 -name 'kmsaccess_*.deb' | head -1)
[ -n "$deb" ] || fail "no .deb in $work/out"
dpkg-deb -x "$deb" "$work/root"
version=$("$work/root/usr/bin/kmsaccess" --version) || fail "packaged binary does not run"
[[ $version == kmsaccess\ * ]] || fail "unexpected --version output: $version"
for f in usr/share/man/man1/kmsaccess.1 usr/share/bash-completion/completions/kmsaccess \
         usr/share/zsh/vendor-completions/_kmsaccess usr/share/fish/vendor_completions.d/kmsaccess.fish \
         usr/share/doc/kmsaccess/README.md; do
  [ -s "$work/root/$f" ] || [ -s "$work/root/$f.gz" ] || fail "package lacks /$f"
done
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libc6 libstdc++6 libgcc-s1 libyaml-cpp0.7; do
  [[ $depends == *"$lib"* ]] || fail "Depends lacks $lib: $depends"
done
echo "package test passed: $(basename "$deb") ($version); Depends: $depends"

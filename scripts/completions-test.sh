#!/usr/bin/env bash
# The committed completions equal what the generator writes from the CLI today, and each one
# loads in its shell. Refresh with: KMSACCESS_UPDATE_GOLDEN=1 ctest -R completions
# Usage: completions-test.sh KMSACCESS_DOCGEN SOURCE_DIR
set -euo pipefail
gen=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
for pair in bash:kmsaccess.bash zsh:_kmsaccess fish:kmsaccess.fish; do
  shell=${pair%%:*}
  file=${pair#*:}
  "$gen" "$shell" "$work/$file"
  if [ "${KMSACCESS_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$work/$file" "$src/completions/$file"
  elif ! diff -u "$src/completions/$file" "$work/$file"; then
    echo "FAIL: completions/$file is stale; regenerate with KMSACCESS_UPDATE_GOLDEN=1"
    fail=1
  fi
done
bash -n "$work/kmsaccess.bash" || { echo "FAIL: bash completion does not parse"; fail=1; }
bash -c "source '$work/kmsaccess.bash'; COMP_WORDS=(kmsaccess rep); COMP_CWORD=1; _kmsaccess; [[ \${COMPREPLY[*]} == report ]]" ||
  { echo "FAIL: bash completion does not complete 'rep' to 'report'"; fail=1; }
if command -v zsh >/dev/null; then zsh -n "$work/_kmsaccess" || { echo "FAIL: zsh completion does not parse"; fail=1; }; fi
if command -v fish >/dev/null; then fish -n "$work/kmsaccess.fish" || { echo "FAIL: fish completion does not parse"; fail=1; }; fi
[ "$fail" -eq 0 ] && echo "completions test passed"
exit "$fail"

#!/usr/bin/env bash
# The man page and --help list the same options, command by command (both come from the same
# CLI11 app; this catches a generator that skips or invents one).
# Usage: man-test.sh KMSACCESS_BINARY MAN_PAGE
set -euo pipefail
bin=$1
man=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
options() { sed -E 's/^ +//; s/  .*//' | { grep -oE '(^|[ ,\[])--?[a-zA-Z][a-zA-Z-]*' || true; } | sed -E 's/^[ ,\[]//' | sort -u; }
man_section() {  # the options of one .SS section (or GLOBAL OPTIONS), roff escapes removed
  sed 's/\\-/-/g; s/\\f[BIR]//g' "$man" | awk -v want="$1" '/^\.S[SH] /{on = ($0 == want)} on' | grep -E '^-' || true
}
fail=0
compare() {  # name, help text file, man section title
  options < "$2" > "$work/help.opts"
  man_section "$3" | options > "$work/man.opts"
  if ! diff -u "$work/help.opts" "$work/man.opts" > "$work/diff"; then
    echo "FAIL: options of $1 differ between --help (-) and the man page (+):"
    cat "$work/diff"
    fail=1
  fi
}
"$bin" --help > "$work/root.help"
sed -n '/^Options:/,/^Subcommands:/p' "$work/root.help" | grep -E '^ +-' > "$work/root.opts.help" || true
compare kmsaccess "$work/root.opts.help" ".SH GLOBAL OPTIONS"
commands=$(sed -n '/^Subcommands:/,$p' "$work/root.help" | awk 'NR > 1 && /^  [a-z]/ {print $1}')
[ -n "$commands" ] || { echo "FAIL: no subcommands in --help"; exit 1; }
for cmd in $commands; do
  "$bin" "$cmd" --help | sed -n '/^Options:/,$p' | grep -E '^ +-' > "$work/$cmd.help" || true
  compare "$cmd" "$work/$cmd.help" ".SS \"kmsaccess $cmd\""
  sed 's/\\-/-/g' "$man" | grep -F ".SS \"kmsaccess $cmd\"" >/dev/null || { echo "FAIL: no man section for $cmd"; fail=1; }
done
for section in NAME SYNOPSIS DESCRIPTION COMMANDS "EXIT STATUS" FILES "SEE ALSO"; do
  grep -qx ".SH $section" "$man" || { echo "FAIL: man page lacks $section"; fail=1; }
done
[ "$fail" -eq 0 ] && echo "man page test passed ($(echo $commands | wc -w) commands)"
exit "$fail"

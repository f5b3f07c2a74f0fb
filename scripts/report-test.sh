#!/usr/bin/env bash
# `kmsaccess report` as a user meets it: one self-contained file, same bytes every run, no
# overwrite without --force, no temporary files left behind, usage errors exit 2.
# Usage: report-test.sh KMSACCESS_BINARY SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src/testdata/cmk-example"
fail() { echo "FAIL: $*"; exit 1; }

"$bin" report --html "$work/a.html" 2>"$work/err" || fail "report exited $?: $(cat "$work/err")"
grep -q 'wrote .*a.html (4 principals x 3 keys' "$work/err" || fail "no summary on stderr: $(cat "$work/err")"
"$bin" report --html "$work/b.html" 2>/dev/null
cmp -s "$work/a.html" "$work/b.html" || fail "two runs wrote different bytes"
grep -q '<script type="application/json" id="report-data">{"schema":"kmsaccess/report/v1"' "$work/a.html" ||
  fail "no data block"
if grep -Eiq '<(link|img|iframe)[^>]*(href|src)=|<script[^>]+src=|https?://[a-z]' "$work/a.html"; then
  fail "the report references something outside the file"
fi
leftovers=$(find "$work" -name '.*.html.*')
[ -z "$leftovers" ] || fail "temporary files left behind: $leftovers"

echo "keep" > "$work/existing.html"
set +e
"$bin" report --html "$work/existing.html" 2>"$work/err"
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "overwrite without --force exited $rc, expected 2"
grep -q "exists; pass --force" "$work/err" || fail "no overwrite message: $(cat "$work/err")"
[ "$(cat "$work/existing.html")" = keep ] || fail "existing file was changed"
"$bin" report --html "$work/existing.html" --force 2>/dev/null
cmp -s "$work/a.html" "$work/existing.html" || fail "--force did not replace the file"

"$bin" report --html "$work/admin.html" --action admin -k CMK-A 2>/dev/null
grep -q '"actions":\["kms:CancelKeyDeletion"' "$work/admin.html" || fail "--action admin not applied"
set +e
"$bin" report --html "$work/none.html" -k NO-SUCH-KEY 2>/dev/null
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "unknown key exited $rc, expected 2"
[ ! -e "$work/none.html" ] || fail "a failed run wrote a file"
echo "report test passed"

#!/usr/bin/env bash
# Validates `kmsaccess lint --format sarif` output against the vendored OASIS SARIF 2.1.0 schema
# (testdata/sarif/sarif-schema-2.1.0.json) with python3-jsonschema, on inputs with findings and
# on a clean input (zero results). Exits 77 (ctest skip) when python3 or jsonschema is missing.
# usage: sarif-schema-test.sh KMSACCESS_BINARY SOURCE_DIR
set -euo pipefail
kmsaccess=$1
src=$2
schema="$src/testdata/sarif/sarif-schema-2.1.0.json"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 is not installed (scripts/setup.sh python3-jsonschema)" >&2
  exit 77
fi
if ! python3 -c 'import jsonschema' >/dev/null 2>&1; then
  echo "SKIP: the python3 jsonschema module is missing (apt-get install python3-jsonschema)" >&2
  exit 77
fi
[ -f "$schema" ] || fail "schema not found: $schema"

# validate NAME FILE: every schema violation is printed with its JSON path; non-zero if any.
validate() {
  python3 - "$schema" "$2" "$1" <<'EOF'
import json, sys
import jsonschema
schema_path, doc_path, name = sys.argv[1:4]
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
with open(doc_path, encoding="utf-8") as f:
    doc = json.load(f)
cls = jsonschema.validators.validator_for(schema)  # the draft the schema declares ($schema)
cls.check_schema(schema)
errors = sorted(cls(schema).iter_errors(doc), key=lambda e: list(e.absolute_path))
for e in errors:
    path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in e.absolute_path)
    print(f"{name}: {path}: {e.message}", file=sys.stderr)
if errors:
    sys.exit(1)
results = sum(len(r.get("results", [])) for r in doc.get("runs", []))
print(f"ok: {name} ({cls.__name__}, {results} results)")
EOF
}

# check NAME EXPECT ARGS...: EXPECT is "findings" (>= 1 result) or "clean" (0 results).
failures=0
check() {
  local name=$1 expect=$2
  shift 2
  local out="$tmp/$name.sarif" rc=0
  "$kmsaccess" lint --format sarif "$@" >"$out" 2>"$tmp/$name.err" || rc=$?
  if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
    echo "FAIL: $name: kmsaccess exit $rc: $(cat "$tmp/$name.err")" >&2
    failures=$((failures + 1))
    return
  fi
  if ! validate "$name" "$out"; then
    failures=$((failures + 1))
    return
  fi
  local n
  n=$(python3 -c 'import json,sys; print(sum(len(r.get("results",[])) for r in json.load(open(sys.argv[1]))["runs"]))' "$out")
  if [ "$expect" = findings ] && [ "$n" -eq 0 ]; then
    echo "FAIL: $name: expected findings, got 0 results" >&2
    failures=$((failures + 1))
  elif [ "$expect" = clean ] && [ "$n" -ne 0 ]; then
    echo "FAIL: $name: expected 0 results, got $n" >&2
    failures=$((failures + 1))
  fi
}

check kms101-fire findings "$src"/testdata/rules/KMS101/fire/*.json
check pre-commit-bad findings "$src/testdata/lint/pre-commit/bad-identity-policy.json"
check cmk-example findings -m "$src/testdata/cmk-example/kmsaccess.yaml"
check clean clean "$src/testdata/lint/pre-commit/good-key-policy.json"

[ $failures -eq 0 ] || fail "$failures SARIF document(s) failed schema validation"
echo "PASS: all SARIF outputs validate against SARIF 2.1.0"

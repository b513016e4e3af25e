#!/usr/bin/env bash
# man/ and completions/ must match what the current commands generate (scripts/gen-docs).
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
bash scripts/gen-docs "$tmp" 2>/dev/null
if ! diff -r -q -I '^\.Dd ' man "$tmp/man" || ! diff -r -q completions "$tmp/completions"; then
  echo "man/ or completions/ is out of date: run make docs and commit the result" >&2
  exit 1
fi
echo "man/ and completions/ match the commands"

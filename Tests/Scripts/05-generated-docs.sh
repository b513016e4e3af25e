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
# The pages keep UTF-8 text (generate-manual alone drops it): Thai and ⚠ survive, as groff
# escapes, and render under a UTF-8 locale. Piped, man runs col(1), which drops Thai vowel and
# tone marks: MAN_KEEP_FORMATTING keeps man's own output, as a terminal would show it.
export LC_ALL=C.UTF-8
rendered=$(MAN_KEEP_FORMATTING=1 man -l man/phr.login.1 | sed 's/.\x08//g')
grep -q "หมอพร้อม" <<<"$rendered" || { echo "man phr login lost its Thai (หมอพร้อม)" >&2; exit 1; }
MAN_KEEP_FORMATTING=1 man -l man/phr.show.1 | sed 's/.\x08//g' | grep -q "⚠" || { echo "man phr show lost ⚠" >&2; exit 1; }
if LC_ALL=C grep -lP '[^\x00-\x7F]' man/*.1; then
  echo "a man page holds raw non-ASCII: groff without preconv would garble it" >&2; exit 1
fi
# groff itself, strictest warnings, man and mdoc macros: nothing to say about any page.
for page in man/*.1; do
  for macros in -man -mandoc; do
    warnings=$(groff -ww "$macros" -Tutf8 "$page" 2>&1 >/dev/null)
    [ -z "$warnings" ] || { echo "groff -ww $macros $page: $warnings" >&2; exit 1; }
  done
done
# --help shows no stray backslash (a line continuation gone wrong) for any command.
bin_dir=$(swift build --show-bin-path)
for page in man/phr.*1 man/phr-sandbox*.1; do
  name=$(basename "$page" .1); bin=${name%%.*}; sub=${name#"$bin"}; sub=${sub//./ }
  # shellcheck disable=SC2086
  if "$bin_dir/$bin" $sub --help 2>&1 | grep -q '\\'; then
    echo "$bin$sub --help shows a stray backslash" >&2; exit 1
  fi
done
echo "man/ and completions/ match the commands; pages keep Thai and ⚠, groff -ww is silent, --help has no stray \\"

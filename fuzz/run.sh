#!/usr/bin/env bash
# Builds the libFuzzer target for the wire parsers (fuzz/WireFuzz.swift + the PHRModel and PHRWire
# sources compiled as one module, with address sanitizer) and runs it for SECONDS (default 300)
# from the seed corpus of real-format envelopes in fuzz/corpus. A crash leaves crash-* here and
# fails the run.  Usage: fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
work=.build/fuzz
rm -rf "$work/src" && mkdir -p "$work/src" "$work/corpus"
for f in Sources/PHRModel/*.swift Sources/PHRWire/*.swift; do
  # One module: drop the cross-module import.
  grep -v '^import PHRModel$' "$f" > "$work/src/$(basename "$(dirname "$f")")-$(basename "$f")"
done
# (gold warns about every sanitizer symbol it cannot export; keep that noise in a log.)
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name PHRFuzz \
  fuzz/WireFuzz.swift "$work"/src/*.swift -o "$work/wire-fuzz" > "$work/build.log" 2>&1 ||
  { grep -v 'Cannot export local symbol' "$work/build.log" >&2; exit 1; }
cp fuzz/corpus/* "$work/corpus/"
"$work/wire-fuzz" "$work/corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
  -artifact_prefix=fuzz/ -print_final_stats=1 2>&1 | tail -n 12

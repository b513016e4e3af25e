#!/usr/bin/env bash
# Builds a libFuzzer target (with address sanitizer) and runs it for SECONDS (default 300) from
# its seed corpus. A crash leaves crash-* in fuzz/ and fails the run.
#   wire: fuzz/WireFuzz.swift + PHRModel + PHRWire — envelopes, rows, dates, CIDs (corpus: real-format envelopes)
#   card: fuzz/CardFuzz.swift + PHRModel + PHRCard (without the PC/SC layer) — a hostile card's
#         replies to a full read, TIS-620 and field decoding (corpus: a good card's replies)
#   cipher: fuzz/CipherFuzz.c + Sources/CPHRCipher (C, also with undefined-behaviour sanitizer) —
#         random and authentic pages through the page decoder, whole damaged stores and WALs
#         through the VFS (corpus: real stores under the fuzz key, made by the target itself)
# Usage: fuzz/run.sh [SECONDS] [wire|card|cipher|all]   (default: all, SECONDS each)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
which=${2:-all}

run_target() {
  local name=$1 entry=$2 corpus=$3; shift 3
  local work=.build/fuzz/$name
  rm -rf "$work/src" && mkdir -p "$work/src" "$work/corpus"
  local f
  for f in "$@"; do
    # One module: drop the cross-module imports.
    grep -v -e '^import PHRModel$' -e '^import CPCSC$' "$f" > "$work/src/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
  # (gold warns about every sanitizer symbol it cannot export; keep that noise in a log.)
  swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name PHRFuzz \
    "$entry" "$work"/src/*.swift -o "$work/fuzz" > "$work/build.log" 2>&1 ||
    { grep -v 'Cannot export local symbol' "$work/build.log" >&2; exit 1; }
  cp "$corpus"/* "$work/corpus/"
  fuzz_run "$name"
}

fuzz_run() {
  local name=$1 work=.build/fuzz/$1
  echo "== fuzz $name for $seconds s"
  "$work/fuzz" "$work/corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -artifact_prefix=fuzz/ -print_final_stats=1 2>&1 | tail -n 12
}

cipher_target() {
  local work=.build/fuzz/cipher
  mkdir -p "$work/corpus"
  clang=$(dirname "$(readlink -f "$(command -v swiftc)")")/clang
  "$clang" -g -O1 -fuse-ld=lld -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I Sources/CPHRCipher/include fuzz/CipherFuzz.c -lsqlite3 -lcrypto -o "$work/fuzz" > "$work/build.log" 2>&1 ||
    { cat "$work/build.log" >&2; exit 1; }
  PHR_CIPHER_SEEDS="$work/corpus" "$work/fuzz" -runs=0 > "$work/seeds.log" 2>&1 || { cat "$work/seeds.log" >&2; exit 1; }
  fuzz_run cipher
}

card_sources=()
for f in Sources/PHRCard/*.swift; do [ "$(basename "$f")" = PCSC.swift ] || card_sources+=("$f"); done
case $which in
  wire|all) run_target wire fuzz/WireFuzz.swift fuzz/corpus Sources/PHRModel/*.swift Sources/PHRWire/*.swift Sources/PHRWire/*/*.swift ;;&
  card|all) run_target card fuzz/CardFuzz.swift fuzz/card-corpus Sources/PHRModel/*.swift "${card_sources[@]}" ;;&
  cipher|all) cipher_target ;;
  wire|card|cipher|all) ;;
  *) echo "usage: fuzz/run.sh [SECONDS] [wire|card|cipher|all]" >&2; exit 64 ;;
esac

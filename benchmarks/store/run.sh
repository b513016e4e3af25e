#!/usr/bin/env bash
# Store benchmark (issue 4): the same workload on plain SQLite, on phr's encrypted store and on
# the SQLCipher 4 oracle, at 28k and 1M rows, printed as ratios.
# Targets: encrypted/plain <= 1.25 on reads, <= 1.5 on bulk inserts; encrypted/oracle <= 1.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${PHR_BIN_DIR:-.build/release}/StoreBenchmark
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for rows in ${STORE_BENCH_ROWS:-28000 1000000}; do
  plain=$("$bin" plain "$work" "$rows")
  enc=$("$bin" encrypted "$work" "$rows")
  oracle=$(python3 benchmarks/store/oracle.py "$work" "$rows")
  python3 - "$rows" "$plain" "$enc" "$oracle" <<'PY'
import json, sys
rows, plain, enc, oracle = int(sys.argv[1]), *map(json.loads, sys.argv[2:])
print(f"{rows:>8} rows   {'plain s':>9} {'ours s':>9} {'oracle s':>9}   ours/plain   ours/oracle")
for op in sorted(plain):
    target = 1.5 if op == "insert" else 1.25
    r = enc[op] / plain[op]
    print(f"  {op:<24}{plain[op]:9.3f} {enc[op]:9.3f} {oracle[op]:9.3f}   {r:6.2f} {'ok' if r <= target else 'OVER'} (<= {target})   {enc[op]/oracle[op]:6.2f}")
PY
done

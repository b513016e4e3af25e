#!/usr/bin/env bash
# A sync that runs out of room (a file-size limit stands in for a full disk: no mount needed)
# fails with exit 13 and a one-line message, leaves an intact store, and the next sync with
# room completes it: counts equal the sandbox's.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/phr-env.sh
phr_env_start
cid=$(sandbox_cid heavy)
expected=$("$PHR_BIN_DIR/phr-sandbox" citizens --seed "$PHR_SEED" --json |
  python3 -c '
import json, sys
c = next(c for c in json.load(sys.stdin) if c["cid"] == sys.argv[1])
print(c["rows"])
' "$cid")
phr init >/dev/null
phr_login "$cid" 2>/dev/null
set +e
( trap '' XFSZ; ulimit -f 8192; exec "$PHR_BIN_DIR/phr" sync --quiet ) >/dev/null 2>"$PHR_WORK/err"; rc=$?
set -e
[ "$rc" -eq 13 ] || { echo "expected exit 13 when the store cannot grow, got $rc" >&2; cat "$PHR_WORK/err" >&2; exit 1; }
[ "$(wc -l < "$PHR_WORK/err")" -eq 1 ] && grep -q "what was saved is kept" "$PHR_WORK/err" || { cat "$PHR_WORK/err" >&2; exit 1; }
phr db check >/dev/null
phr sync --quiet >/dev/null
stored=$(phr status | tail -n1 | awk '{ s = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) s += $i; print s }')
echo "full disk: exit 13, store intact; after freeing space: $stored of $expected records"
[ "$stored" -eq "$expected" ]

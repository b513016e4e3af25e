#!/usr/bin/env bash
# Full sync of the heavy citizen (~28k rows) over loopback and a no-change re-sync:
# `phr` (release build) side by side with a straightforward Python client (requests + SQLCipher 4
# via apsw-sqlite3mc), against the same release phr-sandbox. Prints times and ratios.
# Then the same full sync and re-sync against `phr-sandbox serve --no-etag`, which answers like
# the real service (no ETag, no 304): every list is downloaded again and compared row by row.
# Beside them the floor: SyncFloor (benchmarks/sync/floor) makes the same requests as the full
# sync with the same client and concurrency and discards the bodies.
# Targets (issues 5, 18): phr ≥ 5× faster than Python and ≤ 1.5× the floor on the full sync; re-sync ≤ 10 % of a full
# sync (with ETags); peak RSS of `phr sync` ≤ 100 MB. Without ETags the re-sync is reported.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PHR_BIN_DIR=${PHR_BIN_DIR:-.build/release}
source scripts/lib/phr-env.sh
phr_env_start --quiet
cid=$(sandbox_cid heavy)
curl -fsS "$SANDBOX_URL/sandbox/citizens" >/dev/null   # the sandbox builds its records once, before timing
phr init >/dev/null
phr_login "$cid" 2>/dev/null

measure() { /usr/bin/time -f "%e %M" -o "$PHR_WORK/time" "$@" >/dev/null 2>"$PHR_WORK/err" || { cat "$PHR_WORK/err" >&2; return 1; }; cat "$PHR_WORK/time"; }
read -r phr_full phr_rss < <(measure "$PHR_BIN_DIR/phr" sync --quiet)
read -r phr_again phr_rss2 < <(measure "$PHR_BIN_DIR/phr" sync --quiet)

# The Python client logs in on its own (a new OTP replaces phr's, which is done by now).
hash=$(cat "$XDG_CONFIG_HOME/phr/sandbox-account-password-hash")
token=$(curl -fsS -X POST "$SANDBOX_ACCOUNT_URL/token?Action=get_moph_access_token" \
  -d "{\"user\":\"phr-demo\",\"password_hash\":\"$hash\",\"hospital_code\":\"00017\"}")
curl -fsS -X POST "$SANDBOX_URL/api/RequestTokenv1" -H "Authorization: Bearer $token" -d "{\"cid\":\"$cid\"}" >/dev/null
otp=$(outbox_otp "$cid")
py() { python3 benchmarks/sync/python_client.py --server "$SANDBOX_URL" --cid "$cid" --otp "$otp" \
  --client-token "$token" --db "$PHR_WORK/python.db" --passphrase "correct horse battery staple"; }
py_full=$(py | python3 -c 'import json,sys; print(json.load(sys.stdin)["seconds"])')
py_again=$(py | python3 -c 'import json,sys; print(json.load(sys.stdin)["seconds"])')
# The floor: the same requests with the same client and concurrency, bodies discarded (SyncFloor).
read -r floor_full _ < <(FLOOR_OTP=$otp FLOOR_CLIENT_TOKEN=$token measure "$PHR_BIN_DIR/SyncFloor" "$SANDBOX_URL" "$cid")

# The real service has no ETags: the same two syncs against a sandbox without them.
phr_env_stop
phr_env_start --quiet --no-etag
curl -fsS "$SANDBOX_URL/sandbox/citizens" >/dev/null
phr init >/dev/null
phr_login "$cid" 2>/dev/null
read -r plain_full plain_rss < <(measure "$PHR_BIN_DIR/phr" sync --quiet)
read -r plain_again _ < <(measure "$PHR_BIN_DIR/phr" sync --quiet)

python3 - "$phr_full" "$phr_again" "$phr_rss" "$py_full" "$py_again" "$plain_full" "$plain_again" "$plain_rss" "$floor_full" <<'PY'
import sys
phr_full, phr_again, rss_kb, py_full, py_again, plain_full, plain_again, plain_rss, floor = map(float, sys.argv[1:])
print(f"full sync of the heavy citizen:  phr {phr_full:.2f} s   python {py_full:.2f} s   python/phr = {py_full/phr_full:.1f}x  (target >= 5x)")
print(f"the wire's floor (SyncFloor):    {floor:.2f} s   phr/floor = {phr_full/floor:.2f}x  (target <= 1.5x)")
print(f"no-change re-sync with ETags:    phr {phr_again:.2f} s   python {py_again:.2f} s   phr re-sync/full = {phr_again/phr_full:.1%}  (target <= 10%)")
print(f"without ETags (--no-etag):       phr full {plain_full:.2f} s   re-sync {plain_again:.2f} s = {plain_again/plain_full:.1%} of full   (as against the real service)")
print(f"peak RSS of phr sync:            {max(rss_kb, plain_rss)/1024:.0f} MB  (target <= 100 MB)")
ok = py_full / phr_full >= 5 and phr_full / floor <= 1.5 and phr_again / phr_full <= 0.10 and max(rss_kb, plain_rss) / 1024 <= 100
print("targets met" if ok else "TARGETS MISSED")
PY

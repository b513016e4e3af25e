#!/usr/bin/env bash
# Full sync of the heavy citizen (~28k rows) over loopback and a no-change re-sync:
# `phr` (release build) side by side with a straightforward Python client (requests + SQLCipher 4
# via apsw-sqlite3mc), against the same release phr-sandbox. Beside them the floor: SyncFloor
# (benchmarks/sync/floor) makes the same requests as the full sync with the same client and
# concurrency and discards the bodies. Then the same full sync and re-sync against
# `phr-sandbox serve --no-etag`, which answers like the real service (no ETag, no 304).
# Each figure is the median of BENCH_REPEAT rounds (default 3; every round a fresh store),
# all in one run, so ratios compare like with like on a shared machine.
# Targets (issues 5, 18): phr ≥ 5× faster than Python and ≤ 1.5× the floor on the full sync;
# re-sync ≤ 10 % of a full sync with ETags, ≤ 15 % without; peak RSS of `phr sync` ≤ 100 MB.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PHR_BIN_DIR=${PHR_BIN_DIR:-.build/release}
source scripts/lib/phr-env.sh
rounds=${BENCH_REPEAT:-3}
results=$(mktemp)

measure() { /usr/bin/time -f "%e %M" -o "$PHR_WORK/time" "$@" >/dev/null 2>"$PHR_WORK/err" || { cat "$PHR_WORK/err" >&2; return 1; }; cat "$PHR_WORK/time"; }

# One round against the running sandbox: phr full + re-sync in a fresh store, then (with ETags
# only) the Python client twice and the floor, which log in on their own.
round() {
  local tag=$1 full again rss
  export PHR_HOME=$PHR_WORK/home-$tag-$2
  mkdir -m 700 "$PHR_HOME"
  phr init >/dev/null
  phr_login "$cid" 2>/dev/null
  read -r full rss < <(measure "$PHR_BIN_DIR/phr" sync --quiet)
  read -r again _ < <(measure "$PHR_BIN_DIR/phr" sync --quiet)
  echo "$tag-full $full" >>"$results"; echo "$tag-again $again" >>"$results"; echo "rss $rss" >>"$results"
  [ "$tag" = etag ] || return 0
  local hash token otp
  hash=$(cat "$XDG_CONFIG_HOME/phr/sandbox-account-password-hash")
  token=$(curl -fsS -X POST "$SANDBOX_ACCOUNT_URL/token?Action=get_moph_access_token" \
    -d "{\"user\":\"phr-demo\",\"password_hash\":\"$hash\",\"hospital_code\":\"00017\"}")
  curl -fsS -X POST "$SANDBOX_URL/api/RequestTokenv1" -H "Authorization: Bearer $token" -d "{\"cid\":\"$cid\"}" >/dev/null
  otp=$(outbox_otp "$cid")
  rm -f "$PHR_WORK/python.db"
  for step in full again; do
    python3 benchmarks/sync/python_client.py --server "$SANDBOX_URL" --cid "$cid" --otp "$otp" --client-token "$token" \
      --db "$PHR_WORK/python.db" --passphrase "correct horse battery staple" |
      python3 -c 'import json,sys; print("python-'$step'", json.load(sys.stdin)["seconds"])' >>"$results"
  done
  read -r full _ < <(FLOOR_OTP=$otp FLOOR_CLIENT_TOKEN=$token measure "$PHR_BIN_DIR/SyncFloor" "$SANDBOX_URL" "$cid")
  echo "floor $full" >>"$results"
}

for mode in etag plain; do
  if [ $mode = etag ]; then phr_env_start --quiet; else phr_env_stop; phr_env_start --quiet --no-etag; fi
  trap 'rm -f "$results"; phr_env_stop' EXIT
  cid=$(sandbox_cid heavy)
  curl -fsS "$SANDBOX_URL/sandbox/citizens" >/dev/null   # the sandbox builds its records once, before timing
  for i in $(seq 1 "$rounds"); do round $mode "$i"; done
done

python3 - "$results" "$rounds" <<'PY'
import statistics, sys
values = {}
for line in open(sys.argv[1]):
    name, v = line.split()
    values.setdefault(name, []).append(float(v))
m = {k: statistics.median(v) for k, v in values.items()}
rss = max(values["rss"]) / 1024
print(f"median of {sys.argv[2]} rounds, heavy citizen: phr full {m['etag-full']:.2f} s, python full {m['python-full']:.2f} s, "
      f"floor {m['floor']:.2f} s; without ETags phr full {m['plain-full']:.2f} s")
rows = [  # figure, value, target, higher is better
    ("python/phr, full sync", m["python-full"] / m["etag-full"], 5.0, True, "x"),
    ("phr/floor, full sync", m["etag-full"] / m["floor"], 1.5, False, "x"),
    ("re-sync/full, with ETags", m["etag-again"] / m["etag-full"], 0.10, False, "%"),
    ("re-sync/full, without ETags", m["plain-again"] / m["plain-full"], 0.15, False, "%"),
    ("peak RSS of phr sync (MB)", rss, 100.0, False, ""),
]
ok = True
for name, value, target, higher, unit in rows:
    met = value >= target if higher else value <= target
    ok &= met
    shown = (f"{value:.1%}", f"{target:.0%}") if unit == "%" else (f"{value:.2f}{unit}", f"{target:g}{unit}")
    print(f"{name:32s} {shown[0]:>8s}   target {'>=' if higher else '<='} {shown[1]:<6s} {value/target:5.2f} of target  {'ok' if met else 'MISSED'}")
print("targets met" if ok else "TARGETS MISSED")
PY

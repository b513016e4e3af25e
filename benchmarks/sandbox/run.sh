#!/usr/bin/env bash
# Sandbox load test (issue 3): authorised read requests over loopback on 8 keep-alive
# connections with wrk for LOAD_SECONDS (default 15 s): at least 10,000 must be answered, every
# one without error or non-2xx status; prints requests/s and the 99th-percentile latency.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PHR_BIN_DIR=${PHR_BIN_DIR:-.build/release}
source scripts/lib/phr-env.sh
phr_env_start --quiet
cid=$(sandbox_cid adult)
hash=$(cat "$XDG_CONFIG_HOME/phr/sandbox-account-password-hash")
token=$(curl -fsS -X POST "$SANDBOX_ACCOUNT_URL/token?Action=get_moph_access_token" \
  -d "{\"user\":\"phr-demo\",\"password_hash\":\"$hash\",\"hospital_code\":\"00017\"}")
curl -fsS -X POST "$SANDBOX_URL/api/RequestTokenv1" -H "Authorization: Bearer $token" -d "{\"cid\":\"$cid\"}" >/dev/null
otp=$(outbox_otp "$cid")
export LOAD_BODY="{\"cid\":\"$cid\",\"otp\":\"$otp\"}" LOAD_TOKEN="$token"
wrk -t 2 -c 8 -d "${LOAD_SECONDS:-15}s" --timeout 10s -s benchmarks/sandbox/load.lua "$SANDBOX_URL/api/WebApp?Action=VitalSign" >"$PHR_WORK/wrk.txt"
summary=$(tail -n1 "$PHR_WORK/wrk.txt")
python3 - "$summary" <<'PY'
import json, sys
s = json.loads(sys.argv[1])
errors = s["connect_errors"] + s["read_errors"] + s["write_errors"] + s["non_2xx"] + s["timeouts"]
print(f"{s['requests']} requests in {s['seconds']:.2f} s = {s['requests']/s['seconds']:.0f} requests/s, p99 {s['p99_ms']:.1f} ms, errors {errors}")
sys.exit(0 if errors == 0 and s["requests"] >= 10000 else 1)
PY
kill -0 "$SANDBOX_PID" && echo "sandbox still up after the load: ok"

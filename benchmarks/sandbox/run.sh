#!/usr/bin/env bash
# Sandbox load test (issue 3): 10,000 authorised read requests over loopback, 8 at a time, with
# ApacheBench; the sandbox must answer every one (no failures, no non-2xx) and we report req/s.
# Bounded: ab stops after 10,000 requests or 120 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PHR_BIN_DIR=${PHR_BIN_DIR:-.build/release}
source scripts/lib/phr-env.sh
phr_env_start --quiet
cid=$(sandbox_cid adult)
hash=$(cat "$XDG_CONFIG_HOME/phr/sandbox-account-password-hash")
token=$(curl -fsS -X POST "$SANDBOX_URL/token?Action=get_moph_access_token" \
  -d "{\"user\":\"phr-demo\",\"password_hash\":\"$hash\",\"hospital_code\":\"00017\"}")
curl -fsS -X POST "$SANDBOX_URL/api/RequestTokenv1" -H "Authorization: Bearer $token" -d "{\"cid\":\"$cid\"}" >/dev/null
otp=$(outbox_otp "$cid")
printf '{"cid":"%s","otp":"%s"}' "$cid" "$otp" >"$PHR_WORK/body.json"
ab -q -n "${LOAD_REQUESTS:-10000}" -c 8 -s 30 -t 120 -p "$PHR_WORK/body.json" -T application/json \
  -H "Authorization: Bearer $token" "$SANDBOX_URL/api/WebApp?Action=VitalSign" >"$PHR_WORK/ab.txt"
grep -E "Complete requests|Failed requests|Non-2xx|Requests per second|Time per request.*mean\)" "$PHR_WORK/ab.txt"
complete=$(awk '/Complete requests/ {print $3}' "$PHR_WORK/ab.txt")
failed=$(awk '/Failed requests/ {print $3}' "$PHR_WORK/ab.txt")
if grep -q "Non-2xx" "$PHR_WORK/ab.txt" || [ "$failed" != 0 ] || [ "$complete" != "${LOAD_REQUESTS:-10000}" ]; then
  echo "LOAD TEST FAILED"; exit 1
fi
kill -0 "$SANDBOX_PID" && echo "sandbox still up after the load: ok"

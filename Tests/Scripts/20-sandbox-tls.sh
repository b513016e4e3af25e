#!/usr/bin/env bash
# phr against phr-sandbox over HTTPS with a local CA (scripts/gen-ca): login and sync work with
# the CA given (PHR_CA_FILE), and without it phr refuses the untrusted certificate (exit 6).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PHR_SANDBOX_TLS=1
source scripts/lib/phr-env.sh
phr_env_start
case "$SANDBOX_URL" in https://*) ;; *) echo "sandbox is not on https" >&2; exit 1;; esac
cid=$(sandbox_cid child)
phr init >/dev/null
phr_login "$cid" 2>/dev/null
phr sync --quiet
set +e
PHR_CA_FILE= phr sync --quiet 2>"$PHR_WORK/err"; rc=$?
set -e
cat "$PHR_WORK/err"
if [ "$rc" -ne 6 ] || ! grep -q "TLS" "$PHR_WORK/err"; then echo "expected exit 6 naming TLS, got $rc" >&2; exit 1; fi
echo "https with the local CA: ok; without it: refused (exit $rc)"

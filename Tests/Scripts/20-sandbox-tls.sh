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

# demo-config never replaces a config that says something else unless told to (--force).
conf="$XDG_CONFIG_HOME/phr/config.toml"; before=$(sha256sum <"$conf")
demo() { "$PHR_BIN_DIR/phr-sandbox" demo-config --account-server "$SANDBOX_ACCOUNT_URL" --healthid-server "$SANDBOX_HEALTHID_URL" --dir "$XDG_CONFIG_HOME/phr" "$@"; }
demo --server "$SANDBOX_URL" >/dev/null || { echo "demo-config with the same settings was refused" >&2; exit 1; }
set +e; demo --server "https://127.0.0.1:1" >/dev/null 2>"$PHR_WORK/err"; rc=$?; set -e
if [ "$rc" -ne 64 ] || [ "$(sha256sum <"$conf")" != "$before" ]; then echo "demo-config overwrote a different config (exit $rc)" >&2; exit 1; fi
demo --server "https://127.0.0.1:1" --force >/dev/null
grep -q '127.0.0.1:1"' "$conf" || { echo "demo-config --force did not replace it" >&2; exit 1; }
echo "demo-config: same text rewritten, a different config kept (exit 64), --force replaces"

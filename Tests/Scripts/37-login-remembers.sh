#!/usr/bin/env bash
# Logging in is remembered, and a login that ran out is offered again:
# 1. `login --server X …` records the servers with the session: a plain `sync`, `share list`
#    and `status` then use them (status says so); a flag naming another server is refused.
# 2. The client account a distributor installs system-wide (/etc/phr/config.toml; here
#    PHR_SYSTEM_CONFIG) is used under the user's config.toml (a key the user sets wins); without
#    any, the one line sends the citizen to the distributor and docs/sync.md, not to three keys.
# 3. A session the server says has run out: on a terminal (a real pty) `phr sync` asks
#    "Log in again now? [y/N]", logs in with an OTP and carries on; declined, or off a terminal,
#    it exits 3 with the one-line next step.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/phr-env.sh
phr_env_start
fail() { echo "FAIL: $*" >&2; exit 1; }
out=$PHR_WORK/out; mkdir -m 700 "$out"
conf=$XDG_CONFIG_HOME/phr/config.toml
export PHR_LANG=en PAGER=cat

# 2 first: the client account moves to the system-wide file; the user's file keeps the rest.
system=$PHR_WORK/etc-phr/config.toml; mkdir -p -m 700 "$(dirname "$system")"
grep -E '^(account_user|account_password_hash_file|hospital_code) ' "$conf" >"$system"
grep -vE '^(account_user|account_password_hash_file|hospital_code|server|account_server|healthid_server) ' "$conf" >"$conf.new"
mv "$conf.new" "$conf"
# The servers come from no config and no environment: only from the login's flags.
unset PHR_SERVER PHR_ACCOUNT_SERVER PHR_HEALTHID_SERVER
flags=(--server "$SANDBOX_URL" --account-server "$SANDBOX_ACCOUNT_URL" --healthid-server "$SANDBOX_HEALTHID_URL")
phr init >/dev/null
cid=$(sandbox_cid child)

set +e; phr login --cid "$cid" "${flags[@]}" </dev/null >"$out/noaccount.out" 2>"$out/noaccount.err"; rc=$?; set -e
[ "$rc" = 64 ] || fail "login with no client account: exit $rc, $(cat "$out/noaccount.err")"
grep -q "distributor" "$out/noaccount.err" && grep -q "docs/sync.md" "$out/noaccount.err" || fail "no pointer to the distributor: $(cat "$out/noaccount.err")"
grep -q "account_password_hash_file" "$out/noaccount.err" && fail "the error names config keys: $(cat "$out/noaccount.err")"
[ "$(wc -l <"$out/noaccount.err")" = 1 ] || fail "not one line: $(cat "$out/noaccount.err")"

export PHR_SYSTEM_CONFIG=$system
# A user's key wins over the system's: a wrong hospital code in the user file is used (and fails).
echo 'hospital_code = "99999"' >>"$conf"
set +e; phr_login "$cid" "${flags[@]}" >"$out/wrong.out" 2>"$out/wrong.err" </dev/null; rc=$?; set -e
[ "$rc" != 0 ] || fail "the user's hospital_code did not win over the system's"
sed -i '/^hospital_code = "99999"$/d' "$conf"
phr_login "$cid" "${flags[@]}" 2>"$out/login.err" || fail "login with the system-wide client account: $(cat "$out/login.err")"

# 1. The login's servers are used by plain commands.
phr sync >"$out/sync.out" 2>"$out/sync.err" || fail "plain sync after login --server: $(cat "$out/sync.err")"
phr share list >/dev/null 2>"$out/share.err" || fail "plain share list after login --server: $(cat "$out/share.err")"
phr status >"$out/status.txt"
grep -q "PHR API $SANDBOX_URL (the login)" "$out/status.txt" && grep -q "Account Center $SANDBOX_ACCOUNT_URL (the login)" "$out/status.txt" \
  || fail "status does not show the login's servers: $(cat "$out/status.txt")"
set +e; phr sync --server http://127.0.0.1:9 >/dev/null 2>"$out/other.err"; rc=$?; set -e
[ "$rc" = 3 ] && grep -q "your session is for $SANDBOX_URL" "$out/other.err" || fail "sync --server elsewhere: exit $rc, $(cat "$out/other.err")"

# 3. The server's clock passes the OTP's hour.
curl -fsS -X POST -H 'Content-Type: application/json' -d '{"advance_seconds": 3700}' "$SANDBOX_URL/sandbox/clock" >/dev/null
set +e; phr sync --full </dev/null >/dev/null 2>"$out/expired.err"; rc=$?; set -e
[ "$rc" = 3 ] && [ "$(wc -l <"$out/expired.err")" = 1 ] && grep -q "phr login" "$out/expired.err" || fail "expired off a terminal: exit $rc, $(cat "$out/expired.err")"

cat >"$out/decline.steps" <<'STEPS'
expect Log in again now\? \[y/N\]
send n
STEPS
set +e; python3 scripts/lib/pty-expect.py "$out/decline.steps" -- "$PHR_BIN_DIR/phr" sync >"$out/decline.txt" 2>&1; rc=$?; set -e
[ "$rc" = 3 ] && grep -q "phr login" "$out/decline.txt" || fail "declined: exit $rc, $(cat "$out/decline.txt")"

before=$(outbox_otp "$cid")
cat >"$out/renew.steps" <<STEPS
expect Log in again now\\? \\[y/N\\]
send y
expect Enter the OTP
sendcmd for i in \$(seq 1 100); do o=\$(curl -fsS "$SANDBOX_URL/sandbox/outbox?cid=$cid" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("otp") or "")'); [ -n "\$o" ] && [ "\$o" != "$before" ] && break; sleep 0.1; done; echo \$o
expect Logged in as
STEPS
set +e; python3 scripts/lib/pty-expect.py "$out/renew.steps" -- "$PHR_BIN_DIR/phr" sync >"$out/renew.txt" 2>&1; rc=$?; set -e
[ "$rc" = 0 ] || fail "log in again on the terminal, then sync: exit $rc, $(cat -v "$out/renew.txt")"
grep -q "requests" "$out/renew.txt" || fail "the sync did not carry on after the new login: $(cat -v "$out/renew.txt")"
phr sync >/dev/null 2>&1 || fail "the new session was not saved"
echo "ok: the login's servers are remembered, the system config is layered, an expired login is offered again"

#!/usr/bin/env bash
# A dead server (a closed loopback port) costs a moment, not a minute: what the store can answer
# is answered from it and marked offline (`share list`: the codes made here, as of when they were
# last seen; `status` never needs the network); what needs the server (`sync`, `login`) fails
# with one line and exit 6 (docs/exit-codes.md). Each command runs under `timeout 20` (the
# documented budget is about 10 s): a command that hangs fails the test, however long it hangs.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/phr-env.sh
phr_env_start
fail() { echo "FAIL: $*" >&2; exit 1; }
out=$PHR_WORK/out; mkdir -m 700 "$out"
# run NAME ARGS…: phr ARGS with stdout/stderr in $out/NAME.{out,err}; sets $rc.
run() { local name=$1; shift; set +e; PHR_LANG=en timeout 20 "$PHR_BIN_DIR/phr" "$@" >"$out/$name.out" 2>"$out/$name.err" </dev/null; rc=$?; set -e; }

phr init >/dev/null
cid=$(sandbox_cid adult)
phr_login "$cid" 2>/dev/null
code=$(phr share create --kinds vitals,allergies --expires 2h --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["code"])')
run online share list
[ "$rc" = 0 ] && ! grep -q offline "$out/online.err" || fail "online share list: exit $rc, $(cat "$out/online.err")"

# The server goes away; its port is closed.
kill "$SANDBOX_PID"; wait "$SANDBOX_PID" 2>/dev/null || true; SANDBOX_PID=

run list share list
[ "$rc" = 0 ] || fail "offline share list: exit $rc, $(cat "$out/list.err")"
grep -q "^phr: offline (cannot reach the server): consent codes from the store, as of " "$out/list.err" || fail "not marked offline: $(cat "$out/list.err")"
[ "$(wc -l <"$out/list.err")" = 1 ] || fail "more than one line on stderr: $(cat "$out/list.err")"
grep "${code:0:4}-…" "$out/list.out" | grep -q "active.*vitals,allergies" || fail "the code is not listed: $(cat "$out/list.out")"
grep -q "$code" "$out/list.out" && fail "share list without --codes shows the whole code"
run codes share list --codes
grep -q "$code" "$out/codes.out" || fail "share list --codes offline lacks the whole code: $(cat "$out/codes.out")"
run json share list --json
python3 - "$out/json.out" <<'PY' || fail "share list --json offline: $(cat "$out/json.out")"
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 1 and rows[0]["status"] == "active" and "code" not in rows[0], rows
PY
PHR_LANG=th timeout 20 "$PHR_BIN_DIR/phr" share list >/dev/null 2>"$out/th.err" || fail "Thai offline share list failed"
grep -q "ออฟไลน์" "$out/th.err" || fail "no Thai offline note: $(cat "$out/th.err")"

run status status
[ "$rc" = 0 ] && grep -q "^login: .*valid until" "$out/status.out" && grep -q "^store: .*encrypted" "$out/status.out" || fail "status offline: exit $rc, $(cat "$out/status.err")"

# What needs the server: one line, exit 6.
for cmd in sync login share-create; do
  case $cmd in
    sync) run sync sync ;;
    login) run login login ;;
    share-create) run share-create share create --kinds vitals ;;
  esac
  [ "$rc" = 6 ] || fail "$cmd against a dead server: exit $rc, $(cat "$out/$cmd.err")"
  [ "$(wc -l <"$out/$cmd.err")" = 1 ] && grep -q "^phr: cannot reach the server" "$out/$cmd.err" || fail "$cmd: not one line: $(cat "$out/$cmd.err")"
done

echo "ok: offline answers from the store, dead server fails in one line"

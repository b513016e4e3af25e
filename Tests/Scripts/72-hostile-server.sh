#!/usr/bin/env bash
# A hostile-server campaign: the citizen logs in against a well-behaved sandbox, then the
# sandbox is restarted (same ports, same state) under each fault it offers (docs/sandbox.md,
# "Faults"), at several probabilities so that different read Actions are hit, and phr runs
# `sync`, `show`, `show appointments` (a live read), `export` (json, text) and `db check`.
# After every command (and `show`/`export`, which read the store, must succeed):
#   - the exit code is a documented one (docs/exit-codes.md) and not 1 (unexpected);
#   - no crash: no signal, no "Fatal error"/backtrace text;
#   - no escape byte (0x1b, or C1 CSI U+009B) from server text reaches stdout or stderr;
#   - no row of the other citizen (the `other-citizen` fault's CID) is in the store;
#   - the store passes `phr db check` (integrity + every page's HMAC).
# Short form (make test): a sample of faults, < 2 min. HOSTILE_FULL=1 (make hostile): every
# fault at probabilities 0.2, 0.5 and 1. Prints the tally (faults tried, commands run).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/phr-env.sh
phr_env_start
fail() { echo "FAIL: $*" >&2; exit 1; }
out=$PHR_WORK/out; mkdir -m 700 "$out"
export PHR_LANG=en

if [ -n "${HOSTILE_FULL:-}" ]; then
  faults=()
  for f in status=500 status=503 envelope=503 envelope=401 rate-limit rate-limit=nan rate-limit=-1 \
           "rate-limit=Wed, 21 Oct 2015 07:28:00 GMT" reset truncate wrong-types oversized hostile other-citizen latency=300ms; do
    for p in 0.2 0.5 1; do faults+=("$f@$p"); done
  done
else
  faults=("status=503@0.3" "envelope=503@0.3" "rate-limit=nan@0.3" "reset@0.3" "truncate@0.3" "wrong-types@0.5"
          "hostile@1" "other-citizen@0.5")
fi

documented=$(sed -n 's/^| *\([0-9][0-9]*\) | .*/\1/p' docs/exit-codes.md | grep -vx 1 | tr '\n' ' ')
cid=$(sandbox_cid adult)
# The other-citizen fault's CID: the twelfth digit moved on by one, the check digit to match.
other=$(python3 -c '
import sys
c = sys.argv[1][:11] + str((int(sys.argv[1][11]) + 1) % 10)
s = sum(int(d) * (13 - i) for i, d in enumerate(c))
print(c + str((11 - s % 11) % 10))' "$cid")
phr init >/dev/null
phr_login "$cid" 2>/dev/null
phr sync --quiet >/dev/null 2>&1 || fail "the clean sync failed"
# The person's CID (masked) as stored; a hostile fault may change the name, never the person.
person_cid() { phr status | sed -n 's/^person: .*(\([0-9X-]*\))$/\1/p'; }
person=$(person_cid)
[ -n "$person" ] || fail "no person after the clean sync"

port() { echo "${1##*:}"; }
ports=(--port "$(port "$SANDBOX_URL")" --account-port "$(port "$SANDBOX_ACCOUNT_URL")" --healthid-port "$(port "$SANDBOX_HEALTHID_URL")")
# restart [FAULT]: the sandbox again, same ports and state, with FAULT on every /api request's dice.
restart() {
  kill "$SANDBOX_PID"; wait "$SANDBOX_PID" 2>/dev/null || true
  local args=("${ports[@]}" --data-dir "$PHR_WORK/sandbox" --seed "$PHR_SEED")
  [ $# -gt 0 ] && args+=(--fault "$1")
  "$PHR_BIN_DIR/phr-sandbox" serve "${args[@]}" >"$PHR_WORK/sandbox.out" 2>>"$PHR_WORK/sandbox.log" &
  SANDBOX_PID=$!
  local i
  for i in $(seq 1 200); do
    curl -fsS "$SANDBOX_URL/sandbox/outbox?cid=$cid" >/dev/null 2>&1 && return 0
    kill -0 "$SANDBOX_PID" 2>/dev/null || { cat "$PHR_WORK/sandbox.log" >&2; fail "the sandbox did not restart with $*"; }
    sleep 0.05
  done
  fail "the sandbox did not answer after a restart with $*"
}

runs=0
declare -A exits=()
# check FAULT NAME ARGS…: phr ARGS under FAULT, then every assertion above.
check() {
  local fault=$1 name=$2 rc; shift 2
  runs=$((runs + 1))
  set +e; timeout 120 "$PHR_BIN_DIR/phr" "$@" >"$out/$name.out" 2>"$out/$name.err" </dev/null; rc=$?; set -e
  exits[$rc]=$(( ${exits[$rc]:-0} + 1 ))
  last=$rc
  [[ " $documented " == *" $rc "* ]] || fail "[$fault] phr $*: exit $rc is not a documented code: $(head -c 600 "$out/$name.err")"
  grep -qaE "Fatal error|Backtrace|Stack dump|Current stack trace|SIGSEGV|SIGILL|SIGTRAP" "$out/$name.err" "$out/$name.out" \
    && fail "[$fault] phr $*: crashed: $(head -c 600 "$out/$name.err")"
  if LC_ALL=C grep -qaP '\x1b|\xc2\x9b' "$out/$name.out" "$out/$name.err"; then
    fail "[$fault] phr $*: an escape byte reached the terminal"
  fi
  return 0
}

for fault in "${faults[@]}"; do
  restart "$fault"
  check "$fault" sync sync --quiet
  check "$fault" full sync --full --quiet --jobs 4
  check "$fault" show show --lang en
  [ "$last" = 0 ] || fail "[$fault] show (from the store) exited $last: $(head -c 600 "$out/show.err")"
  check "$fault" appointments show appointments --lang en
  check "$fault" json export --format json -o "$out/export.json" --force
  [ "$last" = 0 ] || fail "[$fault] export json (from the store) exited $last: $(head -c 600 "$out/json.err")"
  check "$fault" text export --format text -o -
  [ "$last" = 0 ] || fail "[$fault] export text (from the store) exited $last: $(head -c 600 "$out/text.err")"
  grep -q "$other" "$out/export.json" "$out/text.out" && fail "[$fault] the other citizen's rows are in the store"
  [ "$(person_cid)" = "$person" ] || fail "[$fault] the person changed: $(phr status | grep "^person:")"
  "$PHR_BIN_DIR/phr" db check >"$out/check.out" 2>&1 || fail "[$fault] the store fails db check: $(cat "$out/check.out")"
  runs=$((runs + 1))
done

# And it still syncs cleanly afterwards.
restart
phr sync --quiet >/dev/null 2>"$out/clean.err" || fail "the clean sync after the campaign: $(cat "$out/clean.err")"
tally=$(for rc in $(printf '%s\n' "${!exits[@]}" | sort -n); do printf 'exit %s ×%s, ' "$rc" "${exits[$rc]}"; done)
echo "hostile server: ${#faults[@]} faults, $runs commands (${tally%, }): documented exits, no crash, no escape byte, no other citizen's row, store intact"

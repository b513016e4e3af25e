#!/usr/bin/env bash
# Issue 15, hazard 1: two people's records never merge. A mother syncs her record; logging in
# with her 2-year-old's CID into her store is refused before any OTP is sent, with one line
# naming both (masked) and the way out (exit 14), and her record is unchanged. The child gets
# a profile of her own (sharing the default profile's passphrase): each store then holds
# exactly its own person's rows, `phr status` names the profile, and a passphrase change
# keeps the shared passphrase shared. Then a server that answers with another person's rows:
# `phr sync` and `phr clinic fetch` refuse it (exit 8) and store nothing of it.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/phr-env.sh
phr_env_start
fail() { echo "FAIL: $*" >&2; exit 1; }
mother=$(sandbox_cid adult)
child=$(sandbox_cid child)
masked() { echo "${1:0:1}-${1:1:4}-XXXXX"; }   # the part of a masked CID that is always shown
rows_of() {   # rows the sandbox serves for CID
  "$PHR_BIN_DIR/phr-sandbox" citizens --seed "$PHR_SEED" --json |
    python3 -c '
import json, sys
c = next(c for c in json.load(sys.stdin) if c["cid"] == sys.argv[1])
print(c["rows"])' "$1"
}
# record PHR-ARGS…: the person's CID and the stored rows per kind, from `phr show --json`.
record() {
  phr "$@" show --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["person"]["cid"], sum(len(r) for r in d["records"].values()),
      json.dumps({k: sorted(r["key"] for r in rows) for k, rows in d["records"].items()}, sort_keys=True))'
}

phr init >/dev/null
phr_login "$mother" 2>/dev/null
phr sync --quiet >/dev/null
before=$(record)
[ "$(echo "$before" | cut -d' ' -f1)" = "$mother" ] || fail "the store does not hold the mother"
[ "$(echo "$before" | cut -d' ' -f2)" -eq "$(rows_of "$mother")" ] || fail "the mother's rows are not all stored"

# 1. The child's CID into the mother's store: refused before an OTP is spent, one line, exit 14.
set +e; phr login --cid "$child" </dev/null >"$PHR_WORK/out" 2>"$PHR_WORK/err"; rc=$?; set -e
[ "$rc" -eq 14 ] || fail "login with another citizen's CID: exit $rc ($(cat "$PHR_WORK/err"))"
[ "$(wc -l <"$PHR_WORK/err")" -eq 1 ] || fail "the refusal is not one line: $(cat "$PHR_WORK/err")"
grep -q "$(masked "$mother")" "$PHR_WORK/err" && grep -q "$(masked "$child")" "$PHR_WORK/err" ||
  fail "the refusal does not name both, masked: $(cat "$PHR_WORK/err")"
grep -q -- "--profile" "$PHR_WORK/err" || fail "the refusal does not give the way out: $(cat "$PHR_WORK/err")"
grep -q -e "$mother" -e "$child" "$PHR_WORK/err" && fail "a whole CID in the message"
[ -z "$(outbox_otp "$child")" ] || fail "an OTP was sent for a refused login"
PHR_LANG=th phr login --cid "$child" </dev/null 2>"$PHR_WORK/err-th" && fail "the Thai login was not refused"
grep -q "phr profile add" "$PHR_WORK/err-th" && grep -q "ไม่ใช่" "$PHR_WORK/err-th" || fail "no Thai refusal: $(cat "$PHR_WORK/err-th")"
[ "$(record)" = "$before" ] || fail "the mother's record changed"

# 2. A profile for the child, with the default profile's passphrase; the records stay apart.
phr profile add child --shared-passphrase >/dev/null
profiles=$(phr profile list)
grep -q "^\* default" <<<"$profiles" && grep -q "^  child " <<<"$profiles" || fail "profile list: $profiles"
export PHR_PROFILE=child
phr_login "$child" 2>/dev/null
phr sync --quiet >/dev/null
unset PHR_PROFILE
kid=$(record --profile child)
[ "$(echo "$kid" | cut -d' ' -f1)" = "$child" ] || fail "the child's profile holds $(echo "$kid" | cut -d' ' -f1)"
[ "$(echo "$kid" | cut -d' ' -f2)" -eq "$(rows_of "$child")" ] || fail "the child's profile holds other rows than hers"
[ "$(record)" = "$before" ] || fail "syncing the child changed the mother's record"
phr show --json >"$PHR_WORK/mother.json"
phr --profile child show --json >"$PHR_WORK/child.json"
python3 - "$PHR_WORK/mother.json" "$PHR_WORK/child.json" <<'PY'
import json, sys
mother, child = (json.load(open(a, encoding="utf-8")) for a in sys.argv[1:3])
assert mother["records"]["allergies"], "the mother's allergy is gone"
assert not child["records"]["allergies"] and not child["safety"]["allergies"], "the child shows the mother's allergy"
assert mother["safety"]["chronic_conditions"] and not child["safety"]["chronic_conditions"], "the child shows the mother's chronic conditions"
assert mother["person"]["cid"] != child["person"]["cid"]
PY
grep -qx "profile:  child" <<<"$(phr --profile child status | sed -n 1p)" || fail "status does not name the profile"
grep -qx "profile:  default" <<<"$(phr status | sed -n 1p)" || fail "status does not name the default profile"
PHR_PROFILE=child phr db path | grep -q "/profiles/child/phr.db$" || fail "PHR_PROFILE does not pick the store"
set +e; phr --profile child login --cid "$mother" </dev/null 2>"$PHR_WORK/err"; rc=$?; set -e
[ "$rc" -eq 14 ] || fail "the mother's CID into the child's profile: exit $rc"

# 3. A shared passphrase stays shared.
printf 'a new family passphrase\n' >"$PHR_WORK/new"
phr passwd --new-passphrase-file "$PHR_WORK/new" 2>"$PHR_WORK/err"
grep -q "child" "$PHR_WORK/err" || fail "passwd did not change the shared profile: $(cat "$PHR_WORK/err")"
PHR_PASSPHRASE_FILE=$PHR_WORK/new phr --profile child status >/dev/null || fail "the child's store does not open with the new passphrase"
set +e; phr --profile child status >/dev/null 2>&1; rc=$?; set -e
[ "$rc" -eq 4 ] || fail "the old passphrase still opens the child's store (exit $rc)"

# 4. A server that mixes people up: refused, nothing stored.
phr_env_stop
phr_env_start --fault other-citizen
phr init >/dev/null
phr_login "$mother" 2>/dev/null
set +e; phr sync --quiet >/dev/null 2>"$PHR_WORK/err"; rc=$?; set -e
[ "$rc" -eq 8 ] || fail "sync of another person's rows: exit $rc ($(cat "$PHR_WORK/err"))"
[ "$(wc -l <"$PHR_WORK/err")" -eq 1 ] && grep -q "nothing of it was stored" "$PHR_WORK/err" && grep -q "$(masked "$mother")" "$PHR_WORK/err" ||
  fail "sync refusal: $(cat "$PHR_WORK/err")"
grep -q "^person:" <<<"$(phr status)" && fail "a person was stored from the mixed-up answer"
[ "$(phr status | tail -n1)" = "vitals 0 · conditions 0 · meds 0 · allergies 0 · vaccines 0 · coverage 0 · encounters 0 · labs 0" ] ||
  fail "rows were stored from the mixed-up answer: $(phr status | tail -n1)"
code=$(PHR_LANG=en phr share create --kinds all --for 10699 | sed -n 's/^Consent code: \([0-9A-Z-]*\)$/\1/p')
set +e; clinic_fetch "$code" --cid "$mother" --unit 10699 >"$PHR_WORK/out" 2>"$PHR_WORK/err"; rc=$?; set -e
[ "$rc" -eq 8 ] && grep -q "nothing of it was stored" "$PHR_WORK/err" || fail "clinic fetch of another person's rows: exit $rc ($(cat "$PHR_WORK/err"))"
[ -s "$PHR_WORK/out" ] && fail "the clinic was shown another person's record"
echo "one person per store: login refused (exit 14), profiles apart, shared passphrase kept, mixed-up answers refused"

#!/usr/bin/env bash
# Consent codes end to end with the built binaries: a citizen creates a code (text + QR), a
# clinic redeems it with `phr clinic fetch` and reads only what it covers; the citizen's log
# shows the unit and kinds; revoking refuses the clinic at once. Then the server-side rules,
# each with its own refusal (exit 12): another unit, out-of-scope kinds (also straight over
# HTTP with the clinic's bearer), used up, wrong citizen, brute force (rate limit even for the
# right code), expiry on the sandbox clock. No code or token may reach the sandbox log.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/phr-env.sh
phr_env_start
fail() { echo "FAIL: $*" >&2; exit 1; }
out=$PHR_WORK/out; mkdir -m 700 "$out"
api() { curl -sS -X POST -H 'Content-Type: application/json' "$@"; }
field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {}, {"d": d}))' "$1"; }

# expect_refused WHY CODE ARGS…: `phr clinic fetch ARGS` with CODE on stdin exits 12 and says WHY.
expect_refused() {
  local why=$1 rc; shift
  set +e; clinic_fetch "$@" >"$PHR_WORK/stdout" 2>"$PHR_WORK/err"; rc=$?; set -e
  [ "$rc" -eq 12 ] && grep -qi -- "$why" "$PHR_WORK/err" || fail "clinic fetch $*: exit $rc, '$(cat "$PHR_WORK/err")' (wanted 12, '$why')"
  [ -s "$PHR_WORK/stdout" ] && fail "a refused fetch printed a record"
  return 0
}

phr init >/dev/null
cid=$(sandbox_cid adult)
other=$(sandbox_cid child)
phr_login "$cid" 2>/dev/null

# 1. Create: grouped code with a check symbol, QR in the terminal and as PNG (read back by zbarimg).
# A 4-digit unit is refused, not padded into another unit's code (1069 → 01069).
set +e; PHR_LANG=en phr share create --kinds vitals --for 1069 >/dev/null 2>"$out/short.err"; st=$?; set -e
[ "$st" = 64 ] && grep -q "exactly 5 digits" "$out/short.err" || fail "--for 1069: exit $st, $(cat "$out/short.err")"
PHR_LANG=en phr share create --kinds vitals,meds,allergies --for 10699 --expires 24h --uses 4 --qr --qr-out "$out/qr.png" >"$out/create.txt"
code=$(sed -n 's/^Consent code: \([0-9A-Z-]*\)$/\1/p' "$out/create.txt")
[[ "$code" =~ ^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$ ]] || fail "code '$code' is not XXXX-XXXX-XXXX in Crockford base 32"
grep -q "only unit 10699" "$out/create.txt" && grep -q "up to 4 uses" "$out/create.txt" || fail "create does not say unit and uses"
grep -q "▀\|▄\|█" "$out/create.txt" || fail "no QR code in the terminal"
[ "$(stat -c %a "$out/qr.png")" = 600 ] || fail "QR image is not 0600"
if command -v zbarimg >/dev/null; then
  scanned=$(zbarimg -q --raw "$out/qr.png" 2>/dev/null)
  [ "$scanned" = "PHR-CONSENT:$cid:${code//-/}" ] || fail "the QR code reads '$scanned'"
fi
PHR_LANG=th phr share create --kinds all --expires 2h --json >"$out/all.json"
grep -q '"status":"active"' "$out/all.json" || fail "share create --json"

# 2. The clinic at 10699 redeems it (lower case, dashes dropped: typed by a person) and prints.
clinic_fetch "$(echo "${code//-/}" | tr 'A-Z' 'a-z')" --cid "$cid" --unit 10699 --lang en >"$out/clinic.txt" 2>"$out/clinic.err"
grep -q "Vital signs" "$out/clinic.txt" && grep -q "Allergies" "$out/clinic.txt" || fail "the clinic's view lacks vitals or allergies"
grep -q "Chronic       not shared under this consent" "$out/clinic.txt" || fail "conditions are not marked as not shared"
grep -q "^Conditions" "$out/clinic.txt" && fail "the clinic's view shows conditions"
# … and exports it (the same export code as the citizen's), scanned link instead of --cid.
echo "PHR-CONSENT:$cid:${code//-/}" >"$out/scanned"
phr clinic fetch --code-file "$out/scanned" --unit 10699 --format json -o "$out/clinic.json" 2>/dev/null
python3 - "$out/clinic.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
kinds = {k for k, rows in d["records"].items() if rows}
assert kinds <= {"vitals", "meds", "allergies"}, f"exported kinds beyond the consent: {kinds}"
assert d["records"]["vitals"], "no vitals exported"
PY
ls "$PHR_HOME" | grep -qv '^phr' && fail "clinic fetch left files in PHR_HOME: $(ls "$PHR_HOME")"

# 3. The citizen sees the uses and the log: unit, kinds, read outcome.
PHR_LANG=en phr share list >"$out/list.txt"
grep "${code:0:4}-…" "$out/list.txt" | grep -q "active.*10699.*2/4" || fail "share list: $(cat "$out/list.txt")"
PHR_LANG=en phr share log --json >"$out/log.json"
python3 - "$out/log.json" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
ok = [a for a in log if a["outcome"] == "ok"]
assert len(ok) == 2 and all(a["unit"] == "10699" for a in ok), log
assert set(ok[-1]["kinds_read"]) == {"vitals", "meds", "allergies"}, ok[-1]
assert ok[-1]["reads"] >= 3 and ok[-1]["unit_name"], ok[-1]
PY

# 4. Server-side rules, each refused with its own reason.
expect_refused "another health unit" "$code" --cid "$cid" --unit 10866
expect_refused "does not cover conditions" "$code" --cid "$cid" --unit 10699 --kind conditions
token=$(api "$SANDBOX_ACCOUNT_URL/token?Action=get_moph_access_token" \
  -d '{"user":"phr-demo","password_hash":"7D1B1C9A3F0E4B5C8A2D6E9F01234567890ABCDEF0123456789ABCDEF0123456","hospital_code":"10699"}')
bearer=$(api "$SANDBOX_URL/api/ConsentRedeem" -H "Authorization: Bearer $token" -d "{\"cid\":\"$cid\",\"code\":\"$code\"}" | field 'd["result"]["access_token"]')
[ -n "$bearer" ] || fail "redeem over HTTP gave no bearer"
for action in Allergy Condition Address Telecom; do
  api -o "$out/$action.json" -w '%{http_code}\n' "$SANDBOX_URL/api/WebApp?Action=$action" -H "Authorization: Bearer $bearer" -d "{\"cid\":\"$cid\"}" >"$out/$action.status"
done
[ "$(cat "$out/Allergy.status")" = 200 ] || fail "Allergy with the bearer: $(cat "$out/Allergy.status")"
[ "$(cat "$out/Condition.status")" = 403 ] && grep -q '"consent_refusal":"out_of_scope"' "$out/Condition.json" || fail "Condition was not refused by the server: $(cat "$out/Condition.json")"
for action in Address Telecom; do
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["result"] in ([], None, {}), d' "$out/$action.json" || fail "$action leaked under a consent"
done
api -o /dev/null -w '%{http_code}' "$SANDBOX_URL/api/WebApp?Action=Allergy" -H "Authorization: Bearer $bearer" -d "{\"cid\":\"$other\"}" | grep -qE "401|403" || fail "the bearer read another citizen"
# The refused --kind fetch and that HTTP redemption were uses 3 and 4: now used up.
expect_refused "used as many times" "$code" --cid "$cid" --unit 10699
# A valid code with another citizen's ID.
code2=$(PHR_LANG=en phr share create --kinds vitals --expires 1h --json | field 'd["code"]')
expect_refused "not valid for this citizen" "$code2" --cid "$other" --unit 10870
# Revoke: the clinic is refused at once.
clinic_fetch "$code2" --cid "$cid" --unit 13817 >/dev/null 2>&1 || fail "a fresh code was refused"
set +e; phr share revoke "${code2:0:4}-…" >/dev/null 2>"$out/hint.err"; st=$?; set -e
[ "$st" = 64 ] && grep -q "share list --codes" "$out/hint.err" || fail "revoke by the listed hint: exit $st, $(cat "$out/hint.err")"
grep -q "Revoked" <<<"$(phr share revoke "$code2")" || fail "share revoke"
grep -q "already revoked" <<<"$(PHR_LANG=en phr share revoke "$code2")" || fail "revoking twice says Revoked twice"
expect_refused "revoked" "$code2" --cid "$cid" --unit 13817
# Brute force from one unit: 5 wrong codes (valid check symbol) lock the unit, even for a right code.
code3=$(PHR_LANG=en phr share create --kinds vitals --expires 1h --json | field 'd["code"]')
python3 - "$cid" "$code3" <<'PY' >"$out/guesses"
import secrets, sys
alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
def double(v):  # x·v in GF(32) mod x^5 + x^2 + 1
    v <<= 1
    return v ^ 0b100101 if v & 0b100000 else v
def check(body):  # the Damm check symbol of docs/sharing.md
    interim = 0
    for ch in body:
        interim = double(interim) ^ alphabet.index(ch)
    return alphabet[double(interim)]
real = sys.argv[2].replace("-", "")
n = 0
while n < 5:
    body = "".join(secrets.choice(alphabet) for _ in range(11))
    if body + check(body) != real:
        print(body + check(body)); n += 1
PY
while read -r guess; do expect_refused "not valid for this citizen" "$guess" --cid "$cid" --unit 28850; done <"$out/guesses"
expect_refused "too many wrong consent codes" "$code3" --cid "$cid" --unit 28850
clinic_fetch "$code3" --cid "$cid" --unit 10870 >/dev/null 2>&1 || fail "another unit was locked out too"
grep -q "28850.*unknown" <<<"$(PHR_LANG=en phr share log)" || fail "wrong guesses are not in the citizen's log"
# Expiry on the sandbox clock.
code4=$(PHR_LANG=en phr share create --kinds vitals --expires 30m --json | field 'd["code"]')
api "$SANDBOX_URL/sandbox/clock" -d '{"advance_seconds": 1860}' >/dev/null
expect_refused "expired" "$code4" --cid "$cid" --unit 10699

# 5. Nothing secret in the sandbox's log; no clinic session left behind.
for secret in "$code" "${code//-/}" "$code2" "$code3" "$code4" "$bearer" "$token"; do
  grep -qF -- "$secret" "$PHR_WORK/sandbox.log" && fail "the sandbox log holds a code or token"
done
ls -d "${XDG_RUNTIME_DIR:-/dev/shm}"/phr-clinic* /dev/shm/phr-clinic* /tmp/phr-clinic* 2>/dev/null && fail "a clinic session store was left behind"
# 7. The consent code off the command line: typed (or scanned) at a prompt on a terminal, or
#    --code - / --code-file as above; a code in argv still works, with a warning that `ps` and
#    the shell history show it; no code and no terminal: exit 64 before any request.
code5=$(PHR_LANG=en phr share create --kinds vitals --expires 1h --json | field 'd["code"]')
cat >"$out/prompt.steps" <<STEPS
expect Consent code \\(or scan the QR code\\):
send $code5
expect Read the record of
STEPS
set +e; PHR_LANG=en PAGER=cat python3 scripts/lib/pty-expect.py "$out/prompt.steps" -- "$PHR_BIN_DIR/phr" clinic fetch --cid "$cid" --unit 10699 --lang en >"$out/prompt.txt" 2>&1; st=$?; set -e
[ "$st" = 0 ] && grep -q "Vital signs" "$out/prompt.txt" || fail "the code typed at the prompt: exit $st, $(cat "$out/prompt.txt")"
set +e; PHR_LANG=en phr clinic fetch --cid "$cid" --code "$code5" --unit 10699 >/dev/null 2>"$out/argv.err"; st=$?; set -e
[ "$st" = 0 ] && grep -q "^phr: warning: a consent code on the command line is visible to other users (ps)" "$out/argv.err" || fail "--code CODE: exit $st, $(cat "$out/argv.err")"
set +e; PHR_LANG=en phr clinic fetch --cid "$cid" --unit 10699 </dev/null >/dev/null 2>"$out/none.err"; st=$?; set -e
[ "$st" = 64 ] && [ "$(wc -l <"$out/none.err")" = 1 ] && grep -q "no consent code" "$out/none.err" || fail "no code off a terminal: exit $st, $(cat "$out/none.err")"
echo "share: create/QR, clinic fetch + export, log, other unit, out of scope (HTTP 403), used up, wrong citizen, revoke, brute-force lockout, expiry — all refused as they should"

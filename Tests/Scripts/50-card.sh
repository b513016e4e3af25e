#!/usr/bin/env bash
# The Thai ID card over real PC/SC: pcscd with the vsmartcard virtual reader (started by
# scripts/start-test-services) and our virtual card (Tests/Fixtures/thai_id_card.py) holding a
# sandbox citizen. Checks `phr card status/read` (both GET RESPONSE forms, 61xx SELECT, photo,
# masked CID), each error with its one line and exit 9 (pcscd not running, no card, not a Thai
# card, card pulled mid-read, expired card, reader busy, no reader), and `phr login --card` (way 2:
# the card alone, no phone — nothing typed, nothing sent to the outbox) then sync; a unit client
# the service refuses ends in one line pointing at the phone OTP.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/phr-env.sh
fail() { echo "FAIL: $*" >&2; exit 1; }
[ -S /run/pcscd/pcscd.comm ] || fail "pcscd is not running (scripts/start-test-services starts it as root)"
phr_env_start
out=$PHR_WORK/out; mkdir -m 700 "$out"
source scripts/lib/virtual-card.sh
trap 'card_out; phr_env_stop' EXIT
expect_card_error() {   # expect_card_error TEXT ARGS…: `phr ARGS` exits 9 with TEXT on one line
  local text=$1 rc; shift
  set +e; phr "$@" >"$PHR_WORK/stdout" 2>"$PHR_WORK/err"; rc=$?; set -e
  [ "$rc" -eq 9 ] && grep -q -- "$text" "$PHR_WORK/err" && [ "$(wc -l <"$PHR_WORK/err")" -le 2 ] ||
    fail "phr $*: exit $rc, '$(cat "$PHR_WORK/err")' (wanted 9, '$text')"
  grep -q "Fatal error\|Stack\|\.swift:" "$PHR_WORK/err" && fail "a stack trace for phr $*"
  return 0
}

adult_json=$("$PHR_BIN_DIR/phr-sandbox" citizens --seed "$PHR_SEED" --json |
  python3 -c 'import json,sys; print(json.dumps(next(c for c in json.load(sys.stdin) if c["kind"]=="adult")))')
echo "$adult_json" >"$PHR_WORK/adult.json"
cid=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["cid"])' "$PHR_WORK/adult.json")
masked="${cid:0:1}-${cid:1:4}-XXXXX-XX-${cid:12:1}"

# Readers, no card yet.
PHR_LANG=en phr card status >"$out/status.txt"
grep -q "Virtual PCD 00 00" "$out/status.txt" && grep -q "empty" "$out/status.txt" || fail "card status: $(cat "$out/status.txt")"
expect_card_error "no card in the reader" card read
PCSCLITE_CSOCK_NAME=$PHR_WORK/no-pcscd.comm expect_card_error "pcscd) is not running" card status

# A sandbox citizen's card, newer ATR: every field, masked CID, photo (JPEG, 0600).
card_in --citizen-json "$PHR_WORK/adult.json"
PHR_LANG=en phr card read --photo "$out/photo.jpg" >"$out/read.txt"
name_th=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["card"]["name_th"].split("#"); print(c[0]+c[1])' "$PHR_WORK/adult.json")
grep -q "$masked" "$out/read.txt" && ! grep -q "$cid" "$out/read.txt" || fail "the CID is not masked: $(cat "$out/read.txt")"
grep -q "$name_th" "$out/read.txt" && grep -q "Expires" "$out/read.txt" && grep -q "จังหวัดสระแก้ว" "$out/read.txt" || fail "card read: $(cat "$out/read.txt")"
[ "$(head -c 2 "$out/photo.jpg" | od -An -tx1 | tr -d ' ')" = ffd8 ] && [ "$(stat -c %a "$out/photo.jpg")" = 600 ] || fail "photo not a 0600 JPEG"
phr card read --json --full-cid >"$out/read.json"
python3 - "$out/read.json" "$PHR_WORK/adult.json" <<'PY'
import json, sys
card, citizen = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert card["cid"] == citizen["cid"], card["cid"]
prefix, first, middle, last = citizen["card"]["name_en"].split("#")
assert card["name_en"] == {"prefix": prefix, "first": first, "middle": middle, "last": last}, card["name_en"]
b = citizen["card"]["birth"]
assert card["birth_date"] == f"{int(b[:4]) - 543:04d}-{b[4:6]}-{b[6:]}", (card["birth_date"], b)
assert card["gender"] == ("female" if citizen["card"]["gender"] == "2" else "male")
assert card["expired"] is False and card["atr"].startswith("3B 68")
PY

# The older card generation (ATR 3B 67: GET RESPONSE with P2 = 01, strictly) and a 61xx SELECT.
card_in --citizen-json "$PHR_WORK/adult.json" --atr 3B6700005448204E494420 --select-61
grep -q "\"cid\" : \"$cid\"" <<<"$(phr card read --json --full-cid)" || fail "the 3B 67 card was not read"

# Another program holds the card exclusively: reader busy.
/usr/bin/python3 - "$PHR_WORK/held" <<'PY' &
import sys, time
from smartcard.System import readers
from smartcard.scard import SCARD_SHARE_EXCLUSIVE
c = readers()[0].createConnection()
c.connect(mode=SCARD_SHARE_EXCLUSIVE)
open(sys.argv[1], "w").close()
time.sleep(4)
PY
holder=$!
for _ in $(seq 1 50); do [ -f "$PHR_WORK/held" ] && break; sleep 0.1; done
expect_card_error "in use by another program" card read
wait "$holder"

# Errors: not a Thai ID card, card pulled mid-read, expired card (read shows it; login refuses).
card_in --not-thai --atr 3B8F8001804F0CA000000306030001000000006A
expect_card_error "not a Thai national ID card" card read
card_in --citizen-json "$PHR_WORK/adult.json" --remove-after 6
expect_card_error "removed while it was being read" card read
card_in --citizen-json "$PHR_WORK/adult.json" --expiry 25650101
grep -q "expired" <<<"$(PHR_LANG=en phr card read)" || fail "an expired card is not marked"
phr init >/dev/null
expect_card_error "expired on 01/01/2565" login --card

# phr login --card = way 2: the CID from the card, the OTP from GetPHROTP. Nothing is typed
# (stdin is /dev/null) and nothing reaches the citizen's phone (the outbox stays empty and the
# sandbox never logs an OTP sent to an app).
card_in --citizen-json "$PHR_WORK/adult.json"
PHR_LANG=en phr login --card </dev/null 2>"$out/login.err" || fail "login --card: $(cat "$out/login.err")"
grep -q "ID card: .* ($masked)" "$out/login.err" || fail "login --card did not greet the card holder: $(cat "$out/login.err")"
[ -z "$(outbox_otp "$cid")" ] || fail "the card login sent an OTP to the phone"
if grep -q "otp=" "$PHR_WORK/sandbox.log"; then fail "the sandbox sent an OTP to a phone during the card login"; fi
grep -q "card for $masked" <<<"$(PHR_LANG=en phr status)" || fail "phr status does not show the card login: $(PHR_LANG=en phr status)"
phr sync --quiet >/dev/null

# A unit client the service refuses (wrong secret): one line, exit 7, the way out is the phone OTP.
printf 'not-the-secret\n' >"$PHR_WORK/card-secret"; chmod 600 "$PHR_WORK/card-secret"
cp "$XDG_CONFIG_HOME/phr/config.toml" "$PHR_WORK/config.good"
echo "card_client_secret_file = \"$PHR_WORK/card-secret\"" >>"$XDG_CONFIG_HOME/phr/config.toml"
set +e; PHR_LANG=en phr login --card </dev/null 2>"$out/refused.err"; rc=$?; set -e
[ "$rc" -eq 7 ] && grep -q "card login (way 2) was refused" "$out/refused.err" && grep -q "phr login --cid" "$out/refused.err" &&
  [ "$(grep -c . "$out/refused.err")" -eq 2 ] || fail "refused card login: exit $rc, $(cat "$out/refused.err")"
cp "$PHR_WORK/config.good" "$XDG_CONFIG_HOME/phr/config.toml"
card_out
expect_card_error "no card in the reader" login --card

# No reader at all: only when this test may restart pcscd (it started it).
if [ -f "${PHR_SERVICES_DIR:-/tmp/phr-test-services}/pcscd.pid" ]; then
  kill "$(cat "${PHR_SERVICES_DIR:-/tmp/phr-test-services}/pcscd.pid")"; rm -f "${PHR_SERVICES_DIR:-/tmp/phr-test-services}/pcscd.pid"
  for _ in $(seq 1 100); do pgrep -x pcscd >/dev/null || break; sleep 0.1; done
  : >"$PHR_WORK/empty-reader.conf"
  pcscd --foreground -c "$PHR_WORK/empty-reader.conf" >"$PHR_WORK/pcscd-empty.log" 2>&1 & empty_pcscd=$!
  for _ in $(seq 1 50); do [ -S /run/pcscd/pcscd.comm ] && break; sleep 0.1; done
  set +e; expect_card_error "no smart-card reader is connected" card status; rc=$?; set -e
  kill "$empty_pcscd"; wait "$empty_pcscd" 2>/dev/null || true
  for _ in $(seq 1 100); do pgrep -x pcscd >/dev/null || break; sleep 0.1; done
  scripts/start-test-services >/dev/null
  [ -f "${PHR_SERVICES_DIR:-/tmp/phr-test-services}/pcscd.pid" ] || fail "pcscd was not restarted"
  [ "$rc" -eq 0 ] || exit 1
fi
echo "card: status, read (two ATR forms, 61xx SELECT, photo), pcscd down, no reader, no card, reader busy, not Thai, pulled mid-read, expired, login --card (way 2, no phone) → sync, refused card client"

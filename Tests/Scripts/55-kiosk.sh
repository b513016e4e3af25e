#!/usr/bin/env bash
# phr kiosk driven like a citizen at an 80×24 terminal (tm send-keys), with real pcscd, the
# virtual Thai ID card and the sandbox: insert card → card login (way 2: no phone, nothing typed)
# → sync → summary, a kind, print, USB export, consent code → done; then a visit wiped by pulling
# the card, one wiped by the inactivity timeout, one cancelled with Ctrl-C, one killed with
# kill -9 (ciphertext only, swept at the next start). After each: the screen is back at "insert
# card" and no session directory is left. Until then no OTP ever went to the citizen's phone.
# Last, a unit whose card login the service refuses: the kiosk offers the phone OTP instead.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/phr-env.sh
fail() {
  echo "FAIL: $*" >&2
  [ -n "${TMUX_SESSION:-}" ] && tm capture-pane -p -t "$TMUX_SESSION" | grep -v '^$' >&2
  [ -s "${PHR_WORK:-/nonexistent}/kiosk.err" ] && tail -n 5 "$PHR_WORK/kiosk.err" >&2
  [ -s "${PHR_WORK:-/nonexistent}/card.log" ] && tail -n 3 "$PHR_WORK/card.log" >&2
  exit 1
}
[ -S /run/pcscd/pcscd.comm ] || fail "pcscd is not running (scripts/start-test-services starts it as root)"
command -v tmux >/dev/null || fail "tmux is not installed (scripts/install-deps)"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
phr_env_start
export PHR_EPHEMERAL_DIR=$PHR_WORK/shm; mkdir -m 700 "$PHR_EPHEMERAL_DIR"
mkdir -m 700 "$PHR_WORK/usb"
TMUX_SESSION=phr-kiosk-test-$$
TMUX_SERVER=$TMUX_SESSION-0
tm() { tmux -L "$TMUX_SERVER" "$@"; }   # a private tmux server (a new one per kiosk start)
source scripts/lib/virtual-card.sh
cleanup() {
  tm kill-server 2>/dev/null || true
  pkill -KILL -f "^$PHR_BIN_DIR/phr kiosk --config $PHR_WORK/" 2>/dev/null || true
  card_out; phr_env_stop
}
trap cleanup EXIT
screen() { tm capture-pane -p -t "$TMUX_SESSION"; }
wait_for() {   # wait_for TEXT [SECONDS]
  local i
  for i in $(seq 1 $(( ${2:-15} * 10 ))); do screen | grep -q -- "$1" && return 0; sleep 0.1; done
  fail "the kiosk screen never showed '$1'"
}
no_session_left() {
  [ -z "$(ls -A "$PHR_EPHEMERAL_DIR")" ] || fail "session files left after $1: $(ls -A "$PHR_EPHEMERAL_DIR")"
}
# to_menu: insert the adult's card and wait for the menu (the card alone logs in).
to_menu() {
  card_in --citizen-json "$PHR_WORK/adult.json"
  wait_for "เลือก:" 60
}
# otp_for CID [PREVIOUS]: the OTP on the citizen's phone (the fallback only).
otp_for() { for _ in $(seq 1 100); do otp=$(outbox_otp "$1"); [ -n "$otp" ] && [ "$otp" != "${2:-}" ] && { echo "$otp"; return; }; sleep 0.1; done; }

adult=$("$PHR_BIN_DIR/phr-sandbox" citizens --seed "$PHR_SEED" --json |
  python3 -c 'import json,sys; print(json.dumps(next(c for c in json.load(sys.stdin) if c["kind"]=="adult")))')
echo "$adult" >"$PHR_WORK/adult.json"
cid=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["cid"])' "$PHR_WORK/adult.json")
masked="${cid:0:1}-${cid:1:4}-XXXXX-XX-${cid:12:1}"
printf '#!/bin/sh\ncp "$1" %s/printed.pdf\n' "$PHR_WORK" >"$PHR_WORK/print.sh"; chmod 700 "$PHR_WORK/print.sh"
grep -v '^hospital_code' "$XDG_CONFIG_HOME/phr/config.toml" >"$PHR_WORK/kiosk.toml"
cat >>"$PHR_WORK/kiosk.toml" <<EOF
hospital_code = "10699"
timeout_seconds = 8
printer_command = "$PHR_WORK/print.sh"
export_dir = "$PHR_WORK/usb"
reader = "Virtual PCD 00 00"
EOF

start_kiosk() {   # start_kiosk [CONFIG]: a fresh 80×24 terminal running the kiosk
  tm kill-server 2>/dev/null || true
  TMUX_SERVER=$TMUX_SESSION-$((${TMUX_SERVER##*-} + 1))
  tm -u new-session -d -s "$TMUX_SESSION" -x 80 -y 24 \
    "env PHR_EPHEMERAL_DIR=$PHR_EPHEMERAL_DIR $PHR_BIN_DIR/phr kiosk --config ${1:-$PHR_WORK/kiosk.toml} 2>>$PHR_WORK/kiosk.err; echo KIOSK-EXITED \$?; sleep 30"
  wait_for "กรุณาเสียบบัตรประจำตัวประชาชน"
}
start_kiosk

# 1. A whole visit: the card alone logs in (way 2), straight to the menu.
card_in --citizen-json "$PHR_WORK/adult.json"
wait_for "เลือก:" 60
screen | grep -q "$masked" || fail "no greeting with the masked CID"
screen | grep -q "$cid" && fail "the full CID is on the screen"
screen | grep -q "เหลือ [0-9]* วินาที" || fail "no visible countdown"
tm send-keys -t "$TMUX_SESSION" 1 Enter
wait_for "PENICILLIN"
tm send-keys -t "$TMUX_SESSION" Enter
wait_for "เลือก:"
tm send-keys -t "$TMUX_SESSION" 2 Enter
wait_for "สัญญาณชีพ ("
wait_for "หน้าถัดไป (1/"
tm send-keys -t "$TMUX_SESSION" Enter; wait_for "หน้าถัดไป (2/"
tm send-keys -t "$TMUX_SESSION" q Enter; wait_for "เลือก:"
tm send-keys -t "$TMUX_SESSION" p Enter; wait_for "ส่งไปพิมพ์แล้ว" 30
[ "$(head -c 4 "$PHR_WORK/printed.pdf")" = "%PDF" ] || fail "the printer got no PDF"
tm send-keys -t "$TMUX_SESSION" Enter; wait_for "เลือก:"
tm send-keys -t "$TMUX_SESSION" e Enter; wait_for "บันทึกลง USB แล้ว" 30
name_th=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["name_th"])' "$PHR_WORK/adult.json")
pdftotext -raw "$PHR_WORK"/usb/phr-record-*.pdf "$PHR_WORK/usb.txt"
grep -q "$name_th" "$PHR_WORK/usb.txt" && grep -q "PENICILLIN" "$PHR_WORK/usb.txt" || fail "the USB PDF lacks the citizen's record"
tm send-keys -t "$TMUX_SESSION" Enter; wait_for "เลือก:"
tm send-keys -t "$TMUX_SESSION" s Enter; wait_for "รหัสยินยอมสำหรับหน่วยบริการ 10699"
code=$(screen | sed -n 's/.*10699:  \([0-9A-Z]\{4\}-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}\).*/\1/p' | head -n1)
[ -n "$code" ] || fail "no consent code on the screen"
tm send-keys -t "$TMUX_SESSION" Enter; wait_for "เลือก:"
ls "$PHR_EPHEMERAL_DIR" | grep -q '^phr-kiosk-' || fail "the visit's store is not in the ephemeral directory"
tm send-keys -t "$TMUX_SESSION" q Enter
wait_for "กรุณารับบัตรคืน"
no_session_left "done"
card_out
wait_for "กรุณาเสียบบัตรประจำตัวประชาชน"
phr clinic fetch --cid "$cid" --code "$code" --unit 10699 >/dev/null 2>&1 || fail "the kiosk's consent code does not work for the unit"

# 2. Card pulled at the menu: wiped, back to "insert card".
to_menu
card_out
wait_for "นำบัตรออกแล้ว ข้อมูลทั้งหมดถูกลบ"
no_session_left "card removal"
tm capture-pane -p -S - -t "$TMUX_SESSION" >"$PHR_WORK/history.txt"
grep -q -e "$masked" -e "PENICILLIN" -e "เลือก:" "$PHR_WORK/history.txt" && fail "the last citizen is still in the scrollback"
wait_for "กรุณาเสียบบัตรประจำตัวประชาชน"

# 3. Inactivity at the menu (timeout 8 s): wiped.
to_menu
wait_for "ไม่มีการใช้งาน ข้อมูลทั้งหมดถูกลบ" 15
no_session_left "timeout"
card_out
wait_for "กรุณาเสียบบัตรประจำตัวประชาชน"

# 4. Ctrl-C at the menu: cancelled and wiped; the kiosk keeps running.
to_menu
tm send-keys -t "$TMUX_SESSION" C-c
wait_for "ยกเลิกแล้ว"
no_session_left "Ctrl-C"
card_out
wait_for "กรุณาเสียบบัตรประจำตัวประชาชน"

# 5. The kiosk killed mid-visit (kill -9): what stays is ciphertext; the next start sweeps it.
to_menu
pkill -KILL -f "^$PHR_BIN_DIR/phr kiosk --config $PHR_WORK/"
wait_for "KIOSK-EXITED 137"
[ -n "$(ls -A "$PHR_EPHEMERAL_DIR")" ] || fail "nothing left to sweep after kill -9 (the test would prove nothing)"
if grep -r -a -q -e "PENICILLIN" -e "$cid" "$PHR_EPHEMERAL_DIR"; then fail "plaintext health data left after kill -9"; fi
card_out
start_kiosk
no_session_left "a restart after kill -9"

# 6. An expired card is refused.
card_in --citizen-json "$PHR_WORK/adult.json" --expiry 25650101
wait_for "หมดอายุ"
card_out
wait_for "กรุณาเสียบบัตรประจำตัวประชาชน"

# Six visits and not one OTP sent to the citizen's phone: the outbox is empty and the sandbox
# never logged an OTP pushed to an app.
[ -z "$(outbox_otp "$cid")" ] || fail "the kiosk's card login sent an OTP to the phone"
if grep -q "otp=" "$PHR_WORK/sandbox.log"; then fail "the sandbox pushed an OTP to a phone during a kiosk visit"; fi

# 7. A unit whose card login the service refuses (its client secret is wrong): the kiosk offers
# the OTP sent to the หมอพร้อม app instead, and the visit goes on with it.
mkdir -m 700 "$PHR_WORK/fallback"
printf 'not-the-secret\n' >"$PHR_WORK/fallback/card-secret"; chmod 600 "$PHR_WORK/fallback/card-secret"
{ cat "$PHR_WORK/kiosk.toml"; echo "card_client_secret_file = \"$PHR_WORK/fallback/card-secret\""; } >"$PHR_WORK/fallback/kiosk.toml"
pkill -TERM -f "^$PHR_BIN_DIR/phr kiosk --config $PHR_WORK/"
wait_for "KIOSK-EXITED 0"
start_kiosk "$PHR_WORK/fallback/kiosk.toml"
prev=$(outbox_otp "$cid")
card_in --citizen-json "$PHR_WORK/adult.json"
wait_for "ระบบ PHR ไม่รับการเข้าสู่ระบบด้วยบัตร" 30
tm send-keys -t "$TMUX_SESSION" Enter
wait_for "รหัส OTP:"
tm send-keys -t "$TMUX_SESSION" "$(otp_for "$cid" "$prev")" Enter
wait_for "เลือก:" 60
tm send-keys -t "$TMUX_SESSION" q Enter
wait_for "กรุณารับบัตรคืน"
no_session_left "the phone-OTP visit"
card_out
wait_for "กรุณาเสียบบัตรประจำตัวประชาชน"

# SIGTERM stops the kiosk cleanly.
pkill -TERM -f "^$PHR_BIN_DIR/phr kiosk --config $PHR_WORK/"
wait_for "KIOSK-EXITED 0"
no_session_left "SIGTERM"
[ ! -s "$PHR_WORK/kiosk.err" ] || fail "the kiosk wrote to stderr (it would show on the kiosk screen): $(head -c 300 "$PHR_WORK/kiosk.err")"
echo "kiosk: card login without the phone; visit (summary, paged kind, print, USB, consent code), wipe on card removal (screen + scrollback), timeout, Ctrl-C, kill -9 (swept at restart); expired card refused; phone OTP when the card login is refused; SIGTERM"

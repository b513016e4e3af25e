#!/usr/bin/env bash
# Thai throughout, end to end with the built binaries: in Thai mode (PHR_LANG=th, or --lang th
# whatever the locale says) the errors for a bad citizen ID, a bad --since, an unknown view or
# kind, a wrong passphrase and an OTP lockout (with its duration), option and passphrase-file
# errors, the passphrase prompts on a terminal, the sync report's kind names, the lock/unlock lines and
# `phr status` are Thai; status labels line up by display width (measured here by Python's
# unicodedata: Thai marks take no column). English mode stays English.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/phr-env.sh
phr_env_start
fail() { echo "FAIL: $*" >&2; exit 1; }
err=$PHR_WORK/err
has_thai() { LC_ALL=C.UTF-8 grep -qP '[\x{0E01}-\x{0E5B}]' "$@"; }

# expect CODE WHAT PHRASE-NOT-ALLOWED -- ARGS…: phr ARGS exits CODE with one Thai line on stderr.
expect() {
  local code=$1 what=$2 english=$3 rc; shift 4
  set +e; phr "$@" </dev/null >/dev/null 2>"$err"; rc=$?; set -e
  [ "$rc" -eq "$code" ] || fail "$what: exit $rc, not $code: $(cat "$err")"
  [ "$(wc -l <"$err")" -eq 1 ] || fail "$what: not one line: $(cat "$err")"
  has_thai "$err" || fail "$what: no Thai: $(cat "$err")"
  if grep -qi -- "$english" "$err"; then fail "$what: English left in Thai mode: $(cat "$err")"; fi
}

export PHR_LANG=th
phr init >/dev/null
cid=$(sandbox_cid adult)
bad_cid="${cid:0:12}$(( (${cid:12:1} + 1) % 10 ))"
expect 64 "bad check digit" "not a valid" -- login --cid "$bad_cid"
expect 64 "short CID" "this one has" -- clinic fetch --cid 12345 --code 7KQ2-M9XD-4HTB --unit 10699
expect 64 "bad --since" "use 1y" -- show vitals --since yesterday
expect 64 "unknown view" "unknown view" -- show vitalz
expect 64 "unknown kind (sync)" "unknown kind" -- sync --kind foo
expect 64 "unknown kind (export)" "comma-separated" -- export --format csv --kind foo -o "$PHR_WORK/csv"
expect 64 "unknown command" "unknown command" -- shwo
expect 64 "export without -o" "is needed" -- export --format json
expect 64 "--pulse without bp" "goes with" -- measure add weight 70 --pulse 60
expect 64 "bad visit id" "not a visit id" -- report-visit nonsense --reason "not mine"
echo "not the passphrase" > "$PHR_WORK/wrong"
PHR_PASSPHRASE_FILE=$PHR_WORK/wrong expect 4 "wrong passphrase" "wrong passphrase" -- show
# --lang th wins over an English locale, for usage errors too.
PHR_LANG= LANG=C.UTF-8 expect 64 "--lang th, English locale" "use 1y" -- show vitals --since yesterday --lang th

expect 64 "--uses out of range" "must be" -- share create --kinds vitals --uses 0
# A measurement file's bad rows are named by line, in Thai (a field rule and a refused value).
printf 'time,kind,value\n2025-05-01 07:30,bp,135/85\n2025-05-01 07:31,pressure,1\n2025-05-01 07:32,bp,300/20\n' > "$PHR_WORK/home.csv"
set +e; phr measure import "$PHR_WORK/home.csv" </dev/null >/dev/null 2>"$err"; rc=$?; set -e
[ "$rc" -eq 64 ] || fail "bad CSV: exit $rc: $(cat "$err")"
grep -q "บรรทัด 3: kind ต้องเป็น" "$err" && grep -q "บรรทัด 4: ค่า" "$err" || fail "bad CSV rows not in Thai: $(cat "$err")"
if grep -qi -e " line " -e "must be" -e "measure again" "$err"; then fail "bad CSV: English left in Thai mode: $(cat "$err")"; fi
dbcheck=$(phr db check 2>&1) && grep -q "ตรวจความสมบูรณ์ผ่าน" <<<"$dbcheck" || fail "db check is not Thai: $dbcheck"
expect 64 "bad unit code" "exactly 5 digits" -- share create --kinds vitals --for 1069
PHR_PASSPHRASE_FILE=$PHR_WORK/no-such-file expect 64 "unreadable passphrase file" "cannot read" -- show

# The passphrase prompts on a real terminal (scripts/lib/pty-expect.py): a new store's prompts,
# the empty and differing retries, the strength note, then a wrong passphrase asked again.
pty_home=$PHR_WORK/pty-home
pass="correct horse battery staple"
cat >"$PHR_WORK/init-th.steps" <<STEPS
expect รหัสผ่านใหม่:
send
expect รหัสผ่านว่างเปล่า กรุณาลองใหม่
expect รหัสผ่านใหม่:
send short
expect (?s)หมายเหตุ.*พิมพ์รหัสผ่านใหม่อีกครั้ง:
send shorter
expect รหัสผ่านสองครั้งไม่ตรงกัน กรุณาลองใหม่
expect รหัสผ่านใหม่:
send $pass
expect พิมพ์รหัสผ่านใหม่อีกครั้ง:
send $pass
expect สร้างที่เก็บข้อมูลแบบเข้ารหัส
STEPS
cat >"$PHR_WORK/wrong-th.steps" <<STEPS
expect รหัสผ่านของที่เก็บข้อมูล phr:
send not it
expect รหัสผ่านไม่ถูกต้อง กรุณาลองใหม่ \(เหลือ 2 ครั้ง\)
expect รหัสผ่านของที่เก็บข้อมูล phr:
send nor this
expect เหลือ 1 ครั้ง
expect รหัสผ่านของที่เก็บข้อมูล phr:
send still not
STEPS
for step in init wrong; do
  set +e
  PHR_HOME=$pty_home PHR_PASSPHRASE_FILE= python3 scripts/lib/pty-expect.py "$PHR_WORK/$step-th.steps" -- \
    "$PHR_BIN_DIR/phr" "$([ $step = init ] && echo init || echo show)" >"$PHR_WORK/$step-th.txt" 2>&1
  rc=$?; set -e
  [ "$rc" -eq "$([ $step = init ] && echo 0 || echo 4)" ] || fail "$step prompts: exit $rc: $(cat -v "$PHR_WORK/$step-th.txt")"
  if grep -qi "passphrase\|try again\|repeat it\|created the" "$PHR_WORK/$step-th.txt"; then fail "$step prompts: English left: $(cat "$PHR_WORK/$step-th.txt")"; fi
done

phr_login "$cid" 2>/dev/null
# The sync report names the kinds as the views title them.
phr sync --quiet >"$PHR_WORK/sync"
grep -q "^สัญญาณชีพ " "$PHR_WORK/sync" && grep -q "^ผลตรวจทางห้องปฏิบัติการ " "$PHR_WORK/sync" || fail "sync report kinds not Thai: $(cat "$PHR_WORK/sync")"
if grep -q "^\(vitals\|labs\|meds\) " "$PHR_WORK/sync"; then fail "English kind names in the Thai sync report: $(cat "$PHR_WORK/sync")"; fi
phr status > "$PHR_WORK/status"
python3 - "$PHR_WORK/status" <<'PY'
import re, sys, unicodedata
def columns(s):
    return sum(0 if unicodedata.category(c) in ("Mn", "Me", "Cf") else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
labelled = [l for l in lines[:-1] if re.match(r"^\S[^:]*:", l)]
assert len(labelled) >= 6, lines
for l in labelled:
    label = l.split(":", 1)[0]
    assert re.search("[\u0e01-\u0e5b]", label), f"status label not Thai: {l!r}"
starts = set()
for l in lines[:-1]:
    rest = l.split(":", 1)[1] if re.match(r"^\S[^:]*:", l) else l
    pad = len(rest) - len(rest.lstrip(" "))
    starts.add(columns(l) - columns(rest) + pad)
assert len(starts) == 1, f"status values start at columns {sorted(starts)}: {lines}"
assert re.search("[\u0e01-\u0e5b]", lines[-1]) and "vitals" not in lines[-1], f"kind names not Thai: {lines[-1]!r}"
for english in ["valid until", "encrypted", "never"]:
    assert english not in "\n".join(lines), f"English {english!r} in Thai status"
PY
phr unlock --minutes 1 </dev/null 2>"$err" >/dev/null || true
if has_thai "$err" && ! grep -qi "stays unlocked\|keyring is not" "$err"; then :; else fail "unlock not Thai: $(cat "$err")"; fi
phr lock 2>"$err"
has_thai "$err" && ! grep -qi "locked:\|nothing was" "$err" || fail "lock not Thai: $(cat "$err")"

# Five wrong OTPs lock the login; the sixth try is told, in Thai, for how long.
for i in 1 2 3 4 5; do echo ZZ000000 | phr login --cid "$cid" >/dev/null 2>&1 || true; done
set +e; echo ZZ000000 | phr login --cid "$cid" >/dev/null 2>"$err"; rc=$?; set -e
[ "$rc" -eq 7 ] || fail "lockout: exit $rc: $(cat "$err")"
grep -q "[0-9]\+ นาที" "$err" || fail "the Thai lockout message drops the duration: $(cat "$err")"

# English mode stays English.
set +e; PHR_LANG=en phr show vitals --since yesterday 2>"$err"; set -e
grep -q "use 1y" "$err" && ! has_thai "$err" || fail "English mode: $(cat "$err")"
echo "Thai messages: 16 errors, passphrase prompts on a terminal, the sync report, lock/unlock, lockout with its duration and status are Thai; status aligned"

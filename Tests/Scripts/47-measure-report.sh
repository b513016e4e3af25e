#!/usr/bin/env bash
# Home readings and wrong-visit reports end to end with the built binaries.
# 1. `phr measure add` saves, then sends to SelfObservation: the sandbox holds it once.
# 2. An implausible BP (300/20) is refused with a clear line (exit 64) and saves nothing, unless
#    --force; `phr measure import` names bad CSV rows by line and imports all or nothing. The BP
#    chart draws the home reading as h (the legend says so), the summary's Latest BP says "home".
# 3. A reading made while the sandbox is down is kept in the store's outbox; `phr measure list`
#    marks it not sent.
# 4. A `phr measure add` killed with -9 after the reading is committed and before the send got an
#    answer (the Account Center "hangs") loses nothing.
# 5. The sandbox comes back on the same ports and state: `phr sync` sends the outbox first, and
#    the sandbox holds every value exactly once; another `phr measure send` sends nothing.
# 6. `phr report-visit`: ADD (confirmation required without a terminal), LIST, the ⚑ mark on the
#    visit row, DELETE; the counts agree with the sandbox's.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/phr-env.sh
phr_env_start
export PHR_LANG=en
fail() { echo "FAIL: $*" >&2; exit 1; }
out=$PHR_WORK/out; mkdir -m 700 "$out"
# held CID: the sandbox's own rows for CID, by observation_ref_code (read from sandbox.sqlite).
held() {
  python3 - "$PHR_WORK/sandbox/sandbox.sqlite" "$1" <<'PY'
import sqlite3, sys, collections
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT refCode FROM self_observation WHERE cid = ?", (sys.argv[2],)).fetchall()
print(len(rows), len(set(r[0] for r in rows)))
PY
}
pending() { phr measure list --json | python3 -c 'import json,sys; print(sum(1 for r in json.load(sys.stdin) if r["source"] == "home" and not r["sent"]))'; }

phr init >/dev/null
cid=$(sandbox_cid adult)
phr_login "$cid" 2>/dev/null
phr sync -q >/dev/null

# 1. Saved and sent at once: three values (systolic, diastolic, pulse) of one reading.
phr measure add bp 135/85 --pulse 72 --device "Omron HEM-7120" >"$out/add1.txt" 2>"$out/add1.err"
grep -q "sent 3 home value" "$out/add1.err" || fail "bp not sent: $(cat "$out/add1.err")"
[ "$(held "$cid")" = "3 3" ] || fail "the sandbox holds $(held "$cid") rows after one BP reading (wanted 3 distinct)"

# 2. Plausibility: refused, nothing saved; --force saves it.
set +e; phr measure add bp 300/20 >/dev/null 2>"$out/implausible.err"; rc=$?; set -e
[ "$rc" -eq 64 ] && grep -q -- "--force" "$out/implausible.err" || fail "300/20: exit $rc, $(cat "$out/implausible.err")"
set +e; phr measure add spo2 104 --force >/dev/null 2>"$out/impossible.err"; rc=$?; set -e
[ "$rc" -eq 64 ] && grep -q "cannot be a real reading" "$out/impossible.err" || fail "SpO2 104 --force: exit $rc"
[ "$(held "$cid")" = "3 3" ] || fail "a refused reading reached the sandbox"

# 2b. CSV import: a bad row is named by its line and nothing is imported; the fixed file imports
#     each reading once, and importing it again adds nothing.
two_hours_ago=$(TZ=Asia/Bangkok date -d '-2 hours' '+%Y-%m-%d %H:%M')
printf 'time,kind,value,pulse,fasting,device\n%s,bp,128/82,70,,Omron\n%s,weight,abc,,,\n' "$two_hours_ago" "$two_hours_ago" >"$out/readings.csv"
set +e; phr measure import "$out/readings.csv" >/dev/null 2>"$out/import.err"; rc=$?; set -e
[ "$rc" -eq 64 ] && grep -q "line 3" "$out/import.err" && grep -q "nothing was imported" "$out/import.err" || fail "bad CSV: exit $rc, $(cat "$out/import.err")"
[ "$(held "$cid")" = "3 3" ] || fail "a refused import reached the sandbox"
sed -i 's/,weight,abc,/,weight,68.5,/' "$out/readings.csv"
phr measure import "$out/readings.csv" 2>/dev/null | grep -q "imported 2 reading(s); 0 already stored" || fail "CSV import"
phr measure import "$out/readings.csv" 2>/dev/null | grep -q "imported 0 reading(s); 2 already stored" || fail "CSV re-import added readings"
[ "$(held "$cid")" = "7 7" ] || fail "the sandbox holds $(held "$cid") rows after the import (wanted 7)"

# 3. The sandbox goes down; a reading is saved and waits.
ports=$(python3 -c 'import sys,urllib.parse as u; print(" ".join(str(u.urlsplit(x).port) for x in sys.argv[1:]))' \
  "$SANDBOX_URL" "$SANDBOX_ACCOUNT_URL" "$SANDBOX_HEALTHID_URL")
read -r p_phr p_account p_healthid <<<"$ports"
kill "$SANDBOX_PID"; wait "$SANDBOX_PID" 2>/dev/null || true; SANDBOX_PID=
phr measure add glucose 126 --fasting --at "$(TZ=Asia/Bangkok date -d '-1 hour' '+%Y-%m-%d %H:%M')" >/dev/null 2>"$out/offline.err" \
  || fail "an offline reading failed: $(cat "$out/offline.err")"
grep -q "saved, not sent yet" "$out/offline.err" || fail "offline add does not say the reading waits: $(cat "$out/offline.err")"
[ "$(pending)" = 1 ] || fail "the offline reading is not in the outbox"
PHR_LANG=en phr measure list | grep -q "home (not sent yet)" || fail "measure list does not mark the reading not sent"

# 4. kill -9 between save and send: an Account Center that accepts and never answers.
python3 - "$PHR_WORK/hang.port" "$PHR_WORK/hang.seen" <<'PY' &
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
conns = []
while True:
    c, _ = s.accept(); conns.append(c); open(sys.argv[2], "w").write("1")
PY
hang=$!
for _ in $(seq 1 100); do [ -s "$PHR_WORK/hang.port" ] && break; sleep 0.05; done
PHR_ACCOUNT_SERVER="http://127.0.0.1:$(cat "$PHR_WORK/hang.port")" phr measure add weight 68.5 >/dev/null 2>&1 &
victim=$!
for _ in $(seq 1 200); do [ -s "$PHR_WORK/hang.seen" ] && break; sleep 0.05; done
[ -s "$PHR_WORK/hang.seen" ] || fail "phr never tried to send"
kill -9 "$victim"; wait "$victim" 2>/dev/null || true
kill "$hang"; wait "$hang" 2>/dev/null || true
[ "$(pending)" = 2 ] || fail "after kill -9 the outbox holds $(pending) readings (wanted 2)"

# 5. Back on the same ports and state: sync sends the outbox first, each value once.
"$PHR_BIN_DIR/phr-sandbox" serve --port "$p_phr" --account-port "$p_account" --healthid-port "$p_healthid" \
  --data-dir "$PHR_WORK/sandbox" --seed "$PHR_SEED" >"$PHR_WORK/sandbox.out" 2>>"$PHR_WORK/sandbox.log" &
SANDBOX_PID=$!
for _ in $(seq 1 200); do [ "$(wc -l <"$PHR_WORK/sandbox.out")" -ge 4 ] && break; sleep 0.05; done
phr sync -q >/dev/null 2>"$out/sync.err" || fail "sync after the restart: $(cat "$out/sync.err")"
grep -q "sent 2 home value" "$out/sync.err" || fail "sync did not flush the outbox: $(cat "$out/sync.err")"
[ "$(pending)" = 0 ] || fail "readings still wait after sync"
[ "$(held "$cid")" = "9 9" ] || fail "the sandbox holds $(held "$cid") rows (wanted 9, each once)"
phr measure send 2>"$out/send.err" || fail "measure send with an empty outbox failed"
[ "$(held "$cid")" = "9 9" ] || fail "a second send duplicated readings"
PHR_LANG=en phr measure list >"$out/list.txt"
grep -q "135/85" "$out/list.txt" && grep -q "126 fasting" "$out/list.txt" || fail "measure list lacks the home readings"
phr measure list --json | python3 -c '
import json, sys
rows = json.load(sys.stdin)
clinic = [r for r in rows if r["source"] != "home"]
assert clinic and all(r["sent"] is None for r in clinic), "no clinic rows beside the home ones"
assert [r["taken_at"] for r in rows] == sorted((r["taken_at"] for r in rows), reverse=True), "not newest first"
' || fail "measure list --json"
# The chart and the summary name the home reading as such, beside the clinics' readings.
PHR_LANG=en phr show vitals --chart --no-color >"$out/chart.txt"
grep -q "h = your home readings ([0-9]*)" "$out/chart.txt" || fail "the BP chart does not label the home reading: $(cat "$out/chart.txt")"
grep "┤" "$out/chart.txt" | grep -q "h" || fail "the home reading is not drawn"
PHR_LANG=en phr show summary --no-color | grep "^Latest BP" | grep -q "135/85 mmHg .*home reading" \
  || fail "the summary's latest BP does not say it is a home reading"
PHR_LANG=en phr show vitals --chart --unit 10669 --no-color | grep -q "home readings" && fail "--unit drew the home readings"
PHR_LANG=en phr export --format pdf -o "$out/home.pdf" 2>/dev/null
pdftotext -raw "$out/home.pdf" - | tr -s ' \n' ' ' | grep -q "squares: your home readings" || fail "the PDF's chart does not label the home readings"

# 6. report-visit round trip.
visit=$(phr show encounters --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["records"]["encounters"][0]["ref"])')
set +e; phr report-visit "$visit" --reason "ไม่ใช่การมารับบริการของฉัน" </dev/null >/dev/null 2>"$out/noyes.err"; rc=$?; set -e
[ "$rc" -eq 64 ] && grep -q -- "--yes" "$out/noyes.err" || fail "report-visit without a terminal or --yes: exit $rc"
set +e; phr report-visit 99999:nope --reason x --yes >/dev/null 2>&1; rc=$?; set -e
[ "$rc" -eq 11 ] || fail "an unknown visit id: exit $rc (wanted 11)"
PHR_LANG=en phr report-visit "$visit" --reason "ไม่ใช่การมารับบริการของฉัน" --yes | grep -q "counts 1 of your visits" || fail "report ADD"
PHR_LANG=en phr report-visit --list >"$out/reports.txt"
grep -qF "$visit" "$out/reports.txt" && grep -q "counts 1 of your visits" "$out/reports.txt" || fail "report LIST: $(cat "$out/reports.txt")"
PHR_LANG=en phr show encounters | grep -F "$visit" | grep -q "reported" || fail "the visit row does not show the report"
python3 - "$PHR_WORK/sandbox/sandbox.sqlite" "$cid" "$visit" <<'PY'
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute("SELECT encounterRefCode, reasonText FROM encounter_report WHERE cid = ?", (sys.argv[2],)).fetchall()
assert rows == [(sys.argv[3], "ไม่ใช่การมารับบริการของฉัน")], rows
PY
PHR_LANG=en phr report-visit --undo "$visit" --yes | grep -q "counts 0 of your visits" || fail "report DELETE"
PHR_LANG=en phr show encounters | grep -F "$visit" | grep -q "reported" && fail "a withdrawn report still marks the visit"
echo "ok 47-measure-report"

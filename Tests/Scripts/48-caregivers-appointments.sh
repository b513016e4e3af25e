#!/usr/bin/env bash
# Caregivers and appointments of the seeded family, read from the service with the built binaries:
# the mother sees her two children "in your care", each child sees the mother "cares for you"
# (CareGiver mode 2 and 1); `phr profile add --from-caregiver` offers the mother a profile for
# each child, bound to that child, and refuses a second store for the same citizen. The demo
# citizen, a chronic patient, sees appointments upcoming first, soonest at the top, in Thai with
# Buddhist-Era years; `phr export --format ics` writes the same upcoming appointments as a
# calendar that the independent parser (Python icalendar, Tests/Oracle/ics_validate.py) reads:
# one event each, Asia/Bangkok, folded at 75 octets, the Thai unit name and reason round-trip,
# UIDs stable from one export to the next; the booking the sandbox cancelled is marked cancelled in
# the table and STATUS:CANCELLED (without a reminder) in the calendar, the others CONFIRMED.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/phr-env.sh
phr_env_start
fail() { echo "FAIL: $*" >&2; exit 1; }
out=$PHR_WORK/out; mkdir -m 700 "$out"
"$PHR_BIN_DIR/phr-sandbox" citizens --seed "$PHR_SEED" --json >"$out/citizens.json"
family=$(python3 -c '
import json, sys
people = json.load(open(sys.argv[1]))
kids = [p for p in people if p.get("mother_cid")]
assert len(kids) == 2 and kids[0]["mother_cid"] == kids[1]["mother_cid"], kids
print(kids[0]["mother_cid"], kids[0]["cid"], kids[1]["cid"], next(p["cid"] for p in people if p["kind"] == "adult"))
' "$out/citizens.json")
read -r mother child infant adult <<<"$family"

phr init >/dev/null
phr_login "$mother" 2>/dev/null >/dev/null
PHR_LANG=en phr show caregivers --full-cid >"$out/mother.txt"
[ "$(grep -c "in your care" "$out/mother.txt")" -eq 2 ] || fail "the mother's caregivers: $(cat "$out/mother.txt")"
for kid in "$child" "$infant"; do
  grep -q "${kid:0:1}-${kid:1:4}-${kid:5:5}-${kid:10:2}-${kid:12:1}" "$out/mother.txt" || fail "the mother's view lacks child $kid"
done
grep -q "cares for you" "$out/mother.txt" && fail "someone cares for the mother"

phr profile add kid --shared-passphrase >/dev/null
PHR_PROFILE=kid phr_login "$child" 2>/dev/null >/dev/null
PHR_LANG=en phr --profile kid show caregivers --full-cid >"$out/child.txt"
grep "cares for you" "$out/child.txt" | grep -q "${mother:0:1}-${mother:1:4}-${mother:5:5}-${mother:10:2}-${mother:12:1}" \
  || fail "the child's view does not name the mother: $(cat "$out/child.txt")"
[ "$(grep -c "cares for you\|in your care" "$out/child.txt")" -eq 1 ] || fail "the child has other relations"
PHR_LANG=en phr --profile kid show appointments | grep -q "No appointments" || fail "a child without a chronic disease has appointments"

# Profiles from the caregiver relations (the mother, in the default profile): off a terminal each
# child is listed with the command that makes their profile; one citizen per store still holds
# (the child already has "kid", which shares the passphrase), and a profile made for the infant
# belongs to the infant from the start.
PHR_LANG=en phr profile add --from-caregiver --shared-passphrase >"$out/suggest.txt"
for kid in "$child" "$infant"; do
  grep -q "profile add --from-caregiver --cid $kid --name family-[0-9] --shared-passphrase" "$out/suggest.txt" \
    || fail "no suggestion for $kid: $(cat "$out/suggest.txt")"
done
[ ! -d "$PHR_HOME/profiles/family-1" ] || fail "suggesting created a profile"
set +e
phr profile add --from-caregiver --name someone --shared-passphrase >/dev/null 2>"$out/err.txt"; rc=$?
[ $rc -eq 64 ] && grep -q "add --cid" "$out/err.txt" || fail "--name with two children in care (rc $rc): $(cat "$out/err.txt")"
phr profile add --from-caregiver --cid "$adult" --name stranger --shared-passphrase >/dev/null 2>&1; rc=$?
[ $rc -eq 11 ] || fail "a profile for someone not in the mother's care (rc $rc)"
phr profile add --from-caregiver --cid "$child" --name kid2 --shared-passphrase >/dev/null 2>"$out/err.txt"; rc=$?
[ $rc -eq 14 ] && grep -q "kid" "$out/err.txt" || fail "a second profile for the child (rc $rc): $(cat "$out/err.txt")"
set -e
PHR_LANG=en phr profile add --from-caregiver --cid "$infant" --name baby --shared-passphrase >"$out/made.txt"
grep -q "Created the profile baby" "$out/made.txt" || fail "the infant's profile: $(cat "$out/made.txt")"
set +e
PHR_PROFILE=baby phr_login "$child" >/dev/null 2>&1; rc=$?
set -e
[ $rc -eq 14 ] || fail "the infant's profile let the child log in (rc $rc)"
PHR_PROFILE=baby phr_login "$infant" >/dev/null 2>&1 || fail "the infant cannot log in to their profile"
# At a terminal (a pty from script(1)) it asks for each child; the child's "yes" is refused
# (their store is "kid") and the next one is still offered.
printf 'y\nkid3\ny\nkid3\n' | PHR_LANG=en script -qec "$PHR_BIN_DIR/phr profile add --from-caregiver --shared-passphrase" /dev/null >"$out/ask.txt" 2>&1 || true
grep -q "Make a profile for" "$out/ask.txt" && grep -q "Profile name \[family-1\]" "$out/ask.txt" || fail "no questions at a terminal: $(cat "$out/ask.txt")"
grep -q "the profile kid already holds the record" "$out/ask.txt" || fail "a second profile for the child at a terminal: $(cat "$out/ask.txt")"
[ "$(grep -c "Make a profile for" "$out/ask.txt")" -eq 2 ] || fail "the refusal ended the questions: $(cat "$out/ask.txt")"

phr profile add demo --shared-passphrase >/dev/null
PHR_PROFILE=demo phr_login "$adult" 2>/dev/null >/dev/null
PHR_LANG=en phr --profile demo show appointments >"$out/appointments.txt"
python3 - "$out/appointments.txt" <<'PY'
import re, sys, datetime
rows = [l for l in open(sys.argv[1], encoding="utf-8") if re.match(r"^\d\d/\d\d/\d{4}", l)]
assert len(rows) >= 2, rows
when = [datetime.datetime.strptime(l[:16], "%d/%m/%Y %H:%M") for l in rows]
upcoming = [w for w, l in zip(when, rows) if "(past)" not in l]
past = [w for w, l in zip(when, rows) if "(past)" in l]
assert upcoming, "no upcoming appointment"
assert rows.index(next(l for l in rows if "(past)" not in l)) == 0, "upcoming ones are not first"
assert upcoming == sorted(upcoming), "upcoming ones are not soonest first"
assert past == sorted(past, reverse=True), "past ones are not newest first"
assert all("คลินิกโรคเรื้อรัง" in l for l in rows), "clinic text lost"
# The sandbox cancels the last booking of the year (status_text "cancelled"): shown as cancelled.
cancelled = [l for l in rows if "CANCELLED" in l]
assert len(cancelled) == 1 and cancelled[0] == [l for l in rows if "(past)" not in l][-1], cancelled
PY
PHR_LANG=th phr --profile demo show appointments | grep -q "/257[0-9] " || fail "Thai appointments without Buddhist-Era years"

# The calendar: the upcoming rows of the table above, each one event at the same local time.
phr --profile demo export --format ics -o "$out/appts.ics" 2>/dev/null
[ "$(stat -c %a "$out/appts.ics")" = 600 ] || fail "the calendar is not mode 0600"
python3 Tests/Oracle/ics_validate.py "$out/appts.ics" >"$out/ics.json" || fail "the calendar does not parse as RFC 5545"
phr --profile demo export --format ics >"$out/again.ics" 2>/dev/null
python3 - "$out/appointments.txt" "$out/ics.json" "$out/again.ics" <<'PY'
import datetime, json, re, sys
import icalendar
rows = [l for l in open(sys.argv[1], encoding="utf-8") if re.match(r"^\d\d/\d\d/\d{4}", l) and "(past)" not in l]
table = sorted(datetime.datetime.strptime(l[:16], "%d/%m/%Y %H:%M").strftime("%Y-%m-%dT%H:%M") for l in rows)
ics = json.load(open(sys.argv[2], encoding="utf-8"))
assert ics["events"] == len(rows) and ics["events"] > 0, (ics["events"], len(rows))
assert sorted(e["start"] for e in ics["list"]) == table, "the calendar's times differ from the table's"
for e in ics["list"]:
    local = datetime.datetime.strptime(e["start"], "%Y-%m-%dT%H:%M")
    assert datetime.datetime.strptime(e["start_utc"], "%Y-%m-%dT%H:%MZ") == local - datetime.timedelta(hours=7), e
    assert re.search("[\u0e00-\u0e7f]", e["summary"]) and e["summary"].startswith("นัด"), e["summary"]
    # The table's cancelled row is the calendar's one CANCELLED event; the rest are CONFIRMED.
    was_cancelled = any("CANCELLED" in l and datetime.datetime.strptime(l[:16], "%d/%m/%Y %H:%M").strftime("%Y-%m-%dT%H:%M") == e["start"] for l in rows)
    assert e["status"] == ("CANCELLED" if was_cancelled else "CONFIRMED"), (e["start"], e["status"])
    assert "คลินิกโรคเรื้อรัง" in e["location"] and "เหตุผล:" in e["description"], e
again = icalendar.Calendar.from_ical(open(sys.argv[3], "rb").read())
assert sorted(str(v["UID"]) for v in again.walk("VEVENT")) == sorted(e["uid"] for e in ics["list"]), "UIDs change between exports"
PY
phr --profile demo export --format ics -o "$out/appts.ics" 2>/dev/null && fail "the calendar overwrote a file without --force"
phr --profile kid export --format ics | python3 -c '
import sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
assert not cal.walk("VEVENT"), "a child without appointments has events"' || fail "the empty calendar"
echo "ok 48-caregivers-appointments"

#!/usr/bin/env bash
# Issue 15, hazard 3 and the flags: one date rule in every view and export. The demo
# citizen's record carries the real service's date faults (years converted twice, a BE year in
# a CE field for a chronic condition); which rows are doubtful is read from the store
# (`phr show --json`), never hard-coded. No view or export prints an impossible year as a date
# — Thai and English summary and tables, the PDF (through pdftotext), the text export — and a
# doubtful date appears as sent with ⚠; CSV and JSON leave `date` empty and keep `date_text`;
# FHIR has no date outside the plausible years and quotes the date as sent in a note; rows
# sort by their plausible date. `phr show flags` lists every flagged record with the summary's
# count, its unit, visit, Action and next step; flag lines never use wire field names and say
# each problem once; the flagged counts after a re-sync are the same as after the first sync.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/phr-env.sh
phr_env_start
fail() { echo "FAIL: $*" >&2; exit 1; }
out=$PHR_WORK/out; mkdir -m 700 "$out"

phr init >/dev/null
phr_login "$(sandbox_cid adult)" 2>/dev/null
phr sync --quiet >"$out/sync1.txt"
phr show --json >"$out/whole.json"
be=$(python3 - "$out/whole.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
rows = [r for r in d["records"]["conditions"] if r["chronic"] and "be-year-in-ce-field" in r["flags"]]
assert rows, "the sandbox's demo citizen must have a chronic condition dated with a BE year in a CE field"
print(rows[0]["date_text"])
PY
)
# no_impossible_dates FILE ERA: every dd/mm/yyyy in FILE not shown as sent (after "⚠ " or in
# quotes) has a year a reader can trust: 1880 to next year, in BE or CE.
no_impossible_dates() {
  python3 - "$1" "$2" "$(date +%Y)" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
shift = 543 if sys.argv[2] == "be" else 0
top = int(sys.argv[3]) + 1 + shift
bad = [m.group(0) for m in re.finditer(r'(?<!⚠ )(?<!")\b\d{2}/\d{2}/(\d{4})\b', text)
       if not 1880 + shift <= int(m.group(1)) <= top]
assert not bad, f"{sys.argv[1]}: impossible dates shown as dates: {sorted(set(bad))[:5]}"
PY
}
# shown_as_sent FILE: the BE-in-CE date appears as sent, marked.
shown_as_sent() { tr '\n' ' ' <"$1" | grep -qF "⚠ $be" || fail "$1: the date '$be' is not shown as sent with ⚠"; }

PHR_LANG=th phr show >"$out/summary-th.txt"
phr show --lang en >"$out/summary-en.txt"
phr show conditions --lang th >"$out/conditions-th.txt"
phr show encounters --lang en >"$out/encounters-en.txt"
phr export --format text --lang th -o "$out/record-th.txt" 2>/dev/null
phr export --format pdf --lang th -o "$out/record-th.pdf" 2>/dev/null
phr export --format pdf --lang en -o "$out/record-en.pdf" 2>/dev/null
pdftotext -raw "$out/record-th.pdf" "$out/pdf-th.txt"
pdftotext -raw "$out/record-en.pdf" "$out/pdf-en.txt"
for f in summary-th conditions-th record-th pdf-th; do no_impossible_dates "$out/$f.txt" be; done
for f in summary-en encounters-en pdf-en; do no_impossible_dates "$out/$f.txt" ce; done
for f in summary-th summary-en conditions-th pdf-th pdf-en; do shown_as_sent "$out/$f.txt"; done

# CSV and JSON: `date` only when trusted; FHIR: no impossible date, the sent text in a note.
phr export --format csv -o "$out/csv" 2>/dev/null
phr export --format fhir -o "$out/ips.json" 2>/dev/null
python3 - "$out" "$be" "$(date +%Y)" <<'PY'
import csv, json, sys
out, be, year = sys.argv[1], sys.argv[2], int(sys.argv[3])
plausible = lambda s: 1880 <= int(s[:4]) <= year + 1
date_kinds = ("double-converted-year", "be-year-in-ce-field", "ce-year-in-be-field", "future-date", "sentinel-date", "unparsable-date")
flat = json.load(open(f"{out}/whole.json", encoding="utf-8"))
for kind, rows in flat["records"].items():
    with open(f"{out}/csv/{kind}.csv", encoding="utf-8", newline="") as f:
        table = list(csv.DictReader(f))
    assert len(table) == len(rows), kind
    for source in (rows, table):
        for r in source:
            if r["date"]: assert plausible(r["date"]), f"{kind}: date {r['date']} given as a date"
            if r["date_doubt"]: assert not r["date"], f"{kind}: a doubtful date {r['date_text']} is given as a date"
            if r["sort_date"]: assert plausible(r["sort_date"]), f"{kind}: {r['date_text']} sorts as {r['sort_date']}"
        sort = [r["sort_date"] for r in source if r["sort_date"]]
        assert sort == sorted(sort, reverse=True), f"{kind}: rows are not in plausible-date order"
    assert not [r for r in rows if any(k in r["flags"] for k in date_kinds) and r["date_doubt"] == "" and r["date"] is None and r["date_text"]
                and kind != "encounters"], f"{kind}: a doubtful date without its reason"
row = next(r for r in flat["records"]["conditions"] if r["chronic"] and r["date_text"] == be)
assert row["date"] is None and row["date_doubt"], row
csvrow = next(r for r in csv.DictReader(open(f"{out}/csv/conditions.csv", encoding="utf-8", newline="")) if r["key"] == row["key"])
assert csvrow["date"] == "" and csvrow["date_text"] == be and csvrow["date_doubt"], csvrow
bundle = json.load(open(f"{out}/ips.json", encoding="utf-8"))
notes = []
for e in bundle["entry"]:
    r = e["resource"]
    for key in ("recordedDate", "effectiveDateTime", "occurrenceDateTime", "birthDate"):
        if key in r: assert plausible(r[key]), f"FHIR {r['resourceType']}.{key} = {r[key]}"
    if r["resourceType"] == "Condition" and any(c["code"].replace(".", "") == row["code"].replace(".", "") for c in r["code"].get("coding", [])) and \
            r["category"][0]["coding"][0]["code"] == "problem-list-item":
        assert "recordedDate" not in r, r
        notes += [n["text"] for n in r.get("note", [])]
assert any(f'"{be}"' in n for n in notes), f"FHIR: the chronic condition's note does not quote {be}: {notes}"
PY

# Flags: listed with where they came from and what to do, counted the same everywhere.
phr show flags --json >"$out/flags.json"
phr show flags --lang en >"$out/flags-en.txt"
PHR_LANG=th phr show flags >"$out/flags-th.txt"
phr show vitals --lang en >"$out/vitals-en.txt"
PHR_LANG=th phr show vitals >"$out/vitals-th.txt"
check=$(sed -n 's/^Check *\([0-9]*\) records have doubtful data.*/\1/p' "$out/summary-en.txt")
python3 - "$out" "$check" <<'PY'
import json, sys
out, check = sys.argv[1], int(sys.argv[2])
flags = json.load(open(f"{out}/flags.json", encoding="utf-8"))["flagged"]
flat = json.load(open(f"{out}/whole.json", encoding="utf-8"))
stored = sum(1 for rows in flat["records"].values() for r in rows if r["flags"]) + (1 if flat["person"]["flags"] else 0)
assert len(flags) == stored == check, f"flags listed {len(flags)}, stored {stored}, summary says {check}"
for f in flags:
    assert f["problems"] and f["next_step"] and f["source_action"], f
    assert f["kind"] == "person" or f["visit"] or f["source_action"] in ("NCD", "Allergy", "Immunization&mode=Detail"), f"no visit id: {f}"
PY
for f in flags-en flags-th vitals-en vitals-th; do
  if grep -nE 'vital_sign_|_mmhg|period_start|recorded_datetime|first_diagnosis_date|statement_effective|finance_qty' "$out/$f.txt" | head -n3 | grep -q .; then
    fail "$f shows wire field names"
  fi
done
grep -q "numbers sent as text.*numbers sent as text" "$out/vitals-en.txt" && fail "a problem is said twice on one row"
grep -q "→ ask the health unit" "$out/flags-en.txt" && grep -q "visit [0-9]\{5\}:" "$out/flags-en.txt" || fail "flags lack the next step or the visit"
grep -q "ขอให้หน่วยบริการ" "$out/flags-th.txt" || fail "Thai flags lack the next step"

# The flagged counts are a property of the store, the same after a re-sync.
phr sync --quiet >"$out/sync2.txt"
flagged() { awk 'NR > 1 && NF == 5 { s += $5 } END { print s + 0 }' "$1"; }
[ "$(flagged "$out/sync1.txt")" -gt 0 ] && [ "$(flagged "$out/sync1.txt")" = "$(flagged "$out/sync2.txt")" ] ||
  fail "flagged after sync $(flagged "$out/sync1.txt"), after re-sync $(flagged "$out/sync2.txt")"
grep -q "^$check records have doubtful data: phr show flags" "$out/sync2.txt" || fail "the re-sync does not count $check doubtful records"
echo "one date rule: summary, tables, text, PDF (th, en), CSV, JSON, FHIR; $check flagged records listed and counted alike"

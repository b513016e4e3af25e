#!/usr/bin/env bash
# phr show / phr export end to end with the built binary: an empty store says "nothing synced
# yet" (exit 11); then the heavy citizen (~28k rows) is synced and exported in every format,
# each checked by an independent reader: FHIR by fhir.resources, JSON and CSV row counts
# against the store, the PDF by pdftotext (Thai name and conditions) and pdftoppm (every page);
# files are 0600, never overwritten without --force (exit 10); a hostile citizen's strings
# never reach the terminal raw.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/phr-env.sh
phr_env_start
fail() { echo "FAIL: $*" >&2; exit 1; }
out=$PHR_WORK/out; mkdir -m 700 "$out"

phr init >/dev/null
set +e; phr show >/dev/null 2>"$PHR_WORK/err"; rc=$?; set -e
[ "$rc" -eq 11 ] && grep -q "nothing synced yet" "$PHR_WORK/err" || fail "empty store: exit $rc, $(cat "$PHR_WORK/err")"

cid=$(sandbox_cid heavy)
phr_login "$cid" 2>/dev/null
phr sync --quiet >/dev/null
name_th=$("$PHR_BIN_DIR/phr-sandbox" citizens --seed "$PHR_SEED" --json |
  python3 -c 'import json,sys; print(next(c["name_th"] for c in json.load(sys.stdin) if c["cid"]==sys.argv[1]))' "$cid")

# Terminal views (not a TTY here: no colour, no pager).
PHR_LANG=th phr show > "$out/summary.txt"
grep -q "$name_th" "$out/summary.txt" || fail "summary lacks the Thai name $name_th"
grep -q "โรคเรื้อรัง" "$out/summary.txt" && grep -q "I10" "$out/summary.txt" || fail "summary lacks chronic conditions"
phr show vitals --lang en --limit 5 --chart > "$out/vitals.txt"
grep -q "mmHg" "$out/vitals.txt" && grep -q "140 ┤" "$out/vitals.txt" || fail "vitals table or chart missing"
phr show conditions --since 2563-01-01 --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
rows = d["records"]["conditions"]
assert rows and all(r["date"] is None or r["date"] >= "2020-01-01" for r in rows), "--since (BE) filter"
'
if phr show vitals | grep -q $'\e'; then fail "escape sequences on a non-TTY"; fi
# On a terminal (script(1) gives a pty of 80 columns): NO_COLOR set but empty keeps colour,
# as no-color.org says; a non-empty one turns it off; COLUMNS wins also when stdout is piped.
on_tty() { PAGER=cat script -qec "stty cols 80 rows 24; $1" /dev/null </dev/null; }
PHR=$PHR_BIN_DIR/phr
grep -q $'\e\[[0-9;]*m' <<<"$(on_tty "NO_COLOR= $PHR show vitals")" || fail "NO_COLOR= (empty) turned colour off"
if grep -q $'\e\[[0-9;]*m' <<<"$(on_tty "NO_COLOR=1 $PHR show vitals")"; then fail "NO_COLOR=1 left colour on"; fi
on_tty "COLUMNS=200 $PHR show vitals | cat > '$out/wide.txt'" >/dev/null
python3 -c 'import sys; sys.exit(0 if max(map(len, open(sys.argv[1], encoding="utf-8"))) > 100 else 1)' "$out/wide.txt" ||
  fail "COLUMNS=200 ignored when piped (stderr on an 80-column terminal)"

# Every export format.
phr export --format fhir -o "$out/ips.json" 2>/dev/null
python3 Tests/Oracle/fhir_validate.py "$out/ips.json" > "$out/fhir-counts.json"
phr export --format json -o "$out/flat.json" 2>/dev/null
phr export --format csv -o "$out/csv" --bom 2>/dev/null
phr export --format text -o "$out/record.txt" --lang th 2>/dev/null
phr export --format pdf -o "$out/record.pdf" --lang th 2>/dev/null
status_counts=$(phr status | tail -n1)
python3 - "$out" "$status_counts" <<'PY'
import csv, json, os, stat, sys
out, status = sys.argv[1], sys.argv[2]
stored = {k: int(v) for k, v in (p.strip().split() for p in status.split("·"))}
flat = json.load(open(f"{out}/flat.json", encoding="utf-8"))
assert flat["schema"] == "phr-export/3"
for kind, n in stored.items():
    assert len(flat["records"][kind]) == n, f"json {kind}: {len(flat['records'][kind])} != {n}"
    with open(f"{out}/csv/{kind}.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == n, f"csv {kind}: {len(rows)} != {n}"
fhir = json.load(open(f"{out}/fhir-counts.json"))
assert fhir["Condition"] == stored["conditions"] and fhir["MedicationStatement"] == stored["meds"], fhir
for path in ["ips.json", "flat.json", "record.txt", "record.pdf"] + [f"csv/{k}.csv" for k in stored]:
    mode = stat.S_IMODE(os.stat(f"{out}/{path}").st_mode)
    assert mode == 0o600, f"{path} has mode {oct(mode)}"
print(f"exports agree with the store: {sum(stored.values())} records; FHIR entries {fhir['entries']}")
PY
pdftotext -raw "$out/record.pdf" "$out/pdf.txt"
grep -q "$name_th" "$out/pdf.txt" || fail "the PDF text lacks $name_th"
grep -q "ความดันโลหิตสูง" "$out/pdf.txt" || fail "the PDF text lacks ความดันโลหิตสูง"
pages=$(pdfinfo "$out/record.pdf" | awk '/^Pages:/ { print $2 }')
pdftoppm -r 30 -png "$out/record.pdf" "$out/page"
[ "$(ls "$out"/page*.png | wc -l)" -eq "$pages" ] || fail "pdftoppm rendered fewer than $pages pages"
grep -q "$name_th" "$out/record.txt" || fail "text export lacks the name"

# Never overwrite without --force; the file stays as it was.
before=$(sha256sum "$out/ips.json")
set +e; phr export --format fhir -o "$out/ips.json" 2>"$PHR_WORK/err"; rc=$?; set -e
[ "$rc" -eq 10 ] && grep -q -- "--force" "$PHR_WORK/err" || fail "overwrite without --force: exit $rc"
[ "$before" = "$(sha256sum "$out/ips.json")" ] || fail "the refused export changed the file"
phr export --format fhir -o "$out/ips.json" --force 2>/dev/null
ls -a "$out" | grep -q '^\.ips' && fail "a temporary file was left behind"
mkdir -m 700 "$out/csv2"; echo keep > "$out/csv2/meds.csv"
set +e; phr export --format csv -o "$out/csv2" 2>/dev/null; rc=$?; set -e
[ "$rc" -eq 10 ] && [ "$(ls "$out/csv2")" = "meds.csv" ] && grep -q keep "$out/csv2/meds.csv" ||
  fail "a refused csv export wrote some kinds anyway (exit $rc: $(ls "$out/csv2"))"

# A hostile citizen (ANSI escapes, bidi overrides, control characters in every string).
phr_env_stop
phr_env_start --fault hostile
phr init >/dev/null
phr_login "$(sandbox_cid adult)" 2>/dev/null
phr sync --quiet >/dev/null 2>&1 || true   # some Actions may be refused as unreadable; the rest is stored
phr show summary --lang en > "$PHR_WORK/hostile.txt" || fail "phr show failed on hostile data"
[ -s "$PHR_WORK/hostile.txt" ] || fail "nothing shown for the hostile citizen"
for view in summary vitals conditions meds encounters; do
  if phr show "$view" --lang en 2>/dev/null | LC_ALL=C grep -q -P '\x1b|\xe2\x80\xae|\x07'; then fail "raw escape in phr show $view"; fi
done
echo "show/export: $pages PDF pages, every format checked"

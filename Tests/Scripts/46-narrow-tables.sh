#!/usr/bin/env bash
# Tables never lose data, end to end with the built binary and the adult demo citizen: at
# COLUMNS=40/60/80/120 the vitals, labs, meds and visits views keep every row's hcode (one
# "(hcode)" per row of that unit, so rows from two units never read the same), every clinical
# value whole, no "…", and no line wider than the terminal (width measured here by Python's
# unicodedata, not by phr: Thai marks take no column). The text export, whatever COLUMNS says,
# and the PDF (read back by pdftotext) name every unit of the record in full.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/phr-env.sh
phr_env_start
fail() { echo "FAIL: $*" >&2; exit 1; }
out=$PHR_WORK/out; mkdir -m 700 "$out"

phr init >/dev/null
phr_login "$(sandbox_cid adult)" 2>/dev/null
phr sync --quiet >/dev/null

for kind in vitals labs meds encounters; do
  phr show "$kind" --limit 15 --json > "$out/$kind.json"
  for width in 40 60 80 120; do
    for lang in th en; do
      COLUMNS=$width phr show "$kind" --limit 15 --lang "$lang" > "$out/$kind-$width-$lang.txt"
    done
  done
done
phr export --format json -o "$out/all.json" 2>/dev/null
COLUMNS=40 phr export --format text -o "$out/narrow.txt" 2>/dev/null
COLUMNS=200 phr export --format text -o "$out/wide.txt" --lang en 2>/dev/null
phr export --format pdf -o "$out/record.pdf" 2>/dev/null
pdftotext -raw "$out/record.pdf" "$out/pdf.txt"

python3 - "$out" <<'PY'
import json, sys, unicodedata
out = sys.argv[1]

def columns(line):
    n = 0
    for ch in line:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf") or ord(ch) < 0x20:
            continue
        n += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return n

def number(v):
    return str(int(v)) if v == int(v) else f"{v:g}"

checked = 0
for kind in ["vitals", "labs", "meds", "encounters"]:
    rows = json.load(open(f"{out}/{kind}.json", encoding="utf-8"))["records"][kind]
    assert rows, f"no {kind} rows"
    for width in [40, 60, 80, 120]:
        for lang in ["th", "en"]:
            text = open(f"{out}/{kind}-{width}-{lang}.txt", encoding="utf-8").read()
            where = f"{kind} at {width} ({lang})"
            assert "…" not in text, f"{where}: a cell was cut"
            wide = [l for l in text.splitlines() if columns(l) > width]
            assert not wide, f"{where}: line wider than {width}: {wide[0]!r}"
            for code in {r["unit"] for r in rows if r.get("unit")}:
                n = sum(1 for r in rows if r.get("unit") == code)
                assert text.count(f"({code})") == n, f"{where}: ({code}) {text.count(f'({code})')} times for {n} rows"
            for r in rows:
                values = []
                if kind == "vitals":
                    if r["systolic_mmhg"] is not None and r["diastolic_mmhg"] is not None:
                        values.append(f"{number(r['systolic_mmhg'])}/{number(r['diastolic_mmhg'])}")
                    values += [number(r[k]) for k in ("pulse_per_min", "weight_kg", "temperature_c", "height_cm", "bmi") if r[k] is not None]
                elif kind == "labs" and r["value"] is not None:
                    values.append(number(r["value"]))
                elif kind == "meds" and r["quantity"] is not None:
                    values.append(number(r["quantity"]))
                for v in values:
                    assert v in text, f"{where}: value {v} missing"
                    checked += 1

# Files: every unit of the record, name and hcode, whole.
record = json.load(open(f"{out}/all.json", encoding="utf-8"))["records"]
units = {(r["unit_name"], r["unit"]) for rows in record.values() for r in rows if r.get("unit_name") and r.get("unit")}
assert units, "no named units in the record"
for name in ["narrow.txt", "wide.txt"]:
    text = open(f"{out}/{name}", encoding="utf-8").read()
    assert "…" not in text, f"text export {name} cut a cell"
    for unit_name, code in units:
        assert f"{unit_name} ({code})" in text, f"text export {name} lacks {unit_name} ({code})"
pdf = open(f"{out}/pdf.txt", encoding="utf-8").read()
for unit_name, code in units:
    assert pdf.count(f"{unit_name} ({code})") > 1, f"the PDF's tables lack {unit_name} ({code}) on one line"
print(f"narrow tables: 4 kinds x 4 widths x 2 languages, {checked} values whole; {len(units)} units named in full in text and PDF")
PY

#!/usr/bin/env bash
# Issue 15, hazard 2: no filter hides an allergy. The sandbox's allergic, hypertensive adult
# is synced; the safety facts of the whole record (allergies, chronic conditions, current
# medicines: read from the unfiltered `phr show --json`, never hard-coded) must appear in
# every filtered view and export — the summary (English and Thai), the allergies table, the
# text export, the PDF (read back by pdftotext), FHIR and JSON — under every filter (--since
# as a span, a short span and a BE date, --unit for each unit and for a unit with nothing,
# --kind), and each filtered view/export says it is filtered. The clinic's view under a
# consent keeps them with --kind, and a consent that did not share allergies reads
# "not shared", never "none".
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/phr-env.sh
phr_env_start
fail() { echo "FAIL: $*" >&2; exit 1; }
out=$PHR_WORK/out; mkdir -m 700 "$out"

phr init >/dev/null
cid=$(sandbox_cid adult)
phr_login "$cid" 2>/dev/null
phr sync --quiet >/dev/null

# The facts, from the rows of the whole record (an oracle of its own, not phr's summary): one
# per line as "kind<TAB>text to find". Current medicines: dispensed within 180 days of the newest.
phr show --json >"$out/whole.json"
python3 - "$out/whole.json" >"$out/facts.tsv" <<'PY'
import datetime, json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
r = d["records"]
allergies = {a["substance"] for a in r["allergies"]}
chronic = {c["code"] for c in r["conditions"] if c["chronic"]}
assert allergies, "the sandbox's adult must have an allergy for this test"
assert chronic, "the sandbox's adult must have a chronic condition for this test"
when = lambda m: m.get("sort_date") or m["date"]   # the plausible date where there is one
day = lambda m: datetime.date.fromisoformat(when(m)[:10])
# Current medicines by the rule of docs/show-export.md ("Current medicines"): refilled at
# intervals (2+ days, 28+ days first to last, median gap <= 120) and not overdue at the latest
# refill visit (<= max(60, 2 x gap)), or given once at that visit; acute courses are not current.
days = {}
for m in r["meds"]:
    if when(m): days.setdefault(m["name"], set()).add(day(m).toordinal())
def interval(ds):
    ds = sorted(ds)
    if len(ds) < 2 or ds[-1] - ds[0] < 28: return None
    gap = sorted(b - a for a, b in zip(ds, ds[1:]))[(len(ds) - 1) // 2]
    return gap if gap <= 120 else None
refills = {n: interval(ds) for n, ds in days.items()}
last_refill = max(max(days[n]) for n, g in refills.items() if g)
current = {n for n, g in refills.items()
           if (g and last_refill - max(days[n]) <= max(60, 2 * g)) or (not g and max(days[n]) == last_refill)}
assert current, "the sandbox's adult must have a current medicine for this test"
for a in sorted(allergies): print("allergy\t" + a)
for c in sorted(chronic): print("chronic\t" + c)
for m in sorted(current): print("med\t" + m.split(" ")[0])   # wrapping may split a name at a space
units = sorted({row["unit"] for rows in r.values() for row in rows if row["unit"]})
print("units\t" + " ".join(units))
PY
units=$(sed -n 's/^units\t//p' "$out/facts.tsv")
# has_facts FILE WHAT KINDS…: FILE names every fact of KINDS (allergy, chronic, med); line
# breaks (wrapping, pdftotext) count as spaces.
has_facts() {
  local file=$1 what=$2 kind text; shift 2
  while IFS=$'\t' read -r kind text; do
    [[ " $* " == *" $kind "* ]] || continue
    tr '\n' ' ' <"$file" | grep -qF -- "$text" || fail "$what: the $kind '$text' of the whole record is missing"
  done <"$out/facts.tsv"
}
# says FILE TEXT: FILE says TEXT (line breaks count as spaces).
says() { tr '\n' ' ' <"$1" | grep -qF -- "$2"; }

filters=("--since 1y" "--since 30d" "--since 2568-01-01" "--unit 99999")
for u in $units; do filters+=("--unit $u"); done
n=0
for f in "${filters[@]}"; do
  n=$((n + 1))
  # shellcheck disable=SC2086  # $f is two words on purpose
  {
    phr show $f --lang en >"$out/s$n.txt"
    has_facts "$out/s$n.txt" "show $f" allergy chronic med
    says "$out/s$n.txt" "from the whole record" || fail "show $f does not say it is filtered"
    grep -q "none recorded" "$out/s$n.txt" && fail "show $f says there are no allergies"
    PHR_LANG=th phr show $f >"$out/th$n.txt"
    has_facts "$out/th$n.txt" "show $f (th)" allergy chronic med
    grep -q "มาจากข้อมูลทั้งหมด" "$out/th$n.txt" || fail "show $f (th) does not say it is filtered"
    phr show allergies $f --lang en >"$out/a$n.txt"
    grep -q "none stored" "$out/a$n.txt" && fail "show allergies $f says none are stored"
    says "$out/a$n.txt" "in the whole record" || has_facts "$out/a$n.txt" "show allergies $f" allergy
    phr export --format text $f -o "$out/t$n.txt" 2>/dev/null
    has_facts "$out/t$n.txt" "export text $f" allergy chronic med
    says "$out/t$n.txt" "from the whole record" || fail "export text $f does not say it is filtered"
    phr export --format pdf $f --lang en -o "$out/p$n.pdf" 2>/dev/null
    pdftotext -raw "$out/p$n.pdf" "$out/p$n.txt"
    has_facts "$out/p$n.txt" "export pdf $f" allergy chronic med
    says "$out/p$n.txt" "from the whole record" || fail "the PDF $f does not say it is filtered"
    phr export --format fhir $f -o "$out/f$n.json" 2>/dev/null
    phr export --format json $f -o "$out/j$n.json" 2>/dev/null
  }
  python3 - "$out/facts.tsv" "$out/f$n.json" "$out/j$n.json" "$f" <<'PY'
import json, sys
facts = [l.rstrip("\n").split("\t", 1) for l in open(sys.argv[1], encoding="utf-8")]
bundle = json.load(open(sys.argv[2], encoding="utf-8"))
flat = json.load(open(sys.argv[3], encoding="utf-8"))
where = sys.argv[4]
resources = [e["resource"] for e in bundle["entry"]]
allergies = {r["code"].get("text") or r["code"]["coding"][0].get("display") for r in resources if r["resourceType"] == "AllergyIntolerance"}
# ICD-10 codes are dotted in FHIR (E11.9) whatever the row sent (E119); a pseudo-code is text only.
conditions = {c["code"].replace(".", "") for r in resources if r["resourceType"] == "Condition" for c in r["code"].get("coding", [])}
meds = " ".join(r["medicationCodeableConcept"]["text"] for r in resources if r["resourceType"] == "MedicationStatement")
for kind, text in facts:
    if kind == "allergy": assert text in allergies, f"FHIR {where}: allergy {text} missing"
    if kind == "chronic": assert text.replace(".", "") in conditions, f"FHIR {where}: chronic {text} missing"
    if kind == "med": assert text in meds, f"FHIR {where}: current medicine {text} missing"
section = {s["title"]: s for s in next(r for r in resources if r["resourceType"] == "Composition")["section"]}
assert "entry" in section["Allergies and Intolerances"], f"FHIR {where}: the allergy section is empty"
assert flat["filter"] is not None, f"JSON {where}: the filter is not named"
assert {a["substance"] for a in flat["safety"]["allergies"]} >= {t for k, t in facts if k == "allergy"}, f"JSON {where}: safety.allergies"
assert {c["code"] for c in flat["safety"]["chronic_conditions"]} >= {t for k, t in facts if k == "chronic"}, f"JSON {where}: safety.chronic_conditions"
PY
done
python3 Tests/Oracle/fhir_validate.py "$out/f1.json" >/dev/null || fail "the filtered FHIR bundle is not valid"

# --kind narrows the tables, never the summary.
phr export --format text --kind vitals -o "$out/kind.txt" 2>/dev/null
has_facts "$out/kind.txt" "export text --kind vitals" allergy chronic med
says "$out/kind.txt" "only Vital signs" || fail "export --kind vitals does not say it shows vitals only"
phr export --format pdf --kind vitals --lang en -o "$out/kind.pdf" 2>/dev/null
pdftotext -raw "$out/kind.pdf" "$out/kind-pdf.txt"
has_facts "$out/kind-pdf.txt" "export pdf --kind vitals" allergy chronic med

# The clinic: --kind keeps the safety facts a consent covers; what it did not share is "not shared".
code=$(PHR_LANG=en phr share create --kinds all --for 10699 | sed -n 's/^Consent code: \([0-9A-Z-]*\)$/\1/p')
clinic_fetch "$code" --cid "$cid" --unit 10699 --kind vitals --lang en >"$out/clinic.txt" 2>/dev/null
has_facts "$out/clinic.txt" "clinic fetch --kind vitals" allergy chronic med
says "$out/clinic.txt" "from the whole record" || fail "the clinic's --kind view does not say it is filtered"
clinic_fetch "$code" --cid "$cid" --unit 10699 --kind vitals --format pdf -o "$out/clinic.pdf" --lang en 2>/dev/null
pdftotext -raw "$out/clinic.pdf" "$out/clinic-pdf.txt"
has_facts "$out/clinic-pdf.txt" "clinic fetch --kind vitals --format pdf" allergy chronic med
code=$(PHR_LANG=en phr share create --kinds vitals,meds --for 10699 | sed -n 's/^Consent code: \([0-9A-Z-]*\)$/\1/p')
clinic_fetch "$code" --cid "$cid" --unit 10699 --lang en >"$out/scoped.txt" 2>/dev/null
grep -q "^Allergies *not shared under this consent" "$out/scoped.txt" || fail "allergies not consented do not read 'not shared': $(grep Allergies "$out/scoped.txt")"
grep -q "^Chronic *not shared under this consent" "$out/scoped.txt" || fail "conditions not consented do not read 'not shared'"
grep -q "none recorded" "$out/scoped.txt" && fail "a kind that was not shared reads 'none recorded'"
has_facts "$out/scoped.txt" "clinic fetch (vitals, meds)" med
code=$(PHR_LANG=en phr share create --kinds vitals,meds --for 10699 | sed -n 's/^Consent code: \([0-9A-Z-]*\)$/\1/p')
PHR_LANG=th clinic_fetch "$code" --cid "$cid" --unit 10699 >"$out/scoped-th.txt" 2>/dev/null
grep -q "ไม่ได้แชร์ในรหัสยินยอมนี้" "$out/scoped-th.txt" && ! grep -q "ไม่มีบันทึก" "$out/scoped-th.txt" || fail "Thai: not shared"
echo "safety facts: ${#filters[@]} filters × show/export text/pdf/fhir/json, --kind, clinic fetch: nothing hidden"

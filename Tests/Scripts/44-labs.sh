#!/usr/bin/env bash
# Lab results end to end, for every seeded citizen (one profile each): after `phr sync` the
# stored lab results are exactly the sandbox's Observation&mode=Encounter rows (no row twice,
# none lost); `phr show labs` titles its table with that count, `--chart` and `--test` work
# (also with no results at all: the infant); `--test hba1c --json` gives only HbA1c; the FHIR
# export validates (fhir.resources and the code-system oracle) and carries one laboratory
# Observation per result, with LOINC exactly when the row had a LOINC code; the summary's
# "Latest labs" lines are there for a citizen with HbA1c/eGFR/LDL. Then a store synced with
# every kind but labs gains them from `phr sync --kind labs`, and nothing else changes.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/phr-env.sh
phr_env_start
fail() { echo "FAIL: $*" >&2; exit 1; }

"$PHR_BIN_DIR/phr-sandbox" citizens --seed "$PHR_SEED" --json >"$PHR_WORK/citizens.json"
python3 -c '
import json, sys
for c in json.load(open(sys.argv[1])):
    print(c["cid"], c["kind"], c["rows_by_action"].get("Observation&mode=Encounter", 0))' "$PHR_WORK/citizens.json" >"$PHR_WORK/list"

n=0
while read -r cid kind labs; do
  n=$((n + 1))
  unset PHR_PROFILE
  if [ "$n" -eq 1 ]; then phr init >/dev/null
  else phr profile add "p$n" --shared-passphrase >/dev/null; export PHR_PROFILE="p$n"; fi
  phr_login "$cid" >/dev/null 2>&1
  phr sync --quiet >"$PHR_WORK/sync.out" 2>&1 || { cat "$PHR_WORK/sync.out" >&2; fail "$kind: sync"; }
  grep -q "phr sync --full --kind labs" "$PHR_WORK/sync.out" && fail "$kind: the service's lab totals say results are missing"

  stored=$(phr show --json | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["records"]["labs"]))')
  [ "$stored" -eq "$labs" ] || fail "$kind $cid: $stored lab results stored, the sandbox serves $labs"

  out=$(PHR_LANG=en phr show labs)
  if [ "$labs" -gt 0 ]; then
    grep -q "^Lab results ($labs)" <<<"$out" || fail "$kind: the labs table is not titled with $labs"
  else
    grep -q "^Lab results (0)" <<<"$out" || fail "$kind: no results must say so"
  fi
  PHR_LANG=en phr show labs --chart >"$PHR_WORK/chart.txt" || fail "$kind: labs chart"
  PHR_LANG=th phr show labs --test fbs --limit 3 >/dev/null || fail "$kind: --test fbs"

  phr show labs --test hba1c --json | python3 -c '
import json, sys
rows = json.load(sys.stdin)["records"]["labs"]
bad = [r for r in rows if r["test"] != "hba1c"]
assert not bad, f"--test hba1c gave {bad[0]}"' || fail "$kind: --test hba1c"

  phr export --format fhir -o "$PHR_WORK/ips-$n.json" >/dev/null 2>&1
  python3 Tests/Oracle/fhir_validate.py "$PHR_WORK/ips-$n.json" >"$PHR_WORK/fhir-$n.txt" || { cat "$PHR_WORK/fhir-$n.txt" >&2; fail "$kind: FHIR bundle"; }
  phr show labs --json | python3 -c '
import json, sys
rows = json.load(sys.stdin)["records"]["labs"]
counts = json.load(open(sys.argv[1]))
loinc = sum(1 for r in rows if r["test_system"] == "http://loinc.org")
fhir, fhir_loinc = counts.get("labs", 0), counts.get("labs_loinc", 0)
assert fhir == len(rows), f"{fhir} lab Observations for {len(rows)} results"
assert fhir_loinc == loinc, f"{fhir_loinc} with LOINC, {loinc} rows had a LOINC code"' "$PHR_WORK/fhir-$n.txt" \
    || fail "$kind: FHIR labs"

  if [ "$labs" -gt 0 ] && grep -q "^eGFR\|^LDL\|^HbA1c" "$PHR_WORK/chart.txt"; then
    PHR_LANG=en phr show | grep -q "^Latest labs" || fail "$kind: the summary has no Latest labs line"
  fi
  echo "$kind $cid: $labs lab results, chart and FHIR ok"
done <"$PHR_WORK/list"

# A store synced before labs (every other kind) gains only the lab results.
unset PHR_PROFILE
read -r cid _ labs < <(grep " adult " "$PHR_WORK/list" | head -n1)
phr profile add late --shared-passphrase >/dev/null
export PHR_PROFILE=late
phr_login "$cid" >/dev/null 2>&1
phr sync --quiet --kind vitals,conditions,meds,allergies,vaccines,coverage,encounters >/dev/null
before=$(phr show --json | python3 -c 'import json, sys; d = json.load(sys.stdin)["records"]; print(len(d["labs"]), sum(len(r) for r in d.values()))')
[ "${before%% *}" -eq 0 ] || fail "labs stored without --kind labs"
phr sync --kind labs >"$PHR_WORK/late.out" 2>&1
after=$(phr show --json | python3 -c 'import json, sys; d = json.load(sys.stdin)["records"]; print(len(d["labs"]), sum(len(r) for r in d.values()))')
[ "${after%% *}" -eq "$labs" ] || fail "phr sync --kind labs stored ${after%% *} of $labs"
[ "${after##* }" -eq $(( ${before##* } + labs )) ] || fail "phr sync --kind labs changed other kinds: ${before} → ${after}"
grep -q "^labs *$labs " "$PHR_WORK/late.out" || { cat "$PHR_WORK/late.out" >&2; fail "the sync report does not count $labs new lab results"; }
echo "a store synced before labs gained $labs results and nothing else"
echo "44-labs: ok"

#!/usr/bin/env python3
"""Rebuilds the fixtures in this directory from the ministry's SPEC.md (see README.md).

usage: git -C <moph-phr-payload-test> show HEAD:SPEC.md | python3 extract.py
Each fixture is one ```json block of SPEC.md, found by the heading it follows; it is parsed
and written back with 2-space indentation, key order, types and values unchanged.
"""
import json
import os
import re
import sys

# fixture file -> (heading the block follows, which ```json block after it, counting from 0)
FIXTURES = {
    "patient-summary.json": ("### PatientSummary", 0),
    "address.json": ("### Address", 0),
    "telecom.json": ("### Telecom", 0),
    "coverage.json": ("### Coverage", 0),
    "coverage-detail.json": ("### Coverage", 1),
    "encounter.json": ("### Encounter", 0),
    "vital-sign.json": ("### VitalSign", 0),
    "condition.json": ("### Condition", 0),
    "condition-encounter.json": ("### Condition", 1),
    "observation.json": ("### Observation", 0),
    "observation-encounter.json": ("### Observation", 1),
    "medication.json": ("### Medication", 0),
    "medication-encounter.json": ("### Medication", 1),
    "read-request.json": ("## api ที่ใช้ดึงข้อมูล PHR", 0),
    "healthid-token.json": ("### ขั้นตอนวิธีการที่ 3", 0),
    "oauth2-token.json": ("# ภาคผนวก ข.", 0),
    "get-phr-otp-request.json": ("# ภาคผนวก ข.", 1),
    "get-phr-otp.json": ("# ภาคผนวก ข.", 2),
    "self-observation.json": ("### api QuickObservation", 0),
    "report-encounter-request.json": ("### api สำหรับแจ้งข้อมูล Encounter ไม่ถูกต้อง", 0),
    "report-encounter.json": ("### api สำหรับแจ้งข้อมูล Encounter ไม่ถูกต้อง", 1),
}

# Blocks SPEC publishes as invalid JSON, repaired by the smallest edit (README.md lists them).
REPAIRS = {
    # An unquoted key and a missing comma after "reference_id".
    "self-observation.json": [(r"\n(\s*)observation_ref_code(\s*):", r'\n\1"observation_ref_code"\2:'),
                              (r'("reference_id"\s*:\s*"[^"]*")\s*\n', r"\1,\n")],
    # A // comment after a value.
    "report-encounter.json": [(r"\s*//[^\n]*", "")],
}


def blocks_after(lines, heading):
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(heading))
    i = start + 1
    while i < len(lines):
        if lines[i].strip() == "```json":
            j = i + 1
            while lines[j].strip() != "```":
                j += 1
            yield "\n".join(lines[i + 1:j])
            i = j
        i += 1


def main():
    spec = sys.stdin.read().replace("\r\n", "\n")
    lines = spec.split("\n")
    here = os.path.dirname(os.path.abspath(__file__))
    # The Account Center request is only shown inside a shell script: tmpjson='{…}'.
    account = json.loads(re.search(r"tmpjson='(\{.*?\})'", spec).group(1))
    with open(os.path.join(here, "account-center-request.json"), "w", encoding="utf-8") as f:
        json.dump(account, f, ensure_ascii=False, indent=2)
        f.write("\n")
    for name, (heading, index) in FIXTURES.items():
        text = list(blocks_after(lines, heading))[index]
        for pattern, replacement in REPAIRS.get(name, []):
            text = re.sub(pattern, replacement, text)
        value = json.loads(text)
        with open(os.path.join(here, name), "w", encoding="utf-8") as f:
            json.dump(value, f, ensure_ascii=False, indent=2)
            f.write("\n")
        print(name)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Independent check of a phr FHIR export: parses the bundle with fhir.resources (R4B models,
the R4-compatible release on PyPI) so every element, type and cardinality is validated, then
checks the IPS shape phr promises and that every code sits in a system a receiving system
accepts, with that system's code shape (below, written from the systems' own definitions:
WHO ICD-10, the SIL-TH terminology IG and TH Core, LOINC, UCUM, HL7). Prints one JSON line of
counts; exits 1 with the reason.

usage: fhir_validate.py BUNDLE.json
"""
import json
import re
import sys
from collections import Counter

from fhir.resources.R4B.bundle import Bundle


# system -> the shape (regex) or the set of its codes.
SIL = "https://terms.sil-th.org/core/CodeSystem/"
HL7 = "http://terminology.hl7.org/CodeSystem/"
CODE_SHAPES = {
    "http://hl7.org/fhir/sid/icd-10": re.compile(r"[A-Z][0-9]{2}(\.[0-9])?"),      # WHO: E11.9, I10
    SIL + "cs-th-icd10tm": re.compile(r"[A-Z][0-9]{2}[0-9A-Z]{2,4}"),             # Thai extension codes, as sent
    SIL + "cs-th-tmt": re.compile(r"[0-9]{6,7}"),                                  # TMT ids
    SIL + "cs-th-24drug": re.compile(r"[0-9]{24}"),
    SIL + "cs-thcc-vaccine-code": re.compile(r"[0-9A-Z]{3}"),                      # 43-file codes: 010, D21, C19
    SIL + "cs-th-coverage-type": {"UCS", "OFC", "SSS", "LGO", "OGO", "RAA", "PI", "SP", "OTH"},
    SIL + "cs-th-identifier-type": {"cid", "hcode"},
    "http://loinc.org": re.compile(r"[0-9]{1,7}-[0-9]"),
    "http://unitsofmeasure.org": re.compile(r"[!-~]+"),                            # UCUM: printable, no spaces
    HL7 + "v3-ObservationInterpretation": {"H", "HH", "L", "LL", "N", "A", "AA"},
    HL7 + "observation-category": {"vital-signs", "laboratory"},
    HL7 + "condition-category": {"problem-list-item", "encounter-diagnosis"},
    HL7 + "condition-clinical": {"active"},
    HL7 + "allergyintolerance-clinical": {"active"},
    HL7 + "allergyintolerance-verification": {"confirmed"},
    HL7 + "list-empty-reason": {"withheld", "unavailable", "notasked"},
    HL7 + "provenance-participant-type": {"author", "assembler"},
    HL7 + "coverage-class": {"subgroup"},
    HL7 + "data-absent-reason": {"unknown"},
}


def codings(node):
    """Every (system, code) pair in a resource, codings and Quantities alike."""
    if isinstance(node, dict):
        if "system" in node and "code" in node:
            yield node["system"], node["code"]
        for v in node.values():
            yield from codings(v)
    elif isinstance(node, list):
        for v in node:
            yield from codings(v)


def cid_ok(digits):
    if not re.fullmatch(r"[0-9]{13}", digits):
        return False
    check = (11 - sum(int(d) * (13 - i) for i, d in enumerate(digits[:12])) % 11) % 10
    return check == int(digits[12])


def rtype(resource):
    return resource.get_resource_type()


def fail(msg):
    print(f"fhir_validate: {msg}", file=sys.stderr)
    sys.exit(1)


def main(path):
    raw = json.load(open(path, encoding="utf-8"))
    try:
        bundle = Bundle.model_validate(raw) if hasattr(Bundle, "model_validate") else Bundle.parse_obj(raw)
    except Exception as e:  # the validator's own message names the element
        fail(f"not valid FHIR: {str(e)[:2000]}")
    if bundle.type != "document":
        fail(f"bundle type {bundle.type}, expected document")
    entries = bundle.entry or []
    types = Counter(rtype(e.resource) for e in entries)
    if not entries or rtype(entries[0].resource) != "Composition":
        fail("the first entry must be the Composition")
    urls = {e.fullUrl for e in entries}
    if len(urls) != len(entries):
        fail("duplicate fullUrl")
    # Every reference resolves inside the bundle.
    def refs(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "reference" and isinstance(v, str):
                    yield v
                else:
                    yield from refs(v)
        elif isinstance(node, list):
            for v in node:
                yield from refs(v)
    dangling = [r for r in refs(raw) if r not in urls]
    if dangling:
        fail(f"{len(dangling)} references do not resolve, e.g. {dangling[0]}")
    patients = [e.resource for e in entries if rtype(e.resource) == "Patient"]
    if len(patients) != 1:
        fail(f"{len(patients)} Patient resources")
    ids = patients[0].identifier or []
    if not any(i.system == "https://terms.sil-th.org/id/th-cid" and cid_ok(i.value)
               and i.type and i.type.coding[0].system == SIL + "cs-th-identifier-type" and i.type.coding[0].code == "cid" for i in ids):
        fail("Patient has no Thai CID identifier (TH Core identifier[cid]: system th-cid, type cid, 13 digits with the check digit)")
    for e in entries:
        if rtype(e.resource) == "Organization":
            hcodes = [i for i in (e.resource.identifier or []) if i.system == "https://terms.sil-th.org/id/th-moph-hcode"]
            if not hcodes or not re.fullmatch(r"[0-9]{5}|[0-9]{9}", hcodes[0].value) or hcodes[0].type.coding[0].code != "hcode":
                fail("an Organization without its hcode (TH Core identifier[hcode])")
    for system, code in codings(raw):
        shape = CODE_SHAPES.get(system)
        if shape is None:
            fail(f"code {code!r} in a system a receiving system does not know: {system}")
        if isinstance(shape, set) and code not in shape or not isinstance(shape, set) and not shape.fullmatch(code):
            fail(f"code {code!r} does not have the shape of {system}")
    coverages = [e.resource for e in entries if rtype(e.resource) == "Coverage"]
    rights = {(c.type.text, tuple(k.value for k in c.class_fhir or []), c.payor[0].display) for c in coverages}
    if len(rights) != len(coverages):
        fail("two Coverage resources for the same right (one per distinct right, not per visit)")
    composition = entries[0].resource
    sections = {s.code.coding[0].code for s in composition.section}
    for loinc in ("11450-4", "10160-0", "48765-2"):  # IPS required sections
        if loinc not in sections:
            fail(f"IPS section {loinc} missing")
    labs = Counter()
    for e in entries:
        r = e.resource
        if rtype(r) != "Observation":
            continue
        category = r.category[0].coding[0].code
        if category == "vital-signs":
            if not r.code.coding or r.code.coding[0].system != "http://loinc.org":
                fail("a vital-sign Observation without a LOINC code")
            q = r.valueQuantity or (r.component[0].valueQuantity if r.component else None)
            if q is None or q.system != "http://unitsofmeasure.org":
                fail("a vital-sign Observation without a UCUM quantity")
        else:
            # A lab result: LOINC when the lab sent one, else its name as text only; a number as
            # a Quantity (UCUM when its unit is known), else text, else the reason it is absent.
            if r.code.coding and r.code.coding[0].system != "http://loinc.org" or not (r.code.coding or r.code.text):
                fail("a laboratory Observation coded outside LOINC, or without a name")
            if r.valueQuantity is None and r.valueString is None and r.dataAbsentReason is None:
                fail("a laboratory Observation without a value or a reason for none")
            labs["labs"] += 1
            labs["labs_loinc"] += 1 if r.code.coding else 0
            labs["labs_ucum"] += 1 if r.valueQuantity is not None and r.valueQuantity.system else 0
    print(json.dumps({"entries": len(entries), **dict(sorted(types.items())), **dict(sorted(labs.items()))}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])

#!/usr/bin/env python3
"""Independent check of a phr FHIR export: parses the bundle with fhir.resources (R4B models,
the R4-compatible release on PyPI) so every element, type and cardinality is validated, then
checks the IPS shape phr promises. Prints one JSON line of counts; exits 1 with the reason.

usage: fhir_validate.py BUNDLE.json
"""
import json
import sys
from collections import Counter

from fhir.resources.R4B.bundle import Bundle


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
    if not any(i.system == "https://terms.sil-th.org/id/th-cid" and len(i.value) == 13 for i in ids):
        fail("Patient has no Thai CID identifier")
    composition = entries[0].resource
    sections = {s.code.coding[0].code for s in composition.section}
    for loinc in ("11450-4", "10160-0", "48765-2"):  # IPS required sections
        if loinc not in sections:
            fail(f"IPS section {loinc} missing")
    for e in entries:
        r = e.resource
        if rtype(r) == "Observation":
            if r.code.coding[0].system != "http://loinc.org":
                fail("an Observation without a LOINC code")
            q = r.valueQuantity or (r.component[0].valueQuantity if r.component else None)
            if q is None or q.system != "http://unitsofmeasure.org":
                fail("an Observation without a UCUM quantity")
    print(json.dumps({"entries": len(entries), **dict(sorted(types.items()))}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])

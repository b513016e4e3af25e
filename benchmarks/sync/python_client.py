#!/usr/bin/env python3
"""The baseline for `make bench`: a straightforward Python PHR client.

It does what `phr sync` does, the way a competent integrator would write it in an afternoon:
requests.Session, one Action after another, then one Condition and one Medication request per
encounter, every row upserted by a natural key into a SQLCipher 4 file (apsw-sqlite3mc,
cipher=sqlcipher legacy=4) in one transaction per Action. A second run against the same file
re-downloads everything and finds every row unchanged (the real service has no `since`).

Usage: python_client.py --server URL --cid CID --otp OTP --client-token JWT --db FILE --passphrase P
Prints one JSON line: {"requests": n, "rows": n, "new": n, "unchanged": n, "seconds": s}.
"""
import argparse
import hashlib
import json
import sys
import time

import apsw
import requests

LIST_ACTIONS = [
    ("PatientSummary", {}), ("Address", {}), ("Telecom", {}), ("Encounter", {}),
    ("VitalSign", {}), ("NCD", {}), ("Allergy", {}),
    ("Immunization", {"mode": "Detail"}), ("Coverage", {"mode": "Detail"}),
]
PER_ENCOUNTER = ["Condition", "Medication"]


def open_db(path, passphrase):
    db = apsw.Connection(path)
    db.pragma("cipher", "sqlcipher")
    db.pragma("legacy", 4)
    db.pragma("key", passphrase)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE IF NOT EXISTS rows(action TEXT, key TEXT, hash TEXT, body TEXT, PRIMARY KEY(action, key))")
    return db


def main():
    ap = argparse.ArgumentParser()
    for name in ("server", "cid", "otp", "client-token", "db", "passphrase"):
        ap.add_argument("--" + name, required=True)
    a = ap.parse_args()

    http = requests.Session()
    http.headers["Authorization"] = "Bearer " + a.client_token
    body = {"cid": a.cid, "otp": a.otp}
    db = open_db(a.db, a.passphrase)
    stats = {"requests": 0, "rows": 0, "new": 0, "unchanged": 0}
    start = time.perf_counter()

    def fetch(action, params):
        r = http.post(a.server + "/api/WebApp", params={"Action": action, **params}, json=body, timeout=120)
        r.raise_for_status()
        stats["requests"] += 1
        result = r.json()["result"]
        return result if isinstance(result, list) else [result]

    def store(action, rows, key_of):
        with db:
            for row in rows:
                text = json.dumps(row, sort_keys=True, ensure_ascii=False)
                digest = hashlib.sha256(text.encode()).hexdigest()
                key = key_of(row, text)
                old = db.execute("SELECT hash FROM rows WHERE action=? AND key=?", (action, key)).fetchall()
                if old and old[0][0] == digest:
                    stats["unchanged"] += 1
                else:
                    db.execute("INSERT OR REPLACE INTO rows VALUES(?,?,?,?)", (action, key, digest, text))
                    stats["new"] += 1
                stats["rows"] += 1

    def content_key(row, text):
        return hashlib.sha256(text.encode()).hexdigest()

    encounters = []
    for action, params in LIST_ACTIONS:
        rows = fetch(action, params)
        if action == "Encounter":
            encounters = [r["encounter_ref_code"] for r in rows if r.get("encounter_ref_code")]
        store(action, rows, content_key)
    for ref in encounters:
        for action in PER_ENCOUNTER:
            rows = fetch(action, {"mode": "Encounter", "Code": ref})
            store(action, rows, content_key)

    stats["seconds"] = round(time.perf_counter() - start, 3)
    print(json.dumps(stats))


if __name__ == "__main__":
    sys.exit(main())
